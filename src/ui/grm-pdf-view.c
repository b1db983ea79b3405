/* grm-pdf-view.c: a scrollable, zoomable, continuous view of a PDF.
 *
 * The view lays all pages out in one column but only renders the pages in
 * sight plus a margin: renders go to the document's worker, come back as
 * cairo surfaces and become GdkTextures without a copy. Textures of pages
 * far from sight are dropped; a texture at an old zoom stays on screen,
 * scaled, until the sharp one arrives. Pointer input, links, find and
 * selection live in grm-pdf-view-input.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-view"

#include <math.h>

#include "grm-pdf-view-private.h"

#define ZOOM_MIN (0.25 * 96.0 / 72.0)
#define ZOOM_MAX (4.0 * 96.0 / 72.0)
#define ZOOM_STEP 1.2
#define KEEP_DISTANCE 3      /* pages kept beyond the visible ones */
#define MAX_PIXELS (4096.0 * 4096.0)

enum
{
  PROP_0,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_N_MATCHES,
  PROP_HAS_SELECTION,
  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS = PROP_HADJUSTMENT,
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE_WITH_CODE (GrmPdfView, grm_pdf_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

GtkWidget *
grm_pdf_view_new (void)
{
  return g_object_new (GRM_TYPE_PDF_VIEW, NULL);
}

static void
page_clear (GrmPdfViewPage *page)
{
  if (page->pending != NULL)
    g_cancellable_cancel (page->pending);
  if (page->links_pending != NULL)
    g_cancellable_cancel (page->links_pending);
  g_clear_object (&page->pending);
  g_clear_object (&page->links_pending);
  g_clear_object (&page->texture);
  g_clear_pointer (&page->links, g_ptr_array_unref);
}

static void
rotated_size (GrmPdfView *self,
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

static double
fit_zoom (GrmPdfView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * GRM_PDF_VIEW_MARGIN;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * GRM_PDF_VIEW_MARGIN;
  double max_w = 1, max_h = 1, w, h;
  guint i;

  if (self->document == NULL || width <= 0 || height <= 0)
    return self->zoom;
  for (i = 0; i < self->n_pages; i++)
    {
      rotated_size (self, i, &w, &h);
      max_w = MAX (max_w, w);
      max_h = MAX (max_h, h);
    }
  if (self->sizing == GRM_PDF_SIZING_FIT_PAGE)
    return CLAMP (MIN (width / max_w, height / max_h), ZOOM_MIN, ZOOM_MAX);
  return CLAMP (width / max_w, ZOOM_MIN, ZOOM_MAX);
}

static void
relayout (GrmPdfView *self)
{
  double y = GRM_PDF_VIEW_MARGIN, w, h;
  guint i;

  self->total_width = 0;
  for (i = 0; i < self->n_pages; i++)
    {
      rotated_size (self, i, &w, &h);
      self->page_w[i] = floor (w * self->zoom);
      self->page_h[i] = floor (h * self->zoom);
      self->page_y[i] = y;
      y += self->page_h[i] + GRM_PDF_VIEW_SPACING;
      self->total_width = MAX (self->total_width, self->page_w[i] + 2 * GRM_PDF_VIEW_MARGIN);
    }
  self->total_height = y - GRM_PDF_VIEW_SPACING + GRM_PDF_VIEW_MARGIN;
}

static double
page_x (GrmPdfView *self,
        guint       page)
{
  double content_width = MAX (self->total_width, gtk_widget_get_width (GTK_WIDGET (self)));

  return floor ((content_width - self->page_w[page]) / 2);
}

static void
configure_adjustments (GrmPdfView *self)
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

static double
hvalue (GrmPdfView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
vvalue (GrmPdfView *self)
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
  graphene_rect_init (out, page_x (self, page) + x0 * z - hvalue (self),
                      self->page_y[page] + y0 * z - vvalue (self),
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
  double cx = wx + hvalue (self), cy = wy + vvalue (self);
  double pw, ph, vx, vy;
  guint i;

  for (i = 0; i < self->n_pages; i++)
    if (cy < self->page_y[i] + self->page_h[i] + GRM_PDF_VIEW_SPACING / 2)
      break;
  if (i == self->n_pages)
    return FALSE;

  grm_pdf_document_get_page_size (self->document, i, &pw, &ph);
  vx = (cx - page_x (self, i)) / self->zoom;
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

/* Rendering */

typedef struct
{
  GrmPdfView *self;
  guint page;
} RenderRequest;

static void
render_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  RenderRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  GrmPdfView *self = req->self;
  GrmPdfViewPage *page;

  surface = grm_pdf_document_render_finish (GRM_PDF_DOCUMENT (source), result, &error);
  if (surface == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Cannot render page %u: %s", req->page + 1, error->message);
          g_clear_object (&self->pages[req->page].pending);
        }
      g_object_unref (self);
      g_free (req);
      return;
    }

  page = &self->pages[req->page];
  {
    g_autoptr(GBytes) bytes = grm_pdf_surface_get_bytes (surface);

    g_clear_object (&page->texture);
    page->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                            cairo_image_surface_get_height (surface),
                                            GDK_MEMORY_DEFAULT, bytes,
                                            cairo_image_surface_get_stride (surface));
  }
  cairo_surface_destroy (surface);
  g_clear_object (&page->pending);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_unref (self);
  g_free (req);
}

static double
render_scale (GrmPdfView *self,
              guint       page)
{
  double scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));
  double pw, ph;

  grm_pdf_document_get_page_size (self->document, page, &pw, &ph);
  if (pw * ph * scale * scale > MAX_PIXELS)
    scale = sqrt (MAX_PIXELS / (pw * ph));
  return scale;
}

static void
request_render (GrmPdfView *self,
                guint       index,
                int         priority)
{
  GrmPdfViewPage *page = &self->pages[index];
  double scale = render_scale (self, index);
  RenderRequest *req;

  if (page->texture != NULL && fabs (page->scale - scale) < 1e-6
      && page->rotation == self->rotation)
    return;
  if (page->pending != NULL)
    {
      if (fabs (page->scale - scale) < 1e-6 && page->rotation == self->rotation)
        return;
      g_cancellable_cancel (page->pending);
      g_clear_object (&page->pending);
    }

  page->pending = g_cancellable_new ();
  page->scale = scale;
  page->rotation = self->rotation;
  req = g_new0 (RenderRequest, 1);
  req->self = g_object_ref (self);
  req->page = index;
  grm_pdf_document_render_async (self->document, index, scale, self->rotation, priority,
                                 page->pending, render_cb, req);
}

static void
visible_range (GrmPdfView *self,
               guint      *first,
               guint      *last)
{
  double top = vvalue (self);
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

static gboolean
update_cb (gpointer user_data)
{
  GrmPdfView *self = user_data;
  guint first, last, i, current;
  double center;

  self->update_id = 0;
  if (self->zoom_changed)
    {
      self->zoom_changed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  if (self->document == NULL || self->n_pages == 0)
    return G_SOURCE_REMOVE;

  visible_range (self, &first, &last);
  for (i = first; i <= last; i++)
    {
      request_render (self, i, G_PRIORITY_HIGH);
      _grm_pdf_view_fetch_links (self, i);
    }
  if (first > 0)
    request_render (self, first - 1, G_PRIORITY_DEFAULT);
  if (last + 1 < self->n_pages)
    request_render (self, last + 1, G_PRIORITY_DEFAULT);

  for (i = 0; i < self->n_pages; i++)
    if (i + KEEP_DISTANCE < first || i > last + KEEP_DISTANCE)
      page_clear (&self->pages[i]);

  /* The current page is the one crossing the upper third of the view. */
  center = vvalue (self) + gtk_widget_get_height (GTK_WIDGET (self)) / 3;
  for (current = first; current < last; current++)
    if (self->page_y[current] + self->page_h[current] + GRM_PDF_VIEW_SPACING > center)
      break;
  if (current != self->current_page)
    {
      self->current_page = current;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
  return G_SOURCE_REMOVE;
}

void
_grm_pdf_view_queue_update (GrmPdfView *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, update_cb, self, NULL);
}

/* Drawing */

static void
grm_pdf_view_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  GrmPdfView *self = GRM_PDF_VIEW (widget);
  const GdkRGBA white = { 1, 1, 1, 1 };
  const GdkRGBA shadow = { 0, 0, 0, 0.25 };
  guint first, last, i;

  if (self->document == NULL || self->n_pages == 0)
    return;

  visible_range (self, &first, &last);
  for (i = first; i <= last; i++)
    {
      GrmPdfViewPage *page = &self->pages[i];
      graphene_rect_t box;
      GskRoundedRect outline;

      graphene_rect_init (&box, page_x (self, i) - hvalue (self),
                          self->page_y[i] - vvalue (self), self->page_w[i], self->page_h[i]);
      gsk_rounded_rect_init_from_rect (&outline, &box, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 3);

      if (self->night)
        {
          graphene_matrix_t invert;
          graphene_vec4_t offset;

          graphene_matrix_init_scale (&invert, -1, -1, -1);
          graphene_vec4_init (&offset, 1, 1, 1, 0);
          gtk_snapshot_push_color_matrix (snapshot, &invert, &offset);
        }
      gtk_snapshot_append_color (snapshot, &white, &box);
      if (page->texture != NULL && page->rotation == self->rotation)
        gtk_snapshot_append_texture (snapshot, page->texture, &box);
      if (self->night)
        gtk_snapshot_pop (snapshot);

      _grm_pdf_view_snapshot_overlays (self, snapshot, i);
    }
  _grm_pdf_view_queue_update (self);
}

static void
grm_pdf_view_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  GrmPdfView *self = GRM_PDF_VIEW (widget);

  if (self->document != NULL && self->sizing != GRM_PDF_SIZING_FREE)
    {
      double zoom = fit_zoom (self);
      guint first, last;
      double frac;

      /* Keep the page in sight where it was when the width changes. */
      visible_range (self, &first, &last);
      frac = (vvalue (self) - self->page_y[first]) / (self->page_h[first] + GRM_PDF_VIEW_SPACING);

      /* No notify during allocation: a handler that changes a label
       * would queue a resize in the middle of layout. update_cb tells. */
      if (fabs (zoom - self->zoom) > 1e-6)
        {
          self->zoom = zoom;
          self->zoom_changed = TRUE;
          relayout (self);
          configure_adjustments (self);
          if (self->vadjustment != NULL && self->pending_page < 0)
            gtk_adjustment_set_value (self->vadjustment,
                                      self->page_y[first]
                                      + frac * (self->page_h[first] + GRM_PDF_VIEW_SPACING));
        }
    }
  if (self->document != NULL)
    relayout (self);
  configure_adjustments (self);
  if (self->pending_page >= 0 && self->document != NULL)
    {
      int page = self->pending_page;

      self->pending_page = -1;
      if (self->vadjustment != NULL)
        gtk_adjustment_set_value (self->vadjustment,
                                  self->page_y[page] - GRM_PDF_VIEW_MARGIN);
    }
  _grm_pdf_view_queue_update (self);
}

static void
grm_pdf_view_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = 50;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
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

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (self->document == NULL || fabs (zoom - self->zoom) < 1e-6)
    return;

  fx = (hvalue (self) + wx) / old_w;
  fy = (vvalue (self) + wy) / old_h;
  self->zoom = zoom;
  relayout (self);
  configure_adjustments (self);
  if (self->hadjustment != NULL)
    gtk_adjustment_set_value (self->hadjustment, fx * self->total_width - wx);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, fy * self->total_height - wy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
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
  grm_pdf_view_set_zoom (self, self->zoom * ZOOM_STEP);
}

void
grm_pdf_view_zoom_out (GrmPdfView *self)
{
  grm_pdf_view_set_zoom (self, self->zoom / ZOOM_STEP);
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

      zoom_around (self, fit_zoom (self), 0, 0);
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
    self->zoom = fit_zoom (self);
  relayout (self);
  configure_adjustments (self);
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
                                vvalue (self) + r.origin.y - GRM_PDF_VIEW_MARGIN);
    }
  self->current_page = page;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
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
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  _grm_pdf_view_queue_update (self);
}

GdkTexture *
grm_pdf_view_get_page_texture (GrmPdfView *self,
                               guint       page)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), NULL);
  return page < self->n_pages ? self->pages[page].texture : NULL;
}

GrmPdfDocument *
grm_pdf_view_get_document (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), NULL);
  return self->document;
}

static void
clear_document (GrmPdfView *self)
{
  guint i;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _grm_pdf_view_clear_input (self);
  for (i = 0; i < self->n_pages; i++)
    page_clear (&self->pages[i]);
  g_clear_pointer (&self->pages, g_free);
  g_clear_pointer (&self->page_y, g_free);
  g_clear_pointer (&self->page_w, g_free);
  g_clear_pointer (&self->page_h, g_free);
  self->n_pages = 0;
  g_clear_object (&self->document);
}

void
grm_pdf_view_set_document (GrmPdfView     *self,
                           GrmPdfDocument *document)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));

  clear_document (self);
  if (document == NULL)
    return;
  self->document = g_object_ref (document);
  self->cancellable = g_cancellable_new ();
  self->n_pages = grm_pdf_document_get_n_pages (document);
  self->pages = g_new0 (GrmPdfViewPage, self->n_pages);
  self->page_y = g_new0 (double, self->n_pages);
  self->page_w = g_new0 (double, self->n_pages);
  self->page_h = g_new0 (double, self->n_pages);
  self->current_page = 0;
  relayout (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static void
adjustment_changed_cb (GtkAdjustment *adjustment,
                       GrmPdfView    *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _grm_pdf_view_queue_update (self);
}

static void
set_adjustment (GrmPdfView     *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  configure_adjustments (self);
}

static void
grm_pdf_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GrmPdfView *self = GRM_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      g_value_set_uint (value, self->current_page);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_N_MATCHES:
      g_value_set_uint (value, grm_pdf_view_get_n_matches (self));
      break;
    case PROP_HAS_SELECTION:
      g_value_set_boolean (value, self->selection != NULL && self->selection->text != NULL
                                  && self->selection->text[0] != '\0');
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_pdf_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GrmPdfView *self = GRM_PDF_VIEW (object);

  switch (prop_id)
    {
    case PROP_PAGE:
      grm_pdf_view_set_page (self, g_value_get_uint (value));
      break;
    case PROP_ZOOM:
      grm_pdf_view_set_zoom (self, g_value_get_double (value));
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_pdf_view_dispose (GObject *object)
{
  GrmPdfView *self = GRM_PDF_VIEW (object);

  g_clear_handle_id (&self->update_id, g_source_remove);
  clear_document (self);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_changed_cb, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_changed_cb, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (grm_pdf_view_parent_class)->dispose (object);
}

static void
grm_pdf_view_class_init (GrmPdfViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_pdf_view_dispose;
  object_class->get_property = grm_pdf_view_get_property;
  object_class->set_property = grm_pdf_view_set_property;
  widget_class->snapshot = grm_pdf_view_snapshot;
  widget_class->size_allocate = grm_pdf_view_size_allocate;
  widget_class->measure = grm_pdf_view_measure;

  properties[PROP_PAGE] =
    g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 96.0 / 72.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SELECTION] =
    g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  gtk_widget_class_set_css_name (widget_class, "grm-pdf-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
grm_pdf_view_init (GrmPdfView *self)
{
  self->zoom = 96.0 / 72.0;
  self->sizing = GRM_PDF_SIZING_FIT_WIDTH;
  self->current_match = -1;
  self->sel_page = -1;
  self->pending_page = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  _grm_pdf_view_setup_input (self);
}

void
_grm_pdf_view_notify (GrmPdfView *self,
                      const char *name)
{
  if (g_str_equal (name, "n-matches"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
}
