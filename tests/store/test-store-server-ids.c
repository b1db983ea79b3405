/* test-store-server-ids.c: migration 0005 and the replacement of local ids
 * by the server's. A version-4 database in which a meeting made here was
 * already created on the server (push_remote), with its session, a closed
 * vote, a decision and sealed minutes under the local ids, opens with the
 * server's ids everywhere; the frozen records stay frozen for everything
 * else; the audit log keeps what it wrote. A pulled copy of the server's
 * meeting does not make a second one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "grm-store.h"
#include "grm-store-outbox.h"
#include "grm-store-private.h"

#define LOCAL   "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427"
#define ITEM    "urn:uuid:6fa459ea-ee8a-3ca4-894e-db77e160355e"
#define REMOTE  "https://oparl.example.org/meetings/77"
#define RITEM   "https://oparl.example.org/agendaitems/771"

static const char setup_sql[] =
  "INSERT INTO object (id, type) VALUES ('" LOCAL "', 'Meeting');"
  "INSERT INTO meeting (oid, name, start) SELECT oid, 'Sondersitzung', '2026-12-01T18:00:00+01:00'"
  "  FROM object WHERE id = '" LOCAL "';"
  "INSERT INTO object (id, type, parent, position) VALUES ('" ITEM "', 'AgendaItem', '" LOCAL "', 0);"
  "INSERT INTO agenda_item (oid, meeting, number, ord, name, public) SELECT oid, '" LOCAL "', '1.',"
  "  0, 'Radweg', 1 FROM object WHERE id = '" ITEM "';"
  /* The server's copy, pulled before the ids were replaced. */
  "INSERT INTO object (id, type, raw) VALUES ('" REMOTE "', 'Meeting', '{}');"
  "INSERT INTO meeting (oid, name) SELECT oid, 'Sondersitzung' FROM object WHERE id = '" REMOTE "';"
  "INSERT INTO session (meeting, statutory_members, current_item) VALUES ('" LOCAL "', 9, '" ITEM "');"
  "INSERT INTO attendance (meeting, person, arrived) VALUES ('" LOCAL "', 'p1', 100);"
  "INSERT INTO vote (meeting, agenda_item, kind, rule, yes, no, closed, recorded)"
  "  VALUES ('" LOCAL "', '" ITEM "', 'counts', 'simple', 5, 2, 200, 150);"
  "INSERT INTO decision (meeting, agenda_item, text, modified) VALUES ('" LOCAL "', '" ITEM "',"
  "  'Beschlossen.', 210);"
  "INSERT INTO minutes (meeting, text, sealed, sealed_by) VALUES ('" LOCAL "', 'Ende.', 300, 'S');"
  "INSERT INTO audit_log (seq, at, action, meeting, payload, prev_hash, hash)"
  "  VALUES (1, 100, 'start', '" LOCAL "', '{}', '', 'h1');"
  "INSERT INTO outbox (idempotency_key, method, target, state, created)"
  "  VALUES ('k1', 'POST', '" LOCAL "', 'sent', 1);"
  "INSERT INTO push_target (target, digest, seq, version) VALUES ('" LOCAL "', 'd', 1, '\"v1\"');"
  "INSERT INTO push_remote (local, remote) VALUES ('" LOCAL "', '" REMOTE "'), ('" ITEM "', '" RITEM "');";

static gint64
query_int (GrmDb      *db,
           const char *sql)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, NULL);
  gint64 n;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* Rows that name @id, in every table that refers to meetings and items. */
static gint64
refs (GrmDb      *db,
      const char *id)
{
  g_autofree char *sql = g_strdup_printf (
    "SELECT (SELECT count(*) FROM object WHERE id = '%1$s' OR parent = '%1$s')"
    " + (SELECT count(*) FROM agenda_item WHERE meeting = '%1$s')"
    " + (SELECT count(*) FROM session WHERE meeting = '%1$s' OR current_item = '%1$s')"
    " + (SELECT count(*) FROM attendance WHERE meeting = '%1$s')"
    " + (SELECT count(*) FROM vote WHERE meeting = '%1$s' OR agenda_item = '%1$s')"
    " + (SELECT count(*) FROM decision WHERE meeting = '%1$s' OR agenda_item = '%1$s')"
    " + (SELECT count(*) FROM minutes WHERE meeting = '%1$s')"
    " + (SELECT count(*) FROM outbox WHERE target = '%1$s')"
    " + (SELECT count(*) FROM push_target WHERE target = '%1$s')", id);

  return query_int (db, sql);
}

static void
check_frozen (GrmDb *db)
{
  g_autoptr(GError) error = NULL;

  /* Counts of a closed vote, sealed minutes, their decision: frozen. */
  g_assert_false (grm_db_exec (db, "UPDATE vote SET yes = 6", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (grm_db_exec (db, "UPDATE minutes SET text = 'x'", &error));
  g_clear_error (&error);
  g_assert_false (grm_db_exec (db, "UPDATE decision SET text = 'x'", &error));
  g_clear_error (&error);
  /* An id may change only to the server's id recorded for it. */
  g_assert_false (grm_db_exec (db, "UPDATE vote SET meeting = 'https://elsewhere/1'", &error));
  g_clear_error (&error);
  g_assert_false (grm_db_exec (db, "UPDATE minutes SET meeting = 'https://elsewhere/1'", &error));
  g_clear_error (&error);
  g_assert_false (grm_db_exec (db, "UPDATE vote SET meeting = '" REMOTE "', yes = 9", &error));
  g_clear_error (&error);
}

static void
test_migrate_from_4 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gremium-ids-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "gremium.db", NULL);
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmDb) db = grm_db_open (path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (grm_store_migrate_up_to (db, 4, &error));
  g_assert_true (grm_db_exec (db, "PRAGMA foreign_keys = ON", &error));
  g_assert_true (grm_db_exec (db, setup_sql, &error));
  g_assert_no_error (error);
  /* Version 4 froze them against any change. */
  g_assert_false (grm_db_exec (db, "UPDATE vote SET meeting = '" REMOTE "'", &error));
  g_clear_error (&error);
  g_clear_pointer (&db, grm_db_close);

  store = grm_store_open (path, &error);
  g_assert_no_error (error);
  db = grm_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, grm_store_get_schema_version ());
  g_assert_cmpint (refs (db, LOCAL), ==, 0);
  g_assert_cmpint (refs (db, ITEM), ==, 0);
  /* Rows: the meeting and its item (parent), the item's meeting, session,
   * attendance, vote, decision, minutes, outbox, push_target. */
  g_assert_cmpint (refs (db, REMOTE), ==, 10);
  g_assert_cmpint (refs (db, RITEM), ==, 4);
  /* One meeting: ours, under the server's id (the pulled copy is gone). */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM meeting"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM meeting m JOIN object o ON o.oid = m.oid "
                                  "WHERE o.id = '" REMOTE "' AND m.start IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT yes FROM vote"), ==, 5);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM push_target WHERE version = '\"v1\"'"),
                   ==, 1);
  /* History stays as written. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE meeting = '" LOCAL "'"),
                   ==, 1);
  g_clear_pointer (&db, grm_db_close);
  g_clear_object (&store);

  db = grm_db_open (path, FALSE, &error);
  g_assert_no_error (error);
  check_frozen (db);
  g_clear_pointer (&db, grm_db_close);
  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal"
                                           : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (path, suffix, NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

static gboolean
replace_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  return grm_db_exec (db, setup_sql, error) &&
         grm_db_exec (db, "DELETE FROM push_remote", error) &&
         grm_store_outbox_replace_id (db, LOCAL, REMOTE, error) &&
         grm_store_outbox_replace_id (db, ITEM, RITEM, error);
}

/* The same, at run time, as the push does after the server created it. */
static void
test_replace_id (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gremium-ids-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "gremium.db", NULL);
  g_autoptr(GrmStore) store = grm_store_open (path, &error);
  g_autoptr(GrmDb) db = NULL;

  g_assert_no_error (error);
  g_assert_true (grm_store_write_sync (store, replace_job, NULL, NULL, &error));
  g_assert_no_error (error);
  db = grm_store_open_reader (store, &error);
  g_assert_cmpint (refs (db, LOCAL), ==, 0);
  g_assert_cmpint (refs (db, ITEM), ==, 0);
  g_assert_cmpint (refs (db, REMOTE), ==, 10);
  g_assert_cmpint (refs (db, RITEM), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM meeting"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM push_remote"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_log WHERE meeting = '" LOCAL "'"),
                   ==, 1);
  g_clear_pointer (&db, grm_db_close);
  db = grm_db_open (path, FALSE, &error);
  check_frozen (db);
  g_clear_pointer (&db, grm_db_close);
  g_clear_object (&store);
  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal"
                                           : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (path, suffix, NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/server-ids/migrate-from-4", test_migrate_from_4);
  g_test_add_func ("/store/server-ids/replace", test_replace_id);
  return g_test_run ();
}
