/* grm-test-data.c: fills stores with real data for the UI tests and the
 * startup benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-data"

#include <json-glib/json-glib.h>
#include <signal.h>

#include "grm-oparl.h"
#include "grm-sync.h"
#include "grm-store-objects.h"
#include "grm-test-data.h"

typedef struct
{
  GPtrArray *objects;
} LoadJob;

static gboolean
upsert_func (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  LoadJob *job = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* The lists the crawl has: objects of these types come from them only. */
  guint external = 1 << GRM_OPARL_MEETING | 1 << GRM_OPARL_PAPER | 1 << GRM_OPARL_PERSON
                   | 1 << GRM_OPARL_ORGANIZATION | 1 << GRM_OPARL_BODY;

  for (guint i = 0; i < job->objects->len; i++)
    if (!grm_store_objects_upsert (db, job->objects->pdata[i], external, now, NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_object_file (GPtrArray    *objects,
                 const char   *path,
                 GrmOparlType  type,
                 gboolean      is_list,
                 GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (is_list)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *next = NULL;

      if (!grm_oparl_parse_page (contents, length, type, &page, &next, error))
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (objects, g_steal_pointer (&page->pdata[i]));
    }
  else
    {
      GrmOparlObject *object = grm_oparl_parse_object (contents, length, type, error);

      if (object == NULL)
        return FALSE;
      g_ptr_array_add (objects, object);
    }
  return TRUE;
}

/* Adds one object per line of the gzipped JSON lines file @path. */
static gboolean
add_json_lines (GPtrArray    *objects,
                const char   *path,
                GrmOparlType  type,
                GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, error);
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *line;

  if (raw == NULL)
    return FALSE;
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  lines = g_data_input_stream_new (plain);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, error)) != NULL)
    {
      GrmOparlObject *object = NULL;

      if (json_parser_load_from_data (parser, line, -1, NULL))
        object = grm_oparl_object_from_json (json_parser_get_root (parser), type, NULL);
      if (object != NULL)
        g_ptr_array_add (objects, object);
      g_free (line);
    }
  return error == NULL || *error == NULL;
}

gboolean
grm_test_load_body (GrmStore    *store,
                    const char  *body_dir,
                    GError     **error)
{
  g_autofree char *papers = g_build_filename (body_dir, "papers.jsonl.gz", NULL);
  g_autofree char *meetings = g_build_filename (body_dir, "meetings.jsonl.gz", NULL);
  g_autofree char *organizations = g_build_filename (body_dir, "organizations.json", NULL);
  g_autoptr(GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  LoadJob job = { 0 };

  if (!add_object_file (objects, organizations, GRM_OPARL_ORGANIZATION, TRUE, error)
      || !add_json_lines (objects, meetings, GRM_OPARL_MEETING, error)
      || !add_json_lines (objects, papers, GRM_OPARL_PAPER, error))
    return FALSE;
  job.objects = objects;
  if (!grm_store_write_sync (store, upsert_func, &job, NULL, error))
    return FALSE;
  grm_store_notify_changed (store, "Paper");
  return TRUE;
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Wait;

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = grm_sync_run_finish (GRM_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static void
keep_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  wait->ok = grm_sync_keep_meeting_finish (GRM_SYNC (object), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

gboolean
grm_test_sync_crawl (GrmStore         *store,
                     const char       *server_path,
                     const char       *data_dir,
                     GrmTestPickFunc   pick,
                     const char       *files_dir,
                     char            **meeting_id,
                     GSubprocess     **server_out,
                     char            **url_out,
                     GError          **error)
{
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *url = NULL;
  Wait wait = { loop, FALSE, NULL };

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             error, server_path, "--data", data_dir, "--port", "0", NULL);
  if (server == NULL)
    return FALSE;
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  url = g_data_input_stream_read_line (out, NULL, NULL, error);
  if (url == NULL)
    return FALSE;

  options->files = FALSE;
  options->files_dir = g_strdup (files_dir);
  sync = grm_sync_new (store, url, options);
  grm_sync_run_async (sync, NULL, sync_done_cb, &wait);
  g_main_loop_run (loop);
  if (wait.ok && pick != NULL)
    {
      *meeting_id = pick (store);
      grm_sync_keep_meeting_async (sync, *meeting_id, NULL, keep_done_cb, &wait);
      g_main_loop_run (loop);
    }
  if (server_out != NULL)
    {
      *server_out = g_steal_pointer (&server);
      *url_out = g_strdup (url);
    }
  else
    {
      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait (server, NULL, NULL);
    }
  if (!wait.ok)
    {
      g_propagate_error (error, wait.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
pick_gemeinderat_func (GrmDb     *db,
                       gpointer   data,
                       gpointer  *result,
                       GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT o.id FROM meeting m JOIN object o ON o.oid = m.oid"
    " WHERE m.name = 'Gemeinderat (8. Sitzung)' AND m.start LIKE '2021-09-16%'", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *result = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return *result != NULL;
}

char *
grm_test_pick_gemeinderat (GrmStore *store)
{
  g_autoptr(GError) error = NULL;
  gpointer id = NULL;

  grm_store_read_sync (store, pick_gemeinderat_func, NULL, &id, &error);
  g_assert_no_error (error);
  return id;
}

void
grm_test_prepare_crawl (char **db_path,
                        char **files_dir,
                        char **meeting_id)
{
  grm_test_prepare_crawl_serving (db_path, files_dir, meeting_id, NULL, NULL);
}

void
grm_test_prepare_crawl_serving (char         **db_path,
                                char         **files_dir,
                                char         **meeting_id,
                                GSubprocess  **server_out,
                                char         **url_out)
{
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  const char *server = g_getenv ("GRM_TEST_SERVER");
  g_autofree char *crawl = g_build_filename (shared, "oparl", "huertgenwald", NULL);
  g_autofree char *tmp_dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  gint64 t0 = g_get_monotonic_time ();

  g_assert_nonnull (server);
  g_assert_nonnull (tmp_dir);
  *db_path = g_build_filename (tmp_dir, "gremium.db", NULL);
  /* The app finds stored files next to its database. */
  *files_dir = g_build_filename (tmp_dir, "files", NULL);
  store = grm_store_open (*db_path, &error);
  g_assert_no_error (error);
  grm_test_sync_crawl (store, server, crawl, grm_test_pick_gemeinderat, *files_dir, meeting_id,
                       server_out, url_out, &error);
  g_assert_no_error (error);
  g_test_message ("Synced the crawl in %.1f s", (g_get_monotonic_time () - t0) / 1e6);
}
