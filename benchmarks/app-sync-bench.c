/* app-sync-bench.c: the app's main loop while the app itself syncs.
 *
 * sync-bench watches a bare main loop; this one runs the real application
 * and window (GTK under Xvfb) as a council member meets it after connecting
 * to the Karlsruhe server: the first sync fills an empty store while the
 * window shows what arrives (every commit tells the pages to reload), then
 * a second sync with every committee kept offline downloads the files of
 * the last 11 months. For each, the lines of bench-lateness.h say how late
 * the main loop got and whether the main thread's own work or a busy
 * machine made it late. The test server runs at a lower priority, as the
 * app runs the demo's: it stands in for a server on another machine.
 *
 * Usage: xvfb-run app-sync-bench OPARL-TEST-SERVER
 *   (GRM_SHARED_DATA and GSETTINGS_SCHEMA_DIR=<build>/data must be set.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <sys/resource.h>

#include "bench-lateness.h"
#include "grm-application-private.h"
#include "grm-store-browse.h"
#include "grm-store-browse-row.h"

typedef struct
{
  GrmApplication *app;
  GSettings      *settings;
  BenchLateness  *lateness;
  guint           round;
  gint64          start;
  gint64          late[2];
  double          seconds[2];
} Bench;

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
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = grm_store_read_finish (GRM_STORE (object), result, &error);
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  if (rows == NULL)
    g_error ("Could not list the committees: %s", error->message);
  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (ids, grm_browse_row_get_id (g_ptr_array_index (rows, i)));
  strv = g_strv_builder_end (ids);
  g_print ("keeping the files of %u committees offline\n", g_strv_length (strv));
  g_settings_set_strv (bench->settings, "offline-committees", (const char * const *) strv);
  g_settings_set_uint (bench->settings, "offline-months", 11);
  g_action_group_activate_action (G_ACTION_GROUP (bench->app), "sync", NULL);
}

static void
syncing_cb (GrmApplication *app,
            GParamSpec     *pspec,
            Bench          *bench)
{
  static const char * const what[] = { "first sync (metadata):", "sync with files:" };

  if (grm_application_is_syncing (app))
    {
      if (bench->lateness == NULL)
        {
          bench->lateness = bench_lateness_start ();
          bench->start = g_get_monotonic_time ();
        }
      return;
    }
  if (bench->lateness == NULL)
    return;
  bench->seconds[bench->round] = (g_get_monotonic_time () - bench->start) / 1e6;
  bench_lateness_stop (bench->lateness, what[bench->round]);
  bench->late[bench->round] = bench_lateness_get_late (bench->lateness);
  g_clear_pointer (&bench->lateness, bench_lateness_free);
  if (++bench->round == 1)
    grm_store_read_async (grm_application_get_store (app), committees_func, NULL, NULL,
                          (GDestroyNotify) g_ptr_array_unref, NULL, committees_cb, bench);
  else
    g_application_quit (G_APPLICATION (app));
}

/* The server stands in for the council's server elsewhere, as the demo's
 * does: it runs at a lower priority, as the app starts the demo server. */
static void
server_child_setup (gpointer user_data)
{
  setpriority (PRIO_PROCESS, 0, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = g_dir_make_tmp ("grm-app-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *data = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *app_argv[] = { (char *) "gremium", NULL };
  Bench bench = { 0 };

  if (argc < 2 || shared == NULL)
    {
      g_printerr ("Usage: GRM_SHARED_DATA=… xvfb-run %s OPARL-TEST-SERVER\n", argv[0]);
      return 2;
    }
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GREMIUM_DB", db, TRUE);

  data = g_build_filename (shared, "oparl", "karlsruhe", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, argv[1], "--data", data,
                                        "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_nonnull (url);

  settings = g_settings_new (APP_ID);
  g_settings_set_value (settings, "accounts",
                        g_variant_new_parsed ("[(%s, '')]", url));
  g_settings_set_strv (settings, "offline-committees", NULL);

  app = grm_application_new ();
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  bench.app = app;
  bench.settings = settings;
  g_signal_connect (app, "notify::syncing", G_CALLBACK (syncing_cb), &bench);

  g_print ("app-sync-bench: the app syncs the Karlsruhe body from %s\n", url);
  g_application_run (G_APPLICATION (app), 1, app_argv);
  g_print ("first sync %.1f s, main loop max late %.1f ms; sync with files %.1f s,"
           " main loop max late %.1f ms (target: never more than 50 ms)\n",
           bench.seconds[0], bench.late[0] / 1000.0, bench.seconds[1], bench.late[1] / 1000.0);
  g_subprocess_force_exit (server);
  {
    /* The store and the downloaded files: hundreds of megabytes. */
    const char *rm[] = { "rm", "-rf", dir, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return 0;
}
