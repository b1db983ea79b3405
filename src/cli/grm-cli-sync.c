/* grm-cli-sync.c: `gremium-cli sync --db PATH [--files] [--files-dir DIR] URL`.
 *
 * Runs one sync against the OParl System at URL, with a progress line on
 * stderr and a summary at the end. Exit status 0 only when every list (and,
 * with --files, every wanted file) is current.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "grm-cli.h"
#include "grm-store.h"
#include "grm-sync.h"



typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
  gboolean   tty;
} Run;

static void
progress_cb (GrmSync *sync,
             Run     *run)
{
  g_autofree char *size = g_format_size (grm_sync_get_bytes (sync));

  g_printerr ("%s%s: %u objects, %u pages, %u files, %s%s",
              run->tty ? "\r\033[K" : "",
              grm_sync_phase_to_string (grm_sync_get_phase (sync)),
              grm_sync_get_objects (sync), grm_sync_get_pages (sync),
              grm_sync_get_files (sync), size,
              run->tty ? "" : "\n");
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  run->ok = grm_sync_run_finish (GRM_SYNC (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

int
grm_cli_sync (int    argc,
              char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_auto(GStrv) committees = NULL;
  g_auto(GStrv) bodies = NULL;
  gboolean files = FALSE;
  int connections = 4, retry_base_ms = 500, attempts = 6;
  gint64 disk_limit_mb = 0;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "body", 0, 0, G_OPTION_ARG_STRING_ARRAY, &bodies,
      N_("Sync only this body of the server (repeatable; default: all)"), N_("ID") },
    { "files", 0, 0, G_OPTION_ARG_NONE, &files, N_("Also download the files kept offline"), NULL },
    { "files-dir", 0, 0, G_OPTION_ARG_FILENAME, &files_dir, N_("Where downloaded files are kept"),
      N_("DIR") },
    { "committee", 0, 0, G_OPTION_ARG_STRING_ARRAY, &committees,
      N_("Keep the files of this organization offline (repeatable; default: all)"), N_("ID") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Keep files from this date on"),
      N_("YYYY-MM-DD") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Keep files up to this date"),
      N_("YYYY-MM-DD") },
    { "disk-limit", 0, 0, G_OPTION_ARG_INT64, &disk_limit_mb, N_("Use at most this much disk"),
      N_("MB") },
    { "connections", 0, 0, G_OPTION_ARG_INT, &connections, N_("Parallel requests"), N_("N") },
    { "attempts", 0, 0, G_OPTION_ARG_INT, &attempts, N_("Attempts per request"), N_("N") },
    { "retry-base-ms", 0, 0, G_OPTION_ARG_INT, &retry_base_ms, N_("First retry delay"),
      N_("MS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("URL"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  g_autoptr(GMainLoop) loop = NULL;
  Run run = { 0 };
  gint64 start;
  double seconds;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Fetch a council's data from its OParl server."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL || argc != 2)
    {
      g_printerr ("%s\n", _("Usage: gremium-cli sync --db PATH [--files] [--files-dir DIR] URL"));
      return 2;
    }

  store = grm_store_open (db_path, &error);
  if (store == NULL)
    return grm_cli_fail (error);

  options->files = files;
  options->bodies = g_steal_pointer (&bodies);
  options->files_dir = g_steal_pointer (&files_dir);
  options->committees = g_steal_pointer (&committees);
  options->files_since = g_steal_pointer (&since);
  options->files_until = g_steal_pointer (&until);
  options->disk_limit = (guint64) MAX (disk_limit_mb, 0) * 1024 * 1024;
  options->max_connections = CLAMP (connections, 1, 16);
  options->max_attempts = CLAMP (attempts, 1, 20);
  options->retry_base_ms = CLAMP (retry_base_ms, 0, 60000);
  sync = grm_sync_new (store, argv[1], options);

  loop = g_main_loop_new (NULL, FALSE);
  run.loop = loop;
  run.tty = isatty (STDERR_FILENO);
  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), &run);
  start = g_get_monotonic_time ();
  grm_sync_run_async (sync, NULL, done_cb, &run);
  g_main_loop_run (loop);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  if (run.tty)
    g_printerr ("\n");
  {
    g_autofree char *size = g_format_size (grm_sync_get_bytes (sync));

    g_printerr (_("Synced in %.1f s. Objects written: %u, pages: %u, requests: %u, "
                  "files: %u (%s), files failed: %u\n"),
                seconds, grm_sync_get_objects (sync), grm_sync_get_pages (sync),
                grm_sync_get_requests (sync), grm_sync_get_files (sync), size,
                grm_sync_get_files_failed (sync));
  }
  if (!run.ok)
    {
      int status = grm_cli_fail (run.error);

      g_clear_error (&run.error);
      return status;
    }
  return 0;
}
