/* grm-pdf-encryption.h: a look at a PDF's encryption dictionary, without
 * Poppler, to tell "needs a password" from "encryption is damaged".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean grm_pdf_encryption_looks_damaged (GFile        *file,
                                           GCancellable *cancellable);
gboolean grm_pdf_encryption_dict_is_damaged (const char *data,
                                             gsize       length);

G_END_DECLS
