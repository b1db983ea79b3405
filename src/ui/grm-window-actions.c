/* grm-window-actions.c: the window's actions: going back, switching
 * sections, and opening a meeting, paper, committee, person or file (what
 * the rows of every page activate, with the object's id as parameter).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-window"

#include <glib/gi18n-lib.h>

#include "grm-application-private.h"
#include "grm-detail-page.h"
#include "grm-pdf-viewer.h"
#include "grm-session-page.h"
#include "grm-store-browse-detail.h"
#include "grm-window-private.h"

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  grm_window_go_back (GRM_WINDOW (widget));
}

static GtkWidget *
sidebar_pane (GrmWindow *self)
{
  GtkWidget *pane = GTK_WIDGET (self->sidebar);

  while (gtk_widget_get_parent (pane) != NULL
         && gtk_widget_get_parent (pane) != GTK_WIDGET (self->leaflet))
    pane = gtk_widget_get_parent (pane);
  return pane;
}

/* F6: from the list of sections to the page and back, as in GNOME apps
 * with a sidebar; the leaflet follows when it is folded. */
static void
focus_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *sidebar = sidebar_pane (self);
  GtkListBoxRow *row;

  if (focus != NULL && (focus == sidebar || gtk_widget_is_ancestor (focus, sidebar)))
    {
      GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      if (page == NULL || !gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (self->back_button);
      return;
    }

  adw_leaflet_set_visible_child (self->leaflet, sidebar);
  row = gtk_list_box_get_selected_row (self->sidebar);
  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->sidebar, 0);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  grm_window_show_section (GRM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
open_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);

  if (self->store != NULL)
    grm_window_push_page (self, grm_detail_page_new (self->store, self->settings, self->files_dir,
                                                     GRM_DETAIL_MEETING,
                                                     g_variant_get_string (parameter, NULL)));
}

static void
open_paper_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);

  if (self->store != NULL)
    grm_window_push_page (self, grm_detail_page_new (self->store, self->settings, self->files_dir,
                                                     GRM_DETAIL_PAPER,
                                                     g_variant_get_string (parameter, NULL)));
}

static void
open_committee_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);

  if (self->store != NULL)
    grm_window_push_page (self, grm_detail_page_new (self->store, self->settings, self->files_dir,
                                                     GRM_DETAIL_COMMITTEE,
                                                     g_variant_get_string (parameter, NULL)));
}

static void
open_person_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);

  if (self->store != NULL)
    grm_window_push_page (self, grm_detail_page_new (self->store, self->settings, self->files_dir,
                                                     GRM_DETAIL_PERSON,
                                                     g_variant_get_string (parameter, NULL)));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  const char *path;
  const char *title;
  g_autoptr(GFile) file = NULL;

  g_variant_get (parameter, "(&s&s)", &path, &title);
  file = g_file_new_for_path (path);
  grm_window_open_file (GRM_WINDOW (widget), file, title);
}

static void
keep_offline_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  GrmWindow *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  grm_store_write_finish (GRM_STORE (object), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        grm_window_show_toast (self, error->message);
    }
  else
    {
      grm_store_notify_changed (GRM_STORE (object), "File");
      /* The user asked for the file now, not at the next sync. */
      grm_application_keep_file (self->application, g_task_get_task_data (task));
    }
  g_object_unref (task);
}

static void
keep_offline_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);
  GTask *task;

  if (self->store == NULL)
    return;
  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (task, g_variant_dup_string (parameter, NULL), g_free);
  grm_store_write_async (self->store, grm_browse_keep_offline_func,
                         g_variant_dup_string (parameter, NULL), g_free, NULL,
                         self->cancellable, keep_offline_cb, task);
}

typedef struct
{
  char *id;
  char *files_dir;
  int   page;
  char *highlight;
} FilePageJob;

/* A viewer page for the window: its own header bar replaces the window's
 * content header, so the back button moves into it. */
static GtkWidget *
push_viewer (GrmWindow  *self,
             const char *title)
{
  GtkWidget *viewer = grm_pdf_viewer_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");

  gtk_actionable_set_action_name (GTK_ACTIONABLE (back), "win.back");
  gtk_widget_set_tooltip_text (back, _("Back"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (back),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
  grm_pdf_viewer_pack_start (GRM_PDF_VIEWER (viewer), back);
  g_object_set_data_full (G_OBJECT (viewer), "grm-title", g_strdup (title), g_free);
  grm_window_push_page (self, viewer);

  return viewer;
}

static void
file_page_job_free (gpointer data)
{
  FilePageJob *job = data;

  g_free (job->id);
  g_free (job->files_dir);
  g_free (job->highlight);
  g_free (job);
}

/* Runs on a store reader thread. */
static gboolean
load_file_func (GrmDb     *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  FilePageJob *job = data;

  *result = grm_browse_load_file (db, job->id, job->files_dir, error);
  return *result != NULL;
}

static void
load_file_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GrmWindow *self = g_task_get_source_object (task);
  FilePageJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmBrowseRow) row = grm_store_read_finish (GRM_STORE (object), result, &error);
  g_autoptr(GFile) file = NULL;
  GtkWidget *viewer;

  if (row == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        grm_window_show_toast (self, error->message);
    }
  else if (grm_browse_row_get_path (row) == NULL)
    {
      grm_window_show_toast (self, _("This document is not downloaded. Choose “Keep Offline” "
                                     "on its paper or meeting."));
    }
  else
    {
      file = g_file_new_for_path (grm_browse_row_get_path (row));
      viewer = push_viewer (self, grm_browse_row_get_title (row));
      grm_pdf_viewer_open (GRM_PDF_VIEWER (viewer), file, grm_browse_row_get_title (row),
                           job->page, job->highlight);
    }
  g_object_unref (task);
}

/* A search hit inside a document: (File id, 0-based page, words to mark). */
static void
open_file_page_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);
  FilePageJob *job = g_new0 (FilePageJob, 1);
  FilePageJob *copy = g_new0 (FilePageJob, 1);
  GTask *task;

  if (self->store == NULL)
    {
      file_page_job_free (job);
      file_page_job_free (copy);
      return;
    }
  g_variant_get (parameter, "(sis)", &job->id, &job->page, &job->highlight);
  job->files_dir = g_strdup (self->files_dir);
  copy->page = job->page;
  copy->highlight = g_strdup (job->highlight);
  task = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_task_data (task, copy, file_page_job_free);
  grm_store_read_async (self->store, load_file_func, job, file_page_job_free,
                        g_object_unref, self->cancellable, load_file_cb, task);
}

/* The live session of a meeting: a sidebar entry of its own, so the
 * secretary can step out to a paper and come back. */
static void
open_session_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);
  const char *meeting_id;
  const char *meeting_name;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *page;

  if (self->store == NULL)
    return;
  g_variant_get (parameter, "(&s&s)", &meeting_id, &meeting_name);
  name = g_strconcat ("session:", meeting_id, NULL);
  if (gtk_stack_get_child_by_name (self->content_stack, name) == NULL)
    {
      /* Translators: a sidebar entry; %s is the meeting's name. */
      title = g_strdup_printf (_("Session: %s"), meeting_name);
      page = grm_session_page_new (self->store, meeting_id);
      grm_window_outbox_watch_session (self, page, meeting_name);
      g_object_set_data_full (G_OBJECT (page), "grm-title", g_strdup (title), g_free);
      grm_window_add_section (self, name, title, "system-users-symbolic", page);
    }
  grm_window_show_section (self, name);
}

static void
keep_meeting_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GrmWindow *self = GRM_WINDOW (widget);

  grm_application_keep_meeting (self->application, g_variant_get_string (parameter, NULL));
}

void
grm_window_install_actions (GtkWidgetClass *widget_class)
{
  static const struct {
    guint       key;
    const char *section;
  } sections[] = {
    { GDK_KEY_1, "upcoming" },
    { GDK_KEY_2, "meetings" },
    { GDK_KEY_3, "committees" },
    { GDK_KEY_4, "papers" },
  };

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.back", NULL);

  gtk_widget_class_install_action (widget_class, "win.focus-pane", NULL, focus_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-pane", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.focus-pane", NULL);

  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, sections[i].key, GDK_CONTROL_MASK,
                                         "win.show-section", "s", sections[i].section);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.show-section", "s", "search");

  gtk_widget_class_install_action (widget_class, "win.open-meeting", "s", open_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.open-paper", "s", open_paper_action);
  gtk_widget_class_install_action (widget_class, "win.open-committee", "s",
                                   open_committee_action);
  gtk_widget_class_install_action (widget_class, "win.open-person", "s", open_person_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "(ss)", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.keep-offline", "s", keep_offline_action);
  gtk_widget_class_install_action (widget_class, "win.keep-meeting", "s", keep_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.open-file-page", "(sis)",
                                   open_file_page_action);
  gtk_widget_class_install_action (widget_class, "win.open-session", "(ss)",
                                   open_session_action);
}

void
grm_window_open_file (GrmWindow  *self,
                      GFile      *file,
                      const char *title)
{
  GtkWidget *visible;
  g_autofree char *basename = NULL;

  g_return_if_fail (GRM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (title == NULL || title[0] == '\0')
    title = basename = g_file_get_basename (file);

  /* Files opened one after the other from the viewer's page become tabs;
   * otherwise the viewer is a new page, and Back returns to the paper. */
  visible = gtk_stack_get_visible_child (self->content_stack);
  if (!GRM_IS_PDF_VIEWER (visible))
    visible = push_viewer (self, title);
  grm_pdf_viewer_open (GRM_PDF_VIEWER (visible), file, title, -1, NULL);
}
