/* grm-preferences-window.c: the preferences.
 *
 * Server accounts are (System URL, user name) pairs in GSettings; the
 * password or token of each lives in the desktop keyring through libsecret
 * and never in GSettings or the database. New accounts are added through
 * the connect dialog, which looks at the server first. The committees kept offline are
 * read from the store on a reader thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-preferences"

#include <glib/gi18n-lib.h>

#include "grm-application-private.h"
#include "grm-preferences-window.h"
#include "grm-store-browse.h"

struct _GrmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GtkListBox           *accounts_list;
  AdwComboRow          *schedule_row;
  GtkSpinButton        *disk_limit;
  AdwComboRow          *months_row;
  GtkListBox           *offline_list;

  GrmApplication       *application;
  GSettings            *settings;
  GCancellable         *cancellable;
};

G_DEFINE_FINAL_TYPE (GrmPreferencesWindow, grm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

const SecretSchema *
grm_account_secret_schema (void)
{
  static const SecretSchema schema = {
    "io.github.gremium.Gremium.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
remove_account_cb (GtkButton            *button,
                   GrmPreferencesWindow *self)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  g_autoptr(GVariant) accounts = g_settings_get_value (self->settings, "accounts");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *a_url, *a_user;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &a_url, &a_user))
    {
      if (g_strcmp0 (a_url, url) == 0)
        {
          grm_application_set_account_bodies (self->application, a_url, NULL);
          secret_password_clear (grm_account_secret_schema (), NULL, NULL, NULL,
                                 "server", a_url, "user", a_user, NULL);
          continue;
        }
      g_variant_builder_add (&builder, "(ss)", a_url, a_user);
    }
  g_settings_set_value (self->settings, "accounts", g_variant_builder_end (&builder));
}

/* When the account's data was last current, and why its last sync failed. */
static void
append_status (GrmPreferencesWindow *self,
               GtkBox               *box,
               const char           *url)
{
  GrmSyncMonitor *monitor = grm_application_get_sync_monitor (self->application);
  GPtrArray *servers = grm_sync_monitor_get_servers (monitor);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  for (guint i = 0; i < servers->len; i++)
    {
      GrmSyncServer *server = g_ptr_array_index (servers, i);
      g_autofree char *status = NULL;
      g_autofree char *reason = NULL;

      if (g_strcmp0 (server->url, url) != 0)
        continue;
      status = grm_sync_server_describe (server, now);
      gtk_box_append (box, plain_label (status, "dim-label"));
      if (server->last_error != NULL && !server->running)
        {
          reason = grm_sync_error_first_line (server->last_error);
          gtk_box_append (box, plain_label (reason, "error"));
        }
      return;
    }
}

static void
fill_accounts (GrmPreferencesWindow *self)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (self->settings, "accounts");
  GtkWidget *child;
  GVariantIter iter;
  const char *url, *user;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list))) != NULL)
    gtk_list_box_remove (self->accounts_list, child);

  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (text), plain_label (url, NULL));
      gtk_box_append (GTK_BOX (text), plain_label (user[0] != '\0' ? user : _("Public access"),
                                                   "dim-label"));
      append_status (self, GTK_BOX (text), url);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove this server"));
      g_object_set_data_full (G_OBJECT (remove), "url", g_strdup (url), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_account_cb), self);
      gtk_box_append (GTK_BOX (box), text);
      gtk_box_append (GTK_BOX (box), remove);
      gtk_widget_add_css_class (box, "detail-row");
      gtk_list_box_append (self->accounts_list, box);
    }
  if (gtk_widget_get_first_child (GTK_WIDGET (self->accounts_list)) == NULL)
    {
      GtkWidget *empty = plain_label (_("No server yet"), "dim-label");

      gtk_widget_add_css_class (empty, "detail-row");
      gtk_list_box_append (self->accounts_list, empty);
    }
}

void
grm_preferences_window_add_account (GrmPreferencesWindow *self)
{
  g_return_if_fail (GRM_IS_PREFERENCES_WINDOW (self));

  grm_application_show_connect (self->application, GTK_WINDOW (self));
}

static void
add_account_clicked_cb (GrmPreferencesWindow *self)
{
  grm_preferences_window_add_account (self);
}

static void
offline_toggled_cb (GtkSwitch            *sw,
                    GParamSpec           *pspec,
                    GrmPreferencesWindow *self)
{
  const char *id = g_object_get_data (G_OBJECT (sw), "id");
  g_auto(GStrv) current = g_settings_get_strv (self->settings, "offline-committees");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; current[i] != NULL; i++)
    if (g_strcmp0 (current[i], id) != 0)
      g_strv_builder_add (builder, current[i]);
  if (gtk_switch_get_active (sw))
    g_strv_builder_add (builder, id);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "offline-committees", (const char * const *) updated);
}

static gboolean
committees_func (GrmDb     *db,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  *result = grm_browse_list_committees (db, error);
  return *result != NULL;
}

static void
committees_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrmPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = grm_store_read_finish (GRM_STORE (object), result, &error);
  g_auto(GStrv) offline = NULL;

  if (rows == NULL)
    return;
  offline = g_settings_get_strv (self->settings, "offline-committees");
  for (guint i = 0; i < rows->len; i++)
    {
      GrmBrowseRow *row = rows->pdata[i];
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = plain_label (grm_browse_row_get_title (row), NULL);
      GtkWidget *sw = gtk_switch_new ();

      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw),
                             g_strv_contains ((const char * const *) offline,
                                              grm_browse_row_get_id (row)));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      g_object_set_data_full (G_OBJECT (sw), "id", g_strdup (grm_browse_row_get_id (row)),
                              g_free);
      g_signal_connect (sw, "notify::active", G_CALLBACK (offline_toggled_cb), self);
      gtk_box_append (GTK_BOX (box), label);
      gtk_box_append (GTK_BOX (box), sw);
      gtk_widget_add_css_class (box, "detail-row");
      gtk_list_box_append (self->offline_list, box);
    }
  if (rows->len == 0)
    {
      GtkWidget *empty = plain_label (_("The committees appear here after the first sync."),
                                      "dim-label");

      gtk_widget_add_css_class (empty, "detail-row");
      gtk_list_box_append (self->offline_list, empty);
    }
}

static gboolean
schedule_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  g_value_set_uint (value, g_str_equal (nick, "manual") ? 0 : g_str_equal (nick, "daily") ? 2 : 1);
  return TRUE;
}

static GVariant *
schedule_set_mapping (const GValue       *value,
                      const GVariantType *type,
                      gpointer            user_data)
{
  static const char * const nicks[] = { "manual", "hourly", "daily" };
  guint selected = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (selected, 2)]);
}

/* The choices of "How Far Back", in months; 0 keeps everything. */
static const guint offline_months[] = { 3, 6, 12, 24, 60, 0 };

static gboolean
months_get_mapping (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  guint months = g_variant_get_uint32 (variant);
  guint best = G_N_ELEMENTS (offline_months) - 1;

  /* A value set elsewhere shows as the next longer choice. */
  if (months > 0)
    for (guint i = G_N_ELEMENTS (offline_months) - 1; i-- > 0;)
      if (offline_months[i] >= months)
        best = i;
  g_value_set_uint (value, best);
  return TRUE;
}

static GVariant *
months_set_mapping (const GValue       *value,
                    const GVariantType *type,
                    gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  return g_variant_new_uint32 (offline_months[MIN (selected, G_N_ELEMENTS (offline_months) - 1)]);
}

static void
grm_preferences_window_dispose (GObject *object)
{
  GrmPreferencesWindow *self = GRM_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->application);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (grm_preferences_window_parent_class)->dispose (object);
}

static gboolean
grm_preferences_window_close_request (GtkWindow *window)
{
  GrmPreferencesWindow *self = GRM_PREFERENCES_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  /* A read that finishes after the window closed holds the last reference,
   * and the main window may be gone by then: let go of it now. */
  gtk_window_set_transient_for (window, NULL);
  return GTK_WINDOW_CLASS (grm_preferences_window_parent_class)->close_request (window);
}

static void
grm_preferences_window_class_init (GrmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = grm_preferences_window_dispose;
  window_class->close_request = grm_preferences_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmPreferencesWindow, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, GrmPreferencesWindow, schedule_row);
  gtk_widget_class_bind_template_child (widget_class, GrmPreferencesWindow, disk_limit);
  gtk_widget_class_bind_template_child (widget_class, GrmPreferencesWindow, months_row);
  gtk_widget_class_bind_template_child (widget_class, GrmPreferencesWindow, offline_list);
  gtk_widget_class_bind_template_callback (widget_class, add_account_clicked_cb);
}

static void
grm_preferences_window_init (GrmPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GrmPreferencesWindow *
grm_preferences_window_new (GrmApplication *application)
{
  GrmPreferencesWindow *self = g_object_new (GRM_TYPE_PREFERENCES_WINDOW, NULL);
  GrmStore *store = grm_application_get_store (application);

  self->application = g_object_ref (application);
  self->settings = g_object_ref (grm_application_get_settings (application));

  g_settings_bind (self->settings, "disk-limit-mb",
                   gtk_spin_button_get_adjustment (self->disk_limit), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "offline-months", self->months_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, months_get_mapping,
                                months_set_mapping, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "sync-schedule", self->schedule_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, schedule_get_mapping,
                                schedule_set_mapping, NULL, NULL);
  g_signal_connect_object (self->settings, "changed::accounts",
                           G_CALLBACK (fill_accounts), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (grm_application_get_sync_monitor (application), "changed",
                           G_CALLBACK (fill_accounts), self, G_CONNECT_SWAPPED);
  fill_accounts (self);

  if (store != NULL)
    grm_store_read_async (store, committees_func, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                          committees_cb, g_object_ref (self));
  return self;
}
