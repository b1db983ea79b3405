/* sync-bench.c: figures for the sync engine against the local test server.
 *
 * Full metadata sync of the Karlsruhe body, a no-change incremental sync,
 * a sync with files (files from --files-since on), and, for comparison, the
 * bare cost of fetching and parsing the same pages. While each sync runs, a
 * 5 ms timeout on the main context records how late the main loop gets:
 * the sync runs in this process exactly as the app runs it; the lines
 * printed while it runs tell the main thread's own work from a busy machine
 * (see bench-lateness.h).
 *
 * Usage: sync-bench SERVER [--files-since YYYY-MM-DD]
 *   (SERVER: build/tests/oparl-server/oparl-test-server; GRM_SHARED_DATA
 *    or ../shared/data next to the source tree.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-lateness.h"
#include "grm-store.h"
#include "grm-sync.h"
#include "grm-sync-http.h"

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Watch;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Watch *w = user_data;

  w->ok = grm_sync_run_finish (GRM_SYNC (source), result, &w->error);
  w->done = TRUE;
}

static double
run_sync (GrmStore        *store,
          const char      *url,
          GrmSyncOptions  *options,
          const char      *what,
          GrmSync        **out,
          gint64          *max_late)
{
  GrmSync *sync = grm_sync_new (store, url, options);
  Watch w = { 0 };
  g_autoptr(BenchLateness) lateness = bench_lateness_start ();
  gint64 start = g_get_monotonic_time ();

  grm_sync_run_async (sync, NULL, done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  bench_lateness_stop (lateness, what);
  *max_late = bench_lateness_get_late (lateness);
  if (!w.ok)
    g_printerr ("sync failed: %s\n", w.error->message);
  *out = sync;
  return (g_get_monotonic_time () - start) / 1e6;
}

/* The baseline: the same lists, the same session settings, parsed with
 * json-glib and thrown away. */
typedef struct
{
  GrmSyncHttp *http;
  int          pending;
  guint        pages;
  guint        objects;
} Base;

typedef struct
{
  Base *base;
  char *next;
  guint n;
} Parsed;

static gpointer
parse_cb (GrmSyncResponse  *response,
          gpointer          user_data,
          GError          **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Parsed *p = g_new0 (Parsed, 1);
  JsonObject *root, *links;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (response->body, NULL),
                                   g_bytes_get_size (response->body), error))
    {
      g_free (p);
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  links = json_object_get_object_member (root, "links");
  if (links && json_object_has_member (links, "next"))
    p->next = g_strdup (json_object_get_string_member (links, "next"));
  if (json_object_has_member (root, "data"))
    p->n = json_array_get_length (json_object_get_array_member (root, "data"));
  response->parsed_free = g_free;
  return p;
}

static void fetch (Base *base, const char *url);

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Base *base = user_data;
  g_autoptr(GrmSyncResponse) response = grm_sync_http_get_finish (base->http, result, NULL);
  Parsed *p = response ? response->parsed : NULL;

  base->pending--;
  if (p == NULL)
    return;
  base->pages++;
  base->objects += p->n;
  if (p->next != NULL)
    fetch (base, p->next);
  g_free (p->next);
}

static void
fetch (Base       *base,
       const char *url)
{
  base->pending++;
  grm_sync_http_get_async (base->http, url, parse_cb, NULL, NULL, NULL, page_cb, base);
}

static double
run_baseline (const char *system_url,
              guint      *pages,
              guint      *objects)
{
  static const char * const lists[] = { "organizations", "persons", "meetings", "papers",
                                        "agendaitems", "consultations", "files", "locations",
                                        "legislativeterms", "memberships" };
  g_autoptr(GMainContext) context = g_main_context_new ();
  Base base = { 0 };
  g_autofree char *prefix = g_strndup (system_url, strlen (system_url) - strlen ("system"));
  gint64 start = g_get_monotonic_time ();

  g_main_context_push_thread_default (context);
  base.http = grm_sync_http_new (4, 6, 500, 60);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autofree char *url = g_strdup_printf ("%sbodies/0001/%s?omit_internal=true&limit=500",
                                              prefix, lists[i]);

      fetch (&base, url);
    }
  while (base.pending > 0)
    g_main_context_iteration (context, TRUE);
  grm_sync_http_free (base.http);
  g_main_context_pop_thread_default (context);
  *pages = base.pages;
  *objects = base.objects;
  return (g_get_monotonic_time () - start) / 1e6;
}

static long
peak_rss_mb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("grm-sync-bench-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (tmp, "bench.db", NULL);
  g_autofree char *files_dir = g_build_filename (tmp, "files", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  GrmSync *full, *again, *files;
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  const char *since = argc > 3 && strcmp (argv[2], "--files-since") == 0 ? argv[3] : "2026-01-01";
  double t_full, t_again, t_base, t_files;
  gint64 late_full, late_again, late_files;
  guint base_pages, base_objects;
  long rss_metadata;

  if (argc < 2)
    {
      g_printerr ("Usage: %s OPARL-TEST-SERVER [--files-since YYYY-MM-DD]\n", argv[0]);
      return 2;
    }
  data = g_build_filename (shared ? shared : "../shared/data", "oparl", "karlsruhe", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, argv[1], "--data", data, "--port", "0", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_nonnull (url);

  store = grm_store_open (db, &error);
  g_assert_no_error (error);

  t_full = run_sync (store, url, options, "full metadata sync:", &full, &late_full);
  rss_metadata = peak_rss_mb ();
  t_again = run_sync (store, url, options, "no-change sync:", &again, &late_again);
  t_base = run_baseline (url, &base_pages, &base_objects);

  options->files = TRUE;
  options->files_dir = g_strdup (files_dir);
  options->files_since = g_strdup (since);
  t_files = run_sync (store, url, options, "sync with files:", &files, &late_files);

  g_print ("sync-bench: Karlsruhe body from the local test server (%s)\n", url);
  g_print ("full metadata sync:   %6.2f s  %u objects written (%.0f objects/s), %u pages, %u requests,"
           " main loop max late %.1f ms, peak RSS %ld MB\n",
           t_full, grm_sync_get_objects (full), grm_sync_get_objects (full) / t_full,
           grm_sync_get_pages (full), grm_sync_get_requests (full), late_full / 1000.0, rss_metadata);
  g_print ("no-change sync:       %6.2f s  %u objects written, %u requests, main loop max late %.1f ms\n",
           t_again, grm_sync_get_objects (again), grm_sync_get_requests (again), late_again / 1000.0);
  g_print ("baseline fetch+parse: %6.2f s  %u objects in %u pages; client overhead ratio %.2f\n",
           t_base, base_objects, base_pages, t_full / t_base);
  g_print ("sync with files:      %6.2f s  files since %s: %u files, %.1f MB, %u failed,"
           " main loop max late %.1f ms\n",
           t_files, since, grm_sync_get_files (files), grm_sync_get_bytes (files) / 1e6,
           grm_sync_get_files_failed (files), late_files / 1000.0);
  g_print ("peak RSS overall:     %ld MB\n", peak_rss_mb ());

  g_object_unref (full);
  g_object_unref (again);
  g_object_unref (files);
  g_subprocess_force_exit (server);
  {
    /* The store and the downloaded files: hundreds of megabytes. */
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  return 0;
}
