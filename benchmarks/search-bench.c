/* search-bench.c: figures of the full-text search on all Karlsruhe texts.
 *
 *   GRM_SHARED_DATA=../shared/data build/benchmarks/search-bench [N_TEXTS]
 *
 * (GRM_BENCH_VERBOSE=1 prints each query, GRM_BENCH_KEEP=1 keeps the
 * database for a look with gremium-cli search, GRM_BENCH_INDEX_ONLY=1 stops
 * after indexing, for a profiler, GRM_BENCH_DB=path only times the queries
 * on a database kept before.)
 *
 * Indexes every text of shared/data/oparl/karlsruhe/texts.jsonl.gz (as
 * File.text of the real papers) with the indexer the app runs, then times
 * 50 fixed queries with ranking and snippets against `grep -ril` over the
 * same texts written out to a temporary directory, and the Poppler text
 * extraction against `pdftotext` on the same PDFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <stdlib.h>
#include <string.h>

#include "grm-search.h"
#include "grm-text-extract.h"
#include "search-test-data.h"

static const char * const queries[50] = {
  /* one word */
  "Radweg", "Klimaschutz", "Haushalt", "Kindergarten", "Schule", "Straßenbahn",
  "Bebauungsplan", "Grötzingen", "Durlach", "Wohnraum", "Parkplatz", "Spielplatz",
  "Feuerwehr", "Sanierung", "Stadtwerke", "Bäder", "Wildparkstadion", "Tiefgarage",
  "Fahrradstraße", "Lärmschutz", "Baumfällung", "Gemeinderat", "Ortschaftsrat",
  "Zuschuss", "Verkehr",
  /* two words */
  "Radweg Südstadt", "Weingartner Straße", "Stadtpark Südost", "Karlsruher Zoo",
  "Kombilösung Kosten", "Freizeitpark Hub", "Schulsanierung Durlach",
  "Alttextilien Konzept", "Busterminal Bahnhof", "Wohnraum Förderung",
  /* Drucksachen numbers */
  "2013/0140", "2013/0141", "2014/0347", "2014/0358", "2013/0306",
  /* prefixes of compounds */
  "Rad", "Klima", "Straßenb", "Kinder", "Bürger", "Wohn", "Stadtent", "Sanier",
  "Haush", "Verkehrs",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of the whole process (the indexer is idle while queries run),
 * because on a shared machine the wall clock also counts other programs. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0
         + usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

/* System CPU time only (I/O: WAL writes, checkpoints, page reads). */
static double
sys_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

static char *
load_average (void)
{
  static char text[64];
  g_autofree char *contents = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "?\n";
  g_strlcpy (text, contents, sizeof text);
  return text;
}

static int
cmp_double (gconstpointer a,
            gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
percentiles (GArray     *ms,
             const char *what)
{
  g_array_sort (ms, cmp_double);
  g_print ("%-34s min %6.2f  median %7.2f ms   p95 %7.2f ms   max %7.2f ms   (n=%u)\n", what,
           g_array_index (ms, double, 0),
           g_array_index (ms, double, ms->len / 2),
           g_array_index (ms, double, (ms->len * 95 + 99) / 100 - 1),
           g_array_index (ms, double, ms->len - 1), ms->len);
}

static gint64
index_bytes (GrmStore *store)
{
  g_autoptr(GrmDb) db = grm_store_open_reader (store, NULL);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT sum (pgsize) FROM dbstat WHERE name LIKE 'search_index%'", NULL);
  gint64 bytes = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return bytes;
}

static gint64
table_bytes (GrmStore   *store,
             const char *name)
{
  g_autoptr(GrmDb) db = grm_store_open_reader (store, NULL);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT sum (pgsize) FROM dbstat WHERE name = ?", NULL);
  gint64 bytes = -1;

  grm_db_bind_text (stmt, 1, name);
  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    bytes = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return bytes;
}

static double
run_grep (const char *dir,
          const char *query)
{
  g_auto(GStrv) words = g_strsplit (query, " ", -1);
  const char *argv[] = { "grep", "-ril", words[0], dir, NULL };
  double start = now_ms ();

  g_spawn_sync (NULL, (char **) argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, NULL, NULL);
  return now_ms () - start;
}

static void
bench_extraction (void)
{
  const char *pdfs[] = {
    "pdfs/text/GeoTopo-komprimiert.pdf", "pdfs/text/tracemonkey.pdf",
    "pdfs/text/multicolumn.pdf", "pdfs/text/german-umlaut-r.pdf",
    "pdfs/text/pdf20-utf8-test.pdf", "pdfs/layout/sizes.pdf", "pdfs/layout/pdflatex-outline.pdf",
  };
  double ours = 0, theirs = 0;
  guint pages = 0;

  for (int round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
      {
        g_autofree char *path = search_test_data_path (pdfs[i]);
        const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
        g_autoptr(GPtrArray) text = NULL;
        double start = now_ms ();

        text = grm_text_extract_pages (path, NULL, NULL);
        ours += now_ms () - start;
        pages += text ? text->len : 0;
        start = now_ms ();
        g_spawn_sync (NULL, (char **) argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, NULL, NULL, NULL, NULL);
        theirs += now_ms () - start;
      }
  g_print ("Extraction: %u pages, Poppler (ours) %.0f ms, pdftotext %.0f ms: %.2fx pdftotext's speed\n",
           pages, ours, theirs, theirs / ours);
}

/* Times the 50 queries, four rounds, the first a warm-up. */
static void
bench_queries (GrmStore *store)
{
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (int round = 0; round < 4; round++)
    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autoptr(GrmSearchRequest) request = grm_search_request_new (queries[i]);
        g_autoptr(GPtrArray) hits = NULL;
        double start, ms, cpu = cpu_ms ();

        start = now_ms ();
        g_assert_true (grm_store_read_sync (store, grm_search_run_job, request,
                                            (gpointer *) &hits, &error));
        ms = now_ms () - start;
        cpu = cpu_ms () - cpu;
        if (round == 0)
          continue; /* warm-up */
        g_array_append_val (search_ms, ms);
        g_array_append_val (search_cpu, cpu);
        if (round == 1 && g_getenv ("GRM_BENCH_VERBOSE"))
          g_print ("  %-26s %3u hits %7.2f ms (CPU %6.2f ms)\n", queries[i], hits->len, ms, cpu);
      }
  g_print ("Load average after the queries: %s", load_average ());
  percentiles (search_ms, "Search (ranked, with snippets):");
  percentiles (search_cpu, "  the same, CPU time only:");
}

/* One query, 50 times, for a profiler (GRM_BENCH_QUERY). */
static void
bench_one (GrmStore   *store,
           const char *text)
{
  g_autoptr(GArray) search_cpu = g_array_new (FALSE, FALSE, sizeof (double));

  for (int i = 0; i < 50; i++)
    {
      g_autoptr(GrmSearchRequest) request = grm_search_request_new (text);
      g_autoptr(GPtrArray) hits = NULL;
      g_autoptr(GError) error = NULL;
      double cpu = cpu_ms ();

      g_assert_true (grm_store_read_sync (store, grm_search_run_job, request,
                                          (gpointer *) &hits, &error));
      cpu = cpu_ms () - cpu;
      g_array_append_val (search_cpu, cpu);
    }
  percentiles (search_cpu, text);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *text_dir = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSearchIndexer) indexer = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GArray) grep_ms = g_array_new (FALSE, FALSE, sizeof (double));
  guint max = argc > 1 ? atoi (argv[1]) : 0;
  gsize total = 0;
  double start, seconds, cpu_start, cpu_seconds;
  double sys_start; /* then the system seconds of indexing */
  gint64 idx, docs;

  /* Only the queries, on a database kept by an earlier run. */
  if (g_getenv ("GRM_BENCH_DB"))
    {
      store = grm_store_open (g_getenv ("GRM_BENCH_DB"), &error);
      g_assert_no_error (error);
      if (g_getenv ("GRM_BENCH_QUERY"))
        bench_one (store, g_getenv ("GRM_BENCH_QUERY"));
      else
        bench_queries (store);
      return 0;
    }

  dir = g_dir_make_tmp ("grm-search-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bench.db", NULL);
  text_dir = g_build_filename (dir, "texts", NULL);
  store = grm_store_open (db_path, &error);
  g_assert_no_error (error);

  start = now_ms ();
  texts = search_test_read_texts (max, &total);
  search_test_load (store, texts, 0, 0);
  g_print ("Loaded %u texts (%.1f MB) and their papers in %.1f s\n", texts->len,
           total / 1048576.0, (now_ms () - start) / 1000);

  indexer = grm_text_extract_indexer_new (store, NULL);
  g_print ("Load average before indexing: %s", load_average ());
  cpu_start = cpu_ms ();
  sys_start = sys_ms ();
  start = now_ms ();
  g_assert_true (grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  seconds = (now_ms () - start) / 1000;
  cpu_seconds = (cpu_ms () - cpu_start) / 1000;
  sys_start = (sys_ms () - sys_start) / 1000;
  idx = index_bytes (store);
  docs = table_bytes (store, "search_doc");
  g_print ("Load average after indexing: %s", load_average ());
  g_print ("Indexing: %.1f s, %.1f MB/s; FTS index %.1f MB = %.0f%% of the text "
           "(+ search_doc %.1f MB)\n", seconds, total / 1048576.0 / seconds,
           idx / 1048576.0, 100.0 * idx / total, docs / 1048576.0);
  g_print ("Indexing CPU time (all threads): %.1f s (%.1f s of it system), %.1f MB per CPU second\n",
           cpu_seconds, sys_start, total / 1048576.0 / cpu_seconds);

  if (!g_getenv ("GRM_BENCH_INDEX_ONLY"))
    {
      bench_queries (store);

      for (guint i = 0; i < texts->len; i++)
        {
          SearchTestText *t = g_ptr_array_index (texts, i);
          g_autofree char *name = g_strdup_printf ("%u.txt", i);
          g_autofree char *path = g_build_filename (text_dir, name, NULL);

          if (i == 0)
            g_mkdir (text_dir, 0700);
          g_file_set_contents (path, t->text, -1, NULL);
        }
      g_clear_pointer (&texts, g_ptr_array_unref);
      for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
        {
          double ms = run_grep (text_dir, queries[i]);

          g_array_append_val (grep_ms, ms);
        }
      percentiles (grep_ms, "Baseline grep -ril (first word):");

      bench_extraction ();
    }

  g_clear_object (&indexer);
  g_clear_object (&store);
  if (g_getenv ("GRM_BENCH_KEEP"))
    g_print ("Kept %s\n", db_path);
  else
    search_test_remove_tree (dir);
  return 0;
}
