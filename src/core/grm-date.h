/* grm-date.h: liberal parsing of the dates and date-times OParl servers send.
 *
 * Servers write offsets like "+01::00", leave the offset out, add fractions
 * of seconds or send impossible dates. These functions accept what can be
 * understood, drop what cannot (returning FALSE), and produce one strict
 * form for the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Parses a date-time ("2020-01-02T10:00:00+01:00", "+01::00", "Z", no
 * offset = Europe/Berlin, fractions, a space for "T", a date alone = its
 * midnight). On success sets *@normalized (owned, may be NULL-pointer) to
 * "YYYY-MM-DDTHH:MM:SS+HH:MM" and *@utc to the unix time. */
gboolean  grm_date_parse_datetime (const char  *text,
                                   char       **normalized,
                                   gint64      *utc);

/* Parses a date ("2020-01-02", or the date part of a date-time). Sets
 * *@normalized to "YYYY-MM-DD". */
gboolean  grm_date_parse_date     (const char  *text,
                                   char       **normalized);

/* Formats @utc as "YYYY-MM-DDTHH:MM:SSZ" (no fraction, nothing that needs
 * escaping in a query), the form sent as modified_since. */
char     *grm_date_format_utc     (gint64       utc);

G_END_DECLS
