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

  _grm_pdf_view_visible_range (self, &first, &last);
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
  center = _grm_pdf_view_vvalue (self) + gtk_widget_get_height (GTK_WIDGET (self)) / 3;
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

  _grm_pdf_view_visible_range (self, &first, &last);
  for (i = first; i <= last; i++)
    {
      GrmPdfViewPage *page = &self->pages[i];
      graphene_rect_t box;
      GskRoundedRect outline;

      graphene_rect_init (&box, _grm_pdf_view_page_x (self, i) - _grm_pdf_view_hvalue (self),
                          self->page_y[i] - _grm_pdf_view_vvalue (self), self->page_w[i], self->page_h[i]);
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
      double zoom = _grm_pdf_view_fit_zoom (self);
      guint first, last;
      double frac;

      /* Keep the page in sight where it was when the width changes. */
      _grm_pdf_view_visible_range (self, &first, &last);
      frac = (_grm_pdf_view_vvalue (self) - self->page_y[first]) / (self->page_h[first] + GRM_PDF_VIEW_SPACING);

      /* No notify during allocation: a handler that changes a label
       * would queue a resize in the middle of layout. update_cb tells. */
      if (fabs (zoom - self->zoom) > 1e-6)
        {
          self->zoom = zoom;
          self->zoom_changed = TRUE;
          _grm_pdf_view_relayout (self);
          _grm_pdf_view_configure_adjustments (self);
          if (self->vadjustment != NULL && self->pending_page < 0)
            gtk_adjustment_set_value (self->vadjustment,
                                      self->page_y[first]
                                      + frac * (self->page_h[first] + GRM_PDF_VIEW_SPACING));
        }
    }
  if (self->document != NULL)
    _grm_pdf_view_relayout (self);
  _grm_pdf_view_configure_adjustments (self);
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
  _grm_pdf_view_relayout (self);
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
  _grm_pdf_view_configure_adjustments (self);
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

/* Keyboard scrolling: arrows by a line, Page Up/Down and space by a
 * screen, Home/End to the ends of the document. */
static gboolean
scroll_key_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  GrmPdfView *self = GRM_PDF_VIEW (widget);
  const char *how = g_variant_get_string (args, NULL);
  GtkAdjustment *adj = self->vadjustment;
  double value;

  if (adj == NULL)
    return FALSE;
  if (g_str_equal (how, "left") || g_str_equal (how, "right"))
    {
      adj = self->hadjustment;
      if (adj == NULL)
        return FALSE;
    }
  value = gtk_adjustment_get_value (adj);
  if (g_str_equal (how, "up") || g_str_equal (how, "left"))
    value -= gtk_adjustment_get_step_increment (adj);
  else if (g_str_equal (how, "down") || g_str_equal (how, "right"))
    value += gtk_adjustment_get_step_increment (adj);
  else if (g_str_equal (how, "page-up"))
    value -= gtk_adjustment_get_page_increment (adj);
  else if (g_str_equal (how, "page-down"))
    value += gtk_adjustment_get_page_increment (adj);
  else if (g_str_equal (how, "home"))
    value = gtk_adjustment_get_lower (adj);
  else
    value = gtk_adjustment_get_upper (adj);
  gtk_adjustment_set_value (adj, value);
  return TRUE;
}

static void
add_scroll_key (GtkWidgetClass *widget_class,
                guint           keyval,
                const char     *how)
{
  gtk_widget_class_add_binding (widget_class, keyval, 0, scroll_key_cb, "s", how);
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
    g_param_spec_double ("zoom", NULL, NULL, GRM_PDF_VIEW_ZOOM_MIN, GRM_PDF_VIEW_ZOOM_MAX, 96.0 / 72.0,
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

  add_scroll_key (widget_class, GDK_KEY_Up, "up");
  add_scroll_key (widget_class, GDK_KEY_Down, "down");
  add_scroll_key (widget_class, GDK_KEY_Left, "left");
  add_scroll_key (widget_class, GDK_KEY_Right, "right");
  add_scroll_key (widget_class, GDK_KEY_Page_Up, "page-up");
  add_scroll_key (widget_class, GDK_KEY_Page_Down, "page-down");
  add_scroll_key (widget_class, GDK_KEY_space, "page-down");
  add_scroll_key (widget_class, GDK_KEY_BackSpace, "page-up");
  add_scroll_key (widget_class, GDK_KEY_Home, "home");
  add_scroll_key (widget_class, GDK_KEY_End, "end");
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
  if (g_str_equal (name, "page"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  else if (g_str_equal (name, "zoom"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  else if (g_str_equal (name, "n-matches"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
  else
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
}
