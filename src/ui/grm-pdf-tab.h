/* grm-pdf-tab.h: one document in the viewer: loading, password prompt,
 * error page, and the view once the document is open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-pdf-view.h"

G_BEGIN_DECLS

#define GRM_TYPE_PDF_TAB (grm_pdf_tab_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfTab, grm_pdf_tab, GRM, PDF_TAB, AdwBin)

GrmPdfTab      *grm_pdf_tab_new          (GFile      *file,
                                          const char *title);
void            grm_pdf_tab_load         (GrmPdfTab  *self,
                                          int         page,
                                          double      zoom,
                                          const char *highlight);
GFile          *grm_pdf_tab_get_file     (GrmPdfTab  *self);
const char     *grm_pdf_tab_get_title    (GrmPdfTab  *self);
/* NULL until the document is open */
GrmPdfView     *grm_pdf_tab_get_view     (GrmPdfTab  *self);
GrmPdfDocument *grm_pdf_tab_get_document (GrmPdfTab  *self);
const GError   *grm_pdf_tab_get_error    (GrmPdfTab  *self);

G_END_DECLS
