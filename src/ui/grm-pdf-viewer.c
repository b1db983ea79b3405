/* grm-pdf-viewer.c: the PDF viewer page hosted by the main window.
 *
 * Several documents in tabs, a sidebar with thumbnails and the outline,
 * its own header controls (page number, zoom, find, menu) and an action
 * with a shortcut for everything it does. The last page and zoom of each
 * document are remembered (GrmPdfPositions).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-viewer"

#include <glib/gi18n-lib.h>

#include "grm-pdf-positions.h"
#include "grm-pdf-print.h"
#include "grm-pdf-sidebar.h"
#include "grm-pdf-tab.h"
#include "grm-pdf-viewer.h"

struct _GrmPdfViewer
{
  GtkWidget parent_instance;

  GtkWidget *box;
  AdwHeaderBar *header_bar;
  GtkWidget *sidebar_button;
  AdwWindowTitle *window_title;
  GtkWidget *page_box;
  GtkWidget *zoom_box;
  GtkEntry *page_entry;
  GtkLabel *n_pages_label;
  GtkMenuButton *zoom_button;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel *match_label;
  AdwFlap *flap;
  GrmPdfSidebar *sidebar;
  GtkStack *content_stack;
  AdwTabView *tab_view;

  GrmPdfPositions *positions;
  GrmPdfView *view;            /* of the selected tab, weak */
  gulong view_handlers[3];
  gboolean night;
};

enum
{
  PROP_0,
  PROP_NIGHT_VIEW,
  PROP_SIDEBAR_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GrmPdfViewer, grm_pdf_viewer, GTK_TYPE_WIDGET)

GtkWidget *
grm_pdf_viewer_new (void)
{
  return g_object_new (GRM_TYPE_PDF_VIEWER, NULL);
}

static GrmPdfTab *
current_tab (GrmPdfViewer *self)
{
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);

  return page != NULL ? GRM_PDF_TAB (adw_tab_page_get_child (page)) : NULL;
}

GtkWidget *
grm_pdf_viewer_get_view (GrmPdfViewer *self)
{
  g_return_val_if_fail (GRM_IS_PDF_VIEWER (self), NULL);
  return self->view != NULL ? GTK_WIDGET (self->view) : NULL;
}

static void
remember_position (GrmPdfViewer *self,
                   GrmPdfTab    *tab)
{
  GrmPdfView *view = grm_pdf_tab_get_view (tab);

  if (view == NULL)
    return;
  grm_pdf_positions_store (self->positions, grm_pdf_tab_get_file (tab),
                           grm_pdf_view_get_page (view),
                           grm_pdf_view_get_sizing (view) == GRM_PDF_SIZING_FREE
                           ? grm_pdf_view_get_zoom (view) : 0);
}

/* Header state follows the selected view. */

static void
update_page (GrmPdfViewer *self)
{
  g_autofree char *text = NULL;
  g_autofree char *of = NULL;
  GrmPdfDocument *doc;

  if (self->view == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->page_entry), "");
      gtk_label_set_text (self->n_pages_label, "");
      return;
    }
  doc = grm_pdf_view_get_document (self->view);
  text = g_strdup_printf ("%u", grm_pdf_view_get_page (self->view) + 1);
  /* Translators: "of 117" after the page number entry */
  of = g_strdup_printf (_("of %u"), grm_pdf_document_get_n_pages (doc));
  gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text);
  gtk_label_set_text (self->n_pages_label, of);
  remember_position (self, current_tab (self));
}

static void
update_zoom (GrmPdfViewer *self)
{
  g_autofree char *label = NULL;

  if (self->view == NULL)
    return;
  /* 100 % is the page at its real size on a 96 dpi screen. */
  label = g_strdup_printf ("%.0f %%", grm_pdf_view_get_zoom (self->view) * 72.0 / 96.0 * 100);
  gtk_menu_button_set_label (self->zoom_button, label);
}

static void
update_matches (GrmPdfViewer *self)
{
  g_autofree char *text = NULL;
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint n = self->view != NULL ? grm_pdf_view_get_n_matches (self->view) : 0;

  if (query[0] == '\0')
    text = g_strdup ("");
  else if (n == 0)
    text = g_strdup (_("No matches"));
  else
    /* Translators: "3 of 12" matches */
    text = g_strdup_printf (_("%d of %u"), grm_pdf_view_get_current_match (self->view) + 1, n);
  gtk_label_set_text (self->match_label, text);
}

static void
update_actions (GrmPdfViewer *self)
{
  gboolean has_view = self->view != NULL;
  gboolean has_tab = current_tab (self) != NULL;
  const char *view_actions[] = {
    "pdf.zoom-in", "pdf.zoom-out", "pdf.fit-width", "pdf.fit-page", "pdf.actual-size",
    "pdf.find", "pdf.find-next", "pdf.find-previous", "pdf.rotate-left", "pdf.rotate-right",
    "pdf.print", "pdf.copy", "pdf.select-all", "pdf.go-to-page",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), view_actions[i], has_view);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.close-tab", has_tab);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pdf.open-with", has_tab);
  gtk_stack_set_visible_child_name (self->content_stack, has_tab ? "tabs" : "empty");
  gtk_widget_set_visible (self->page_box, has_view);
  gtk_widget_set_visible (self->zoom_box, has_view);
}

static void
set_view (GrmPdfViewer *self,
          GrmPdfView   *view)
{
  guint i;

  if (self->view != NULL)
    for (i = 0; i < G_N_ELEMENTS (self->view_handlers); i++)
      g_clear_signal_handler (&self->view_handlers[i], self->view);
  self->view = view;
  if (view != NULL)
    {
      self->view_handlers[0] = g_signal_connect_swapped (view, "notify::page",
                                                         G_CALLBACK (update_page), self);
      self->view_handlers[1] = g_signal_connect_swapped (view, "notify::zoom",
                                                         G_CALLBACK (update_zoom), self);
      self->view_handlers[2] = g_signal_connect_swapped (view, "notify::n-matches",
                                                         G_CALLBACK (update_matches), self);
      grm_pdf_view_set_night (view, self->night);
    }
  grm_pdf_sidebar_set_view (self->sidebar, view);
  update_page (self);
  update_zoom (self);
  update_matches (self);
  update_actions (self);
}

static void
selected_page_cb (GrmPdfViewer *self)
{
  GrmPdfTab *tab = current_tab (self);

  adw_window_title_set_title (self->window_title, tab != NULL ? grm_pdf_tab_get_title (tab) : "");
  set_view (self, tab != NULL ? grm_pdf_tab_get_view (tab) : NULL);
}

static gboolean
close_page_cb (GrmPdfViewer *self,
               AdwTabPage   *page)
{
  remember_position (self, GRM_PDF_TAB (adw_tab_page_get_child (page)));
  if (GTK_WIDGET (self->view) != NULL
      && gtk_widget_is_ancestor (GTK_WIDGET (self->view), adw_tab_page_get_child (page)))
    set_view (self, NULL);
  adw_tab_view_close_page_finish (self->tab_view, page, TRUE);
  return GDK_EVENT_STOP;
}

static void
tab_loaded_cb (GrmPdfTab    *tab,
               GrmPdfViewer *self)
{
  AdwTabPage *page = adw_tab_view_get_page (self->tab_view, GTK_WIDGET (tab));
  GrmPdfDocument *doc = grm_pdf_tab_get_document (tab);
  const char *doc_title = doc != NULL ? grm_pdf_document_get_title (doc) : NULL;

  /* Emitted both when the document opened and when it failed. */
  adw_tab_page_set_loading (page, FALSE);
  if (grm_pdf_tab_get_error (tab) != NULL)
    {
      g_autoptr(GIcon) icon = g_themed_icon_new ("dialog-warning-symbolic");

      adw_tab_page_set_icon (page, icon);
    }
  else
    adw_tab_page_set_icon (page, NULL);
  if (doc_title != NULL && doc_title[0] != '\0')
    adw_tab_page_set_tooltip (page, doc_title);
  if (current_tab (self) == tab)
    set_view (self, grm_pdf_tab_get_view (tab));
}

/**
 * grm_pdf_viewer_open:
 * @file: a PDF, anywhere (the app's offline store or a file given on the
 *   command line)
 * @title: (nullable): the tab's title; the file name when NULL
 * @page: 0-based page to show, or -1 for the page the user last read
 * @highlight: (nullable): words to highlight, the first hit on @page shown
 */
void
grm_pdf_viewer_open (GrmPdfViewer *self,
                     GFile        *file,
                     const char   *title,
                     int           page,
                     const char   *highlight)
{
  GrmPdfTab *tab;
  AdwTabPage *tab_page;
  double zoom = 0;
  int remembered;
  guint i, n;

  g_return_if_fail (GRM_IS_PDF_VIEWER (self));
  g_return_if_fail (G_IS_FILE (file));

  /* A document already open is shown again, not loaded twice. */
  n = adw_tab_view_get_n_pages (self->tab_view);
  for (i = 0; i < n; i++)
    {
      AdwTabPage *p = adw_tab_view_get_nth_page (self->tab_view, i);
      GrmPdfTab *t = GRM_PDF_TAB (adw_tab_page_get_child (p));

      if (g_file_equal (grm_pdf_tab_get_file (t), file) && grm_pdf_tab_get_error (t) == NULL)
        {
          GrmPdfView *view = grm_pdf_tab_get_view (t);

          adw_tab_view_set_selected_page (self->tab_view, p);
          if (view != NULL && page >= 0)
            grm_pdf_view_set_page (view, page);
          if (view != NULL && highlight != NULL)
            grm_pdf_view_find (view, highlight, page);
          return;
        }
    }

  if (grm_pdf_positions_lookup (self->positions, file, &remembered, &zoom) && page < 0)
    page = remembered;
  tab = grm_pdf_tab_new (file, title);
  g_signal_connect (tab, "loaded", G_CALLBACK (tab_loaded_cb), self);
  tab_page = adw_tab_view_append (self->tab_view, GTK_WIDGET (tab));
  adw_tab_page_set_title (tab_page, grm_pdf_tab_get_title (tab));
  adw_tab_page_set_loading (tab_page, TRUE);
  adw_tab_view_set_selected_page (self->tab_view, tab_page);
  update_actions (self);
  grm_pdf_tab_load (tab, page, zoom, highlight);
}

void
grm_pdf_viewer_pack_start (GrmPdfViewer *self,
                           GtkWidget    *widget)
{
  GtkWidget *start_box = gtk_widget_get_parent (self->sidebar_button);

  g_return_if_fail (GRM_IS_PDF_VIEWER (self));
  /* Back comes first, before the sidebar button. */
  if (GTK_IS_BOX (start_box))
    gtk_box_insert_child_after (GTK_BOX (start_box), widget, NULL);
  else
    adw_header_bar_pack_start (self->header_bar, widget);
}

/* Signal handlers from the template */

static void
page_entry_activate_cb (GrmPdfViewer *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->page_entry));
  guint64 page;

  if (self->view != NULL && g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &page, NULL))
    {
      grm_pdf_view_set_page (self->view, (guint) page - 1);
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
    }
  update_page (self);
}

static void
search_changed_cb (GrmPdfViewer *self)
{
  if (self->view != NULL)
    grm_pdf_view_find (self->view, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  update_matches (self);
}

static void
search_next_cb (GrmPdfViewer *self)
{
  if (self->view != NULL)
    grm_pdf_view_find_next (self->view, FALSE);
}

static void
search_previous_cb (GrmPdfViewer *self)
{
  if (self->view != NULL)
    grm_pdf_view_find_next (self->view, TRUE);
}

/* Actions */

static void
zoom_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (widget);

  if (self->view == NULL)
    return;
  if (g_str_equal (name, "pdf.zoom-in"))
    grm_pdf_view_zoom_in (self->view);
  else if (g_str_equal (name, "pdf.zoom-out"))
    grm_pdf_view_zoom_out (self->view);
  else if (g_str_equal (name, "pdf.fit-width"))
    grm_pdf_view_set_sizing (self->view, GRM_PDF_SIZING_FIT_WIDTH);
  else if (g_str_equal (name, "pdf.fit-page"))
    grm_pdf_view_set_sizing (self->view, GRM_PDF_SIZING_FIT_PAGE);
  else
    grm_pdf_view_set_zoom (self->view, 96.0 / 72.0);
  remember_position (self, current_tab (self));
}

static void
find_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (widget);

  if (g_str_equal (name, "pdf.find"))
    {
      gtk_search_bar_set_search_mode (self->search_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
    }
  else if (self->view != NULL)
    grm_pdf_view_find_next (self->view, g_str_equal (name, "pdf.find-previous"));
}

static void
view_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (widget);
  GrmPdfTab *tab = current_tab (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->view == NULL)
    return;
  if (g_str_equal (name, "pdf.rotate-left"))
    grm_pdf_view_set_rotation (self->view, grm_pdf_view_get_rotation (self->view) - 90);
  else if (g_str_equal (name, "pdf.rotate-right"))
    grm_pdf_view_set_rotation (self->view, grm_pdf_view_get_rotation (self->view) + 90);
  else if (g_str_equal (name, "pdf.copy"))
    grm_pdf_view_copy (self->view);
  else if (g_str_equal (name, "pdf.select-all"))
    grm_pdf_view_select_page (self->view);
  else if (g_str_equal (name, "pdf.go-to-page"))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->page_entry));
      gtk_editable_select_region (GTK_EDITABLE (self->page_entry), 0, -1);
    }
  else if (g_str_equal (name, "pdf.print"))
    grm_pdf_print (grm_pdf_view_get_document (self->view), grm_pdf_tab_get_title (tab),
                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
app_chosen_cb (GtkDialog *dialog,
               int        response,
               GFile     *file)
{
  if (response == GTK_RESPONSE_OK)
    {
      g_autoptr(GAppInfo) app = gtk_app_chooser_get_app_info (GTK_APP_CHOOSER (dialog));
      g_autoptr(GError) error = NULL;
      GList files = { file, NULL, NULL };

      if (app != NULL && !g_app_info_launch (app, &files, NULL, &error))
        g_warning ("Cannot open the document in another application: %s", error->message);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (file);
}

static void
tab_action (GtkWidget  *widget,
            const char *name,
            GVariant   *param)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (widget);
  AdwTabPage *page = adw_tab_view_get_selected_page (self->tab_view);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  GFile *file;

  if (page == NULL)
    return;
  if (g_str_equal (name, "pdf.close-tab"))
    {
      adw_tab_view_close_page (self->tab_view, page);
      return;
    }
  file = grm_pdf_tab_get_file (GRM_PDF_TAB (adw_tab_page_get_child (page)));
  dialog = gtk_app_chooser_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       GTK_DIALOG_MODAL, file);
  g_signal_connect (dialog, "response", G_CALLBACK (app_chosen_cb), g_object_ref (file));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
grm_pdf_viewer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (object);

  switch (prop_id)
    {
    case PROP_NIGHT_VIEW:
      g_value_set_boolean (value, self->night);
      break;
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, adw_flap_get_reveal_flap (self->flap));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_pdf_viewer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (object);

  switch (prop_id)
    {
    case PROP_NIGHT_VIEW:
      self->night = g_value_get_boolean (value);
      if (self->view != NULL)
        grm_pdf_view_set_night (self->view, self->night);
      g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SIDEBAR_VISIBLE:
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_pdf_viewer_dispose (GObject *object)
{
  GrmPdfViewer *self = GRM_PDF_VIEWER (object);
  guint i, n;

  if (self->tab_view != NULL)
    {
      n = adw_tab_view_get_n_pages (self->tab_view);
      for (i = 0; i < n; i++)
        remember_position (self, GRM_PDF_TAB (adw_tab_page_get_child (
                                   adw_tab_view_get_nth_page (self->tab_view, i))));
    }
  set_view (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_PDF_VIEWER);
  g_clear_object (&self->positions);
  G_OBJECT_CLASS (grm_pdf_viewer_parent_class)->dispose (object);
}

static void
add_binding (GtkWidgetClass  *widget_class,
             guint            keyval,
             GdkModifierType  mods,
             const char      *action)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, mods, action, NULL);
}

static void
grm_pdf_viewer_class_init (GrmPdfViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_pdf_viewer_dispose;
  object_class->get_property = grm_pdf_viewer_get_property;
  object_class->set_property = grm_pdf_viewer_set_property;

  properties[PROP_NIGHT_VIEW] =
    g_param_spec_boolean ("night-view", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GRM_TYPE_PDF_SIDEBAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-pdf-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, box);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, header_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, window_title);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, page_box);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, page_entry);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, n_pages_label);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, match_label);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, flap);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmPdfViewer, tab_view);
  gtk_widget_class_bind_template_callback (widget_class, page_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_page_cb);

  gtk_widget_class_install_action (widget_class, "pdf.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-width", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.fit-page", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.actual-size", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "pdf.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-next", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.find-previous", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "pdf.rotate-left", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.rotate-right", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.copy", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.select-all", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.go-to-page", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.print", NULL, view_action);
  gtk_widget_class_install_action (widget_class, "pdf.close-tab", NULL, tab_action);
  gtk_widget_class_install_action (widget_class, "pdf.open-with", NULL, tab_action);
  gtk_widget_class_install_property_action (widget_class, "pdf.night-view", "night-view");
  gtk_widget_class_install_property_action (widget_class, "pdf.sidebar", "sidebar-visible");

  add_binding (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_binding (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_binding (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "pdf.zoom-in");
  add_binding (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "pdf.zoom-out");
  add_binding (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "pdf.zoom-out");
  add_binding (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "pdf.fit-width");
  add_binding (widget_class, GDK_KEY_9, GDK_CONTROL_MASK, "pdf.fit-page");
  add_binding (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "pdf.actual-size");
  add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "pdf.find");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "pdf.find-next");
  add_binding (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.find-previous");
  add_binding (widget_class, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.find-previous");
  add_binding (widget_class, GDK_KEY_Left, GDK_CONTROL_MASK, "pdf.rotate-left");
  add_binding (widget_class, GDK_KEY_Right, GDK_CONTROL_MASK, "pdf.rotate-right");
  add_binding (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "pdf.copy");
  add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "pdf.select-all");
  add_binding (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "pdf.go-to-page");
  add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "pdf.print");
  add_binding (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "pdf.close-tab");
  add_binding (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.open-with");
  add_binding (widget_class, GDK_KEY_O, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "pdf.open-with");
  add_binding (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "pdf.night-view");
  add_binding (widget_class, GDK_KEY_F9, 0, "pdf.sidebar");

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "grm-pdf-viewer");
}

static void
flap_revealed_cb (GrmPdfViewer *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
grm_pdf_viewer_init (GrmPdfViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->positions = grm_pdf_positions_new (NULL);
  g_signal_connect_swapped (self->flap, "notify::reveal-flap",
                            G_CALLBACK (flap_revealed_cb), self);
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));
  update_actions (self);
}
