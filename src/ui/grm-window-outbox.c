/* grm-window-outbox.c: the window's "Outbox" section: a sidebar row with
 * the number of changes not yet on the server, shown while a synced server
 * offers the write extension or anything waits; its page lists them. The
 * live session pages tell the scheduler when a change was committed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-window"

#include <glib/gi18n-lib.h>

#include "grm-application-push.h"
#include "grm-outbox-page.h"
#include "grm-session-page.h"
#include "grm-window-private.h"

#define OUTBOX "outbox"

static void id_replaced_cb (GrmWindow  *self,
                            const char *local,
                            const char *remote);

static GtkWidget *
outbox_row (GrmWindow *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), OUTBOX) == 0)
      return row;
  return NULL;
}

static void
update_row (GrmWindow *self)
{
  GrmPushScheduler *scheduler = grm_application_get_push_scheduler (self->application);
  GtkWidget *row = outbox_row (self);
  GtkWidget *count, *warning;
  guint n, problems;
  g_autofree char *text = NULL;
  g_autofree char *description = NULL;

  if (scheduler == NULL || row == NULL)
    return;
  n = grm_push_scheduler_get_n_waiting (scheduler);
  problems = grm_push_scheduler_get_n_problems (scheduler);
  count = g_object_get_data (G_OBJECT (row), "grm-count");
  warning = g_object_get_data (G_OBJECT (row), "grm-warning");
  gtk_widget_set_visible (row, n > 0 || grm_push_scheduler_get_has_write_api (scheduler));
  text = g_strdup_printf ("%u", n);
  gtk_label_set_text (GTK_LABEL (count), text);
  gtk_widget_set_visible (count, n > 0);
  gtk_widget_set_visible (warning, problems > 0);

  /* The row's name for a screen reader says what the number means. */
  if (n == 0)
    description = g_strdup (_("Outbox, everything is published"));
  else if (problems > 0)
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Outbox, %u change waiting, some need your decision",
                                                "Outbox, %u changes waiting, some need your decision",
                                                n), n);
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Outbox, %u change waiting",
                                                "Outbox, %u changes waiting", n), n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  description, -1);
  gtk_widget_set_tooltip_text (row, description);

  /* Leaving the section when it goes away would strand the user on an
   * unreachable page: only hide it while another section is shown. */
  if (!gtk_widget_get_visible (row) && g_strcmp0 (self->section, OUTBOX) == 0)
    grm_window_show_section (self, "upcoming");
}

static GtkWidget *
build_row (void)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Outbox"));
  GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *count = gtk_label_new ("0");

  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("mail-send-symbolic"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_widget_add_css_class (warning, "warning");
  gtk_box_append (GTK_BOX (box), warning);
  gtk_widget_add_css_class (count, "numeric");
  gtk_widget_add_css_class (count, "dim-label");
  gtk_box_append (GTK_BOX (box), count);
  gtk_widget_set_name (row, OUTBOX);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "grm-count", count);
  g_object_set_data (G_OBJECT (row), "grm-warning", warning);
  gtk_widget_set_visible (row, FALSE);
  return row;
}

void
grm_window_outbox_setup (GrmWindow *self)
{
  GrmPushScheduler *scheduler = grm_application_get_push_scheduler (self->application);
  GtkWidget *page;

  if (scheduler == NULL || self->store == NULL || outbox_row (self) != NULL)
    return;
  page = grm_outbox_page_new_for_scheduler (self->store, scheduler);
  g_object_set_data_full (G_OBJECT (page), "grm-title", g_strdup (_("Outbox")), g_free);
  gtk_stack_add_named (self->content_stack, page, OUTBOX);
  gtk_list_box_append (self->sidebar, build_row ());

  g_signal_connect_object (scheduler, "notify::n-waiting", G_CALLBACK (update_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::n-problems", G_CALLBACK (update_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "notify::has-write-api", G_CALLBACK (update_row), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "id-replaced", G_CALLBACK (id_replaced_cb), self,
                           G_CONNECT_SWAPPED);
  update_row (self);
}

static void
session_changed_cb (GtkWidget *page,
                    GrmWindow *self)
{
  GrmPushScheduler *scheduler = grm_application_get_push_scheduler (self->application);

  if (scheduler != NULL)
    grm_push_scheduler_poke (scheduler);
}

void
grm_window_outbox_watch_session (GrmWindow  *self,
                                 GtkWidget  *session_page,
                                 const char *meeting_name)
{
  g_object_set_data_full (G_OBJECT (session_page), "grm-meeting-name", g_strdup (meeting_name),
                          g_free);
  /* The page reads its state again after every committed change. */
  g_signal_connect_object (session_page, "state-changed", G_CALLBACK (session_changed_cb), self,
                           0);
}

/* The server created a meeting made here: its live session goes on under
 * the server's id, so its page is opened again with it (the page keeps
 * nothing that is not on disk). */
static void
id_replaced_cb (GrmWindow  *self,
                const char *local,
                const char *remote)
{
  g_autofree char *old_name = g_strconcat ("session:", local, NULL);
  g_autofree char *new_name = g_strconcat ("session:", remote, NULL);
  g_autofree char *meeting_name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *old_page = gtk_stack_get_child_by_name (self->content_stack, old_name);
  GtkWidget *page;
  gboolean shown;

  if (old_page == NULL || gtk_stack_get_child_by_name (self->content_stack, new_name) != NULL)
    return;
  shown = g_strcmp0 (self->section, old_name) == 0;
  meeting_name = g_strdup (g_object_get_data (G_OBJECT (old_page), "grm-meeting-name"));
  title = g_strdup (g_object_get_data (G_OBJECT (old_page), "grm-title"));

  page = grm_session_page_new (self->store, remote);
  grm_window_outbox_watch_session (self, page, meeting_name);
  g_object_set_data_full (G_OBJECT (page), "grm-title", g_strdup (title), g_free);
  grm_window_add_section (self, new_name, title, "system-users-symbolic", page);
  if (shown)
    grm_window_show_section (self, new_name);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), old_name) == 0)
      {
        gtk_list_box_remove (self->sidebar, row);
        break;
      }
  gtk_stack_remove (self->content_stack, old_page);
}
