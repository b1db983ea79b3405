/* grm-pdf-view-layout.c: where GrmPdfView puts its pages: layout at a
 * zoom and rotation, the mapping between widget and page coordinates, and
 * the calls that move or scale the view (zoom, fit, rotate, go to page).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-view"

#include <math.h>

#include "grm-pdf-view-private.h"

void
_grm_pdf_view_rotated_size (GrmPdfView *self,
              guint       page,
              double     *w,
              double     *h)
{
  double pw, ph;

  grm_pdf_document_get_page_size (self->document, page, &pw, &ph);
  if (self->rotation == 90 || self->rotation == 270)
    {
      *w = ph;
      *h = pw;
    }
  else
    {
      *w = pw;
      *h = ph;
    }
}

double
_grm_pdf_view_fit_zoom (GrmPdfView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * GRM_PDF_VIEW_MARGIN;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * GRM_PDF_VIEW_MARGIN;
  double max_w = 1, w, h;
  guint i;

  if (self->document == NULL || width <= 0 || height <= 0)
    return self->zoom;
  for (i = 0; i < self->n_pages; i++)
    {
      _grm_pdf_view_rotated_size (self, i, &w, &h);
      max_w = MAX (max_w, w);
    }
  /* Fit width: the widest page fits. Fit page: the current page fits
   * whole, so mixed portrait and landscape pages stay readable. */
  if (self->sizing == GRM_PDF_SIZING_FIT_PAGE)
    {
      _grm_pdf_view_rotated_size (self, MIN (self->current_page, self->n_pages - 1), &w, &h);
      return CLAMP (MIN (width / w, height / h), GRM_PDF_VIEW_ZOOM_MIN, GRM_PDF_VIEW_ZOOM_MAX);
    }
  return CLAMP (width / max_w, GRM_PDF_VIEW_ZOOM_MIN, GRM_PDF_VIEW_ZOOM_MAX);
}

void
_grm_pdf_view_relayout (GrmPdfView *self)
{
  double y = GRM_PDF_VIEW_MARGIN, w, h;
  guint i;

  self->total_width = 0;
  for (i = 0; i < self->n_pages; i++)
    {
      _grm_pdf_view_rotated_size (self, i, &w, &h);
      self->page_w[i] = floor (w * self->zoom);
      self->page_h[i] = floor (h * self->zoom);
      self->page_y[i] = y;
      y += self->page_h[i] + GRM_PDF_VIEW_SPACING;
      self->total_width = MAX (self->total_width, self->page_w[i] + 2 * GRM_PDF_VIEW_MARGIN);
    }
  self->total_height = y - GRM_PDF_VIEW_SPACING + GRM_PDF_VIEW_MARGIN;
}

double
_grm_pdf_view_page_x (GrmPdfView *self,
        guint       page)
{
  double content_width = MAX (self->total_width, gtk_widget_get_width (GTK_WIDGET (self)));

  return floor ((content_width - self->page_w[page]) / 2);
}

void
_grm_pdf_view_configure_adjustments (GrmPdfView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment,
                              CLAMP (gtk_adjustment_get_value (self->hadjustment), 0,
                                     MAX (0, self->total_width - width)),
                              0, MAX (self->total_width, width),
                              width * 0.1, width * 0.9, width);
  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0,
                                     MAX (0, self->total_height - height)),
                              0, MAX (self->total_height, height),
                              height * 0.1, height * 0.9, height);
}

double
_grm_pdf_view_hvalue (GrmPdfView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

double
_grm_pdf_view_vvalue (GrmPdfView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

void
_grm_pdf_view_page_rect_to_view (GrmPdfView       *self,
                                 guint             page,
                                 const GrmPdfRect *r,
                                 graphene_rect_t  *out)
{
  double pw, ph, x0, y0, x1, y1, z = self->zoom;

  grm_pdf_document_get_page_size (self->document, page, &pw, &ph);
  switch (self->rotation)
    {
    case 90:
      x0 = ph - (r->y + r->height); y0 = r->x; x1 = ph - r->y; y1 = r->x + r->width;
      break;
    case 180:
      x0 = pw - (r->x + r->width); y0 = ph - (r->y + r->height); x1 = pw - r->x; y1 = ph - r->y;
      break;
    case 270:
      x0 = r->y; y0 = pw - (r->x + r->width); x1 = r->y + r->height; y1 = pw - r->x;
      break;
    default:
      x0 = r->x; y0 = r->y; x1 = r->x + r->width; y1 = r->y + r->height;
      break;
    }
  graphene_rect_init (out, _grm_pdf_view_page_x (self, page) + x0 * z - _grm_pdf_view_hvalue (self),
                      self->page_y[page] + y0 * z - _grm_pdf_view_vvalue (self),
                      (x1 - x0) * z, (y1 - y0) * z);
}

gboolean
_grm_pdf_view_widget_to_page (GrmPdfView *self,
                              double      wx,
                              double      wy,
                              guint      *page_out,
                              double     *px,
                              double     *py)
{
  double cx = wx + _grm_pdf_view_hvalue (self), cy = wy + _grm_pdf_view_vvalue (self);
  double pw, ph, vx, vy;
  guint i;

  for (i = 0; i < self->n_pages; i++)
    if (cy < self->page_y[i] + self->page_h[i] + GRM_PDF_VIEW_SPACING / 2)
      break;
  if (i == self->n_pages)
    return FALSE;

  grm_pdf_document_get_page_size (self->document, i, &pw, &ph);
  vx = (cx - _grm_pdf_view_page_x (self, i)) / self->zoom;
  vy = (cy - self->page_y[i]) / self->zoom;
  switch (self->rotation)
    {
    case 90:
      *px = vy; *py = ph - vx;
      break;
    case 180:
      *px = pw - vx; *py = ph - vy;
      break;
    case 270:
      *px = pw - vy; *py = vx;
      break;
    default:
      *px = vx; *py = vy;
      break;
    }
  *page_out = i;
  return *px >= 0 && *py >= 0 && *px <= pw && *py <= ph;
}

void
_grm_pdf_view_visible_range (GrmPdfView *self,
               guint      *first,
               guint      *last)
{
  double top = _grm_pdf_view_vvalue (self);
  double bottom = top + gtk_widget_get_height (GTK_WIDGET (self));
  guint i;

  *first = 0;
  *last = 0;
  for (i = 0; i < self->n_pages; i++)
    if (self->page_y[i] + self->page_h[i] >= top)
      break;
  *first = MIN (i, self->n_pages - 1);
  for (*last = *first; *last + 1 < self->n_pages; (*last)++)
    if (self->page_y[*last + 1] > bottom)
      break;
}

/* Zoom, keeping the point under (wx, wy) where it is. */
static void
zoom_around (GrmPdfView *self,
             double      zoom,
             double      wx,
             double      wy)
{
  double fx = 0.5, fy = 0;
  double old_w = MAX (1, self->total_width), old_h = MAX (1, self->total_height);

  zoom = CLAMP (zoom, GRM_PDF_VIEW_ZOOM_MIN, GRM_PDF_VIEW_ZOOM_MAX);
  if (self->document == NULL || fabs (zoom - self->zoom) < 1e-6)
    return;

  fx = (_grm_pdf_view_hvalue (self) + wx) / old_w;
  fy = (_grm_pdf_view_vvalue (self) + wy) / old_h;
  self->zoom = zoom;
  _grm_pdf_view_relayout (self);
  _grm_pdf_view_configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, fx * self->total_width - wx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, fy * self->total_height - wy);
  _grm_pdf_view_notify (self, "zoom");
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
grm_pdf_view_set_zoom (GrmPdfView *self,
                       double      zoom)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  self->sizing = GRM_PDF_SIZING_FREE;
  zoom_around (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
_grm_pdf_view_zoom_at (GrmPdfView *self,
                       double      factor,
                       double      wx,
                       double      wy)
{
  self->sizing = GRM_PDF_SIZING_FREE;
  zoom_around (self, self->zoom * factor, wx, wy);
}

double
grm_pdf_view_get_zoom (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), 1.0);
  return self->zoom;
}

void
grm_pdf_view_zoom_in (GrmPdfView *self)
{
  grm_pdf_view_set_zoom (self, self->zoom * GRM_PDF_VIEW_ZOOM_STEP);
}

void
grm_pdf_view_zoom_out (GrmPdfView *self)
{
  grm_pdf_view_set_zoom (self, self->zoom / GRM_PDF_VIEW_ZOOM_STEP);
}

GrmPdfSizing
grm_pdf_view_get_sizing (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), GRM_PDF_SIZING_FIT_WIDTH);
  return self->sizing;
}

void
grm_pdf_view_set_sizing (GrmPdfView   *self,
                         GrmPdfSizing  sizing)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  self->sizing = sizing;
  if (sizing != GRM_PDF_SIZING_FREE && self->document != NULL)
    {
      guint page = self->current_page;

      zoom_around (self, _grm_pdf_view_fit_zoom (self), 0, 0);
      grm_pdf_view_set_page (self, page);
    }
}

int
grm_pdf_view_get_rotation (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), 0);
  return self->rotation;
}

void
grm_pdf_view_set_rotation (GrmPdfView *self,
                           int         rotation)
{
  guint page;

  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  rotation = ((rotation % 360) + 360) % 360 / 90 * 90;
  if (rotation == self->rotation || self->document == NULL)
    {
      self->rotation = rotation;
      return;
    }
  page = self->current_page;
  self->rotation = rotation;
  if (self->sizing != GRM_PDF_SIZING_FREE)
    {
      self->zoom = _grm_pdf_view_fit_zoom (self);
      _grm_pdf_view_notify (self, "zoom");
    }
  _grm_pdf_view_relayout (self);
  _grm_pdf_view_configure_adjustments (self);
  grm_pdf_view_set_page (self, page);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
grm_pdf_view_get_night (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), FALSE);
  return self->night;
}

void
grm_pdf_view_set_night (GrmPdfView *self,
                        gboolean    night)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  self->night = !!night;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
grm_pdf_view_get_page (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), 0);
  return self->current_page;
}

void
grm_pdf_view_scroll_to (GrmPdfView *self,
                        guint       page,
                        double      y)
{
  graphene_rect_t r;
  GrmPdfRect target = { 0, MAX (0, y), 1, 1 };

  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  if (self->document == NULL || page >= self->n_pages)
    return;
  if (self->vadjustment != NULL)
    {
      _grm_pdf_view_page_rect_to_view (self, page, &target, &r);
      gtk_adjustment_set_value (self->vadjustment,
                                _grm_pdf_view_vvalue (self) + r.origin.y - GRM_PDF_VIEW_MARGIN);
    }
  self->current_page = page;
  _grm_pdf_view_notify (self, "page");
  _grm_pdf_view_queue_update (self);
}

void
grm_pdf_view_set_page (GrmPdfView *self,
                       guint       page)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  if (self->document == NULL || page >= self->n_pages)
    return;
  if (gtk_widget_get_height (GTK_WIDGET (self)) == 0)
    self->pending_page = page;
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, self->page_y[page] - GRM_PDF_VIEW_MARGIN);
  self->current_page = page;
  _grm_pdf_view_notify (self, "page");
  _grm_pdf_view_queue_update (self);
}
