/* sync-test-util.c: shared helpers of the sync integration tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "sync-test-util.h"

#include <libsoup/soup.h>
#include <sqlite3.h>
#include <string.h>

#include "grm-db.h"

static char *server_path;
static char *cli_path;

void
sync_test_init (int    *argc,
                char ***argv)
{
  g_test_init (argc, argv, NULL);
  g_assert_cmpint (*argc, >=, 3);
  server_path = g_strdup ((*argv)[1]);
  cli_path = g_strdup ((*argv)[2]);
}

const char *
sync_test_cli_path (void)
{
  return cli_path;
}

char *
sync_test_data_dir (const char *name)
{
  const char *shared = g_getenv ("GRM_SHARED_DATA");

  g_assert_nonnull (shared);
  return g_build_filename (shared, "oparl", name, NULL);
}

TestServer *
test_server_start (const char *data,
                   const char *first_extra,
                   ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *data_dir = sync_test_data_dir (data);
  g_autofree char *pdfs = NULL;
  TestServer *server = g_new0 (TestServer, 1);
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  va_list ap;

  pdfs = g_build_filename (shared, "pdfs", "text", NULL);
  g_ptr_array_add (args, server_path);
  g_ptr_array_add (args, "--data");
  g_ptr_array_add (args, data_dir);
  g_ptr_array_add (args, "--pdfs");
  g_ptr_array_add (args, pdfs);
  g_ptr_array_add (args, "--port");
  g_ptr_array_add (args, "0");
  va_start (ap, first_extra);
  for (const char *a = first_extra; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  server->process = g_subprocess_newv ((const char * const *) args->pdata,
                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                       | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->system_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server->system_url);
  g_assert_true (g_str_has_prefix (server->system_url, "http://127.0.0.1:")
                 || g_str_has_prefix (server->system_url, "https://127.0.0.1:"));
  server->base = g_strndup (server->system_url, strchr (strstr (server->system_url, "//") + 2, '/')
                                                + 1 - server->system_url);
  return server;
}

void
test_server_stop (TestServer *server)
{
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->system_url);
  g_free (server->base);
  g_free (server);
}

guint
test_server_admin (TestServer *server,
                   const char *method,
                   const char *path_and_query,
                   const char *json)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->base, path_and_query, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (msg);
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  return soup_message_get_status (msg);
}

GrmStore *
test_store_new (const char *dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GrmStore *store = grm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

GrmSyncOptions *
test_sync_options (void)
{
  GrmSyncOptions *options = grm_sync_options_new ();

  /* Faults are frequent in these tests: retry soon and often. */
  options->retry_base_ms = 20;
  options->max_attempts = 12;
  options->timeout_s = 60;
  return options;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError  *error;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = grm_sync_run_finish (GRM_SYNC (source), result, &w->error);
  w->done = TRUE;
}

GrmSync *
test_sync_run (GrmStore       *store,
               const char     *url,
               GrmSyncOptions *options,
               GError        **error)
{
  g_autoptr(GrmSyncOptions) defaults = test_sync_options ();
  GrmSync *sync = grm_sync_new (store, url, options ? options : defaults);
  Wait w = { 0 };

  grm_sync_run_async (sync, NULL, done_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  if (!w.ok)
    g_propagate_error (error, w.error);
  return sync;
}

typedef struct
{
  GString    *out;
  GHashTable *non_live;
} DumpJob;

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
dump_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  DumpJob *job = data;
  static const char * const queries[] = {
    "SELECT 'O', id, type, parent, position, created, modified, raw FROM object"
    " WHERE deleted = 0 AND placeholder = 0",
    "SELECT 'R', o.id, r.rel, r.position, r.target, r.target_type, r.owned FROM object_ref r"
    " JOIN object o ON o.oid = r.oid WHERE o.deleted = 0 AND o.placeholder = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN system t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN body t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN legislative_term t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN organization t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN person t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN membership t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN location t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN meeting t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN agenda_item t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN paper t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN consultation t USING (oid) WHERE o.deleted = 0",
    "SELECT 'T', o.id, t.* FROM object o JOIN file t USING (oid) WHERE o.deleted = 0",
  };
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      stmt = grm_db_prepare (db, queries[q], error);
      if (stmt == NULL)
        return FALSE;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *line = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              /* The oid is local bookkeeping, not content. */
              if (g_strcmp0 (sqlite3_column_name (stmt, c), "oid") == 0)
                continue;
              g_string_append_printf (line, "%s|", sqlite3_column_type (stmt, c) == SQLITE_NULL
                                                   ? "∅" : (const char *) sqlite3_column_text (stmt, c));
            }
          g_ptr_array_add (lines, g_string_free (line, FALSE));
        }
      sqlite3_reset (stmt);
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (job->out, g_ptr_array_index (lines, i));
      g_string_append_c (job->out, '\n');
    }
  stmt = grm_db_prepare (db, "SELECT id FROM object WHERE deleted = 1 OR placeholder = 1", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *path = g_str_has_prefix (id, "http://127.0.0.1:") ? strchr (id + 7, '/') : NULL;

      g_hash_table_add (job->non_live, g_strdup (path ? path : id));
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static char *
strip_origins (const char *text)
{
  static const char origin[] = "http://127.0.0.1:";
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text, *hit;

  while ((hit = strstr (p, origin)) != NULL)
    {
      const char *q = hit + strlen (origin);

      g_string_append_len (out, p, hit - p);
      while (g_ascii_isdigit (*q))
        q++;
      g_string_append (out, "BASE");
      p = q;
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

char *
test_store_dump (GrmStore    *store,
                 GHashTable **non_live)
{
  DumpJob job = { g_string_new (NULL), g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  g_autoptr(GError) error = NULL;

  g_autofree char *text = NULL;

  grm_store_read_sync (store, dump_job, &job, NULL, &error);
  g_assert_no_error (error);
  /* Each test server listens on its own port. */
  text = strip_origins (job.out->str);
  g_string_assign (job.out, text);
  if (non_live)
    *non_live = job.non_live;
  else
    g_hash_table_unref (job.non_live);
  return g_string_free (job.out, FALSE);
}

void
assert_same_store (GrmStore *actual,
                   GrmStore *expected)
{
  g_autoptr(GHashTable) actual_gone = NULL;
  g_autoptr(GHashTable) expected_gone = NULL;
  g_autofree char *a = test_store_dump (actual, &actual_gone);
  g_autofree char *e = test_store_dump (expected, &expected_gone);
  GHashTableIter iter;
  gpointer key;

  if (strcmp (a, e) != 0)
    {
      g_auto(GStrv) al = g_strsplit (a, "\n", -1);
      g_auto(GStrv) el = g_strsplit (e, "\n", -1);

      for (guint i = 0; al[i] && el[i]; i++)
        if (strcmp (al[i], el[i]) != 0)
          {
            g_printerr ("first difference at line %u:\n  actual:   %.300s\n  expected: %.300s\n",
                        i, al[i], el[i]);
            break;
          }
      g_printerr ("lines: actual %u, expected %u\n", g_strv_length (al), g_strv_length (el));
    }
  g_assert_true (strcmp (a, e) == 0);
  g_hash_table_iter_init (&iter, expected_gone);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (actual_gone, key))
      g_error ("%s is not live in the fresh sync, but in the incremental one", (char *) key);
}

typedef struct
{
  const char *sql;
  gint64      value;
} CountJob;

static gboolean
count_job (GrmDb     *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  CountJob *job = data;
  sqlite3_stmt *stmt = grm_db_prepare (db, job->sql, error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    job->value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
test_store_count (GrmStore   *store,
                  const char *sql)
{
  CountJob job = { sql, -1 };
  g_autoptr(GError) error = NULL;

  grm_store_read_sync (store, count_job, &job, NULL, &error);
  g_assert_no_error (error);
  return job.value;
}
