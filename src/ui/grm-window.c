/* grm-window.c: the main window.
 *
 * Until the application has opened the store the window shows a spinner; if
 * the store cannot be opened, an error page that says why (damaged, or made
 * by a newer Gremium). Then: a sidebar of sections and a content area, in an
 * AdwLeaflet so that a narrow window folds the sidebar away. Inside a
 * section the user walks into pages (meeting → agenda item → paper → file);
 * the back button walks out again. While the store holds no council yet, the
 * browse sections show a welcome page that says what to do first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-window"

#include <glib/gi18n-lib.h>

#include "grm-committees-page.h"
#include "grm-error.h"
#include "grm-meetings-page.h"
#include "grm-papers-page.h"
#include "grm-search-page.h"
#include "grm-store-browse.h"
#include "grm-upcoming-page.h"
#include "grm-pdf-viewer.h"
#include "grm-application-private.h"
#include "grm-window-private.h"

G_DEFINE_FINAL_TYPE (GrmWindow, grm_window, ADW_TYPE_APPLICATION_WINDOW)

/* Sections that show the welcome page while the store is empty. */
static const char * const browse_sections[] = {
  "upcoming", "meetings", "committees", "papers", "search", NULL
};

static gboolean
is_browse_section (const char *name)
{
  return name != NULL && g_strv_contains (browse_sections, name);
}

static void
update_back_button (GrmWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);

  gtk_widget_set_visible (self->back_button, self->history->len > 0 || folded);
}

/* The window holds its own reference on the binding: a page that goes
 * away takes the binding's reference with it. */
static void
clear_title_binding (GrmWindow *self)
{
  if (self->title_binding == NULL)
    return;
  g_binding_unbind (self->title_binding);
  g_clear_object (&self->title_binding);
}

static void
update_title (GrmWindow *self)
{
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  clear_title_binding (self);
  if (page != NULL && !ADW_IS_STATUS_PAGE (page)
      && g_object_class_find_property (G_OBJECT_GET_CLASS (page), "title"))
    self->title_binding = g_object_ref (g_object_bind_property (page, "title",
                                                                self->content_title, "title",
                                                                G_BINDING_SYNC_CREATE));
  else if (page != NULL && g_object_get_data (G_OBJECT (page), "grm-title") != NULL)
    adw_window_title_set_title (self->content_title,
                                g_object_get_data (G_OBJECT (page), "grm-title"));
  else
    adw_window_title_set_title (self->content_title, _("Gremium"));
}

static void
show_visible (GrmWindow *self,
              GtkWidget *page)
{
  gtk_stack_set_visible_child (self->content_stack, page);
  /* The viewer brings a header bar of its own, with the back button in it. */
  gtk_widget_set_visible (self->content_header, !GRM_IS_PDF_VIEWER (page));
  update_title (self);
  update_back_button (self);
}

static void
clear_history (GrmWindow *self)
{
  while (self->history->len > 0)
    {
      GtkWidget *page = g_ptr_array_steal_index (self->history, self->history->len - 1);

      gtk_stack_remove (self->content_stack, page);
    }
}

/* Browse sections are built when first shown: a quick start reads only
 * what the first screen needs. */
static GtkWidget *
build_section_page (GrmWindow  *self,
                    const char *name)
{
  GtkWidget *page = NULL;

  if (self->store == NULL)
    return NULL;
  if (g_str_equal (name, "upcoming"))
    page = grm_upcoming_page_new (self->store, self->settings);
  else if (g_str_equal (name, "meetings"))
    page = grm_meetings_page_new (self->store);
  else if (g_str_equal (name, "committees"))
    page = grm_committees_page_new (self->store);
  else if (g_str_equal (name, "papers"))
    page = grm_papers_page_new (self->store);
  else if (g_str_equal (name, "search"))
    {
      page = grm_search_page_new (self->store);
      g_object_set_data_full (G_OBJECT (page), "grm-title", g_strdup (_("Search")), g_free);
    }
  if (page != NULL)
    gtk_stack_add_named (self->content_stack, page, name);
  return page;
}

static GtkWidget *
section_page (GrmWindow  *self,
              const char *name)
{
  GtkWidget *page;

  if (is_browse_section (name) && !self->has_data)
    return gtk_stack_get_child_by_name (self->content_stack, "welcome");
  page = gtk_stack_get_child_by_name (self->content_stack, name);
  if (page == NULL && is_browse_section (name))
    page = build_section_page (self, name);
  return page;
}

static void
select_sidebar_row (GrmWindow  *self,
                    const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, GTK_LIST_BOX_ROW (row));
          return;
        }
    }
}

void
grm_window_show_section (GrmWindow  *self,
                         const char *name)
{
  GtkWidget *page;

  g_return_if_fail (GRM_IS_WINDOW (self));

  page = section_page (self, name);
  if (page == NULL)
    return;

  g_free (self->section);
  self->section = g_strdup (name);
  clear_history (self);
  select_sidebar_row (self, name);
  show_visible (self, page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
grm_window_push_page (GrmWindow *self,
                      GtkWidget *page)
{
  g_return_if_fail (GRM_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  gtk_stack_add_child (self->content_stack, page);
  g_ptr_array_add (self->history, page);
  show_visible (self, page);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

gboolean
grm_window_go_back (GrmWindow *self)
{
  GtkWidget *page;

  g_return_val_if_fail (GRM_IS_WINDOW (self), FALSE);

  if (self->history->len == 0)
    return adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  page = g_ptr_array_steal_index (self->history, self->history->len - 1);
  show_visible (self, self->history->len > 0
                      ? g_ptr_array_index (self->history, self->history->len - 1)
                      : section_page (self, self->section));
  gtk_stack_remove (self->content_stack, page);
  return TRUE;
}

GtkWidget *
grm_window_get_visible_page (GrmWindow *self)
{
  g_return_val_if_fail (GRM_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child (self->content_stack);
}

const char *
grm_window_get_section (GrmWindow *self)
{
  g_return_val_if_fail (GRM_IS_WINDOW (self), NULL);
  return self->section;
}

void
grm_window_show_toast (GrmWindow  *self,
                       const char *message)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (GRM_IS_WINDOW (self));

  /* A toast's title is markup; messages may quote server text. */
  escaped = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
add_sidebar_row (GrmWindow  *self,
                 const char *name,
                 const char *title,
                 const char *icon_name)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (icon_name));
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);
  row = gtk_list_box_row_new ();
  gtk_widget_set_name (row, name);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (self->sidebar, row);
}

void
grm_window_add_section (GrmWindow  *self,
                        const char *name,
                        const char *title,
                        const char *icon_name,
                        GtkWidget  *page)
{
  g_return_if_fail (GRM_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WIDGET (page));

  add_sidebar_row (self, name, title, icon_name);
  gtk_stack_add_named (self->content_stack, page, name);
}

static void
sidebar_row_activated_cb (GrmWindow     *self,
                          GtkListBoxRow *row)
{
  grm_window_show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* "Details" in the stale-data banner: the sync popover of the header bar,
 * which is in the sidebar's pane. */
static void
sync_details_cb (GrmWindow *self)
{
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  grm_sync_button_popup (self->sync_button);
}

/* While folded, a spinner in the content's header says that a sync runs:
 * the sync button went away with the sidebar. */
static void
update_folded_sync_spinner (GrmWindow *self)
{
  gboolean show = adw_leaflet_get_folded (self->leaflet) && self->application != NULL
                  && grm_application_is_syncing (self->application);

  gtk_widget_set_visible (self->folded_sync_spinner, show);
  gtk_spinner_set_spinning (GTK_SPINNER (self->folded_sync_spinner), show);
}

static void
leaflet_folded_cb (GrmWindow *self)
{
  update_back_button (self);
  update_folded_sync_spinner (self);
  /* Folded, the list of sections is a page of its own: keep the selection
   * from looking like a current page. */
  gtk_list_box_set_selection_mode (self->sidebar,
                                   adw_leaflet_get_folded (self->leaflet)
                                   ? GTK_SELECTION_NONE : GTK_SELECTION_BROWSE);
  if (!adw_leaflet_get_folded (self->leaflet) && self->section != NULL)
    select_sidebar_row (self, self->section);
}

static void
build_sections (GrmWindow *self)
{
  if (self->sections_built)
    return;
  self->sections_built = TRUE;

  add_sidebar_row (self, "upcoming", _("Upcoming"), "x-office-calendar-symbolic");
  add_sidebar_row (self, "meetings", _("Meetings"), "view-list-symbolic");
  add_sidebar_row (self, "committees", _("Committees"), "system-users-symbolic");
  add_sidebar_row (self, "papers", _("Papers"), "x-office-document-symbolic");
  add_sidebar_row (self, "search", _("Search"), "edit-find-symbolic");
}

static gboolean
has_data_func (GrmDb     *db,
               gpointer   data,
               gpointer  *result,
               GError   **error)
{
  gboolean has_data = FALSE;

  if (!grm_browse_has_data (db, &has_data, error))
    return FALSE;
  *result = GINT_TO_POINTER (has_data ? 1 : 2);
  return TRUE;
}

static void
has_data_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer answer = grm_store_read_finish (GRM_STORE (object), result, &error);
  gboolean had_data = self->has_data;

  if (answer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not look into the database: %s", error->message);
      return;
    }

  self->has_data = GPOINTER_TO_INT (answer) == 1;
  if (self->section == NULL && self->history->len > 0)
    {
      /* A file given on the command line is open already: stay on it. */
      self->section = g_strdup ("upcoming");
      select_sidebar_row (self, self->section);
    }
  else if (self->section == NULL || had_data != self->has_data)
    grm_window_show_section (self, self->section != NULL ? self->section : "upcoming");
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
}

static void
check_has_data (GrmWindow *self)
{
  grm_store_read_async (self->store, has_data_func, NULL, NULL, NULL,
                        self->cancellable, has_data_cb, g_object_ref (self));
}

static void
store_changed_cb (GrmWindow  *self,
                  const char *what)
{
  if (!self->has_data)
    check_has_data (self);
}

static void
show_store_error (GrmWindow    *self,
                  const GError *error)
{
  g_autofree char *path = grm_application_dup_db_path ();
  g_autofree char *description = NULL;
  const char *what;

  if (g_error_matches (error, GRM_ERROR, GRM_ERROR_DATABASE_TOO_NEW))
    what = _("The database was written by a newer version of Gremium. Update Gremium to open it; "
             "your data is unchanged.");
  else if (g_error_matches (error, GRM_ERROR, GRM_ERROR_DATABASE_CORRUPT))
    what = _("The database file is damaged. Move it away and start Gremium again to sync a fresh "
             "copy from your council's server; your private notes are in that file.");
  else if (g_error_matches (error, GRM_ERROR, GRM_ERROR_DISK_FULL))
    what = _("The disk is full. Free some space and start Gremium again.");
  else
    what = error->message;

  /* The status page's description is markup: the path must be escaped. */
  description = g_markup_printf_escaped ("%s\n\n<small>%s</small>", what, path);
  adw_status_page_set_description (self->error_page, description);
  /* Files given on the command line need no database: keep showing them. */
  if (self->history->len > 0)
    {
      grm_window_show_toast (self, what);
      gtk_stack_set_visible_child_name (self->main_stack, "browse");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
app_store_cb (GrmWindow *self)
{
  GrmStore *store = grm_application_get_store (self->application);
  const GError *error = grm_application_get_store_error (self->application);

  if (error != NULL)
    {
      show_store_error (self, error);
      return;
    }
  if (store == NULL || self->store != NULL)
    return;

  self->store = g_object_ref (store);
  self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  build_sections (self);
  grm_window_outbox_setup (self);
  /* The first section reads its rows while the window asks whether there
   * is anything to browse at all: two reads side by side, not one after
   * the other. */
  build_section_page (self, "upcoming");
  check_has_data (self);
}

static gboolean
grm_window_close_request (GtkWindow *window)
{
  GrmWindow *self = GRM_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (self->settings);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (grm_window_parent_class)->close_request (window);
}

static void
grm_window_dispose (GObject *object)
{
  GrmWindow *self = GRM_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  clear_title_binding (self);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->application != NULL)
    {
      g_clear_signal_handler (&self->store_handler, self->application);
      g_clear_signal_handler (&self->error_handler, self->application);
      g_clear_signal_handler (&self->syncing_handler, self->application);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->application);

  G_OBJECT_CLASS (grm_window_parent_class)->dispose (object);
}

static void
grm_window_finalize (GObject *object)
{
  GrmWindow *self = GRM_WINDOW (object);

  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_free (self->files_dir);
  g_free (self->section);

  G_OBJECT_CLASS (grm_window_parent_class)->finalize (object);
}

static void
grm_window_class_init (GrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = grm_window_dispose;
  object_class->finalize = grm_window_finalize;
  window_class->close_request = grm_window_close_request;

  g_type_ensure (GRM_TYPE_SYNC_BUTTON);
  g_type_ensure (GRM_TYPE_SYNC_BANNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, content_header);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, folded_sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, GrmWindow, sync_banner);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sync_details_cb);

  grm_window_install_actions (widget_class);
}

static void
grm_window_init (GrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->settings = g_settings_new (APP_ID);

  g_signal_connect_swapped (self->leaflet, "notify::folded",
                            G_CALLBACK (leaflet_folded_cb), self);
  update_back_button (self);
  update_title (self);
}

GrmWindow *
grm_window_new (GrmApplication *application)
{
  GrmWindow *self;

  g_return_val_if_fail (GRM_IS_APPLICATION (application), NULL);

  self = g_object_new (GRM_TYPE_WINDOW, "application", application, NULL);
  self->application = g_object_ref (application);
  self->files_dir = grm_application_dup_files_dir (application);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  grm_sync_button_set_monitor (self->sync_button, grm_application_get_sync_monitor (application));
  grm_sync_banner_set_monitor (self->sync_banner, grm_application_get_sync_monitor (application));
  self->syncing_handler = g_signal_connect_swapped (application, "notify::syncing",
                                                    G_CALLBACK (update_folded_sync_spinner),
                                                    self);
  update_folded_sync_spinner (self);
  self->store_handler = g_signal_connect_swapped (application, "notify::store",
                                                  G_CALLBACK (app_store_cb), self);
  self->error_handler = g_signal_connect_swapped (application, "notify::store-error",
                                                  G_CALLBACK (app_store_cb), self);
  app_store_cb (self);
  return self;
}
