/* live-fixture.c: the Hürtgenwald test data for the live session tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "grm-session-store.h"
#include "live-fixture.h"

GrmStore *
live_fixture_open (char **dir_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gremium-live-XXXXXX", &error);
  g_autofree char *path = NULL;
  GrmStore *store;

  g_assert_no_error (error);
  path = g_build_filename (dir, "gremium.db", NULL);
  store = grm_store_open (path, &error);
  g_assert_no_error (error);
  *dir_out = g_steal_pointer (&dir);
  return store;
}

void
live_fixture_remove (const char *dir)
{
  const char *names[] = { "gremium.db", "gremium.db-wal", "gremium.db-shm", "minutes.pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *p = g_build_filename (dir, names[i], NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

static JsonNode *
load_json (const char *name)
{
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (shared);
  path = g_build_filename (shared, "oparl", "huertgenwald", "body", "1", name, NULL);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static gint64
insert_object (GrmDb      *db,
               JsonObject *o,
               const char *type,
               const char *parent,
               int         position)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "INSERT INTO object (id, type, parent, position, raw) "
                                           "VALUES (?, ?, ?, ?, '{}')", NULL);

  grm_db_bind_text (stmt, 1, json_object_get_string_member (o, "id"));
  grm_db_bind_text (stmt, 2, type);
  grm_db_bind_text (stmt, 3, parent);
  sqlite3_bind_int (stmt, 4, position);
  g_assert_true (grm_db_step_done (db, stmt, NULL));
  return grm_db_last_insert_rowid (db);
}

#define STR(o, m) json_object_get_string_member_with_default (o, m, NULL)

static void
load_persons (GrmDb      *db,
              const char *file)
{
  g_autoptr(JsonNode) root = load_json (file);
  JsonArray *data = json_object_get_array_member (json_node_get_object (root), "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *p = json_array_get_object_element (data, i);
      JsonArray *ms;
      gint64 oid;
      sqlite3_stmt *stmt;

      if (json_object_get_boolean_member_with_default (p, "deleted", FALSE))
        continue;
      oid = insert_object (db, p, "Person", NULL, 0);
      stmt = grm_db_prepare (db, "INSERT INTO person (oid, name, family_name, given_name, "
                                 "form_of_address) VALUES (?, ?, ?, ?, ?)", NULL);
      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, STR (p, "name"));
      grm_db_bind_text (stmt, 3, STR (p, "familyName"));
      grm_db_bind_text (stmt, 4, STR (p, "givenName"));
      grm_db_bind_text (stmt, 5, STR (p, "formOfAddress"));
      g_assert_true (grm_db_step_done (db, stmt, NULL));

      ms = json_object_has_member (p, "membership")
           ? json_object_get_array_member (p, "membership") : NULL;
      for (guint k = 0; ms != NULL && k < json_array_get_length (ms); k++)
        {
          JsonObject *m = json_array_get_object_element (ms, k);
          gint64 moid = insert_object (db, m, "Membership", STR (p, "id"), k);

          stmt = grm_db_prepare (db, "INSERT INTO membership (oid, person, organization, role, "
                                     "voting_right, start_date, end_date) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?)", NULL);
          sqlite3_bind_int64 (stmt, 1, moid);
          grm_db_bind_text (stmt, 2, STR (p, "id"));
          grm_db_bind_text (stmt, 3, STR (m, "organization"));
          grm_db_bind_text (stmt, 4, STR (m, "role"));
          if (json_object_has_member (m, "votingRight"))
            sqlite3_bind_int (stmt, 5, json_object_get_boolean_member (m, "votingRight"));
          grm_db_bind_text (stmt, 6, STR (m, "startDate"));
          grm_db_bind_text (stmt, 7, STR (m, "endDate"));
          g_assert_true (grm_db_step_done (db, stmt, NULL));
        }
    }
}

static void
load_organizations (GrmDb *db)
{
  g_autoptr(JsonNode) root = load_json ("organization.json");
  JsonArray *data = json_object_get_array_member (json_node_get_object (root), "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *o = json_array_get_object_element (data, i);
      gint64 oid = insert_object (db, o, "Organization", NULL, 0);
      sqlite3_stmt *stmt = grm_db_prepare (db, "INSERT INTO organization (oid, name) "
                                               "VALUES (?, ?)", NULL);

      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, STR (o, "name"));
      g_assert_true (grm_db_step_done (db, stmt, NULL));
    }
}

static void
load_meeting (GrmDb *db)
{
  g_autoptr(JsonNode) root = load_json ("meeting?page=15.json");
  JsonArray *data = json_object_get_array_member (json_node_get_object (root), "data");

  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *m = json_array_get_object_element (data, i);
      g_autoptr(GDateTime) start = NULL;
      JsonArray *items;
      gboolean is_public = TRUE;
      sqlite3_stmt *stmt;
      gint64 oid;

      if (g_strcmp0 (STR (m, "id"), LIVE_MEETING) != 0)
        continue;
      start = g_date_time_new_from_iso8601 (STR (m, "start"), NULL);
      oid = insert_object (db, m, "Meeting", NULL, 0);
      stmt = grm_db_prepare (db, "INSERT INTO meeting (oid, name, start, start_utc) "
                                 "VALUES (?, ?, ?, ?)", NULL);
      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, STR (m, "name"));
      grm_db_bind_text (stmt, 3, STR (m, "start"));
      sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (start));
      g_assert_true (grm_db_step_done (db, stmt, NULL));
      stmt = grm_db_prepare (db, "INSERT INTO object_ref (oid, rel, position, target) "
                                 "VALUES (?, 'organization', 0, ?)", NULL);
      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, json_array_get_string_element (
                                   json_object_get_array_member (m, "organization"), 0));
      g_assert_true (grm_db_step_done (db, stmt, NULL));

      items = json_object_get_array_member (m, "agendaItem");
      for (guint k = 0; k < json_array_get_length (items); k++)
        {
          JsonObject *a = json_array_get_object_element (items, k);
          gint64 aoid = insert_object (db, a, "AgendaItem", LIVE_MEETING, k);

          /* The server marks the non-public part with a heading "B". */
          if (g_strcmp0 (STR (a, "number"), "B") == 0)
            is_public = FALSE;
          stmt = grm_db_prepare (db, "INSERT INTO agenda_item (oid, meeting, number, ord, name, "
                                     "public) VALUES (?, ?, ?, ?, ?, ?)", NULL);
          sqlite3_bind_int64 (stmt, 1, aoid);
          grm_db_bind_text (stmt, 2, LIVE_MEETING);
          grm_db_bind_text (stmt, 3, STR (a, "number"));
          sqlite3_bind_int (stmt, 4, k);
          grm_db_bind_text (stmt, 5, STR (a, "name"));
          sqlite3_bind_int (stmt, 6, is_public);
          g_assert_true (grm_db_step_done (db, stmt, NULL));
        }
    }
}

static gboolean
load_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  load_organizations (db);
  load_persons (db, "person.json");
  load_persons (db, "person?page=2.json");
  load_meeting (db);
  return TRUE;
}

gboolean
live_fixture_load (GrmStore  *store,
                   GError   **error)
{
  return grm_store_write_sync (store, load_job, NULL, NULL, error);
}

gboolean
live_fixture_run (GrmStore  *store,
                  gpointer   op,
                  GError   **error)
{
  return grm_store_write_sync (store, grm_session_op_run, op, NULL, error);
}
