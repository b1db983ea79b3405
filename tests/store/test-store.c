/* test-store.c: the store's migrations, writer thread, readers and refusal
 * of damaged or newer databases.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "grm-error.h"
#include "grm-store.h"
#include "grm-store-private.h"
#include "grm-store-stats.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("grm-store-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "sub", "gremium.db", NULL);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (GrmDb      *db,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static gboolean
insert_object_job (GrmDb     *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT INTO object (id, type, raw) VALUES (?, 'Paper', '{}')", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, data);

  return grm_db_step_done (db, stmt, error);
}

static gboolean
count_objects_job (GrmDb     *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  *result = GINT_TO_POINTER ((int) query_int (db, "SELECT count(*) FROM object") + 1);
  return TRUE;
}

static int
count_objects (GrmStore *store)
{
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;

  g_assert_true (grm_store_read_sync (store, count_objects_job, NULL, &result, &error));
  g_assert_no_error (error);

  return GPOINTER_TO_INT (result) - 1;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, length);
}

/* A new database gets every migration, is private to the user, and is in
 * WAL mode with foreign keys. */
static void
test_open_new (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);
  g_autoptr(GrmDb) db = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (grm_store_get_schema_version (), >=, 3);

  db = grm_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, grm_store_get_schema_version ());
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name IN "
                                  "('object', 'paper', 'meeting', 'agenda_item', 'vote', "
                                  "'audit_log', 'outbox', 'sync_state', 'file_blob', "
                                  "'annotation', 'search_index')"), ==, 11);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
}

/* From every earlier schema version, with data in it, opening brings the
 * database to the newest version and keeps the data. */
static void
test_migrate_from_every_version (Fixture       *f,
                                 gconstpointer  data)
{
  int latest = grm_store_get_schema_version ();

  for (int from = 0; from <= latest; from++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, from);
      g_autoptr(GrmStore) store = NULL;
      g_autoptr(GrmDb) db = grm_db_open (path, FALSE, &error);

      g_assert_no_error (error);
      g_assert_true (grm_store_migrate_up_to (db, from, &error));
      g_assert_no_error (error);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, from);
      if (from >= 1)
        g_assert_true (grm_db_exec (db, "INSERT INTO object (id, type) VALUES ('urn:x', 'Paper')",
                                    &error));
      g_assert_no_error (error);
      g_clear_pointer (&db, grm_db_close);

      store = grm_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (count_objects (store), ==, from >= 1 ? 1 : 0);

      db = grm_store_open_reader (store, &error);
      g_assert_no_error (error);
      g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                      "WHERE integrity_check != 'ok'"), ==, 0);
    }
}

/* A file that is not a database is refused with a clear error and left
 * exactly as it was. */
static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (f->path, garbage, -1, NULL));
  before = file_checksum (f->path);

  store = grm_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_DATABASE_CORRUPT);
  g_assert_nonnull (strstr (error->message, "damaged"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* A database written by a newer Gremium is refused and left unchanged. */
static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);
  g_autoptr(GrmDb) db = NULL;
  g_autofree char *before = NULL, *after = NULL;

  g_assert_no_error (error);
  g_clear_object (&store);

  db = grm_db_open (f->path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (grm_db_exec (db, "PRAGMA user_version = 999; PRAGMA journal_mode = DELETE",
                              &error));
  g_clear_pointer (&db, grm_db_close);
  before = file_checksum (f->path);

  store = grm_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_DATABASE_TOO_NEW);

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
failing_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  if (!insert_object_job (db, (gpointer) "urn:rolled-back", result, error))
    return FALSE;

  g_set_error_literal (error, GRM_ERROR, GRM_ERROR_FAILED, "failed on purpose");
  return FALSE;
}

/* A job that fails is rolled back as a whole. */
static void
test_failed_job_rolls_back (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_false (grm_store_write_sync (store, failing_job, NULL, NULL, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_FAILED);
  g_assert_cmpint (count_objects (store), ==, 0);
}

typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean inside;
  gboolean release;
} Gate;

static gboolean
blocking_write_job (GrmDb     *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  Gate *gate = data;

  if (!insert_object_job (db, (gpointer) "urn:in-flight", result, error))
    return FALSE;

  g_mutex_lock (&gate->mutex);
  gate->inside = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->release)
    g_cond_wait (&gate->cond, &gate->mutex);
  g_mutex_unlock (&gate->mutex);

  return TRUE;
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  grm_store_write_finish (GRM_STORE (source), res, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Readers see the last committed state, without waiting, while a write
 * transaction is open; they see the write once it has committed. */
static void
test_read_during_write (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);
  Gate gate = { 0 };
  gboolean done = FALSE;
  gint64 start;

  g_assert_no_error (error);
  g_assert_true (grm_store_write_sync (store, insert_object_job, (gpointer) "urn:first",
                                       NULL, &error));
  g_assert_no_error (error);

  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  grm_store_write_async (store, blocking_write_job, &gate, NULL, NULL, NULL,
                         write_done_cb, &done);

  g_mutex_lock (&gate.mutex);
  while (!gate.inside)
    g_cond_wait (&gate.cond, &gate.mutex);
  g_mutex_unlock (&gate.mutex);

  start = g_get_monotonic_time ();
  g_assert_cmpint (count_objects (store), ==, 1);
  /* Far below the busy timeout: the reader did not wait for the writer. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_mutex_lock (&gate.mutex);
  gate.release = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.mutex);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_objects (store), ==, 2);

  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
}

static void
read_done_cb (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gpointer result = grm_store_read_finish (GRM_STORE (source), res, &error);

  g_assert_no_error (error);
  *(int *) user_data = GPOINTER_TO_INT (result) - 1;
}

static void
changed_cb (GrmStore   *store,
            const char *what,
            gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_ptr_array_add (seen, g_strdup (what));
}

/* Async reads answer on the caller's main context; change notifications
 * from any thread are coalesced and emitted there. */
static void
test_async_and_changed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  int count = -1;

  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), seen);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:paper:%d", i);

      g_assert_true (grm_store_write_sync (store, insert_object_job, id, NULL, &error));
      grm_store_notify_changed (store, "Paper");
    }
  grm_store_notify_changed (store, "Meeting");

  grm_store_read_async (store, count_objects_job, NULL, NULL, NULL, NULL, read_done_cb, &count);
  while (count < 0 || seen->len < 2)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpint (count, ==, 5);
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==, "Paper");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, "Meeting");
}

/* Counts for `gremium-cli stats`: live, deleted (tombstones) and missing
 * (placeholders) per type. */
static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (f->path, &error);
  g_autoptr(GrmDb) db = NULL;
  g_autoptr(JsonNode) stats = NULL;
  JsonObject *paper;
  gpointer result = NULL;

  g_assert_no_error (error);
  db = grm_db_open (f->path, FALSE, &error);
  g_assert_true (grm_db_exec (db,
    "INSERT INTO object (id, type) VALUES ('p1', 'Paper'), ('p2', 'Paper');"
    "INSERT INTO object (id, type, deleted) VALUES ('p3', 'Paper', 1);"
    "INSERT INTO object (id, type, placeholder) VALUES ('l1', 'Location', 1);"
    "INSERT INTO file_blob (file_id, sha256, bytes, state) VALUES ('f1', 'aa', 100, 'stored'),"
    "  ('f2', 'bb', 50, 'stored'), ('f3', NULL, NULL, 'wanted');", &error));
  g_assert_no_error (error);

  g_assert_true (grm_store_read_sync (store, grm_store_stats_read, NULL, &result, &error));
  g_assert_no_error (error);
  stats = result;
  paper = json_object_get_object_member (json_node_get_object (stats), "Paper");
  g_assert_cmpint (json_object_get_int_member (paper, "live"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (paper, "deleted"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (paper, "missing"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (
    json_object_get_object_member (json_node_get_object (stats), "Location"), "missing"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (
    json_object_get_object_member (json_node_get_object (stats), "files"), "bytes"), ==, 150);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/open-new", test_open_new);
  ADD ("/store/migrate-from-every-version", test_migrate_from_every_version);
  ADD ("/store/refuse-corrupt", test_refuse_corrupt);
  ADD ("/store/refuse-newer", test_refuse_newer);
  ADD ("/store/failed-job-rolls-back", test_failed_job_rolls_back);
  ADD ("/store/read-during-write", test_read_during_write);
  ADD ("/store/async-and-changed", test_async_and_changed);
  ADD ("/store/stats", test_stats);
#undef ADD

  return g_test_run ();
}
