/* test-sync-karlsruhe.c: the Karlsruhe body (OParl 1.1, external lists)
 * from the test server: a full sync holds every object with its type,
 * parent and order; an incremental sync after changes equals a fresh one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "grm-db.h"
#include "sync-test-util.h"

#define ORIGINAL "https://web1.karlsruhe.de/oparl/"

static char *
local_id (TestServer *server,
          const char *id)
{
  g_assert_true (g_str_has_prefix (id, ORIGINAL));
  return g_strconcat (server->base, id + strlen (ORIGINAL), NULL);
}

typedef struct
{
  TestServer *server;
  const char *path;
  guint       checked;
  guint       shared;
} CheckJob;

/* Each line of the data: the object is live (or, deleted, not live) with
 * its type; its agenda items, consultations and files name it as parent,
 * in their order. */
static gboolean
check_job (GrmDb     *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  CheckJob *job = data;
  g_autoptr(GFile) file = g_file_new_for_path (job->path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, error));
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (gz));
  g_autoptr(GDataInputStream) lines = g_data_input_stream_new (in);
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT type, deleted, parent, position FROM object"
                                           " WHERE id = ?1", error);
  char *line;

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, NULL)) != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *owned_line = line;
      JsonObject *obj;
      g_autofree char *id = NULL;
      const char *type;
      static const char * const rels[] = { "agendaItem", "consultation", "auxiliaryFile", NULL };

      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      obj = json_node_get_object (json_parser_get_root (parser));
      id = local_id (job->server, json_object_get_string_member (obj, "id"));
      type = strrchr (json_object_get_string_member (obj, "type"), '/') + 1;
      grm_db_bind_text (stmt, 1, id);
      if (json_object_get_boolean_member_with_default (obj, "deleted", FALSE))
        {
          if (sqlite3_step (stmt) == SQLITE_ROW)
            g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
          sqlite3_reset (stmt);
          continue;
        }
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, type);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
      sqlite3_reset (stmt);
      job->checked++;

      for (guint r = 0; rels[r] != NULL; r++)
        {
          JsonArray *array = json_object_has_member (obj, rels[r])
                             ? json_object_get_array_member (obj, rels[r]) : NULL;

          for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
            {
              JsonObject *child = json_array_get_object_element (array, i);
              g_autofree char *child_id = local_id (job->server,
                                                    json_object_get_string_member (child, "id"));

              grm_db_bind_text (stmt, 1, child_id);
              g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
              if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), id) == 0
                  && sqlite3_column_int (stmt, 3) == (int) i)
                ;
              else
                {
                  /* A file embedded twice (by a paper and a meeting, or
                   * twice in one paper) belongs to the first owner by id,
                   * at its first place there. */
                  sqlite3_stmt *owner = grm_db_prepare (db,
                    "SELECT count(*) FROM object_ref r JOIN object o ON o.oid = r.oid"
                    " WHERE o.id = ?1 AND r.target = ?2 AND r.owned = 1 AND r.position = ?3"
                    " AND o.id <= ?4", error);

                  grm_db_bind_text (owner, 1, (const char *) sqlite3_column_text (stmt, 2));
                  grm_db_bind_text (owner, 2, child_id);
                  sqlite3_bind_int (owner, 3, sqlite3_column_int (stmt, 3));
                  grm_db_bind_text (owner, 4, id);
                  g_assert_cmpint (sqlite3_step (owner), ==, SQLITE_ROW);
                  g_assert_cmpint (sqlite3_column_int (owner, 0), ==, 1);
                  sqlite3_reset (owner);
                  job->shared++;
                }
              sqlite3_reset (stmt);
              job->checked++;
            }
        }
    }
  return TRUE;
}

static void
check_against_data (TestServer *server,
                    GrmStore   *store)
{
  g_autofree char *dir = sync_test_data_dir ("karlsruhe");
  const char *names[] = { "meetings.jsonl.gz", "papers.jsonl.gz" };
  g_autoptr(GError) error = NULL;
  guint total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      CheckJob job = { server, path, 0 };

      grm_store_read_sync (store, check_job, &job, NULL, &error);
      g_assert_no_error (error);
      total += job.checked;
    }
  g_assert_cmpuint (total, >, 80000);
}

static void
test_full_incremental_fresh (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-sync-ka-XXXXXX", NULL);
  TestServer *server = test_server_start ("karlsruhe", NULL, NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "incremental.db");
  g_autoptr(GrmStore) fresh = test_store_new (dir, "fresh.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL, s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *added = NULL;
  g_autofree char *gone = NULL;

  options->early_s = 0;
  s1 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE type = 'Paper'"
                                            " AND deleted = 0"), ==, 13736);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE type = 'Meeting'"
                                            " AND deleted = 0 AND placeholder = 0"), ==, 2609);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM agenda_item a JOIN object o"
                                            " USING (oid) WHERE o.parent IS NULL OR a.ord IS NULL"
                                            " OR a.meeting IS NOT o.parent"), ==, 0);
  check_against_data (server, store);
  g_usleep (1100 * 1000);

  changed = g_strdup_printf ("{\"id\":\"%sbodies/0001/papers/ag/1\",\"type\":\"https://schema.oparl.org/1.1/Paper\","
                             "\"name\":\"Geänderter Antrag\",\"reference\":\"2013/0140\"}", server->base);
  added = g_strdup_printf ("{\"id\":\"%sbodies/0001/papers/ag/999999\",\"type\":\"https://schema.oparl.org/1.1/Paper\","
                           "\"name\":\"Neuer Antrag\",\"reference\":\"2026/9999\",\"date\":\"2026-08-01\","
                           "\"auxiliaryFile\":[{\"id\":\"%sbodies/0001/files/999999\","
                           "\"type\":\"https://schema.oparl.org/1.1/File\",\"name\":\"Anlage\","
                           "\"accessUrl\":\"%sbodies/0001/downloadfiles/a/999999.pdf\"}]}",
                           server->base, server->base, server->base);
  gone = g_strdup_printf ("_admin/objects?id=%sbodies/0001/papers/ag/2", server->base);
  g_assert_cmpuint (test_server_admin (server, "POST", "_admin/objects", changed), ==, 200);
  g_assert_cmpuint (test_server_admin (server, "POST", "_admin/objects", added), ==, 201);
  g_assert_cmpuint (test_server_admin (server, "DELETE", gone, NULL), ==, 200);

  s2 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_objects (s2), <, 50);
  g_assert_cmpint (test_store_count (store, "SELECT deleted FROM object WHERE id LIKE '%/papers/ag/2'"),
                   ==, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE parent LIKE"
                                            " '%/papers/ag/999999'"), ==, 1);

  s3 = test_sync_run (fresh, server->system_url, options, &error);
  g_assert_no_error (error);
  assert_same_store (store, fresh);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/karlsruhe/full-incremental-fresh", test_full_incremental_fresh);
  return g_test_run ();
}
