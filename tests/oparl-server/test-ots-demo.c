/* test-ots-demo.c: integration test of --exit-on-stdin-close, with which
 * the app's demo mode ties the server's life to its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <signal.h>
#include <sys/prctl.h>

#include "test-ots-helpers.h"

void test_demo_register (void);

static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *done = TRUE;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("The server did not stop when its stdin closed");
  return G_SOURCE_REMOVE;
}

/* The demo's launcher holds the server's stdin: closing it stops the server. */
static void
test_exit_on_stdin_close (void)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = g_strdup_printf ("--data=%s/oparl/huertgenwald", test_data_dir ());
  g_autofree char *line = NULL;
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean done = FALSE;
  guint timeout;

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawn (launcher, &error, test_server_binary, data, "--port=0",
                                         "--shift-dates", "--exit-on-stdin-close", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "http://127.0.0.1:"));

  /* Serving while stdin is open. */
  msg = soup_message_new ("GET", line);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (g_subprocess_get_identifier (process));

  g_output_stream_close (g_subprocess_get_stdin_pipe (process), NULL, &error);
  g_assert_no_error (error);
  timeout = g_timeout_add_seconds (20, timeout_cb, NULL);
  g_subprocess_wait_async (process, NULL, wait_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

void
test_demo_register (void)
{
  g_test_add_func ("/oparl-server/demo/exit-on-stdin-close", test_exit_on_stdin_close);
}
