/* grm-pdf-sidebar.h: page thumbnails and the outline of the current
 * document, both jumping to a page when activated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-pdf-view.h"

G_BEGIN_DECLS

#define GRM_TYPE_PDF_SIDEBAR (grm_pdf_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfSidebar, grm_pdf_sidebar, GRM, PDF_SIDEBAR, GtkWidget)

GtkWidget *grm_pdf_sidebar_new      (void);
void       grm_pdf_sidebar_set_view (GrmPdfSidebar *self,
                                     GrmPdfView    *view);

G_END_DECLS
