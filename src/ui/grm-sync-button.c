/* grm-sync-button.c: the sync button of the header bar and its popover.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-button"

#include "grm-sync-button.h"

#include <glib/gi18n-lib.h>

struct _GrmSyncButton
{
  GtkWidget       parent_instance;

  AdwSplitButton *split_button;
  GtkStack       *icon_stack;
  GtkSpinner     *spinner;
  GtkPopover     *popover;
  GtkStack       *status_stack;
  GtkLabel       *phase_label;
  GtkLabel       *servers_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *counts_label;
  GtkWidget      *cancel_button;
  GtkBox         *servers_box;
  GtkButton      *sync_now_button;

  GrmSyncMonitor *monitor;
  gulong          changed_handler;
  gulong          progress_handler;
  gulong          running_handler;
  guint           refresh_source;
};

G_DEFINE_FINAL_TYPE (GrmSyncButton, grm_sync_button, GTK_TYPE_WIDGET)

static GtkWidget *
wrapping_label (const char *text,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  /* Server names and error messages are server text: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
server_title (GrmSyncServer *server)
{
  g_autoptr(GUri) uri = NULL;

  if (server->name != NULL)
    return g_strdup (server->name);
  uri = g_uri_parse (server->url, G_URI_FLAGS_NONE, NULL);
  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri)
                                                               : server->url);
}

static void
update_servers (GrmSyncButton *self)
{
  GPtrArray *servers = grm_sync_monitor_get_servers (self->monitor);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child;
  gboolean failed = FALSE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->servers_box))) != NULL)
    gtk_box_remove (self->servers_box, child);
  for (guint i = 0; i < servers->len; i++)
    {
      GrmSyncServer *server = g_ptr_array_index (servers, i);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      g_autofree char *title = server_title (server);
      g_autofree char *status = grm_sync_server_describe (server, now);

      gtk_box_append (GTK_BOX (box), wrapping_label (title, "heading"));
      gtk_box_append (GTK_BOX (box), wrapping_label (status, NULL));
      if (server->last_error != NULL && !server->running)
        {
          gtk_box_append (GTK_BOX (box), wrapping_label (server->last_error, "error"));
          failed = TRUE;
        }
      gtk_box_append (self->servers_box, box);
    }
  /* While syncs run: which servers, by name (server text, not markup). */
  {
    g_autoptr(GString) running = g_string_new (NULL);

    for (guint i = 0; i < servers->len; i++)
      {
        GrmSyncServer *server = g_ptr_array_index (servers, i);
        g_autofree char *title = NULL;

        if (!server->running)
          continue;
        title = server_title (server);
        if (running->len > 0)
          g_string_append (running, ", ");
        g_string_append (running, title);
      }
    gtk_label_set_text (self->servers_label, running->str);
    gtk_widget_set_visible (GTK_WIDGET (self->servers_label), running->len > 0);
  }
  if (servers->len == 0)
    gtk_box_append (self->servers_box,
                    wrapping_label (_("No server yet. Connect to your council's server first."),
                                    "dim-label"));
  gtk_button_set_label (self->sync_now_button, failed ? _("_Try Again") : _("_Sync Now"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_now_button), servers->len > 0);
}

static void
update_progress (GrmSyncButton *self)
{
  guint objects = grm_sync_monitor_get_objects (self->monitor);
  guint files = grm_sync_monitor_get_files (self->monitor);
  g_autofree char *size = g_format_size (grm_sync_monitor_get_bytes (self->monitor));
  g_autofree char *objects_text = NULL;
  g_autofree char *files_text = NULL;
  g_autofree char *text = NULL;

  if (!grm_sync_monitor_get_running (self->monitor))
    return;
  gtk_label_set_text (self->phase_label,
                      grm_sync_phase_to_string (grm_sync_monitor_get_phase (self->monitor)));
  objects_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u object", "%u objects",
                                               objects), objects);
  files_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file", "%u files", files),
                                files);
  /* Files and bytes mean something from the files phase on. */
  if (files == 0 && grm_sync_monitor_get_bytes (self->monitor) == 0)
    text = g_strdup (objects_text);
  else
    /* Translators: "120 objects · 3 files · 2.1 MB" */
    text = g_strdup_printf (_("%s · %s · %s"), objects_text, files_text, size);
  gtk_label_set_text (self->counts_label, text);
  gtk_progress_bar_pulse (self->progress_bar);
}

/* AdwSplitButton keeps its tooltip to itself; its inner button is what
 * Tab reaches and a screen reader names, so it gets the name too. */
static void
name_main_button (GrmSyncButton *self,
                  const char    *tooltip)
{
  GtkWidget *main_button = gtk_widget_get_first_child (GTK_WIDGET (self->split_button));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->split_button), tooltip);
  if (GTK_IS_BUTTON (main_button))
    {
      gtk_widget_set_tooltip_text (main_button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (main_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sync"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip,
                                      -1);
    }
}

static void
update_state (GrmSyncButton *self)
{
  gboolean running = grm_sync_monitor_get_running (self->monitor);

  gtk_stack_set_visible_child_name (self->icon_stack, running ? "running" : "idle");
  gtk_stack_set_visible_child_name (self->status_stack, running ? "running" : "idle");
  gtk_spinner_set_spinning (self->spinner, running);
  name_main_button (self, running ? _("Syncing… Show Progress") : _("Sync Now"));
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  if (running)
    {
      gtk_label_set_text (self->phase_label, _("Contacting the server"));
      gtk_label_set_text (self->counts_label, "");
      update_progress (self);
    }
  update_servers (self);
}

static void
clicked_cb (GrmSyncButton *self)
{
  if (self->monitor != NULL && grm_sync_monitor_get_running (self->monitor))
    adw_split_button_popup (self->split_button);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
}

static void
cancel_clicked_cb (GrmSyncButton *self)
{
  if (self->monitor == NULL)
    return;
  gtk_label_set_text (self->phase_label, _("Cancelling…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  grm_sync_monitor_cancel (self->monitor);
}

static void
sync_now_clicked_cb (GrmSyncButton *self)
{
  gtk_popover_popdown (self->popover);
}

/* Relative times ("today at …") go stale while the app runs: refresh
 * them now and then, but not under the user's eyes. */
static gboolean
refresh_cb (gpointer user_data)
{
  GrmSyncButton *self = user_data;

  if (self->monitor != NULL && !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    update_servers (self);
  return G_SOURCE_CONTINUE;
}

void
grm_sync_button_set_monitor (GrmSyncButton  *self,
                             GrmSyncMonitor *monitor)
{
  g_return_if_fail (GRM_IS_SYNC_BUTTON (self));

  if (self->monitor != NULL)
    {
      g_clear_signal_handler (&self->changed_handler, self->monitor);
      g_clear_signal_handler (&self->progress_handler, self->monitor);
      g_clear_signal_handler (&self->running_handler, self->monitor);
    }
  g_set_object (&self->monitor, monitor);
  if (monitor == NULL)
    return;
  self->changed_handler = g_signal_connect_swapped (monitor, "changed",
                                                    G_CALLBACK (update_servers), self);
  self->progress_handler = g_signal_connect_swapped (monitor, "progress",
                                                     G_CALLBACK (update_progress), self);
  self->running_handler = g_signal_connect_swapped (monitor, "notify::running",
                                                    G_CALLBACK (update_state), self);
  update_state (self);
}

void
grm_sync_button_popup (GrmSyncButton *self)
{
  g_return_if_fail (GRM_IS_SYNC_BUTTON (self));
  adw_split_button_popup (self->split_button);
}

GtkWidget *
grm_sync_button_get_popover (GrmSyncButton *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_BUTTON (self), NULL);
  return GTK_WIDGET (self->popover);
}

static void
grm_sync_button_dispose (GObject *object)
{
  GrmSyncButton *self = GRM_SYNC_BUTTON (object);

  grm_sync_button_set_monitor (self, NULL);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_SYNC_BUTTON);
  G_OBJECT_CLASS (grm_sync_button_parent_class)->dispose (object);
}

static void
grm_sync_button_class_init (GrmSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_sync_button_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, split_button);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, icon_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, popover);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, status_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, phase_label);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, servers_label);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, counts_label);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, servers_box);
  gtk_widget_class_bind_template_child (widget_class, GrmSyncButton, sync_now_button);
  gtk_widget_class_bind_template_callback (widget_class, clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grm_sync_button_init (GrmSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->sync_now_button, "clicked",
                            G_CALLBACK (sync_now_clicked_cb), self);
  self->refresh_source = g_timeout_add_seconds (60, refresh_cb, self);
  name_main_button (self, _("Sync Now"));
}
