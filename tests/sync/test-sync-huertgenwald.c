/* test-sync-huertgenwald.c: full, incremental and killed syncs of the
 * Hürtgenwald crawl (OParl 1.0, everything embedded) from the test server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>

#include "grm-db.h"
#include "sync-test-util.h"

#define ORIGINAL "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/"

typedef struct
{
  char *type;
  char *parent;
  int   position;
  int   deleted;
  int   placeholder;
} Row;

static gboolean
rows_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  GHashTable *rows = data;
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT id, type, parent, position, deleted,"
                                           " placeholder FROM object", error);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      Row *row = g_new0 (Row, 1);

      row->type = grm_db_column_dup (stmt, 1);
      row->parent = grm_db_column_dup (stmt, 2);
      row->position = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
      row->deleted = sqlite3_column_int (stmt, 4);
      row->placeholder = sqlite3_column_int (stmt, 5);
      g_hash_table_insert (rows, grm_db_column_dup (stmt, 0), row);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static void
row_free (Row *row)
{
  g_free (row->type);
  g_free (row->parent);
  g_free (row);
}

static char *
local_id (TestServer *server,
          const char *id)
{
  g_assert_true (g_str_has_prefix (id, ORIGINAL));
  return g_strconcat (server->base, id + strlen (ORIGINAL), NULL);
}

static const char * const owned_rels[] = {
  "agendaItem", "membership", "consultation", "mainFile", "auxiliaryFile", "invitation",
  "resultsProtocol", "verbatimProtocol", "resolutionFile", NULL
};

static guint n_checked;

/* Every object of the crawl, embedded ones included, is stored with its
 * type, parent and position. */
static void
check_object (TestServer *server,
              GHashTable *rows,
              JsonObject *obj,
              const char *list_type,
              const char *parent,
              int         position)
{
  g_autofree char *id = local_id (server, json_object_get_string_member (obj, "id"));
  const char *type = json_object_get_string_member_with_default (obj, "type", NULL);
  Row *row = g_hash_table_lookup (rows, id);
  g_autoptr(GList) members = json_object_get_members (obj);

  if (row == NULL)
    g_error ("%s is not in the store", id);
  g_assert_cmpstr (row->type, ==, type ? strrchr (type, '/') + 1 : list_type);
  g_assert_cmpint (row->deleted, ==, json_object_get_boolean_member_with_default (obj, "deleted", FALSE));
  g_assert_cmpint (row->placeholder, ==, 0);
  if (parent != NULL)
    {
      g_autofree char *local_parent = local_id (server, parent);

      g_assert_cmpstr (row->parent, ==, local_parent);
      g_assert_cmpint (row->position, ==, position);
    }
  n_checked++;

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *node = json_object_get_member (obj, l->data);
      gboolean owned = g_strv_contains (owned_rels, l->data);

      if (JSON_NODE_HOLDS_OBJECT (node) && json_object_has_member (json_node_get_object (node), "id"))
        check_object (server, rows, json_node_get_object (node), NULL,
                      owned ? json_object_get_string_member (obj, "id") : NULL, 0);
      else if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *e = json_array_get_element (array, i);

              if (JSON_NODE_HOLDS_OBJECT (e))
                check_object (server, rows, json_node_get_object (e), NULL,
                              owned ? json_object_get_string_member (obj, "id") : NULL, i);
            }
        }
    }
}

static void
check_against_crawl (TestServer *server,
                     GrmStore   *store)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) row_free);
  g_autofree char *dir = sync_test_data_dir ("huertgenwald");
  g_autofree char *list_dir = g_build_filename (dir, "body", "1", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing_ids.json", NULL);
  g_autoptr(GDir) d = g_dir_open (list_dir, 0, NULL);
  g_autoptr(JsonParser) missing = json_parser_new ();
  g_autoptr(GList) missing_ids = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_placeholders = 0, n_expected_placeholders = 0;
  GHashTableIter iter;
  gpointer key, value;

  grm_store_read_sync (store, rows_job, rows, NULL, &error);
  g_assert_no_error (error);
  n_checked = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (list_dir, name, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *list = g_strndup (name, strcspn (name, "?."));
      JsonArray *data;

      g_assert_true (json_parser_load_from_file (parser, path, &error));
      data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
      list[0] = g_ascii_toupper (list[0]);
      for (guint i = 0; i < json_array_get_length (data); i++)
        check_object (server, rows, json_array_get_object_element (data, i), list, NULL, 0);
    }
  g_assert_cmpuint (n_checked, >, 17000);

  /* The references no list contains, and only those, are placeholders. */
  g_assert_true (json_parser_load_from_file (missing, missing_path, &error));
  missing_ids = json_object_get_members (json_node_get_object (json_parser_get_root (missing)));
  for (GList *l = missing_ids; l != NULL; l = l->next)
    {
      g_autofree char *id = local_id (server, l->data);
      gboolean gone = json_object_get_boolean_member (json_node_get_object (json_parser_get_root (missing)), l->data);
      Row *row = g_hash_table_lookup (rows, id);

      if (gone)
        {
          n_expected_placeholders++;
          g_assert_nonnull (row);
          g_assert_cmpint (row->placeholder, ==, 1);
        }
      else
        g_assert_null (row);   /* list URLs (Organization.meeting) are not objects */
    }
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    n_placeholders += ((Row *) value)->placeholder;
  g_assert_cmpuint (n_placeholders, ==, n_expected_placeholders);
  g_assert_cmpuint (n_placeholders, ==, 35);
}

static void
test_full_and_no_change (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-sync-XXXXXX", NULL);
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "a.db");
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GrmSync) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  sync = test_sync_run (store, server->system_url, NULL, &error);
  g_assert_no_error (error);
  check_against_crawl (server, store);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state WHERE last_success > 0"
                                            " AND last_error IS NULL AND next_url IS NULL"), ==, 5);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM agenda_item WHERE ord IS NULL"), ==, 0);

  /* Nothing changed: only System, the body list and the four filtered
   * lists are asked for, and nothing is written. */
  before = test_store_dump (store, NULL);
  again = test_sync_run (store, server->system_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_objects (again), ==, 0);
  g_assert_cmpuint (grm_sync_get_requests (again), ==, 6);
  after = test_store_dump (store, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state WHERE watermark IS NULL"),
                   ==, 1);

  test_server_stop (server);
}

static JsonObject *
admin_get (TestServer *server,
           const char *id)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);
  g_autofree char *url = g_strconcat (server->base, "_admin/objects?id=", escaped, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
admin_put (TestServer *server,
           JsonObject *obj)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  g_autofree char *text = json_to_string (node, FALSE);
  guint status = test_server_admin (server, "POST", "_admin/objects", text);

  g_assert_true (status == 200 || status == 201);
}

static void
test_incremental_equals_full (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-sync-XXXXXX", NULL);
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "incremental.db");
  g_autoptr(GrmStore) fresh = test_store_new (dir, "fresh.db");
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL, s3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autofree char *meeting_id = g_strconcat (server->base, "body/1/meeting/333", NULL);
  g_autofree char *paper_id = g_strconcat (server->base, "body/1/paper/60", NULL);
  g_autofree char *gone_id = g_strconcat (server->base, "body/1/paper/782", NULL);
  g_autofree char *gone_path = g_strconcat ("_admin/objects?id=", gone_id, NULL);
  g_autofree char *new_paper = NULL;
  g_autofree char *vanished = NULL;
  JsonObject *meeting, *paper;
  JsonArray *items;

  /* The server's clock is ours: send the watermark without the margin so
   * that the second sync really is incremental. */
  options->early_s = 0;
  s1 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_usleep (1100 * 1000);

  /* A meeting loses an agenda item (OParl 1.0 children simply vanish). */
  meeting = admin_get (server, meeting_id);
  items = json_object_get_array_member (meeting, "agendaItem");
  vanished = g_strdup (json_object_get_string_member (json_array_get_object_element (items, 1), "id"));
  json_array_remove_element (items, 1);
  json_object_set_string_member (meeting, "name", "Geänderte Sitzung");
  admin_put (server, meeting);
  json_object_unref (meeting);
  /* A paper changes, another is deleted, a new one arrives with a file and
   * a reference to a location nobody has. */
  paper = admin_get (server, paper_id);
  json_object_set_string_member (paper, "name", "Umbesetzungen im Bauausschuss (neu)");
  admin_put (server, paper);
  json_object_unref (paper);
  g_assert_cmpuint (test_server_admin (server, "DELETE", gone_path, NULL), ==, 200);
  new_paper = g_strdup_printf ("{\"id\":\"%sbody/1/paper/999999\",\"type\":\"https://schema.oparl.org/1.0/Paper\","
                               "\"name\":\"Neuer Antrag\",\"reference\":\"999/2021\",\"date\":\"2021-09-07\","
                               "\"location\":[\"%sbody/1/location/nowhere\"],"
                               "\"mainFile\":{\"id\":\"%sbody/1/file/999999\",\"type\":\"https://schema.oparl.org/1.0/File\","
                               "\"name\":\"Antrag\",\"accessUrl\":\"%sbody/1/files/999999/a.pdf\"}}",
                               server->base, server->base, server->base, server->base);
  g_assert_cmpuint (test_server_admin (server, "POST", "_admin/objects", new_paper), ==, 201);

  s2 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_sync_get_objects (s2), <, 200);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE deleted = 1"
                                            " AND id LIKE '%/agendaitem/%'"), >=, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM object WHERE id = '%s'", vanished);

    g_assert_cmpint (test_store_count (store, sql), ==, 1);
  }
  {
    g_autofree char *sql = g_strdup_printf ("SELECT deleted FROM object WHERE id = '%s'", gone_id);

    g_assert_cmpint (test_store_count (store, sql), ==, 1);
  }
  g_assert_cmpint (test_store_count (store, "SELECT placeholder FROM object WHERE id LIKE '%/location/nowhere'"),
                   ==, 1);

  s3 = test_sync_run (fresh, server->system_url, options, &error);
  g_assert_no_error (error);
  assert_same_store (store, fresh);
  test_server_stop (server);
}

/* The sync CLI is killed at several points; a rerun ends in the state of
 * a clean run. */
static void
test_sigkill (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-sync-XXXXXX", NULL);
  TestServer *server = test_server_start ("huertgenwald", "--latency", "15", NULL);
  g_autoptr(GrmStore) clean = test_store_new (dir, "clean.db");
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *db = g_build_filename (dir, "killed.db", NULL);
  const guint kill_after_ms[] = { 150, 400, 700, 1000 };

  sync = test_sync_run (clean, server->system_url, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kill_after_ms); i++)
    {
      g_autoptr(GSubprocess) cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                     sync_test_cli_path (), "--db", db,
                                                     "--retry-base-ms", "20",
                                                     server->system_url, NULL);

      g_assert_no_error (error);
      g_usleep (kill_after_ms[i] * 1000);
      g_subprocess_send_signal (cli, SIGKILL);
      g_subprocess_wait (cli, NULL, NULL);
    }
  {
    g_autoptr(GSubprocess) cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                                   sync_test_cli_path (), "--db", db,
                                                   "--retry-base-ms", "20",
                                                   server->system_url, NULL);
    g_autoptr(GrmStore) killed = NULL;

    g_assert_no_error (error);
    g_assert_true (g_subprocess_wait_check (cli, NULL, &error));
    g_assert_no_error (error);
    killed = grm_store_open (db, &error);
    g_assert_no_error (error);
    assert_same_store (killed, clean);
    g_assert_cmpint (test_store_count (killed, "SELECT count(*) FROM sync_state"
                                               " WHERE next_url IS NOT NULL"), ==, 0);
    g_assert_cmpint (test_store_count (killed, "SELECT count(*) FROM object"),
                     ==, test_store_count (clean, "SELECT count(*) FROM object"));
  }
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  sync_test_init (&argc, &argv);
  g_test_add_func ("/sync/huertgenwald/full-and-no-change", test_full_and_no_change);
  g_test_add_func ("/sync/huertgenwald/incremental-equals-full", test_incremental_equals_full);
  g_test_add_func ("/sync/huertgenwald/sigkill", test_sigkill);
  return g_test_run ();
}
