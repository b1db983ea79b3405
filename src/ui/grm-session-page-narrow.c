/* grm-session-page-narrow.c: the session page in a narrow window.
 *
 * A secretary may have the page in half a laptop screen (360–500 px).
 * libadwaita 1.2 has no breakpoints, so the page measures itself: it asks
 * for no more than 360 px, and when it gets less than its wide layout
 * needs, it turns that layout's rows into columns (the exclusion, the vote
 * choice, the substitute, the minutes buttons), puts the four counts two by
 * two, narrows the margins and gives the status strip a second line. The
 * agenda and the item fold into one pane by themselves (AdwLeaflet). The
 * switch happens after the frame in which the width changed; during that
 * one frame the wide layout is drawn clipped, never squeezed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>

#include "grm-session-page-private.h"

/* The least width the page asks for. */
#define NARROW_WIDTH 360

static const char dropdown_button_ui[] =
  "<interface><template class=\"GtkListItem\"><property name=\"child\">"
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>"
  "<property name=\"ellipsize\">end</property>"
  "<binding name=\"label\"><lookup name=\"string\" type=\"GtkStringObject\">"
  "<lookup name=\"item\">GtkListItem</lookup></lookup></binding>"
  "</object></property></template></interface>";

static const char dropdown_list_ui[] =
  "<interface><template class=\"GtkListItem\"><property name=\"child\">"
  "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>"
  "<property name=\"wrap\">true</property><property name=\"max-width-chars\">40</property>"
  "<binding name=\"label\"><lookup name=\"string\" type=\"GtkStringObject\">"
  "<lookup name=\"item\">GtkListItem</lookup></lookup></binding>"
  "</object></property></template></interface>";

GtkWidget *
grm_session_page_dropdown_new (GListModel *model,
                               gboolean    searchable)
{
  g_autoptr(GBytes) button_ui = g_bytes_new_static (dropdown_button_ui,
                                                    sizeof dropdown_button_ui - 1);
  g_autoptr(GBytes) list_ui = g_bytes_new_static (dropdown_list_ui, sizeof dropdown_list_ui - 1);
  g_autoptr(GtkListItemFactory) button_factory =
    gtk_builder_list_item_factory_new_from_bytes (NULL, button_ui);
  g_autoptr(GtkListItemFactory) list_factory =
    gtk_builder_list_item_factory_new_from_bytes (NULL, list_ui);
  GtkWidget *dropdown = gtk_drop_down_new (model, gtk_property_expression_new (
                                             GTK_TYPE_STRING_OBJECT, NULL, "string"));

  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), button_factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), searchable);
  return dropdown;
}

void
grm_session_page_flip_box (GrmSessionPage *self,
                           GtkWidget      *box)
{
  g_ptr_array_add (self->flip_boxes, box);
}

void
grm_session_page_narrow_margins (GrmSessionPage *self,
                                 GtkWidget      *widget)
{
  g_ptr_array_add (self->margin_boxes, widget);
}

void
grm_session_page_count_grid (GrmSessionPage *self,
                             GtkWidget      *grid)
{
  g_ptr_array_add (self->count_grids, grid);
}

static void
place (GtkWidget *grid,
       GtkWidget *child,
       int        column,
       int        row)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (grid);
  GtkGridLayoutChild *lc = GTK_GRID_LAYOUT_CHILD (gtk_layout_manager_get_layout_child (layout,
                                                                                      child));

  gtk_grid_layout_child_set_column (lc, column);
  gtk_grid_layout_child_set_row (lc, row);
}

/* Wide: the four labels in row 0 and their spins in row 1; narrow: two by
 * two. The children say which count they are ("count", 1–4). */
static void
arrange_counts (GtkWidget *grid,
                gboolean   narrow)
{
  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int i = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "count")) - 1;
      int spin = GTK_IS_SPIN_BUTTON (child) ? 1 : 0;

      if (i < 0)
        continue;
      if (narrow)
        place (grid, child, i % 2, (i / 2) * 2 + spin);
      else
        place (grid, child, i, spin);
    }
}

static void
apply (GrmSessionPage *self)
{
  gboolean narrow = self->narrow;

  for (guint k = 0; k < self->flip_boxes->len; k++)
    gtk_orientable_set_orientation (self->flip_boxes->pdata[k],
                                    narrow ? GTK_ORIENTATION_VERTICAL
                                           : GTK_ORIENTATION_HORIZONTAL);
  for (guint k = 0; k < self->margin_boxes->len; k++)
    {
      gtk_widget_set_margin_start (self->margin_boxes->pdata[k], narrow ? 12 : 24);
      gtk_widget_set_margin_end (self->margin_boxes->pdata[k], narrow ? 12 : 24);
    }
  for (guint k = 0; k < self->count_grids->len; k++)
    arrange_counts (self->count_grids->pdata[k], narrow);

  /* The strip: the quorum gets the first line to itself (and the
   * presenter's icon: F5 opens it too); the time of the last save and
   * "Note lack of quorum" go to a second line. */
  g_object_ref (self->quorum_button);
  g_object_ref (self->saved_label);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->quorum_button)), self->quorum_button);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->saved_label)), self->saved_label);
  if (narrow)
    {
      gtk_box_append (GTK_BOX (self->strip_bottom), self->saved_label);
      gtk_box_append (GTK_BOX (self->strip_bottom), self->quorum_button);
    }
  else
    {
      gtk_box_insert_child_after (GTK_BOX (self->strip_top), self->quorum_button,
                                  self->quorum_label);
      gtk_box_insert_child_after (GTK_BOX (self->strip_top), self->saved_label,
                                  self->quorum_button);
    }
  g_object_unref (self->quorum_button);
  g_object_unref (self->saved_label);
  grm_session_page_fit_strip (self);
  gtk_widget_set_hexpand (self->saved_label, narrow);
  gtk_label_set_xalign (GTK_LABEL (self->saved_label), narrow ? 0 : 0.5);
  if (narrow)
    gtk_button_set_icon_name (GTK_BUTTON (self->present_button), "video-display-symbolic");
  else
    gtk_button_set_label (GTK_BUTTON (self->present_button), _("_Presenter"));
  gtk_widget_set_tooltip_text (self->present_button, narrow ? _("Presenter (F5)") : NULL);
  gtk_widget_set_size_request (self->saved_label, narrow ? -1 : 110, -1);
  /* Alone at the start of the strip, the quorum reads from the left. */
  gtk_widget_set_hexpand (self->quorum_label, narrow);
  gtk_label_set_xalign (GTK_LABEL (self->quorum_label), narrow ? 0 : 0.5);
  gtk_label_set_justify (GTK_LABEL (self->quorum_label),
                         narrow ? GTK_JUSTIFY_LEFT : GTK_JUSTIFY_RIGHT);
  gtk_box_set_spacing (GTK_BOX (self->strip_top), narrow ? 8 : 18);
  gtk_widget_set_margin_start (self->strip_top, narrow ? 6 : 12);
  gtk_widget_set_margin_end (self->strip_top, narrow ? 6 : 12);
}

/* Two frames on: the pane has been laid out with the vote in it. */
static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       data)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  GtkWidget *sw = gtk_widget_get_ancestor (self->open_box, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *heading = gtk_widget_get_prev_sibling (self->begin_box);
  GtkWidget *content;
  graphene_point_t at;

  if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "reveal-frames")) < 1)
    {
      g_object_set_data (G_OBJECT (self), "reveal-frames", GINT_TO_POINTER (1));
      return G_SOURCE_CONTINUE;
    }
  self->reveal_tick = 0;
  g_object_set_data (G_OBJECT (self), "reveal-frames", NULL);
  content = sw ? gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (
                                                         GTK_SCROLLED_WINDOW (sw)))) : NULL;
  /* The heading "Vote" at the top, unless the first counts (or names)
   * would then still be below the fold: then those at the bottom. */
  if (content != NULL && self->narrow &&
      gtk_widget_compute_point (heading, content, &GRAPHENE_POINT_INIT (0, 0), &at))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw));
      GtkWidget *counts = gtk_widget_get_visible (self->counts_grid) ? self->spins[0]
                                                                      : self->named_list;
      double value = at.y - 6;
      graphene_rect_t r;

      if (gtk_widget_compute_bounds (counts, content, &r))
        value = MAX (value, r.origin.y + MIN (r.size.height, 120) + 12 -
                            gtk_adjustment_get_page_size (adj));
      gtk_adjustment_set_value (adj, MAX (value, 0));
    }
  return G_SOURCE_REMOVE;
}

void
grm_session_page_reveal_vote (GrmSessionPage *self)
{
  if (!self->narrow || self->reveal_tick != 0)
    return;
  self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_tick_cb, NULL,
                                                    NULL);
}

void
grm_session_page_fit_strip (GrmSessionPage *self)
{
  const char *saved = gtk_label_get_text (GTK_LABEL (self->saved_label));

  gtk_widget_set_visible (self->strip_bottom,
                          self->narrow && (*saved != '\0' ||
                                           gtk_widget_get_visible (self->quorum_button)));
}

static gboolean
switch_cb (gpointer data)
{
  GrmSessionPage *self = data;

  self->narrow_idle = 0;
  if (self->narrow != self->narrow_want)
    {
      self->narrow = self->narrow_want;
      apply (self);
      if (self->narrow && gtk_widget_get_visible (self->open_box))
        grm_session_page_reveal_vote (self);
    }
  return G_SOURCE_REMOVE;
}

static void
page_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  int least = 0;

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    {
      /* The wide layout is never measured narrower than it can be. */
      gtk_widget_measure (self->toasts, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
      for_size = MAX (for_size, least);
    }
  gtk_widget_measure (self->toasts, orientation, for_size, minimum, natural, minimum_baseline,
                      natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL && !self->narrow)
    {
      self->wide_min = *minimum;
      *minimum = MIN (*minimum, NARROW_WIDTH);
    }
}

static void
page_size_allocate (GtkWidget *widget,
                    int        width,
                    int        height,
                    int        baseline)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  int least = 0;

  gtk_widget_measure (self->toasts, GTK_ORIENTATION_HORIZONTAL, -1, &least, NULL, NULL, NULL);
  /* Back to the wide layout only where it fits (its least width is known
   * from the last time it was in use): no flapping between the two. */
  self->narrow_want = self->narrow ? width < self->wide_min : width < least;
  if (self->narrow_want != self->narrow && self->narrow_idle == 0)
    self->narrow_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, switch_cb, self, NULL);
  gtk_widget_allocate (self->toasts, MAX (width, least), height, baseline, NULL);
}

static GtkSizeRequestMode
page_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
page_compute_expand (GtkWidget *widget,
                     gboolean  *hexpand,
                     gboolean  *vexpand)
{
  *hexpand = TRUE;
  *vexpand = TRUE;
}

void
grm_session_page_narrow_class_init (GtkWidgetClass *widget_class)
{
  widget_class->measure = page_measure;
  widget_class->size_allocate = page_size_allocate;
  widget_class->get_request_mode = page_get_request_mode;
  widget_class->compute_expand = page_compute_expand;
}

void
grm_session_page_narrow_init (GrmSessionPage *self)
{
  /* The page measures and allocates its child itself (see above). */
  gtk_widget_set_layout_manager (GTK_WIDGET (self), NULL);
  self->flip_boxes = g_ptr_array_new ();
  self->margin_boxes = g_ptr_array_new ();
  self->count_grids = g_ptr_array_new ();
  self->wide_min = G_MAXINT;
}

void
grm_session_page_narrow_dispose (GrmSessionPage *self)
{
  g_clear_handle_id (&self->narrow_idle, g_source_remove);
  if (self->reveal_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_tick);
  self->reveal_tick = 0;
  g_clear_pointer (&self->flip_boxes, g_ptr_array_unref);
  g_clear_pointer (&self->margin_boxes, g_ptr_array_unref);
  g_clear_pointer (&self->count_grids, g_ptr_array_unref);
}
