/* grm-fold.h: the canonical form of German text for the search index.
 *
 * Text and queries are both folded the same way before they meet in the
 * index, so "Strasse" finds "Straße" and "Muenchen" finds "München":
 * lower case; diacritics removed (ä → a, é → e, ligatures split); ß → ss;
 * the transcriptions ae, oe, ue → a, o, u; words broken by a hyphen at the
 * end of a line joined again; everything that is not a letter or a digit
 * becomes a space. Drucksachen numbers such as "0123/2020" or "V-4/2007"
 * (letters and digits joined by '/' or '-', with at least one '/' and one
 * digit) are kept as one word whose joiners become '_'.
 *
 * The output contains only lower-case ASCII letters, digits, '_', ' ' and
 * non-Latin letters (Cyrillic, Arabic, …) in lower case.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends the folded form of @text (UTF-8, @len bytes or -1) to @out. When
 * @map is not NULL, appends one guint32 per byte written to @out: the byte
 * offset in @text of the character that byte came from. */
void   grm_fold_append (GString    *out,
                        const char *text,
                        gssize      len,
                        GArray     *map);

/* The folded form of @text (UTF-8, @len bytes or -1). */
char  *grm_fold        (const char *text,
                        gssize      len);

G_END_DECLS
