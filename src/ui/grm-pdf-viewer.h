/* grm-pdf-viewer.h: the PDF viewer page hosted by the main window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GRM_TYPE_PDF_VIEWER (grm_pdf_viewer_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfViewer, grm_pdf_viewer, GRM, PDF_VIEWER, GtkWidget)

GtkWidget *grm_pdf_viewer_new      (void);
void       grm_pdf_viewer_open     (GrmPdfViewer *self,
                                    GFile        *file,
                                    const char   *title,
                                    int           page,
                                    const char   *highlight);
/* The viewer brings its own header bar (with the window's title buttons);
 * a host that hides its own header puts its back button here. */
void       grm_pdf_viewer_pack_start (GrmPdfViewer *self,
                                      GtkWidget    *widget);
/* The view of the selected tab once its document is open, else NULL. */
GtkWidget *grm_pdf_viewer_get_view (GrmPdfViewer *self);

G_END_DECLS
