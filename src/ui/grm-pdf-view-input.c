/* grm-pdf-view-input.c: how GrmPdfView answers the pointer and the find
 * bar: links, text selection, Ctrl+scroll and pinch zoom, find hits.
 *
 * Everything that needs Poppler (links of a page, the selected text, the
 * hits of a search) is asked of the document's worker; the answers are
 * kept per page and drawn over the page textures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-view"

#include <math.h>

#include "grm-pdf-view-private.h"

/* Links */

typedef struct
{
  GrmPdfView *self;
  guint page;
} PageRequest;

static void
links_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PageRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *links = grm_pdf_document_get_links_finish (GRM_PDF_DOCUMENT (source), result,
                                                        &error);

  if (links != NULL)
    {
      GrmPdfViewPage *page = &req->self->pages[req->page];

      g_clear_pointer (&page->links, g_ptr_array_unref);
      page->links = links;
      g_clear_object (&page->links_pending);
    }
  g_object_unref (req->self);
  g_free (req);
}

void
_grm_pdf_view_fetch_links (GrmPdfView *self,
                           guint       index)
{
  GrmPdfViewPage *page = &self->pages[index];
  PageRequest *req;

  if (page->links != NULL || page->links_pending != NULL)
    return;
  page->links_pending = g_cancellable_new ();
  req = g_new0 (PageRequest, 1);
  req->self = g_object_ref (self);
  req->page = index;
  grm_pdf_document_get_links_async (self->document, index, page->links_pending, links_cb, req);
}

static GrmPdfLink *
link_at (GrmPdfView *self,
         double      wx,
         double      wy)
{
  guint page, i;
  double px, py;

  if (self->document == NULL || !_grm_pdf_view_widget_to_page (self, wx, wy, &page, &px, &py))
    return NULL;
  if (self->pages[page].links == NULL)
    return NULL;
  for (i = 0; i < self->pages[page].links->len; i++)
    {
      GrmPdfLink *link = g_ptr_array_index (self->pages[page].links, i);

      if (px >= link->area.x && px <= link->area.x + link->area.width
          && py >= link->area.y && py <= link->area.y + link->area.height)
        return link;
    }
  return NULL;
}

static void
activate_link (GrmPdfView *self,
               GrmPdfLink *link)
{
  if (link->dest_page >= 0)
    {
      grm_pdf_view_scroll_to (self, link->dest_page, link->dest_y);
      return;
    }
  /* Only web and mail links leave the app; file: and the like from a
   * downloaded document are not followed. */
  if (g_str_has_prefix (link->uri, "http://") || g_str_has_prefix (link->uri, "https://")
      || g_str_has_prefix (link->uri, "mailto:"))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      gtk_show_uri_full (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, link->uri,
                         GDK_CURRENT_TIME, NULL, NULL, NULL);
    }
}

/* Selection */

static void
clear_selection (GrmPdfView *self)
{
  gboolean had = self->selection != NULL;

  g_cancellable_cancel (self->sel_cancellable);
  g_clear_object (&self->sel_cancellable);
  g_clear_pointer (&self->selection, grm_pdf_selection_free);
  if (had)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      _grm_pdf_view_notify (self, "has-selection");
    }
}

static void
select_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GrmPdfView *self = user_data;
  g_autoptr(GError) error = NULL;
  GrmPdfSelection *selection;

  selection = grm_pdf_document_select_finish (GRM_PDF_DOCUMENT (source), result, &error);
  if (selection != NULL)
    {
      g_clear_pointer (&self->selection, grm_pdf_selection_free);
      self->selection = selection;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      _grm_pdf_view_notify (self, "has-selection");
    }
  g_object_unref (self);
}

static void request_selection (GrmPdfView       *self,
                               const GrmPdfRect *area);

static void
update_selection (GrmPdfView *self,
                  double      wx,
                  double      wy)
{
  GrmPdfRect area;
  double px, py, pw, ph;
  guint page;

  if (self->sel_page < 0)
    return;
  _grm_pdf_view_widget_to_page (self, wx, wy, &page, &px, &py);
  grm_pdf_document_get_page_size (self->document, self->sel_page, &pw, &ph);
  /* A drag that leaves its page selects to that page's edge. */
  if (page > (guint) self->sel_page)
    px = pw, py = ph;
  else if (page < (guint) self->sel_page)
    px = 0, py = 0;
  px = CLAMP (px, 0, pw);
  py = CLAMP (py, 0, ph);

  /* The area goes to Poppler as the start and end points of the drag. */
  area.x = self->sel_x0;
  area.y = self->sel_y0;
  area.width = px - self->sel_x0;
  area.height = py - self->sel_y0;
  request_selection (self, &area);
}

static void
request_selection (GrmPdfView       *self,
                   const GrmPdfRect *area)
{
  g_cancellable_cancel (self->sel_cancellable);
  g_clear_object (&self->sel_cancellable);
  self->sel_cancellable = g_cancellable_new ();
  grm_pdf_document_select_async (self->document, self->sel_page, area, self->sel_cancellable,
                                 select_cb, g_object_ref (self));
}

/**
 * grm_pdf_view_select_page:
 *
 * Selects all text of the current page (what Ctrl+A does).
 */
void
grm_pdf_view_select_page (GrmPdfView *self)
{
  GrmPdfRect area = { 0, 0, 0, 0 };

  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  if (self->document == NULL)
    return;
  clear_selection (self);
  self->sel_page = self->current_page;
  grm_pdf_document_get_page_size (self->document, self->sel_page, &area.width, &area.height);
  request_selection (self, &area);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               GrmPdfView     *self)
{
  guint page;
  double px, py;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->dragging = FALSE;
  self->sel_page = -1;
  if (self->document != NULL && _grm_pdf_view_widget_to_page (self, x, y, &page, &px, &py))
    {
      self->sel_page = page;
      self->sel_x0 = px;
      self->sel_y0 = py;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                GrmPdfView     *self)
{
  double x, y;

  if (!self->dragging && hypot (dx, dy) < 4)
    return;
  if (!self->dragging)
    clear_selection (self);
  self->dragging = TRUE;
  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  update_selection (self, x + dx, y + dy);
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             GrmPdfView     *self)
{
  double x, y;
  GrmPdfLink *link;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->dragging)
    {
      update_selection (self, x + dx, y + dy);
      self->dragging = FALSE;
      return;
    }
  clear_selection (self);
  link = link_at (self, x, y);
  if (link != NULL)
    activate_link (self, link);
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           GrmPdfView               *self)
{
  guint page;
  double px, py;

  g_object_set_data (G_OBJECT (self), "grm-pointer-x", GINT_TO_POINTER ((int) x));
  g_object_set_data (G_OBJECT (self), "grm-pointer-y", GINT_TO_POINTER ((int) y));
  if (link_at (self, x, y) != NULL)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
  else if (self->document != NULL && _grm_pdf_view_widget_to_page (self, x, y, &page, &px, &py))
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");
  else
    gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static gboolean
scroll_cb (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           GrmPdfView               *self)
{
  GdkModifierType state;
  double x, y;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));
  if (!(state & GDK_CONTROL_MASK) || dy == 0)
    return FALSE;
  x = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "grm-pointer-x"));
  y = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "grm-pointer-y"));
  _grm_pdf_view_zoom_at (self, pow (1.2, -dy), x, y);
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               GrmPdfView       *self)
{
  self->zoom_start = grm_pdf_view_get_zoom (self);
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       GrmPdfView     *self)
{
  double x, y;

  gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y);
  _grm_pdf_view_zoom_at (self, self->zoom_start * scale / grm_pdf_view_get_zoom (self), x, y);
}

void
_grm_pdf_view_setup_input (GrmPdfView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (zoom, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));

  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

void
_grm_pdf_view_clear_input (GrmPdfView *self)
{
  clear_selection (self);
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->matches, g_array_unref);
  self->current_match = -1;
  self->sel_page = -1;
}

gboolean
grm_pdf_view_copy (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), FALSE);
  if (self->selection == NULL || self->selection->text == NULL
      || self->selection->text[0] == '\0')
    return FALSE;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->selection->text);
  return TRUE;
}

const char *
grm_pdf_view_get_selected_text (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), NULL);
  return self->selection != NULL ? self->selection->text : NULL;
}

/* Find */

static void
show_current_match (GrmPdfView *self)
{
  GrmPdfMatch *m;
  graphene_rect_t r;
  GtkAdjustment *vadj, *hadj;
  double height, width;

  if (self->matches == NULL || self->current_match < 0)
    return;
  m = &g_array_index (self->matches, GrmPdfMatch, self->current_match);
  _grm_pdf_view_page_rect_to_view (self, m->page, &m->rect, &r);
  vadj = self->vadjustment;
  hadj = self->hadjustment;
  height = gtk_widget_get_height (GTK_WIDGET (self));
  width = gtk_widget_get_width (GTK_WIDGET (self));
  /* Bring the hit to the upper third unless it is in sight already. */
  if (vadj != NULL && (r.origin.y < 0 || r.origin.y + r.size.height > height))
    gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) + r.origin.y - height / 3);
  if (hadj != NULL && (r.origin.x < 0 || r.origin.x + r.size.width > width))
    gtk_adjustment_set_value (hadj, gtk_adjustment_get_value (hadj) + r.origin.x - width / 3);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
find_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GrmPdfView *self = user_data;
  g_autoptr(GError) error = NULL;
  GArray *matches = grm_pdf_document_find_finish (GRM_PDF_DOCUMENT (source), result, &error);
  int start = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "grm-find-start"));
  guint i;

  if (matches == NULL)
    {
      g_object_unref (self);
      return;
    }
  g_clear_pointer (&self->matches, g_array_unref);
  self->matches = matches;
  self->current_match = matches->len > 0 ? 0 : -1;
  for (i = 0; i < matches->len; i++)
    if ((int) g_array_index (matches, GrmPdfMatch, i).page >= start)
      {
        self->current_match = i;
        break;
      }
  show_current_match (self);
  _grm_pdf_view_notify (self, "n-matches");
  g_object_unref (self);
}

/**
 * grm_pdf_view_find:
 * @text: (nullable): what to find; NULL or "" clears the hits
 * @page: the page from which the first hit is chosen, or -1 for the
 *   current page
 */
void
grm_pdf_view_find (GrmPdfView *self,
                   const char *text,
                   int         page)
{
  g_return_if_fail (GRM_IS_PDF_VIEW (self));

  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_pointer (&self->matches, g_array_unref);
  self->current_match = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _grm_pdf_view_notify (self, "n-matches");
  if (self->document == NULL || text == NULL || text[0] == '\0')
    return;

  self->find_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self), "grm-find-start",
                     GINT_TO_POINTER (page >= 0 ? page : (int) self->current_page));
  grm_pdf_document_find_async (self->document, text, -1, self->find_cancellable, find_cb,
                               g_object_ref (self));
}

void
grm_pdf_view_find_next (GrmPdfView *self,
                        gboolean    backwards)
{
  int n;

  g_return_if_fail (GRM_IS_PDF_VIEW (self));
  if (self->matches == NULL || self->matches->len == 0)
    return;
  n = self->matches->len;
  self->current_match = (self->current_match + (backwards ? n - 1 : 1)) % n;
  show_current_match (self);
  _grm_pdf_view_notify (self, "n-matches");
}

guint
grm_pdf_view_get_n_matches (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), 0);
  return self->matches != NULL ? self->matches->len : 0;
}

int
grm_pdf_view_get_current_match (GrmPdfView *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEW (self), -1);
  return self->current_match;
}

void
_grm_pdf_view_snapshot_overlays (GrmPdfView  *self,
                                 GtkSnapshot *snapshot,
                                 guint        page)
{
  const GdkRGBA hit = { 1.0, 0.85, 0.0, 0.45 };
  const GdkRGBA current = { 1.0, 0.45, 0.0, 0.55 };
  const GdkRGBA selected = { 0.21, 0.52, 0.89, 0.35 };
  graphene_rect_t r;
  guint i;

  for (i = 0; self->matches != NULL && i < self->matches->len; i++)
    {
      GrmPdfMatch *m = &g_array_index (self->matches, GrmPdfMatch, i);

      if (m->page != page)
        continue;
      _grm_pdf_view_page_rect_to_view (self, page, &m->rect, &r);
      gtk_snapshot_append_color (snapshot, (int) i == self->current_match ? &current : &hit, &r);
    }

  if (self->selection != NULL && (guint) self->sel_page == page && self->sel_page >= 0)
    for (i = 0; i < self->selection->rects->len; i++)
      {
        _grm_pdf_view_page_rect_to_view (self, page,
                                         &g_array_index (self->selection->rects, GrmPdfRect, i),
                                         &r);
        gtk_snapshot_append_color (snapshot, &selected, &r);
      }
}
