/* grm-pdf-view.h: a scrollable, zoomable view of one PDF document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-pdf-document.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_PDF_SIZING_FIT_WIDTH,
  GRM_PDF_SIZING_FIT_PAGE,
  GRM_PDF_SIZING_FREE,
} GrmPdfSizing;

#define GRM_TYPE_PDF_VIEW (grm_pdf_view_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfView, grm_pdf_view, GRM, PDF_VIEW, GtkWidget)

GtkWidget      *grm_pdf_view_new               (void);
void            grm_pdf_view_set_document      (GrmPdfView     *self,
                                                GrmPdfDocument *document);
GrmPdfDocument *grm_pdf_view_get_document      (GrmPdfView     *self);

guint           grm_pdf_view_get_page          (GrmPdfView     *self);
void            grm_pdf_view_set_page          (GrmPdfView     *self,
                                                guint           page);
void            grm_pdf_view_scroll_to         (GrmPdfView     *self,
                                                guint           page,
                                                double          y);

double          grm_pdf_view_get_zoom          (GrmPdfView     *self);
void            grm_pdf_view_set_zoom          (GrmPdfView     *self,
                                                double          zoom);
GrmPdfSizing    grm_pdf_view_get_sizing        (GrmPdfView     *self);
void            grm_pdf_view_set_sizing        (GrmPdfView     *self,
                                                GrmPdfSizing    sizing);
void            grm_pdf_view_zoom_in           (GrmPdfView     *self);
void            grm_pdf_view_zoom_out          (GrmPdfView     *self);

int             grm_pdf_view_get_rotation      (GrmPdfView     *self);
void            grm_pdf_view_set_rotation      (GrmPdfView     *self,
                                                int             rotation);

gboolean        grm_pdf_view_get_night         (GrmPdfView     *self);
void            grm_pdf_view_set_night         (GrmPdfView     *self,
                                                gboolean        night);

void            grm_pdf_view_find              (GrmPdfView     *self,
                                                const char     *text,
                                                int             page);
void            grm_pdf_view_find_next         (GrmPdfView     *self,
                                                gboolean        backwards);
guint           grm_pdf_view_get_n_matches     (GrmPdfView     *self);
int             grm_pdf_view_get_current_match (GrmPdfView     *self);

void            grm_pdf_view_select_page       (GrmPdfView     *self);
gboolean        grm_pdf_view_copy              (GrmPdfView     *self);
const char     *grm_pdf_view_get_selected_text (GrmPdfView     *self);

GdkTexture     *grm_pdf_view_get_page_texture  (GrmPdfView     *self,
                                                guint           page);

G_END_DECLS
