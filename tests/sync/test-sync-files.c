/* test-sync-files.c: the files phase: content-addressed storage, hostile
 * file names, checksums, HTML error pages, resumed downloads, the offline
 * choice and "keep this meeting offline".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "grm-db.h"
#include "grm-error.h"
#include "grm-store-files.h"
#include "sync-test-util.h"

static char *dir;

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
keep_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = grm_sync_keep_meeting_finish (GRM_SYNC (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
keep_meeting (GrmStore       *store,
              const char     *url,
              GrmSyncOptions *options,
              const char     *meeting,
              GError        **error)
{
  g_autoptr(GrmSync) sync = grm_sync_new (store, url, options);
  Wait w = { 0 };

  grm_sync_keep_meeting_async (sync, meeting, NULL, keep_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (!w.ok)
    g_propagate_error (error, w.error);
  return w.ok;
}

/* Every regular file under @root: only <sha256> blobs whose bytes hash to
 * their name, and nothing else (tmp/ may hold nothing that looks whole). */
static guint
check_blob_dir (const char *root)
{
  g_autoptr(GDir) d = g_dir_open (root, 0, NULL);
  const char *name;
  guint n = 0;
  GStatBuf st;

  g_assert_nonnull (d);
  g_assert_cmpint (g_stat (root, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *hash = NULL;
      gsize len;

      if (strcmp (name, "tmp") == 0)
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) contents, len);
      g_assert_cmpstr (name, ==, hash);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      n++;
    }
  return n;
}

typedef struct
{
  char *file_id;
  char *sha256;
  char *etag;
} Picked;

/* Takes the largest stored file back to 'wanted', as if it never finished
 * (its bytes stay: other files share them). */
static gboolean
pick_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  Picked *picked = data;
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT file_id, sha256, etag FROM file_blob"
                                           " WHERE state = 'stored' AND etag IS NOT NULL"
                                           " ORDER BY bytes DESC, file_id LIMIT 1", error);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  picked->file_id = grm_db_column_dup (stmt, 0);
  picked->sha256 = grm_db_column_dup (stmt, 1);
  picked->etag = grm_db_column_dup (stmt, 2);
  sqlite3_reset (stmt);
  stmt = grm_db_prepare (db, "UPDATE file_blob SET state = 'wanted', sha256 = NULL"
                             " WHERE file_id = ?1", error);
  grm_db_bind_text (stmt, 1, picked->file_id);
  return grm_db_step_done (db, stmt, error);
}

static char *
hostile_meeting (TestServer *server)
{
  return g_strdup_printf (
    "{\"id\":\"%sbody/1/meeting/777777\",\"type\":\"https://schema.oparl.org/1.0/Meeting\","
    "\"name\":\"Sitzung mit seltsamen Dateien\",\"start\":\"2021-09-08T18:00:00+02:00\","
    "\"organization\":[\"%sbody/1/organization/1-9\"],"
    "\"invitation\":{\"id\":\"%sbody/1/file/777001\",\"type\":\"https://schema.oparl.org/1.0/File\","
    "  \"name\":\"Einladung\",\"fileName\":\"../../x\",\"mimeType\":\"application/pdf\","
    "  \"accessUrl\":\"%sbody/1/files/777001/x.pdf\"},"
    "\"auxiliaryFile\":["
    " {\"id\":\"%sbody/1/file/777002\",\"type\":\"https://schema.oparl.org/1.0/File\","
    "  \"name\":\"Absolut\",\"fileName\":\"/tmp/grm-evil\",\"mimeType\":\"application/pdf\","
    "  \"accessUrl\":\"%sbody/1/files/777002/evil.pdf\",\"downloadUrl\":\"\"},"
    " {\"id\":\"%sbody/1/file/777003\",\"type\":\"https://schema.oparl.org/1.0/File\","
    "  \"name\":\"Falsche Prüfsumme\",\"fileName\":\"a\\u0000b.pdf\",\"mimeType\":\"application/pdf\","
    "  \"sha512Checksum\":\"%0128d\",\"accessUrl\":\"%sbody/1/files/777003/c.pdf\"}]}",
    server->base, server->base, server->base, server->base, server->base, server->base,
    server->base, 0, server->base);
}

static void
test_hostile_names_and_checksum (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autofree char *files_dir = g_build_filename (dir, "files-hostile", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "hostile.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting = hostile_meeting (server);
  g_autofree char *meeting_id = g_strconcat (server->base, "body/1/meeting/777777", NULL);
  g_autofree char *evil_id = g_strconcat (server->base, "body/1/file/777001", NULL);
  g_autofree char *x_path = g_build_filename (dir, "x", NULL);
  g_autofree char *path = NULL;

  g_assert_cmpuint (test_server_admin (server, "POST", "_admin/objects", meeting), ==, 201);
  options->files_dir = g_strdup (files_dir);
  sync = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);

  g_assert_false (keep_meeting (store, server->system_url, options, meeting_id, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "777003"));
  g_assert_nonnull (strstr (error->message, "checksum"));
  g_clear_error (&error);

  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'stored'"),
                   ==, 2);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'failed'"
                                            " AND file_id LIKE '%/777003' AND sha256 IS NULL"), ==, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file WHERE file_name = '../../x'"),
                   ==, 1);
  g_assert_false (g_file_test (x_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test ("/tmp/grm-evil", G_FILE_TEST_EXISTS));
  g_assert_cmpuint (check_blob_dir (files_dir), >=, 1);

  path = grm_store_files_dup_path (store, files_dir, evil_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_str_has_prefix (path, files_dir));
  g_assert_null (strstr (path, ".."));
  test_server_stop (server);
}

/* Files of one committee in one year; then an interrupted download is
 * resumed, and a second run only asks whether files changed. */
static void
test_offline_choice_and_resume (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autofree char *files_dir = g_build_filename (dir, "files-choice", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "choice.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL, s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *org = g_strconcat (server->base, "body/1/organization/1-9", NULL);
  char *committees[] = { org, NULL };
  gint64 stored, outside;
  g_autofree char *blob = NULL;

  options->files = TRUE;
  options->files_dir = g_strdup (files_dir);
  options->committees = g_strdupv (committees);
  options->files_since = g_strdup ("2015-01-01");
  options->files_until = g_strdup ("2015-12-31");
  s1 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  stored = test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'stored'");
  g_assert_cmpint (stored, >, 5);
  g_assert_cmpint (stored, ==, grm_sync_get_files (s1));
  /* Every stored file belongs to a meeting of that committee in that range
   * (directly, through an agenda item, or through a paper's consultation). */
  outside = test_store_count (store,
    "SELECT count(*) FROM file_blob b JOIN object f ON f.id = b.file_id WHERE b.state = 'stored'"
    " AND NOT EXISTS (SELECT 1 FROM object m JOIN meeting mt ON mt.oid = m.oid"
    "  JOIN object_ref r ON r.oid = m.oid AND r.rel = 'organization'"
    "   AND r.target LIKE '%/organization/1-9'"
    "  WHERE substr (mt.start, 1, 10) BETWEEN '2015-01-01' AND '2015-12-31'"
    "  AND (m.id = f.parent"
    "   OR m.id = (SELECT a.meeting FROM agenda_item a JOIN object ao ON ao.oid = a.oid"
    "              WHERE ao.id = f.parent)"
    "   OR m.id IN (SELECT c.meeting FROM consultation c WHERE c.paper = f.parent)))");
  g_assert_cmpint (outside, ==, 0);
  g_assert_cmpuint (check_blob_dir (files_dir), >=, 1);

  /* Nothing changed: no file is downloaded again. */
  s2 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_files (s2), ==, 0);
  g_assert_cmpuint (grm_sync_get_bytes (s2), ==, 0);

  /* A download that stopped halfway resumes from where it was: half of
   * the bytes are left in tmp/ as a killed run leaves them. */
  {
    Picked picked = { 0 };
    g_autofree char *contents = NULL;
    g_autofree char *key = NULL;
    g_autofree char *name = NULL;
    g_autofree char *part = NULL;
    g_autofree char *etag_path = NULL;
    g_autofree char *again = NULL;
    gsize len;

    grm_store_write_sync (store, pick_job, &picked, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (picked.sha256);
    blob = grm_store_files_blob_path (files_dir, picked.sha256);
    g_assert_true (g_file_get_contents (blob, &contents, &len, NULL));
    g_assert_cmpuint (len, >, 1000);
    key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, picked.file_id, -1);
    name = g_strconcat (key, ".part", NULL);
    part = g_build_filename (files_dir, "tmp", name, NULL);
    etag_path = g_strconcat (part, ".etag", NULL);
    g_assert_true (g_file_set_contents (part, contents, len / 2, NULL));
    g_assert_true (g_file_set_contents (etag_path, picked.etag, -1, NULL));

    s3 = test_sync_run (store, server->system_url, options, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (grm_sync_get_files (s3), ==, 1);
    /* Only the missing half came over the wire. */
    g_assert_cmpuint (grm_sync_get_bytes (s3), ==, len - len / 2);
    again = grm_store_files_dup_path (store, files_dir, picked.file_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (again, ==, blob);
    g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
    g_assert_cmpuint (check_blob_dir (files_dir), >=, 1);
    g_free (picked.file_id);
    g_free (picked.sha256);
    g_free (picked.etag);
  }
  test_server_stop (server);
}

static gboolean
ask_for_file_job (GrmDb     *db,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  /* What "Keep Offline" on a single file does: mark it wanted. */
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT INTO file_blob (file_id, state) VALUES (?1, 'wanted')"
    " ON CONFLICT (file_id) DO UPDATE SET state = 'wanted'", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, data);
  return grm_db_step_done (db, stmt, error);
}

/* A file the user asked for by hand is downloaded although no committee's
 * files are kept offline. */
static void
test_file_asked_for_by_hand (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autofree char *files_dir = g_build_filename (dir, "files-asked", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "asked.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_id = g_strconcat (server->base, "body/1/file/1-4145", NULL);
  g_autofree char *path = NULL;
  char *no_committees[] = { NULL };

  options->files = TRUE;
  options->files_dir = g_strdup (files_dir);
  options->committees = g_strdupv (no_committees);
  s1 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_files (s1), ==, 0);

  g_assert_true (grm_store_write_sync (store, ask_for_file_job, file_id, NULL, &error));
  g_assert_no_error (error);
  s2 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_files (s2), ==, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'stored'"),
                   ==, 1);
  path = grm_store_files_dup_path (store, files_dir, file_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  test_server_stop (server);
}

static void
test_server_errors_are_reported (gconstpointer data)
{
  const char *flag = data;
  TestServer *server = test_server_start ("huertgenwald", flag, NULL);
  g_autofree char *files_dir = g_build_filename (dir, flag + 2, NULL);
  g_autofree char *db = g_strconcat (flag + 2, ".db", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, db);
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *meeting_id = g_strconcat (server->base, "body/1/meeting/333", NULL);

  options->files_dir = g_strdup (files_dir);
  sync = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_false (keep_meeting (store, server->system_url, options, meeting_id, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, strcmp (flag, "--html-errors") == 0 ? "HTML" : "checksum"));
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'stored'"),
                   ==, 0);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'failed'"),
                   >, 0);
  g_assert_cmpuint (check_blob_dir (files_dir), ==, 0);
  test_server_stop (server);
}

/* The disk limit for offline files: a sync stores no more than the limit
 * (give or take the downloads already running when it was reached), says
 * why it left the rest, and a larger limit later fetches more. */
static void
test_disk_limit (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autofree char *all_dir = g_build_filename (dir, "files-all", NULL);
  g_autofree char *limited_dir = g_build_filename (dir, "files-limited", NULL);
  g_autoptr(GrmStore) all = test_store_new (dir, "limit-all.db");
  g_autoptr(GrmStore) limited = test_store_new (dir, "limit.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL, s3 = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total, largest, stored, skipped, more;
  guint64 limit;
  /* Downloads run at most 2 × max_connections at a time. */
  const guint in_flight = 2;

  options->files = TRUE;
  options->max_connections = 1;
  options->files_since = g_strdup ("2015-01-01");
  options->files_until = g_strdup ("2015-06-30");
  options->files_dir = g_strdup (all_dir);
  s1 = test_sync_run (all, server->system_url, options, &error);
  g_assert_no_error (error);
  total = test_store_count (all, "SELECT sum(bytes) FROM file_blob WHERE state = 'stored'");
  largest = test_store_count (all, "SELECT max(bytes) FROM file_blob WHERE state = 'stored'");
  g_assert_cmpint (test_store_count (all, "SELECT count(*) FROM file_blob WHERE state = 'stored'"),
                   >, 2 * in_flight + 4);

  g_test_message ("all: %" G_GINT64_FORMAT " bytes, largest %" G_GINT64_FORMAT, total, largest);
  limit = (guint64) total / 3;
  options->disk_limit = limit;
  g_free (options->files_dir);
  options->files_dir = g_strdup (limited_dir);
  s2 = test_sync_run (limited, server->system_url, options, &error);
  g_assert_no_error (error);
  stored = test_store_count (limited, "SELECT sum(bytes) FROM file_blob WHERE state = 'stored'");
  skipped = test_store_count (limited, "SELECT count(*) FROM file_blob WHERE state = 'skipped'"
                                       " AND error IS NOT NULL AND error <> ''");
  g_assert_cmpint (stored, >, 0);
  g_assert_cmpint (stored, <=, (gint64) limit + in_flight * largest);
  g_assert_cmpint (skipped, >, 0);
  g_assert_cmpuint (check_blob_dir (limited_dir), >=, 1);

  /* Room for everything: the files left out before come now. */
  options->disk_limit = (guint64) total * 2;
  s3 = test_sync_run (limited, server->system_url, options, &error);
  g_assert_no_error (error);
  more = test_store_count (limited, "SELECT sum(bytes) FROM file_blob WHERE state = 'stored'");
  g_assert_cmpint (more, ==, total);
  g_assert_cmpint (test_store_count (limited, "SELECT count(*) FROM file_blob WHERE state = 'skipped'"),
                   ==, 0);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  sync_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("grm-sync-files-XXXXXX", NULL);
  g_test_add_func ("/sync/files/hostile-names-and-checksum", test_hostile_names_and_checksum);
  g_test_add_func ("/sync/files/offline-choice-and-resume", test_offline_choice_and_resume);
  g_test_add_func ("/sync/files/asked-for-by-hand", test_file_asked_for_by_hand);
  g_test_add_func ("/sync/files/disk-limit", test_disk_limit);
  g_test_add_data_func ("/sync/files/html-errors", "--html-errors", test_server_errors_are_reported);
  g_test_add_data_func ("/sync/files/wrong-checksums", "--wrong-checksums",
                        test_server_errors_are_reported);
  return g_test_run ();
}
