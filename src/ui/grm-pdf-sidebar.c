/* grm-pdf-sidebar.c: page thumbnails and the outline of a document.
 *
 * Thumbnails are rendered on the document's worker at low priority when
 * their row is bound, and kept (up to a limit) while the document is
 * shown; the outline is fetched once per document. Both jump the view to
 * the page the user picks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-sidebar"

#include <glib/gi18n-lib.h>

#include "grm-pdf-sidebar.h"

#define THUMB_WIDTH 110.0
#define MAX_THUMBS 300

struct _GrmPdfSidebar
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkStack *stack;
  GtkWidget *switcher;
  GtkListView *thumbs;
  GtkStringList *pages;
  GtkSingleSelection *selection;
  GtkListBox *outline;

  GrmPdfView *view;
  GHashTable *textures;   /* page → GdkTexture */
  GCancellable *cancellable;
  gulong page_handler;
};

G_DEFINE_FINAL_TYPE (GrmPdfSidebar, grm_pdf_sidebar, GTK_TYPE_WIDGET)

GtkWidget *
grm_pdf_sidebar_new (void)
{
  return g_object_new (GRM_TYPE_PDF_SIDEBAR, NULL);
}

/* Thumbnails */

typedef struct
{
  GrmPdfSidebar *self;
  GtkListItem *item;
  guint page;
} ThumbRequest;

static void
thumb_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  ThumbRequest *req = user_data;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  surface = grm_pdf_document_render_finish (GRM_PDF_DOCUMENT (source), result, &error);
  if (surface != NULL)
    {
      g_autoptr(GBytes) bytes = grm_pdf_surface_get_bytes (surface);
      GdkTexture *texture;

      texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface),
                                        cairo_image_surface_get_height (surface),
                                        GDK_MEMORY_DEFAULT, bytes,
                                        cairo_image_surface_get_stride (surface));
      cairo_surface_destroy (surface);
      if (g_hash_table_size (req->self->textures) > MAX_THUMBS)
        g_hash_table_remove_all (req->self->textures);
      g_hash_table_insert (req->self->textures, GUINT_TO_POINTER (req->page), texture);
      if (gtk_list_item_get_position (req->item) == req->page)
        {
          GtkWidget *box = gtk_list_item_get_child (req->item);

          gtk_picture_set_paintable (GTK_PICTURE (gtk_widget_get_first_child (box)),
                                     GDK_PAINTABLE (texture));
        }
    }
  g_object_unref (req->item);
  g_object_unref (req->self);
  g_free (req);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          GrmPdfSidebar            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *picture = gtk_picture_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_size_request (picture, (int) THUMB_WIDTH, (int) (THUMB_WIDTH * 1.41));
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_widget_add_css_class (picture, "card");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), picture);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         GrmPdfSidebar            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *picture = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_last_child (box);
  guint page = gtk_list_item_get_position (item);
  GrmPdfDocument *doc = self->view != NULL ? grm_pdf_view_get_document (self->view) : NULL;
  GdkTexture *texture = g_hash_table_lookup (self->textures, GUINT_TO_POINTER (page));
  g_autofree char *a11y = g_strdup_printf (_("Page %u"), page + 1);
  GCancellable *cancellable;
  ThumbRequest *req;
  double w, h;

  gtk_label_set_text (GTK_LABEL (label),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_picture_set_paintable (GTK_PICTURE (picture), GDK_PAINTABLE (texture));
  if (texture != NULL || doc == NULL)
    return;

  grm_pdf_document_get_page_size (doc, page, &w, &h);
  req = g_new0 (ThumbRequest, 1);
  req->self = g_object_ref (self);
  req->item = g_object_ref (item);
  req->page = page;
  /* A row scrolled past before its thumbnail came gives up its render. */
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (item), "grm-cancellable", cancellable, g_object_unref);
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           cancellable, G_CONNECT_SWAPPED);
  grm_pdf_document_render_async (doc, page, THUMB_WIDTH / MAX (w, 1),
                                 grm_pdf_view_get_rotation (self->view), G_PRIORITY_LOW,
                                 cancellable, thumb_cb, req);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           GrmPdfSidebar            *self)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (item), "grm-cancellable");

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
  g_object_set_data (G_OBJECT (item), "grm-cancellable", NULL);
}

static void
thumb_activate_cb (GtkListView   *list,
                   guint          position,
                   GrmPdfSidebar *self)
{
  if (self->view != NULL)
    grm_pdf_view_set_page (self->view, position);
}

static void
page_changed_cb (GrmPdfView    *view,
                 GParamSpec    *pspec,
                 GrmPdfSidebar *self)
{
  guint page = grm_pdf_view_get_page (view);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->pages));
  GtkAdjustment *adj;
  double row, value;

  gtk_single_selection_set_selected (self->selection, page);
  /* GTK 4.8 has no gtk_list_view_scroll_to(): rows have one height, so
   * scroll the list so that the page's row is in sight. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->thumbs)) || n == 0)
    return;
  adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->thumbs));
  row = gtk_adjustment_get_upper (adj) / n;
  value = gtk_adjustment_get_value (adj);
  if (page * row < value || (page + 1) * row > value + gtk_adjustment_get_page_size (adj))
    gtk_adjustment_set_value (adj, page * row - gtk_adjustment_get_page_size (adj) / 3);
}

/* Outline */

static void
add_outline_rows (GrmPdfSidebar *self,
                  GPtrArray     *items,
                  int            depth)
{
  guint i;

  for (i = 0; i < items->len; i++)
    {
      GrmPdfOutlineItem *item = g_ptr_array_index (items, i);
      GtkWidget *label = gtk_label_new (item->title);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_tooltip_text (label, item->title);
      gtk_widget_set_margin_start (label, 12 + 16 * MIN (depth, 6));
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), item->page >= 0);
      g_object_set_data (G_OBJECT (row), "grm-page", GINT_TO_POINTER (item->page));
      gtk_list_box_append (self->outline, row);
      add_outline_rows (self, item->children, depth + 1);
    }
}

static void
outline_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GrmPdfSidebar) self = user_data;
  g_autoptr(GPtrArray) items = NULL;

  items = grm_pdf_document_get_outline_finish (GRM_PDF_DOCUMENT (source), result, NULL);
  if (items == NULL)
    return;
  add_outline_rows (self, items, 0);
  gtk_widget_set_visible (self->switcher, items->len > 0);
}

static void
outline_activated_cb (GtkListBox    *box,
                      GtkListBoxRow *row,
                      GrmPdfSidebar *self)
{
  int page = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "grm-page"));

  if (self->view != NULL && page >= 0)
    grm_pdf_view_set_page (self->view, page);
}

void
grm_pdf_sidebar_set_view (GrmPdfSidebar *self,
                          GrmPdfView    *view)
{
  GrmPdfDocument *doc;
  guint i, n;

  g_return_if_fail (GRM_IS_PDF_SIDEBAR (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->view != NULL)
    g_clear_signal_handler (&self->page_handler, self->view);
  g_clear_object (&self->view);
  g_hash_table_remove_all (self->textures);
  gtk_string_list_splice (self->pages, 0, g_list_model_get_n_items (G_LIST_MODEL (self->pages)),
                          NULL);
  while (gtk_widget_get_first_child (GTK_WIDGET (self->outline)) != NULL)
    gtk_list_box_remove (self->outline, gtk_widget_get_first_child (GTK_WIDGET (self->outline)));
  gtk_widget_set_visible (self->switcher, FALSE);
  gtk_stack_set_visible_child_name (self->stack, "thumbnails");

  if (view == NULL || grm_pdf_view_get_document (view) == NULL)
    return;

  self->view = g_object_ref (view);
  doc = grm_pdf_view_get_document (view);
  n = grm_pdf_document_get_n_pages (doc);
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) labels = NULL;

    for (i = 0; i < n; i++)
      {
        g_autofree char *label = g_strdup_printf ("%u", i + 1);

        g_strv_builder_add (builder, label);
      }
    labels = g_strv_builder_end (builder);
    gtk_string_list_splice (self->pages, 0, 0, (const char * const *) labels);
  }
  self->page_handler = g_signal_connect (view, "notify::page", G_CALLBACK (page_changed_cb),
                                         self);
  gtk_single_selection_set_selected (self->selection, grm_pdf_view_get_page (view));
  grm_pdf_document_get_outline_async (doc, self->cancellable, outline_cb, g_object_ref (self));
}

static void
grm_pdf_sidebar_dispose (GObject *object)
{
  GrmPdfSidebar *self = GRM_PDF_SIDEBAR (object);

  g_cancellable_cancel (self->cancellable);
  if (self->view != NULL)
    g_clear_signal_handler (&self->page_handler, self->view);
  g_clear_object (&self->view);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (grm_pdf_sidebar_parent_class)->dispose (object);
}

static void
grm_pdf_sidebar_finalize (GObject *object)
{
  GrmPdfSidebar *self = GRM_PDF_SIDEBAR (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->textures);
  g_clear_object (&self->pages);
  G_OBJECT_CLASS (grm_pdf_sidebar_parent_class)->finalize (object);
}

static void
grm_pdf_sidebar_class_init (GrmPdfSidebarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = grm_pdf_sidebar_dispose;
  G_OBJECT_CLASS (klass)->finalize = grm_pdf_sidebar_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "grm-pdf-sidebar");
}

static void
grm_pdf_sidebar_init (GrmPdfSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled_thumbs = gtk_scrolled_window_new ();
  GtkWidget *scrolled_outline = gtk_scrolled_window_new ();

  self->textures = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->cancellable = g_cancellable_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  self->switcher = gtk_stack_switcher_new ();
  gtk_stack_switcher_set_stack (GTK_STACK_SWITCHER (self->switcher), self->stack);
  gtk_widget_set_margin_top (self->switcher, 6);
  gtk_widget_set_margin_bottom (self->switcher, 6);
  gtk_widget_set_halign (self->switcher, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (self->box), self->switcher);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  self->pages = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->pages)));
  self->thumbs = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (self->selection),
                                                   factory));
  gtk_list_view_set_single_click_activate (self->thumbs, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->thumbs), "navigation-sidebar");
  g_signal_connect (self->thumbs, "activate", G_CALLBACK (thumb_activate_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled_thumbs),
                                 GTK_WIDGET (self->thumbs));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled_thumbs), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_stack_add_titled (self->stack, scrolled_thumbs, "thumbnails", _("Pages"));

  self->outline = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->outline), "navigation-sidebar");
  g_signal_connect (self->outline, "row-activated", G_CALLBACK (outline_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled_outline),
                                 GTK_WIDGET (self->outline));
  gtk_stack_add_titled (self->stack, scrolled_outline, "outline", _("Contents"));
  gtk_widget_set_visible (self->switcher, FALSE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 160, -1);
}
