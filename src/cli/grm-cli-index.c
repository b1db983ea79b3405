/* grm-cli-index.c: `gremium-cli index --db PATH [--files-dir DIR]`.
 *
 * Runs the same indexer as the app, on this thread, until the search index
 * is current; progress and skipped files on stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "grm-cli.h"
#include "grm-store.h"
#include "grm-text-extract.h"

typedef struct
{
  gint64 last_report;
  gboolean tty;
} Progress;

static void
progress_cb (gint64      done,
             gint64      total,
             const char *failed_file,
             const char *failure,
             gpointer    user_data)
{
  Progress *p = user_data;
  gint64 now = g_get_monotonic_time ();

  if (failed_file)
    g_printerr (_("Skipped %s: %s\n"), failed_file, failure);
  if (now - p->last_report < G_USEC_PER_SEC / 2 && done < total)
    return;
  p->last_report = now;
  g_printerr (_("Indexed %d of %d"), (int) done, (int) total);
  g_printerr ("%s", p->tty ? "\r" : "\n");
}

int
grm_cli_index (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *files_dir = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "files-dir", 0, 0, G_OPTION_ARG_FILENAME, &files_dir,
      N_("Where downloaded files are kept"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSearchIndexer) indexer = NULL;
  Progress progress = { 0, isatty (2) };
  gint64 done = 0, failed = 0;

  g_option_context_set_summary (context, _("Bring the full-text search index up to date."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", _("Missing --db PATH"));
      return 2;
    }

  store = grm_store_open (db_path, &error);
  if (store == NULL)
    return grm_cli_fail (error);

  indexer = grm_text_extract_indexer_new (store, files_dir);
  if (!grm_search_indexer_run_sync (indexer, progress_cb, &progress, NULL, &error))
    return grm_cli_fail (error);

  grm_search_indexer_get_progress (indexer, &done, NULL, &failed);
  g_printerr (_("Index is up to date: %d indexed, %d files skipped.\n"),
              (int) done, (int) failed);
  return 0;
}
