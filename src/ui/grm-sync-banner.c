/* grm-sync-banner.c: the "data is stale" bar. A GtkInfoBar, as GNOME apps
 * of the libadwaita 1.2 era used before AdwBanner existed. It emits
 * ::details when the user asks for the whole story (the window opens the
 * sync button's popover).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-banner"

#include "grm-sync-banner.h"

#include <glib/gi18n-lib.h>

struct _GrmSyncBanner
{
  GtkWidget       parent_instance;

  GtkWidget      *info_bar;
  GtkLabel       *title;
  GtkLabel       *reason;

  GrmSyncMonitor *monitor;
  gulong          changed_handler;
};

G_DEFINE_FINAL_TYPE (GrmSyncBanner, grm_sync_banner, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_DETAILS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update (GrmSyncBanner *self)
{
  GrmSyncServer *failed = self->monitor ? grm_sync_monitor_get_failed (self->monitor) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *reason = NULL;

  if (failed == NULL)
    {
      gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), FALSE);
      /* Hidden, it takes no room and no Tab stop. */
      gtk_widget_set_visible (self->info_bar, FALSE);
      return;
    }
  if (failed->last_success != 0)
    {
      when = grm_sync_format_time (failed->last_success, now);
      /* Translators: %s is "today at 10:32" or the like. */
      title = g_strdup_printf (_("The last sync failed. What you see was current %s."), when);
    }
  else
    title = g_strdup (_("The first sync failed. Nothing could be fetched yet."));
  reason = grm_sync_error_first_line (failed->last_error);
  gtk_label_set_text (self->title, title);
  gtk_label_set_text (self->reason, reason);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->reason), failed->last_error);
  gtk_widget_set_visible (self->info_bar, TRUE);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->info_bar), TRUE);
}

static void
response_cb (GrmSyncBanner *self,
             int            response)
{
  if (response == 1)
    g_signal_emit (self, signals[SIGNAL_DETAILS], 0);
  else if (response == 2)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.sync", NULL);
}

void
grm_sync_banner_set_monitor (GrmSyncBanner  *self,
                             GrmSyncMonitor *monitor)
{
  g_return_if_fail (GRM_IS_SYNC_BANNER (self));

  if (self->monitor != NULL)
    g_clear_signal_handler (&self->changed_handler, self->monitor);
  g_set_object (&self->monitor, monitor);
  if (monitor != NULL)
    self->changed_handler = g_signal_connect_swapped (monitor, "changed",
                                                      G_CALLBACK (update), self);
  update (self);
}

gboolean
grm_sync_banner_get_revealed (GrmSyncBanner *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_BANNER (self), FALSE);
  return gtk_widget_get_visible (self->info_bar)
         && gtk_info_bar_get_revealed (GTK_INFO_BAR (self->info_bar));
}

const char *
grm_sync_banner_get_text (GrmSyncBanner *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_BANNER (self), NULL);
  return gtk_label_get_text (self->reason);
}

static void
grm_sync_banner_dispose (GObject *object)
{
  GrmSyncBanner *self = GRM_SYNC_BANNER (object);

  grm_sync_banner_set_monitor (self, NULL);
  g_clear_pointer (&self->info_bar, gtk_widget_unparent);
  G_OBJECT_CLASS (grm_sync_banner_parent_class)->dispose (object);
}

static void
grm_sync_banner_class_init (GrmSyncBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_sync_banner_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  /* "Details" was pressed. */
  signals[SIGNAL_DETAILS] = g_signal_new ("details", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
grm_sync_banner_init (GrmSyncBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  self->info_bar = gtk_info_bar_new ();
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->info_bar), GTK_MESSAGE_WARNING);
  gtk_widget_set_parent (self->info_bar, GTK_WIDGET (self));

  /* The reason is server text: plain, never markup. */
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_use_markup (GTK_LABEL (reason), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (reason), PANGO_ELLIPSIZE_END);
  gtk_label_set_lines (GTK_LABEL (reason), 2);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_info_bar_add_child (GTK_INFO_BAR (self->info_bar), box);
  gtk_info_bar_add_button (GTK_INFO_BAR (self->info_bar), _("_Details"), 1);
  gtk_info_bar_add_button (GTK_INFO_BAR (self->info_bar), _("_Try Again"), 2);
  g_signal_connect_swapped (self->info_bar, "response", G_CALLBACK (response_cb), self);
  self->title = GTK_LABEL (title);
  self->reason = GTK_LABEL (reason);
  gtk_widget_set_visible (self->info_bar, FALSE);
}
