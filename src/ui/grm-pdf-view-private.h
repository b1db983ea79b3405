/* grm-pdf-view-private.h: state shared by the files of GrmPdfView
 * (grm-pdf-view.c: layout, rendering, drawing; grm-pdf-view-input.c:
 * pointer input, links, selection, find).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-pdf-view.h"

G_BEGIN_DECLS

#define GRM_PDF_VIEW_MARGIN 12.0
#define GRM_PDF_VIEW_SPACING 12.0
#define GRM_PDF_VIEW_ZOOM_MIN (0.25 * 96.0 / 72.0)
#define GRM_PDF_VIEW_ZOOM_MAX (4.0 * 96.0 / 72.0)
#define GRM_PDF_VIEW_ZOOM_STEP 1.2

typedef struct
{
  GdkTexture *texture;
  double scale;                /* device pixels per point it was rendered at */
  int rotation;
  GCancellable *pending;       /* a render in flight, or NULL */
  GPtrArray *links;            /* GrmPdfLink, NULL until fetched */
  GCancellable *links_pending;
} GrmPdfViewPage;

struct _GrmPdfView
{
  GtkWidget parent_instance;

  GrmPdfDocument *document;
  GCancellable *cancellable;   /* cancelled when the document changes */
  GrmPdfViewPage *pages;
  guint n_pages;

  /* layout, in widget pixels at the current zoom */
  double *page_y;
  double *page_w;
  double *page_h;
  double total_width;
  double total_height;

  double zoom;                 /* widget pixels per PDF point */
  GrmPdfSizing sizing;
  int rotation;
  gboolean night;
  guint current_page;
  gboolean zoom_changed;
  int pending_page;            /* set before the view had a size */

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  guint update_id;

  /* find */
  GArray *matches;             /* GrmPdfMatch */
  int current_match;
  GCancellable *find_cancellable;

  /* selection */
  int sel_page;
  double sel_x0, sel_y0;       /* page space */
  GrmPdfSelection *selection;
  GCancellable *sel_cancellable;
  gboolean dragging;
  double zoom_start;
};

/* grm-pdf-view-layout.c */
void     _grm_pdf_view_rotated_size       (GrmPdfView  *self,
                                           guint        page,
                                           double      *w,
                                           double      *h);
double   _grm_pdf_view_fit_zoom           (GrmPdfView  *self);
void     _grm_pdf_view_relayout           (GrmPdfView  *self);
double   _grm_pdf_view_page_x             (GrmPdfView  *self,
                                           guint        page);
void     _grm_pdf_view_configure_adjustments (GrmPdfView *self);
double   _grm_pdf_view_hvalue             (GrmPdfView  *self);
double   _grm_pdf_view_vvalue             (GrmPdfView  *self);
void     _grm_pdf_view_visible_range      (GrmPdfView  *self,
                                           guint       *first,
                                           guint       *last);

void     _grm_pdf_view_setup_input        (GrmPdfView  *self);
void     _grm_pdf_view_clear_input        (GrmPdfView  *self);
void     _grm_pdf_view_queue_update       (GrmPdfView  *self);
gboolean _grm_pdf_view_widget_to_page     (GrmPdfView  *self,
                                           double       wx,
                                           double       wy,
                                           guint       *page,
                                           double      *px,
                                           double      *py);
void     _grm_pdf_view_page_rect_to_view  (GrmPdfView        *self,
                                           guint              page,
                                           const GrmPdfRect  *rect,
                                           graphene_rect_t   *out);
void     _grm_pdf_view_fetch_links        (GrmPdfView  *self,
                                           guint        page);
void     _grm_pdf_view_zoom_at            (GrmPdfView  *self,
                                           double       factor,
                                           double       wx,
                                           double       wy);
void     _grm_pdf_view_notify             (GrmPdfView  *self,
                                           const char  *name);
void     _grm_pdf_view_snapshot_overlays  (GrmPdfView  *self,
                                           GtkSnapshot *snapshot,
                                           guint        page);

G_END_DECLS
