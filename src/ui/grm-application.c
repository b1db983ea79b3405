/* grm-application.c: the Gremium application.
 *
 * It opens the one local store asynchronously at startup (the UI shows a
 * spinner until then, and a clear error page when the database is damaged or
 * from a newer Gremium), owns the app-wide actions (preferences, about,
 * connect, demo, quit) and opens PDF files given on the command line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-application"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "grm-application.h"
#include "grm-application-private.h"
#include "grm-application-push.h"
#include "grm-connect-dialog.h"
#include "grm-preferences-window.h"
#include "grm-search-page.h"
#include "grm-window.h"

struct _GrmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GrmStore       *store;
  GError         *store_error;
  GCancellable   *cancellable;
  GrmDemo        *demo;
  GHashTable     *keeping;        /* meeting id → GrmSync downloading its files */
  GHashTable     *account_bodies; /* System URL → GStrv of Body ids chosen this session */
  GrmSyncMonitor *sync_monitor;
  guint           schedule_source;
  gboolean        demo_mode;
};

G_DEFINE_FINAL_TYPE (GrmApplication, grm_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  PROP_STORE_ERROR,
  PROP_SYNCING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_KEEPING_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Set by --demo before the store opens. The demo municipality lives in a
 * database of its own, made anew at every start, so that it never mixes
 * with the user's council and its dates always match today. */
static char *demo_db_path;

char *
grm_application_dup_db_path (void)
{
  const char *env = g_getenv ("GREMIUM_DB");

  if (demo_db_path != NULL)
    return g_strdup (demo_db_path);

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "gremium", "gremium.db", NULL);
}

char *
grm_application_dup_files_dir (GrmApplication *self)
{
  g_autofree char *db_path = grm_application_dup_db_path ();
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, "files", NULL);
}

static void     schedule_sync     (GrmApplication *self);
static gboolean scheduled_sync_cb (gpointer        user_data);

static void
store_open_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GrmStore *store = grm_store_open_finish (result, &error);

  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Could not open the database: %s", error->message);
      self->store_error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE_ERROR]);
    }
  else
    {
      self->store = store;
      grm_application_push_start (self, store);
      grm_sync_monitor_set_store (self->sync_monitor, store);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
      /* The full-text index catches up in the background from the start,
       * not only once the search page is first shown. */
      grm_search_page_start_indexer (store);
      if (self->demo_mode)
        {
          self->demo = grm_demo_new (self);
          grm_demo_start (self->demo);
        }
      else
        {
          g_autofree char *schedule = g_settings_get_string (self->settings, "sync-schedule");

          /* "Only when I ask" means no sync at startup either. */
          schedule_sync (self);
          if (!g_str_equal (schedule, "manual"))
            scheduled_sync_cb (self);
        }
    }
  g_application_release (G_APPLICATION (self));
}

static void
open_store (GrmApplication *self)
{
  g_autofree char *path = grm_application_dup_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);

  /* Creating one directory is cheap and must precede the worker's open. */
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_warning ("Could not create %s: %s", dir, g_strerror (errno));

  g_application_hold (G_APPLICATION (self));
  grm_store_open_async (path, self->cancellable, store_open_cb, g_object_ref (self));
}

static GrmWindow *
get_window (GrmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (grm_window_new (self));
  return GRM_WINDOW (window);
}

static void
grm_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_window (GRM_APPLICATION (app))));
}

static void
grm_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  GrmWindow *window = get_window (GRM_APPLICATION (app));

  for (int i = 0; i < n_files; i++)
    grm_window_open_file (window, files[i], NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GrmApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Quit means now: a running sync stops (it resumes at its next page at
   * the next start) instead of holding the app until it ends. */
  grm_sync_monitor_cancel (self->sync_monitor);
  /* Closing each window lets it cancel its work and save its size. */
  for (GList *l = g_list_copy (windows), *next; l != NULL; l = next)
    {
      next = l->next;
      gtk_window_close (l->data);
      g_list_free_1 (l);
    }
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GrmApplication *self = user_data;
  const char *developers[] = { _("The Gremium developers"), NULL };

  adw_show_about_window (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "application-name", _("Gremium"),
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Meetings, papers and sessions of your council, "
                                       "also offline"),
                         "developer-name", _("The Gremium developers"),
                         "developers", developers,
                         "website", "https://github.com/gremium/gremium",
                         "issue-url", "https://github.com/gremium/gremium/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static GrmPreferencesWindow *
show_preferences (GrmApplication *self)
{
  GrmPreferencesWindow *prefs = grm_preferences_window_new (self);

  gtk_window_set_transient_for (GTK_WINDOW (prefs),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (prefs));
  return prefs;
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  show_preferences (GRM_APPLICATION (user_data));
}

void
grm_application_show_connect (GrmApplication *self,
                              GtkWindow      *parent)
{
  GrmConnectDialog *dialog = grm_connect_dialog_new (self, parent);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* "Connect to your council's server": the dialog that looks at the server
 * and saves the account, over the window it was asked from. */
static void
connect_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GrmApplication *self = GRM_APPLICATION (user_data);

  grm_application_show_connect (self, gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
open_demo_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GrmApplication *self = user_data;
  g_autofree char *self_exe = NULL;
  g_autoptr(GSubprocess) demo = NULL;
  g_autoptr(GError) error = NULL;

  if (self->demo_mode)
    {
      if (self->demo == NULL)
        self->demo = grm_demo_new (self);
      grm_demo_start (self->demo);
      return;
    }

  /* The user's own database stays as it is: the demo opens in a window of
   * its own, from a second instance started with --demo. */
  self_exe = g_file_read_link ("/proc/self/exe", &error);
  if (self_exe != NULL)
    demo = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, self_exe, "--demo", NULL);
  if (demo == NULL)
    {
      g_warning ("Could not start the demo: %s", error->message);
      grm_application_show_message (self, _("The demo municipality could not be started"));
    }
}

static void
remove_demo_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      if (g_unlink (file) != 0 && errno != ENOENT)
        g_warning ("Could not remove %s: %s", file, g_strerror (errno));
    }
}

static int
grm_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  GrmApplication *self = GRM_APPLICATION (app);

  if (g_variant_dict_contains (options, "demo"))
    {
      self->demo_mode = TRUE;
      g_free (demo_db_path);
      demo_db_path = g_build_filename (g_get_user_data_dir (), "gremium", "demo", "gremium.db",
                                       NULL);
      /* Downloaded documents are kept: they are named by their content. */
      remove_demo_database (demo_db_path);
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
sync_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  grm_application_sync_all (GRM_APPLICATION (user_data));
}

static gboolean
scheduled_sync_cb (gpointer user_data)
{
  GrmApplication *self = user_data;
  g_autoptr(GVariant) accounts = g_settings_get_value (self->settings, "accounts");
  GVariantIter iter;
  const char *url, *user;

  if (grm_application_is_syncing (self))
    return G_SOURCE_CONTINUE;
  /* Quietly: a failure shows in the window's banner, not as a toast. */
  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
    grm_application_sync_url (self, url);
  return G_SOURCE_CONTINUE;
}

/* Syncs now and then every hour or day, as the preferences say. */
static void
schedule_sync (GrmApplication *self)
{
  g_autofree char *schedule = g_settings_get_string (self->settings, "sync-schedule");

  g_clear_handle_id (&self->schedule_source, g_source_remove);
  if (self->store == NULL || g_str_equal (schedule, "manual"))
    return;
  self->schedule_source = g_timeout_add_seconds (g_str_equal (schedule, "daily")
                                                 ? 24 * 60 * 60 : 60 * 60,
                                                 scheduled_sync_cb, self);
}

static const GActionEntry app_actions[] = {
  { "sync", sync_action },
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "connect", connect_action },
  { "open-demo", open_demo_action },
};

static void
grm_application_startup (GApplication *app)
{
  GrmApplication *self = GRM_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *prefs_accels[] = { "<Control>comma", NULL };
  const char *sync_accels[] = { "<Control>r", "F5", NULL };

  G_APPLICATION_CLASS (grm_application_parent_class)->startup (app);

  /* Dark mode follows the system unless the system has no preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.sync", sync_accels);
  g_signal_connect_swapped (self->settings, "changed::sync-schedule",
                            G_CALLBACK (schedule_sync), self);
  g_signal_connect_swapped (self->settings, "changed::accounts",
                            G_CALLBACK (grm_application_update_sync_servers), self);
  grm_application_update_sync_servers (self);
  open_store (self);
}

static void
grm_application_shutdown (GApplication *app)
{
  GrmApplication *self = GRM_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->schedule_source, g_source_remove);
  g_clear_pointer (&self->demo, grm_demo_free);
  grm_application_push_stop (self);

  G_APPLICATION_CLASS (grm_application_parent_class)->shutdown (app);
}

static void
grm_application_finalize (GObject *object)
{
  GrmApplication *self = GRM_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->keeping, g_hash_table_unref);
  g_clear_pointer (&self->account_bodies, g_hash_table_unref);
  g_clear_object (&self->sync_monitor);

  G_OBJECT_CLASS (grm_application_parent_class)->finalize (object);
}

static void
grm_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrmApplication *self = GRM_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_STORE_ERROR:
      g_value_set_boxed (value, self->store_error);
      break;
    case PROP_SYNCING:
      g_value_set_boolean (value, grm_application_is_syncing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_application_class_init (GrmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = grm_application_finalize;
  object_class->get_property = grm_application_get_property;
  app_class->startup = grm_application_startup;
  app_class->shutdown = grm_application_shutdown;
  app_class->activate = grm_application_activate;
  app_class->open = grm_application_open;
  app_class->handle_local_options = grm_application_handle_local_options;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, GRM_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE_ERROR] =
    g_param_spec_boxed ("store-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNCING] =
    g_param_spec_boolean ("syncing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A meeting's files are being downloaded: progress, start or end. */
  signals[SIGNAL_KEEPING_CHANGED] =
    g_signal_new ("keeping-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

GrmSync *
grm_application_get_keeping (GrmApplication *self,
                             const char     *meeting_id)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return g_hash_table_lookup (self->keeping, meeting_id);
}

void
grm_application_notify_keeping (GrmApplication *self,
                                const char     *meeting_id)
{
  g_signal_emit (self, signals[SIGNAL_KEEPING_CHANGED], 0, meeting_id);
}

GHashTable *
grm_application_get_keeping_table (GrmApplication *self)
{
  return self->keeping;
}

GHashTable *
grm_application_get_account_bodies_table (GrmApplication *self)
{
  return self->account_bodies;
}

gboolean
grm_application_get_demo_mode (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), FALSE);
  return self->demo_mode;
}

GrmSyncMonitor *
grm_application_get_sync_monitor (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return self->sync_monitor;
}

void
grm_application_notify_syncing (GrmApplication *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNCING]);
}

static void
grm_application_init (GrmApplication *self)
{
  const GOptionEntry entries[] = {
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the demo municipality (real public data, served on this computer)"), NULL },
    { NULL }
  };

  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  self->keeping = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->account_bodies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) g_strfreev);
  self->sync_monitor = grm_sync_monitor_new ();
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

GrmApplication *
grm_application_new (void)
{
  return g_object_new (GRM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/gremium/Gremium",
                       NULL);
}

GrmStore *
grm_application_get_store (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return self->store;
}

const GError *
grm_application_get_store_error (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return self->store_error;
}

const char *
grm_application_get_demo_url (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return grm_demo_get_system_url (self->demo);
}

GSettings *
grm_application_get_settings (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return self->settings;
}
