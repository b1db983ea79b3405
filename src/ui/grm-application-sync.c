/* grm-application-sync.c: syncing from the app: every server account on
 * request or on the schedule chosen in the preferences, and the demo
 * municipality (the project's OParl test server serving the real data of
 * Karlsruhe on 127.0.0.1).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-application"

#include <glib/gi18n-lib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "grm-application-private.h"
#include "grm-preferences-window.h"
#include "grm-sync.h"
#include "grm-window.h"

struct _GrmDemo
{
  GrmApplication   *application;   /* unowned: the application owns the demo */
  GSubprocess      *server;
  GDataInputStream *stdout_stream;
  GCancellable     *cancellable;
  char             *system_url;
};

static guint n_running;

void
grm_application_show_message (GrmApplication *self,
                              const char     *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GRM_IS_WINDOW (window))
    grm_window_show_toast (GRM_WINDOW (window), message);
  else
    g_message ("%s", message);
}

gboolean
grm_application_is_syncing (GrmApplication *self)
{
  return n_running > 0;
}

static GrmSyncOptions *
options_from_settings (GrmApplication *self)
{
  GSettings *settings = grm_application_get_settings (self);
  GrmSyncOptions *options = grm_sync_options_new ();
  g_auto(GStrv) committees = g_settings_get_strv (settings, "offline-committees");
  guint months = g_settings_get_uint (settings, "offline-months");

  options->files_dir = grm_application_dup_files_dir (self);
  if (months > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) since = g_date_time_add_months (now, -(int) months);

      options->files_since = g_date_time_format (since, "%Y-%m-%d");
    }
  options->disk_limit = (guint64) g_settings_get_uint (settings, "disk-limit-mb") * 1024 * 1024;
  /* An empty list keeps no committee's files (NULL would keep all of
   * them); the files phase still fetches what the user asked for by hand. */
  options->files = TRUE;
  options->committees = g_steal_pointer (&committees);
  return options;
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = grm_sync_run_finish (GRM_SYNC (object), result, &error);

  n_running--;
  /* The monitor reads back what the sync recorded: the window shows the
   * time of success, or why it failed, in the header bar and the banner. */
  grm_sync_monitor_finished (grm_application_get_sync_monitor (self), GRM_SYNC (object), error);
  grm_application_notify_syncing (self);
  g_application_release (G_APPLICATION (self));
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Sync failed: %s", error->message);
}

static gboolean
is_running (GrmApplication *self,
            const char     *system_url)
{
  GPtrArray *servers = grm_sync_monitor_get_servers (grm_application_get_sync_monitor (self));

  for (guint i = 0; i < servers->len; i++)
    {
      GrmSyncServer *server = g_ptr_array_index (servers, i);

      if (server->running && g_strcmp0 (server->url, system_url) == 0)
        return TRUE;
    }
  return FALSE;
}

void
grm_application_sync_url (GrmApplication *self,
                          const char     *system_url)
{
  GrmStore *store = grm_application_get_store (self);
  GrmSyncMonitor *monitor = grm_application_get_sync_monitor (self);
  g_autoptr(GrmSyncOptions) options = NULL;
  g_autoptr(GrmSync) sync = NULL;

  /* A second sync of the same server would only fetch the same pages. */
  if (store == NULL || is_running (self, system_url))
    return;
  options = options_from_settings (self);
  options->bodies = grm_application_dup_account_bodies (self, system_url);
  sync = grm_sync_new (store, system_url, options);
  n_running++;
  grm_sync_monitor_started (monitor, sync, system_url);
  grm_application_notify_syncing (self);
  g_application_hold (G_APPLICATION (self));
  grm_sync_run_async (sync, grm_sync_monitor_get_cancellable (monitor), sync_done_cb,
                      g_object_ref (self));
}

void
grm_application_sync_all (GrmApplication *self)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (grm_application_get_settings (self),
                                                       "accounts");
  const char *demo_url = grm_application_get_demo_url (self);
  GVariantIter iter;
  const char *url, *user;

  /* The demo's database holds the demo municipality only. */
  if (grm_application_get_demo_mode (self))
    {
      if (demo_url != NULL)
        grm_application_sync_url (self, demo_url);
      return;
    }
  if (g_variant_n_children (accounts) == 0)
    {
      grm_application_show_message (self, _("Connect to your council's server first"));
      return;
    }
  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
    grm_application_sync_url (self, url);
}

/* The servers the header bar and the banner report on: every account,
 * and the demo while it runs. */
void
grm_application_update_sync_servers (GrmApplication *self)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (grm_application_get_settings (self),
                                                       "accounts");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) urls = NULL;
  const char *demo_url = grm_application_get_demo_url (self);
  GVariantIter iter;
  const char *url, *user;

  g_variant_iter_init (&iter, accounts);
  if (!grm_application_get_demo_mode (self))
    while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
      g_strv_builder_add (builder, url);
  if (demo_url != NULL)
    g_strv_builder_add (builder, demo_url);
  urls = g_strv_builder_end (builder);
  grm_sync_monitor_set_servers (grm_application_get_sync_monitor (self),
                                (const char * const *) urls);
}

/* The body filter of each account. Kept in GSettings ("account-bodies",
 * a{sas}) when the schema has that key; else for this session only, and
 * every body is synced after a restart, as before there was a choice. */
static gboolean
has_bodies_key (GrmApplication *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (grm_application_get_settings (self), "settings-schema", &schema, NULL);
  return schema != NULL && g_settings_schema_has_key (schema, "account-bodies");
}

char **
grm_application_dup_account_bodies (GrmApplication *self,
                                    const char     *system_url)
{
  GHashTable *table = grm_application_get_account_bodies_table (self);
  g_autoptr(GVariant) all = NULL;
  g_autoptr(GVariant) bodies = NULL;

  if (g_hash_table_contains (table, system_url))
    return g_strdupv (g_hash_table_lookup (table, system_url));
  if (!has_bodies_key (self))
    return NULL;
  all = g_settings_get_value (grm_application_get_settings (self), "account-bodies");
  bodies = g_variant_lookup_value (all, system_url, G_VARIANT_TYPE_STRING_ARRAY);
  return bodies != NULL ? g_variant_dup_strv (bodies, NULL) : NULL;
}

void
grm_application_set_account_bodies (GrmApplication     *self,
                                    const char         *system_url,
                                    const char * const *bodies)
{
  GHashTable *table = grm_application_get_account_bodies_table (self);
  GSettings *settings = grm_application_get_settings (self);
  g_autoptr(GVariant) all = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  if (bodies != NULL)
    g_hash_table_insert (table, g_strdup (system_url), g_strdupv ((char **) bodies));
  else
    g_hash_table_remove (table, system_url);
  if (!has_bodies_key (self))
    return;
  all = g_settings_get_value (settings, "account-bodies");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sas}"));
  g_variant_iter_init (&iter, all);
  while (g_variant_iter_next (&iter, "{&s@as}", &key, &value))
    {
      if (g_strcmp0 (key, system_url) != 0)
        g_variant_builder_add (&builder, "{s@as}", key, value);
      g_variant_unref (value);
    }
  if (bodies != NULL)
    g_variant_builder_add (&builder, "{s^as}", system_url, bodies);
  g_settings_set_value (settings, "account-bodies", g_variant_builder_end (&builder));
}

static void
password_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GrmApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The password could not be saved in the "
                                                    "keyring: %s"), error->message);

      grm_application_show_message (self, message);
    }
}

void
grm_application_add_account (GrmApplication     *self,
                             const char         *url,
                             const char         *user,
                             const char         *password,
                             const char * const *bodies)
{
  GSettings *settings = grm_application_get_settings (self);
  g_autoptr(GVariant) accounts = g_settings_get_value (settings, "accounts");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *a_url, *a_user;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &a_url, &a_user))
    if (g_strcmp0 (a_url, url) != 0)
      g_variant_builder_add (&builder, "(ss)", a_url, a_user);
  g_variant_builder_add (&builder, "(ss)", url, user);
  grm_application_set_account_bodies (self, url, bodies);
  g_settings_set_value (settings, "accounts", g_variant_builder_end (&builder));

  if (password != NULL && password[0] != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("Gremium: %s"), url);

      secret_password_store (grm_account_secret_schema (), SECRET_COLLECTION_DEFAULT,
                             label, password, NULL, password_stored_cb,
                             g_object_ref (self), "server", url, "user", user, NULL);
    }
  grm_application_update_sync_servers (self);
  /* A new server: fetch its meetings and papers right away. */
  grm_application_sync_url (self, url);
}

static gboolean
same_origin (const char *a,
             const char *b)
{
  g_autoptr(GUri) ua = g_uri_parse (a, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GUri) ub = g_uri_parse (b, G_URI_FLAGS_NONE, NULL);

  return ua != NULL && ub != NULL
         && g_strcmp0 (g_uri_get_scheme (ua), g_uri_get_scheme (ub)) == 0
         && g_strcmp0 (g_uri_get_host (ua), g_uri_get_host (ub)) == 0
         && g_uri_get_port (ua) == g_uri_get_port (ub);
}

char *
grm_application_dup_server_for (GrmApplication *self,
                                 const char     *object_id)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (grm_application_get_settings (self),
                                                       "accounts");
  const char *demo_url = grm_application_get_demo_url (self);
  GVariantIter iter;
  const char *url, *user;

  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
    if (same_origin (url, object_id))
      return g_strdup (url);
  if (demo_url != NULL && same_origin (demo_url, object_id))
    return g_strdup (demo_url);
  return NULL;
}

typedef struct
{
  GrmApplication *application;
  char           *meeting_id;
} KeepJob;

static void
keep_job_free (KeepJob *job)
{
  g_object_unref (job->application);
  g_free (job->meeting_id);
  g_free (job);
}

static void
keep_progress_cb (GrmSync *sync,
                  KeepJob *job)
{
  grm_application_notify_keeping (job->application, job->meeting_id);
}

static void
keep_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  KeepJob *job = user_data;
  GrmApplication *self = job->application;
  GrmStore *store = grm_application_get_store (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = grm_sync_keep_meeting_finish (GRM_SYNC (object), result, &error);

  g_signal_handlers_disconnect_by_func (object, keep_progress_cb, job);
  g_hash_table_remove (grm_application_get_keeping_table (self), job->meeting_id);
  n_running--;
  grm_application_notify_syncing (self);
  grm_application_notify_keeping (self, job->meeting_id);
  /* Pages that list the files read again and show them as stored. */
  if (store != NULL)
    grm_store_notify_changed (store, "File");
  g_application_release (G_APPLICATION (self));
  if (!ok)
    {
      g_autofree char *message = NULL;

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          message = g_strdup_printf (_("Not every file could be downloaded: %s"), error->message);
          grm_application_show_message (self, message);
        }
    }
  else
    grm_application_show_message (self, _("The meeting's documents are on this computer now"));
  keep_job_free (job);
}

void
grm_application_keep_meeting (GrmApplication *self,
                              const char     *meeting_id)
{
  GrmStore *store = grm_application_get_store (self);
  g_autofree char *server = NULL;
  g_autoptr(GrmSyncOptions) options = NULL;
  g_autoptr(GrmSync) sync = NULL;
  KeepJob *job;

  if (store == NULL || grm_application_get_keeping (self, meeting_id) != NULL)
    return;
  server = grm_application_dup_server_for (self, meeting_id);
  if (server == NULL)
    {
      grm_application_show_message (self, _("The server of this meeting is not among your "
                                            "accounts"));
      return;
    }
  options = options_from_settings (self);
  sync = grm_sync_new (store, server, options);
  job = g_new0 (KeepJob, 1);
  job->application = g_object_ref (self);
  job->meeting_id = g_strdup (meeting_id);
  g_signal_connect (sync, "progress", G_CALLBACK (keep_progress_cb), job);
  g_hash_table_insert (grm_application_get_keeping_table (self), g_strdup (meeting_id),
                       g_object_ref (sync));
  n_running++;
  grm_application_notify_syncing (self);
  grm_application_notify_keeping (self, meeting_id);
  g_application_hold (G_APPLICATION (self));
  grm_sync_keep_meeting_async (sync, meeting_id, NULL, keep_done_cb, job);
}

void
grm_application_keep_file (GrmApplication *self,
                           const char     *file_id)
{
  g_autofree char *server = grm_application_dup_server_for (self, file_id);

  if (server == NULL)
    {
      grm_application_show_message (self, _("The file will be downloaded at the next sync"));
      return;
    }
  grm_application_show_message (self, _("Downloading the document…"));
  grm_application_sync_url (self, server);
}

const char *
grm_demo_get_system_url (GrmDemo *demo)
{
  return demo != NULL ? demo->system_url : NULL;
}

/* Next to the app in the build tree, else where it is installed. */
static char *
find_test_server (void)
{
  const char *env = g_getenv ("GREMIUM_TEST_SERVER");
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self_exe != NULL ? g_path_get_dirname (self_exe) : NULL;
  g_autofree char *in_build = NULL;

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  if (dir != NULL)
    {
      in_build = g_build_filename (dir, "..", "tests", "oparl-server", "oparl-test-server", NULL);
      if (g_file_test (in_build, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&in_build);
      g_free (in_build);
      in_build = g_build_filename (dir, "..", "libexec", "oparl-test-server", NULL);
      if (g_file_test (in_build, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&in_build);
    }
  return g_find_program_in_path ("oparl-test-server");
}

static char *
find_demo_data (void)
{
  const char *env = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *path = NULL;

  if (env != NULL && env[0] != '\0')
    path = g_build_filename (env, "oparl", "karlsruhe", NULL);
  else
    path = g_build_filename (PKGDATADIR, "demo", "karlsruhe", NULL);
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&path);
  return NULL;
}

static void
read_url_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GrmDemo *demo = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (object),
                                                                result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (line == NULL || !g_str_has_prefix (line, "http://127.0.0.1:"))
    {
      grm_application_show_message (demo->application,
                                    _("The demo municipality could not be started"));
      g_clear_object (&demo->server);
      return;
    }
  g_free (demo->system_url);
  demo->system_url = g_steal_pointer (&line);
  grm_application_update_sync_servers (demo->application);
  grm_application_show_message (demo->application,
                                _("Loading the demo municipality. The first meetings "
                                  "appear in a moment."));
  grm_application_sync_url (demo->application, demo->system_url);
}

static void
demo_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
  /* The demo server stands in for a council's server elsewhere: making
   * its PDFs must not take the CPU from the window on the same laptop. */
  setpriority (PRIO_PROCESS, 0, 10);
}

GrmDemo *
grm_demo_new (GrmApplication *application)
{
  GrmDemo *demo = g_new0 (GrmDemo, 1);

  demo->application = application;
  demo->cancellable = g_cancellable_new ();
  return demo;
}

void
grm_demo_start (GrmDemo *demo)
{
  g_autofree char *server = find_test_server ();
  g_autofree char *data = find_demo_data ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  if (demo->system_url != NULL)
    {
      grm_application_sync_url (demo->application, demo->system_url);
      return;
    }
  if (demo->server != NULL)
    return;
  if (server == NULL || data == NULL)
    {
      grm_application_show_message (demo->application,
                                    _("The demo municipality is not installed"));
      return;
    }

  /* The server stops with the app: when its stdin closes (the app let go of
   * it, or died), and when the spawning thread dies. --shift-dates moves the
   * data's dates so that its latest meetings lie in the coming days. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, demo_child_setup, NULL, NULL);
  demo->server = g_subprocess_launcher_spawn (launcher, &error, server, "--data", data,
                                              "--port", "0", "--shift-dates",
                                              "--exit-on-stdin-close", NULL);
  if (demo->server == NULL)
    {
      g_warning ("Could not start %s: %s", server, error->message);
      grm_application_show_message (demo->application,
                                    _("The demo municipality could not be started"));
      return;
    }
  g_clear_object (&demo->stdout_stream);
  demo->stdout_stream = g_data_input_stream_new (g_subprocess_get_stdout_pipe (demo->server));
  g_data_input_stream_read_line_async (demo->stdout_stream, G_PRIORITY_DEFAULT,
                                       demo->cancellable, read_url_cb, demo);
}

void
grm_demo_free (GrmDemo *demo)
{
  if (demo == NULL)
    return;
  g_cancellable_cancel (demo->cancellable);
  if (demo->server != NULL)
    g_subprocess_send_signal (demo->server, SIGTERM);
  g_clear_object (&demo->stdout_stream);
  g_clear_object (&demo->server);
  g_clear_object (&demo->cancellable);
  g_free (demo->system_url);
  g_free (demo);
}
