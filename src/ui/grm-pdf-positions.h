/* grm-pdf-positions.h: the last page and zoom of each document, kept in a
 * small key file in the user's state directory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GRM_TYPE_PDF_POSITIONS (grm_pdf_positions_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfPositions, grm_pdf_positions, GRM, PDF_POSITIONS, GObject)

GrmPdfPositions *grm_pdf_positions_new    (const char      *path);
gboolean         grm_pdf_positions_lookup (GrmPdfPositions *self,
                                           GFile           *file,
                                           int             *page,
                                           double          *zoom);
void             grm_pdf_positions_store  (GrmPdfPositions *self,
                                           GFile           *file,
                                           int              page,
                                           double           zoom);

G_END_DECLS
