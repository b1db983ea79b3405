/* test-push-app.c: publishing from the app, under Xvfb, against the test
 * server with its write extension (argv[1]). A vote recorded on the live
 * session page makes the sidebar's Outbox section appear with one waiting
 * change; with credentials set, the background push empties it and the
 * server has the vote. Screenshots of the outbox page (light and dark) and
 * of the window land in G_TEST_BUILDDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "grm-application-push.h"
#include "grm-outbox-page.h"
#include "grm-push.h"
#include "grm-session-page.h"
#include "grm-session-store.h"
#include "grm-store-outbox.h"
#include "grm-sync.h"
#include "grm-test-ui.h"
#include "grm-window-private.h"

static const char *server_path;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  grm_sync_run_finish (GRM_SYNC (source), result, error);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static void
sync_into (const char *db_path, const char *system_url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (db_path, &error);
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  g_autoptr(GrmSync) sync = NULL;

  g_assert_no_error (error);
  sync = grm_sync_new (store, system_url, options);
  grm_sync_run_async (sync, NULL, sync_done_cb, &error);
  while (g_object_get_data (G_OBJECT (sync), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
}

static gboolean
item5_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT o.id FROM agenda_item a JOIN object o "
                                           "ON o.oid = a.oid WHERE a.meeting = ? AND "
                                           "a.number = '5.'", error);

  grm_db_bind_text (stmt, 1, data);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *result = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
list_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_store_outbox_list (db, -1, error);
  return *result != NULL;
}

typedef struct
{
  GrmWindow        *window;
  GrmPushScheduler *scheduler;
  GrmSessionPage   *page;
  guint             n;
} Wait;

static gboolean
has_scheduler (gpointer data)
{
  Wait *w = data;

  w->scheduler = grm_application_get_push_scheduler (
    GRM_APPLICATION (gtk_window_get_application (GTK_WINDOW (w->window))));
  return w->scheduler != NULL && grm_push_scheduler_get_has_write_api (w->scheduler);
}

static gboolean
page_settled (gpointer data)
{
  Wait *w = data;

  return !grm_session_page_get_busy (w->page) && grm_session_page_get_state (w->page) != NULL;
}

static GtkWidget *
outbox_row (GrmWindow *window)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (window->sidebar));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), "outbox") == 0)
      return row;
  return NULL;
}

/* The sidebar row is visible and its count says @n (hidden for 0). */
static gboolean
row_says (gpointer data)
{
  Wait *w = data;
  GtkWidget *row = outbox_row (w->window);
  GtkWidget *count = row ? g_object_get_data (G_OBJECT (row), "grm-count") : NULL;
  g_autofree char *text = g_strdup_printf ("%u", w->n);

  if (row == NULL || !gtk_widget_get_visible (row))
    return FALSE;
  if (w->n == 0)
    return !gtk_widget_get_visible (count);
  return gtk_widget_get_visible (count) && g_str_equal (gtk_label_get_text (GTK_LABEL (count)), text);
}

/* The counts caught up with the push: one problem, warned of in the row. */
static gboolean
conflict_shown (gpointer data)
{
  Wait *w = data;
  GtkWidget *row = outbox_row (w->window);

  return grm_push_scheduler_get_n_problems (w->scheduler) == 1
         && gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "grm-warning"));
}

/* The conflict's row, with the server's name of the meeting. */
static gboolean
server_name_shown (gpointer data)
{
  return grm_test_find_label (data, "verlegt") != NULL;
}

static gboolean
rows_shown (gpointer data)
{
  Wait *w = data;
  GtkWidget *page = gtk_stack_get_child_by_name (w->window->content_stack, "outbox");

  return grm_outbox_page_get_n_rows (GRM_OUTBOX_PAGE (page)) == w->n;
}

static GtkWidget *
find_action_button (GtkWidget *root, const char *action)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)),
                                          action) == 0)
        return c;
      if ((found = find_action_button (c, action)) != NULL)
        return found;
    }
  return NULL;
}

static void
act (Wait *w, const char *action, GVariant *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (w->page), action, param));
  grm_test_wait_for (page_settled, w, 20, action);
}

static void
dark (gboolean on)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      on ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  grm_test_settle (700);
}

/* The meeting as an OParl reader with the clerk's credentials sees it. */
static char *
server_meeting (const char *meeting)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", meeting);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_append (soup_message_get_request_headers (msg), "Authorization",
                               "Basic Y2xlcms6c2VjcmV0");   /* clerk:secret */
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* Someone else renames the meeting on the server (its version moves on). */
static void
change_on_server (const char *system_url,
                  const char *meeting,
                  const char *name)
{
  g_autofree char *base = g_strndup (system_url, strlen (system_url) - strlen ("system"));
  g_autofree char *escaped = g_uri_escape_string (meeting, NULL, FALSE);
  g_autofree char *url = g_strconcat (base, "_admin/objects?id=", escaped, NULL);
  g_autofree char *put_url = g_strconcat (base, "_admin/objects", NULL);
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) get = soup_message_new ("GET", url);
  g_autoptr(SoupMessage) put = soup_message_new ("PUT", put_url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, get, NULL, NULL);
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (body, NULL), NULL);
  g_autofree char *json = NULL;
  g_autoptr(GBytes) request = NULL;
  g_autoptr(GBytes) answer = NULL;

  g_assert_cmpuint (soup_message_get_status (get), ==, 200);
  json_object_set_string_member (json_node_get_object (node), "name", name);
  json = json_to_string (node, FALSE);
  request = g_bytes_new (json, strlen (json));
  soup_message_set_request_body_from_bytes (put, "application/json", request);
  answer = soup_session_send_and_read (session, put, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (put), ==, 200);
}

static gboolean
failed_seen (gpointer data)
{
  return *(char **) data != NULL;
}

static void
failed_cb (GrmPushScheduler *scheduler,
           const char       *message,
           char            **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

static gboolean
create_meeting_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  const char * const items[] = { "1.|Eröffnung der Sitzung|1", "2.|Radweg Südstadt|1", NULL };

  *result = grm_session_store_create_meeting (db, "Hauptausschuss (Sondersitzung)",
                                              "2026-12-01T18:00:00+01:00", NULL, items,
                                              "Test Secretary", error);
  return *result != NULL;
}

static gboolean
remote_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_store_outbox_dup_remote (db, data, error);
  return *result != NULL;
}

typedef struct
{
  GrmWindow  *window;
  const char *old_name;
} Swap;

/* The session page of the local id is gone, one of the server's id shown. */
static gboolean
page_swapped (gpointer data)
{
  Swap *s = data;
  const char *section = grm_window_get_section (s->window);

  return gtk_stack_get_child_by_name (s->window->content_stack, s->old_name) == NULL
         && g_str_has_prefix (section, "session:http");
}

/* The first run of the app (a process of its own, so that the second
 * starts afresh): no account yet, so a vote recorded live is collected
 * and waits; the app closes with it in the outbox. */
static void
test_record (void)
{
  g_autoptr(GError) error = NULL;
  const char *db_path = g_getenv ("GRM_TEST_DB");
  const char *meeting = g_getenv ("GRM_TEST_MEETING");
  g_autofree char *item = NULL;
  g_autofree char *tooltip = NULL;
  GrmApplication *app = NULL;
  GrmStore *store;
  Wait w = { 0 };

  /* No account yet: the outbox collects, nothing is sent. */
  w.window = grm_test_start_app (&app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (w.window), 1100, 720);
  grm_test_wait_for (has_scheduler, &w, 20, "the write extension is known");
  grm_push_scheduler_set_delay (w.scheduler, 200);
  store = grm_application_get_store (app);
  grm_store_read_sync (store, item5_job, (gpointer) meeting, (gpointer *) &item, &error);
  g_assert_no_error (error);

  /* The section is there (the server offers the write extension), with
   * nothing waiting. */
  w.n = 0;
  grm_test_wait_for (row_says, &w, 10, "an empty outbox in the sidebar");

  /* A vote recorded live. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.open-session", "(ss)",
                                             meeting, "Gemeinderat"));
  w.page = GRM_SESSION_PAGE (grm_window_get_visible_page (w.window));
  g_assert_true (GRM_IS_SESSION_PAGE (w.page));
  grm_test_wait_for (page_settled, &w, 20, "the session page");
  act (&w, "session.start", NULL);
  act (&w, "session.all-present", NULL);
  act (&w, "session.open-item", g_variant_new_string (item));
  act (&w, "session.unanimous", NULL);

  /* A few seconds later: collected, one change waits. */
  w.n = 1;
  grm_test_wait_for (row_says, &w, 20, "one waiting change in the sidebar");
  tooltip = g_strdup (gtk_widget_get_tooltip_text (outbox_row (w.window)));
  {
    /* (In the language the test runs in: German for the screenshots.) */
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Outbox, %u change waiting",
                                                              "Outbox, %u changes waiting", 1), 1);

    g_assert_cmpstr (tooltip, ==, expected);
  }
  grm_window_show_section (w.window, "outbox");
  grm_test_wait_for (rows_shown, &w, 10, "the waiting change on the outbox page");
  grm_test_settle (300);
  /* No account: the page says so and offers to add one. */
  g_assert_true (gtk_widget_get_visible (
    find_action_button (gtk_stack_get_child_by_name (w.window->content_stack, "outbox"),
                        "app.connect")));
  g_free (grm_test_screenshot (GTK_WIDGET (w.window), "outbox-app.png"));
  dark (TRUE);
  g_free (grm_test_screenshot (GTK_WIDGET (w.window), "outbox-app-dark.png"));
  dark (FALSE);
  /* Every control on the page is reached by Tab and has a name, and the
   * sidebar row says what its number means. */
  g_assert_cmpuint (grm_test_check_keyboard (GTK_WIDGET (w.window),
                                             gtk_stack_get_child_by_name (w.window->content_stack,
                                                                          "outbox"),
                                             "outbox"), >=, 1);
  grm_window_show_section (w.window, "outbox");

  grm_test_stop_app (app);
}

static void
test_outbox_section (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GrmCredentials) credentials = NULL;
  g_autoptr(GrmPush) push = NULL;
  g_autofree char *system_url = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *json = NULL;
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *huertgenwald = g_build_filename (shared, "oparl", "huertgenwald", NULL);
  GrmApplication *app = NULL;
  GrmStore *store;
  Wait w = { 0 };
  gint64 published_at;

  if (g_test_subprocess ())
    {
      test_record ();
      return;
    }
  dir = g_dir_make_tmp ("gremium-push-app-XXXXXX", &error);
  g_assert_no_error (error);
  db_path = g_build_filename (dir, "gremium.db", NULL);
  /* A test that aborts takes its server with it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, server_path, "--data", huertgenwald,
                                        "--port", "0", "--account", "clerk:secret", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  system_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (system_url);
  sync_into (db_path, system_url);
  {
    g_autofree char *base = g_strndup (system_url, strlen (system_url) - strlen ("system"));

    meeting = g_strconcat (base, "body/1/meeting/2531", NULL);
  }

  /* The first run records the vote and closes with it waiting. */
  g_setenv ("GRM_TEST_DB", db_path, TRUE);
  g_setenv ("GRM_TEST_MEETING", meeting, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Started again: the change still waits. */
  w.window = grm_test_start_app (&app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (w.window), 1100, 720);
  grm_test_wait_for (has_scheduler, &w, 20, "the write extension is known again");
  grm_push_scheduler_set_delay (w.scheduler, 200);
  store = grm_application_get_store (app);
  w.n = 1;
  grm_test_wait_for (row_says, &w, 20, "the waiting change after a restart");
  grm_window_show_section (w.window, "outbox");
  grm_test_wait_for (rows_shown, &w, 10, "the waiting change on the page after a restart");
  w.page = NULL;

  /* Credentials (the in-memory source stands in for the keyring): the
   * scheduler publishes, and the outbox empties. */
  credentials = grm_credentials_new_in_memory (system_url, "clerk", "secret");
  push = grm_push_new (store, credentials);
  published_at = g_get_monotonic_time ();
  grm_push_scheduler_set_push (w.scheduler, push);
  w.n = 0;
  grm_test_wait_for (row_says, &w, 30, "the outbox emptied");
  g_test_message ("published and counted again %.0f ms after the credentials came "
                  "(200 ms of it the scheduler's delay)",
                  (g_get_monotonic_time () - published_at) / 1000.0);
  grm_test_wait_for (rows_shown, &w, 10, "no row on the outbox page");
  g_assert_null (grm_push_scheduler_get_last_error (w.scheduler));
  g_assert_false (gtk_widget_get_visible (
    find_action_button (gtk_stack_get_child_by_name (w.window->content_stack, "outbox"),
                        "app.connect")));
  g_free (grm_test_screenshot (GTK_WIDGET (w.window), "outbox-app-empty.png"));

  grm_store_read_sync (store, list_job, NULL, (gpointer *) &entries, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((GrmOutboxEntry *) entries->pdata[0])->state, ==, GRM_OUTBOX_SENT);
  json = server_meeting (meeting);
  g_assert_nonnull (strstr (json, "\"gremium:votes\""));
  g_assert_nonnull (strstr (json, "\"unanimous\""));

  /* Someone else changes the meeting on the server; the next vote here
   * conflicts: the sidebar shows the warning, a toast says it, and the
   * page offers the two ways out. */
  {
    g_autofree char *failed = NULL;
    g_autofree char *session_section = g_strconcat ("session:", meeting, NULL);
    GtkWidget *row = outbox_row (w.window);
    GtkWidget *outbox_page = gtk_stack_get_child_by_name (w.window->content_stack, "outbox");
    gulong id = g_signal_connect (w.scheduler, "failed", G_CALLBACK (failed_cb), &failed);

    change_on_server (system_url, meeting, "Gemeinderat (8. Sitzung), verlegt");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.open-session", "(ss)",
                                               meeting, "Gemeinderat"));
    g_assert_cmpstr (grm_window_get_section (w.window), ==, session_section);
    w.page = GRM_SESSION_PAGE (grm_window_get_visible_page (w.window));
    grm_test_wait_for (page_settled, &w, 20, "the session page again");
    act (&w, "session.next-item", NULL);
    act (&w, "session.unanimous", NULL);
    grm_test_wait_for (failed_seen, &failed, 30, "a conflict announced");
    g_signal_handler_disconnect (w.scheduler, id);
    w.n = 1;
    grm_test_wait_for (conflict_shown, &w, 10, "one change in conflict");
    g_assert_true (row_says (&w));
    g_assert_true (gtk_widget_get_visible (g_object_get_data (G_OBJECT (row), "grm-warning")));
    grm_window_show_section (w.window, "outbox");
    grm_test_wait_for (server_name_shown, outbox_page, 10, "the conflict on the outbox page");
    g_assert_true (rows_shown (&w));
    grm_test_settle (300);
    g_free (grm_test_screenshot (GTK_WIDGET (w.window), "outbox-app-conflict.png"));
    dark (TRUE);
    g_free (grm_test_screenshot (GTK_WIDGET (w.window), "outbox-app-conflict-dark.png"));
    dark (FALSE);
  }

  /* A meeting made here, its session started: the server creates it, and
   * the open session page goes on under the server's id. */
  {
    g_autofree char *local = NULL;
    g_autofree char *remote = NULL;
    g_autofree char *old_name = NULL;
    g_autofree char *new_name = NULL;
    Swap swap = { w.window, NULL };

    grm_store_write_sync (store, create_meeting_job, NULL, (gpointer *) &local, &error);
    g_assert_no_error (error);
    old_name = g_strconcat ("session:", local, NULL);
    swap.old_name = old_name;
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w.window), "win.open-session", "(ss)",
                                               local, "Hauptausschuss"));
    w.page = GRM_SESSION_PAGE (grm_window_get_visible_page (w.window));
    grm_test_wait_for (page_settled, &w, 20, "the local meeting's session page");
    act (&w, "session.start", NULL);
    grm_test_wait_for (page_swapped, &swap, 30, "the session page under the server's id");
    grm_store_read_sync (store, remote_job, local, (gpointer *) &remote, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (remote, "http://127.0.0.1"));
    new_name = g_strconcat ("session:", remote, NULL);
    g_assert_cmpstr (grm_window_get_section (w.window), ==, new_name);
    w.page = GRM_SESSION_PAGE (grm_window_get_visible_page (w.window));
    grm_test_wait_for (page_settled, &w, 20, "the session page read again");
    g_assert_true (grm_session_page_get_state (w.page)->has_session);
  }

  grm_test_stop_app (app);
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
  for (const char *suffix = ""; suffix; suffix = g_str_equal (suffix, "") ? "-wal"
                                           : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *p = g_strconcat (db_path, suffix, NULL);

      g_unlink (p);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* (The run in a process of its own has no server of its own.) */
  g_assert_true (argc >= 2 || g_test_subprocess ());
  server_path = argc >= 2 ? argv[1] : NULL;
  g_test_add_func ("/push/app/outbox-section", test_outbox_section);
  return g_test_run ();
}
