/* test-store-kill.c: a process killed with SIGKILL in the middle of a write
 * transaction leaves a database that passes the integrity check, holding
 * exactly the transactions that had committed.
 *
 * The test runs itself as the child: `test-store-kill --child PATH` commits
 * transactions of 200 rows each, printing "committed N" after each one, and
 * then writes into one more transaction forever, printing "inside" once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "grm-store.h"

#define ROWS_PER_JOB 200

static const char *self_exe;

static gboolean
insert_rows_job (GrmDb     *db,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  int batch = GPOINTER_TO_INT (data);
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT INTO object (id, type, raw) VALUES (?, 'Paper', ?)", error);
  g_autofree char *raw = g_strnfill (2000, 'r');

  if (stmt == NULL)
    return FALSE;

  for (int i = 0; i < ROWS_PER_JOB || batch < 0; i++)
    {
      g_autofree char *id = g_strdup_printf ("urn:batch:%d:%d", batch, i);

      grm_db_bind_text (stmt, 1, id);
      grm_db_bind_text (stmt, 2, raw);
      if (!grm_db_step_done (db, stmt, error))
        return FALSE;
      /* The endless batch tells the parent once that it is inside. */
      if (batch < 0 && i == 1000)
        {
          printf ("inside\n");
          fflush (stdout);
        }
    }

  return TRUE;
}

static int
run_child (const char *path,
           int         batches)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (path, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (int b = 0; b < batches; b++)
    {
      if (!grm_store_write_sync (store, insert_rows_job, GINT_TO_POINTER (b), NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      printf ("committed %d\n", b + 1);
      fflush (stdout);
    }

  grm_store_write_sync (store, insert_rows_job, GINT_TO_POINTER (-1), NULL, &error);
  return 1;
}

static gint64
query_int (GrmDb      *db,
           const char *sql)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, NULL);
  gint64 value;

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return value;
}

static void
kill_after (int batches)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("grm-kill-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "gremium.db", NULL);
  g_autofree char *batches_arg = g_strdup_printf ("%d", batches);
  const char *argv[] = { self_exe, "--child", path, batches_arg, NULL };
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmDb) db = NULL;
  int out_fd, committed = 0, status;
  GPid pid;
  FILE *out;
  char line[128];

  g_assert_no_error (error);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
  g_assert_no_error (error);

  out = fdopen (out_fd, "r");
  while (fgets (line, sizeof line, out))
    {
      if (sscanf (line, "committed %d", &committed) == 1)
        continue;
      if (g_str_has_prefix (line, "inside"))
        break;
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  fclose (out);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (committed, ==, batches);

  /* Reopening recovers from the WAL: every committed transaction is there,
   * nothing of the one that was cut off, and the file is whole. */
  store = grm_store_open (path, &error);
  g_assert_no_error (error);
  db = grm_store_open_reader (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                  "WHERE integrity_check != 'ok'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM object"), ==, batches * ROWS_PER_JOB);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM object WHERE id LIKE 'urn:batch:-1:%'"),
                   ==, 0);

  g_clear_pointer (&db, grm_db_close);
  g_clear_object (&store);
  for (const char *const *suffix = (const char *const[]) { "", "-wal", "-shm", NULL }; *suffix;
       suffix++)
    {
      g_autofree char *file = g_strconcat (path, *suffix, NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
test_kill_mid_transaction (void)
{
  kill_after (0);
  kill_after (1);
  kill_after (7);
}

int
main (int    argc,
      char **argv)
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2], atoi (argv[3]));

  self_exe = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store/kill-mid-transaction", test_kill_mid_transaction);

  return g_test_run ();
}
