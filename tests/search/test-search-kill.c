/* test-search-kill.c: the indexer killed with SIGKILL in the middle of its
 * work resumes on the next run and ends with the same index as a run that
 * was never interrupted.
 *
 * The test runs itself as the indexing child (--child DB FILES_DIR).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include "grm-search.h"
#include "grm-text-extract.h"
#include "search-test-data.h"

static char *self_path;

static int
run_child (const char *db,
           const char *files_dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (db, &error);
  g_autoptr(GrmSearchIndexer) indexer = NULL;

  if (store == NULL)
    return 2;
  indexer = grm_text_extract_indexer_new (store, files_dir);
  if (!grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  return 0;
}

static GPid
spawn_child (const char *db,
             const char *files_dir)
{
  const char *argv[] = { self_path, "--child", db, files_dir, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  return pid;
}

static int
wait_child (GPid pid)
{
  int status;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

static gint64
query_int (const char *db,
           const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* Every row of @sql as text, one line per row. */
static char *
dump (const char *db,
      const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);

          g_string_append (out, v ? v : "<null>");
          g_string_append_c (out, '\t');
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return g_string_free (out, FALSE);
}

static void
integrity_check (const char *db)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle,
      "INSERT INTO search_index (search_index) VALUES ('integrity-check')",
      NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (from, &data, &len, NULL));
  g_assert_true (g_file_set_contents (to, data, len, NULL));
}

static void
test_kill_resume (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grm-search-kill-XXXXXX", &error);
  g_autofree char *files_dir = g_build_filename (dir, "files", NULL);
  g_autofree char *killed = g_build_filename (dir, "killed.db", NULL);
  g_autofree char *straight = g_build_filename (dir, "straight.db", NULL);
  g_autofree char *pdf = search_test_data_path ("pdfs/text/GeoTopo-komprimiert.pdf");
  g_autofree char *pdf_data = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *blob = NULL;
  const char *checks[] = {
    "SELECT docid, kind, target, page, owner, date, paper_type, committees, ref, title, "
    "  context, body, text_from, text_len, text_hash FROM search_doc ORDER BY docid",
    "SELECT target, kind, stamp, source, state, pages, error FROM search_source ORDER BY target",
    "SELECT count(*) FROM search_index WHERE search_index MATCH '\"radweg\"*'",
    "SELECT count(*) FROM search_index WHERE search_index MATCH '\"gemeinderat\"'",
    "SELECT count(*) FROM search_index WHERE search_index MATCH '\"topologie\"*'",
    "SELECT group_concat (rowid) FROM (SELECT rowid FROM search_index "
    "  WHERE search_index MATCH '\"strasse\"* \"stadt\"*' ORDER BY rank LIMIT 50)",
  };
  gint64 at_kill, total;
  gsize len;
  GPid pid;
  int status;

  g_assert_no_error (error);
  g_mkdir (files_dir, 0700);

  /* One database with real data, copied before any indexing. */
  {
    g_autoptr(GrmStore) store = grm_store_open (killed, &error);
    g_autoptr(GPtrArray) texts = search_test_read_texts (3000, NULL);

    g_assert_no_error (error);
    search_test_load (store, texts, 500, 300);
    g_assert_true (g_file_get_contents (pdf, &pdf_data, &len, NULL));
    sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) pdf_data, len);
    blob = g_build_filename (files_dir, sha, NULL);
    g_assert_true (g_file_set_contents (blob, pdf_data, len, NULL));
    search_test_exec (store, "INSERT INTO object (id, type) VALUES ('urn:test:geotopo', 'File')", NULL, NULL);
    search_test_exec (store, "INSERT INTO file (oid, name) SELECT oid, 'GeoTopo' FROM object "
                      "WHERE id = 'urn:test:geotopo'", NULL, NULL);
    search_test_exec (store, "INSERT INTO file_blob (file_id, sha256, state) "
                      "VALUES ('urn:test:geotopo', ?, 'stored')", sha, NULL);
  }
  copy_file (killed, straight);

  /* Kill the indexer once some batches are committed, not all. */
  pid = spawn_child (killed, files_dir);
  for (int i = 0; i < 3000; i++)
    {
      if (query_int (killed, "SELECT count(*) FROM search_source WHERE source = 'text'") > 0)
        break;
      g_usleep (5000);
    }
  kill (pid, SIGKILL);
  status = wait_child (pid);
  g_assert_true (WIFSIGNALED (status));
  at_kill = query_int (killed, "SELECT count(*) FROM search_source");
  total = query_int (straight, "SELECT count(*) FROM object o LEFT JOIN file f ON f.oid = o.oid "
                               "WHERE o.type IN ('Paper', 'Meeting', 'AgendaItem', 'Organization', "
                               "'Person') OR f.text IS NOT NULL OR o.id = 'urn:test:geotopo'");
  g_test_message ("killed after %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT, at_kill, total);
  g_assert_cmpint (at_kill, >, 0);
  g_assert_cmpint (at_kill, <, total * 9 / 10);

  /* Resume; and index the copy without interruption. */
  g_assert_cmpint (wait_child (spawn_child (killed, files_dir)), ==, 0);
  g_assert_cmpint (wait_child (spawn_child (straight, files_dir)), ==, 0);
  g_assert_cmpint (query_int (killed, "SELECT count(*) FROM search_source"), ==,
                   query_int (straight, "SELECT count(*) FROM search_source"));

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *a = dump (killed, checks[i]);
      g_autofree char *b = dump (straight, checks[i]);

      g_assert_cmpuint (strlen (a), >, 0);
      g_assert_cmpstr (a, ==, b);
    }
  integrity_check (killed);
  integrity_check (straight);

  search_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3]);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/kill/resume", test_kill_resume);
  return g_test_run ();
}
