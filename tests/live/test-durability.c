/* test-durability.c: every vote a recorder confirmed survives SIGKILL.
 *
 * A child process (live-recorder) records votes and prints each one after
 * its write job returned. The test kills it with SIGKILL at random points,
 * then checks that every confirmed vote is in the store with its counts,
 * that the audit chain verifies and that PRAGMA integrity_check is ok; then
 * it starts the next child on the same file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>

#include "grm-error.h"
#include "grm-session-store.h"
#include "live-fixture.h"

#define ROUNDS 6

typedef struct
{
  GMainLoop *loop;
  GString   *out;
  gboolean   done;
} Reader;

static void
check_confirmed (const char *path,
                 const char *output,
                 guint      *n_confirmed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmDb) db = grm_db_open (path, TRUE, &error);
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  sqlite3_stmt *stmt;
  gint64 n_entries = 0;

  g_assert_no_error (error);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;

      /* The last piece may be cut off by the kill: it was not confirmed. */
      if (lines[i + 1] == NULL)
        continue;
      f = g_strsplit (lines[i], " ", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 5);
      g_assert_cmpstr (f[0], ==, "vote");
      stmt = grm_db_prepare (db, "SELECT agenda_item, yes, no, closed IS NOT NULL, result "
                                 "FROM vote WHERE vid = ?", &error);
      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (f[1], NULL, 10));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, f[2]);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, atoi (f[3]));
      g_assert_cmpint (sqlite3_column_int (stmt, 2), ==, atoi (f[4]));
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
      g_assert_nonnull (sqlite3_column_text (stmt, 4));
      sqlite3_reset (stmt);
      (*n_confirmed)++;
    }

  g_assert_true (grm_session_store_verify_audit (db, &n_entries, &error));
  g_assert_no_error (error);
  stmt = grm_db_prepare (db, "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_reset (stmt);
}

static gboolean
state_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

static char *
read_all (GInputStream *in)
{
  GString *text = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = g_input_stream_read_bytes (in, 65536, NULL, &error);

      g_assert_no_error (error);
      if (g_bytes_get_size (bytes) == 0)
        break;
      g_string_append_len (text, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_string_free (text, FALSE);
}

static gboolean
kill_cb (gpointer data)
{
  GSubprocess *child = data;

  g_subprocess_send_signal (child, SIGKILL);
  return G_SOURCE_REMOVE;
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Reader *r = data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  r->done = TRUE;
  g_main_loop_quit (r->loop);
}

static void
test_sigkill (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *self_dir = g_path_get_dirname (self);
  /* Next to this test in the build tree (G_TEST_BUILDDIR points elsewhere). */
  g_autofree char *recorder = g_build_filename (self_dir, "live-recorder", NULL);
  g_autoptr(GrmStore) store = live_fixture_open (&dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSessionState) state = NULL;
  GrmSessionOp *op;
  guint confirmed = 0;

  path = g_strdup (grm_store_get_path (store));
  live_fixture_load (store, &error);
  g_assert_no_error (error);
  op = grm_session_op_new (GRM_SESSION_OP_START, LIVE_MEETING, "test");
  live_fixture_run (store, op, &error);
  g_assert_no_error (error);
  grm_session_op_free (op);
  grm_store_read_sync (store, state_job, NULL, (gpointer *) &state, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < 20; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);

      op = grm_session_op_new (GRM_SESSION_OP_ARRIVE, LIVE_MEETING, "test");
      op->person = g_strdup (m->person);
      live_fixture_run (store, op, &error);
      g_assert_no_error (error);
      grm_session_op_free (op);
    }
  g_clear_object (&store);

  for (guint round = 0; round < ROUNDS; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
      Reader r = { loop, NULL, FALSE };
      guint before = confirmed;
      guint delay = g_test_rand_int_range (30, 400);
      g_autofree char *text = NULL;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, recorder, path, NULL);
      g_assert_no_error (error);
      g_timeout_add (delay, kill_cb, child);
      g_subprocess_wait_async (child, NULL, wait_cb, &r);
      g_main_loop_run (loop);
      g_assert_true (r.done);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      /* The pipe keeps what the child wrote before it died. */
      text = read_all (g_subprocess_get_stdout_pipe (child));
      check_confirmed (path, text, &confirmed);
      g_test_message ("round %u: killed after %u ms, %u votes confirmed and found", round, delay,
                      confirmed - before);
    }
  g_assert_cmpuint (confirmed, >, 0);
  live_fixture_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live/durability/sigkill", test_sigkill);
  return g_test_run ();
}
