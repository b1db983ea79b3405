/* test-ui-sync.c: syncing as the user sees it, against the real test
 * server: the header bar's sync button with its progress and Cancel; a
 * failed sync shown persistently (also after the app starts again on the
 * same database); the connect dialog that looks at the server first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-application-private.h"
#include "grm-connect-dialog.h"
#include "grm-store-sync-status.h"
#include "grm-test-ui.h"
#include "grm-window-private.h"

static const char *server_path;

/* The tests also run in German (GRM_TEST_LOCALEDIR, LC_ALL=de_DE.UTF-8)
 * to look at the screens: texts are looked up through the catalogue. */
static char *
tr (const char *msgid)
{
  const char *text = g_dgettext (GETTEXT_PACKAGE, msgid);
  GString *out = g_string_new (NULL);

  /* Without the mnemonic underscore, as a label shows it. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p != '_')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/* The longest literal part of a translated format string. */
static char *
tr_part (const char *translated)
{
  g_autoptr(GRegex) re = g_regex_new ("%[-0-9.]*[a-zA-Z]", 0, 0, NULL);
  g_auto(GStrv) parts = g_regex_split (re, translated, 0);
  const char *best = "";

  for (guint i = 0; parts[i] != NULL; i++)
    if (strlen (parts[i]) > strlen (best))
      best = parts[i];
  return g_strdup (best);
}

/* "today at " in the banner's title, "objects" in the counts. */
#define TODAY (P ("today at %H:%M"))
#define OBJECTS (P (g_dngettext (GETTEXT_PACKAGE, "%u object", "%u objects", 2)))
#define T(msgid) (tr_hold (tr (msgid)))
#define P(msgid) (tr_hold (tr_part (g_dgettext (GETTEXT_PACKAGE, msgid))))

/* Keeps the strings until the process ends: tests are short. */
static const char *
tr_hold (char *text)
{
  static GPtrArray *held;

  if (held == NULL)
    held = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (held, text);
  return text;
}


typedef struct
{
  GSubprocess *process;
  char        *system_url;
  char        *base;
} Server;

static void
server_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static Server *
server_start_data (const char *name,
                   const char *latency_ms)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *data = g_build_filename (g_getenv ("GRM_SHARED_DATA"), "oparl", name, NULL);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  Server *server = g_new0 (Server, 1);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* A test that fails half-way leaves no server behind. */
  g_subprocess_launcher_set_child_setup (launcher, server_child_setup, NULL, NULL);
  server->process = g_subprocess_launcher_spawn (launcher, &error, server_path, "--data", data,
                                                 "--port", "0", "--latency", latency_ms, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->system_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (server->system_url, "http://127.0.0.1:"));
  server->base = g_strndup (server->system_url,
                            strchr (server->system_url + 7, '/') + 1 - server->system_url);
  return server;
}

static Server *
server_start (const char *latency_ms)
{
  return server_start_data ("huertgenwald", latency_ms);
}

static void
server_stop (Server *server)
{
  g_subprocess_force_exit (server->process);
  g_subprocess_wait (server->process, NULL, NULL);
  g_object_unref (server->process);
  g_free (server->system_url);
  g_free (server->base);
  g_free (server);
}

static void
server_admin (Server     *server,
              const char *what,
              const char *json,
              guint       status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->base, what, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("POST", url);
  g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, status);
}

static void
server_faults (Server     *server,
               const char *json)
{
  server_admin (server, "_admin/faults", json, 200);
}

static void
set_account (const char *url,
             const char *schedule)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_string (settings, "sync-schedule", schedule);
  if (url != NULL)
    g_settings_set_value (settings, "accounts", g_variant_new_parsed ("[(%s, '')]", url));
  else
    g_settings_reset (settings, "accounts");
}

static gboolean
is_browsing (gpointer data)
{
  GrmWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "browse") == 0;
}

static GrmSyncMonitor *
monitor_of (GrmApplication *app)
{
  return grm_application_get_sync_monitor (app);
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (GRM_WINDOW (data)->leaflet);
}

static gboolean
is_running (gpointer data)
{
  return grm_sync_monitor_get_running (data);
}

static gboolean
is_idle (gpointer data)
{
  return !grm_sync_monitor_get_running (data);
}

static gboolean
has_objects (gpointer data)
{
  GrmSyncMonitor *monitor = data;
  guint before = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (monitor), "before"));

  return grm_sync_monitor_get_objects (monitor) > before;
}

static GrmSyncServer *
first_server (GrmSyncMonitor *monitor)
{
  GPtrArray *servers = grm_sync_monitor_get_servers (monitor);

  return servers->len > 0 ? g_ptr_array_index (servers, 0) : NULL;
}

static gboolean
has_failed (gpointer data)
{
  GrmSyncServer *server = first_server (data);

  return !grm_sync_monitor_get_running (data) && server != NULL && server->last_error != NULL;
}

static gboolean
has_succeeded (gpointer data)
{
  GrmSyncServer *server = first_server (data);

  return !grm_sync_monitor_get_running (data) && server != NULL && server->last_success != 0
         && server->last_error == NULL;
}

static gboolean
banner_shown (gpointer data)
{
  return grm_sync_banner_get_revealed (data);
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* What a click does: GtkButton's keyboard activation waits 250 ms. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* The mapped button whose label reads exactly @text. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0
      && gtk_widget_get_ancestor (root, GTK_TYPE_BUTTON) != NULL)
    return gtk_widget_get_ancestor (root, GTK_TYPE_BUTTON);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
button_with_label (GtkWidget  *root,
                   const char *text)
{
  GtkWidget *button = find_button (root, text);

  g_assert_nonnull (button);
  return button;
}

/* The main part of the header bar's split button, as a click reaches it. */
static void
click_sync_button (GrmWindow *window)
{
  GtkWidget *split = grm_test_find_type (GTK_WIDGET (window->sync_button),
                                         ADW_TYPE_SPLIT_BUTTON);

  g_assert_nonnull (split);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (split), !=, NULL);
  click (grm_test_find_type (split, GTK_TYPE_BUTTON));
}

static GtkWidget *
open_popover (GrmWindow *window)
{
  GtkWidget *popover = grm_sync_button_get_popover (window->sync_button);

  grm_sync_button_popup (window->sync_button);
  grm_test_wait_for (is_mapped, popover, 10, "the sync popover");
  grm_test_settle (100);
  return popover;
}

/* With GRM_TEST_SHOOT_DIR, the whole X screen as well, popovers included
 * (a widget's own snapshot leaves them out): for looking at the screens. */
static void
shoot_screen (const char *name)
{
  const char *dir = g_getenv ("GRM_TEST_SHOOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (dir == NULL)
    return;
  grm_test_settle (300);
  path = g_build_filename (dir, name, NULL);
  {
    const char *argv[] = { "/usr/bin/import", "-window", "root", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("Screen: %s", path);
}

static void
maybe_dark (GrmWindow *window)
{
  if (g_getenv ("GRM_TEST_DARK") != NULL)
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
}

/* Start from the header bar, watch the progress, cancel. */
static void
test_progress_and_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  Server *server = server_start ("150");
  GrmApplication *app;
  GrmWindow *window;
  GrmSyncMonitor *monitor;
  GtkWidget *popover;
  GrmSyncServer *status;
  guint objects;

  set_account (server->system_url, "manual");
  window = grm_test_start_app (&app, db);
  maybe_dark (window);
  monitor = monitor_of (app);
  grm_test_wait_for (is_browsing, window, 20, "the window");
  grm_test_settle (300);
  g_assert_false (grm_sync_monitor_get_running (monitor));
  g_assert_false (grm_sync_banner_get_revealed (window->sync_banner));

  /* Idle, the popover says the server was never synced. */
  popover = open_popover (window);
  g_assert_nonnull (grm_test_find_label (popover, T ("Not synced yet")));
  gtk_popover_popdown (GTK_POPOVER (popover));

  click_sync_button (window);
  g_assert_true (grm_sync_monitor_get_running (monitor));
  g_object_set_data (G_OBJECT (monitor), "before", GUINT_TO_POINTER (0));
  grm_test_wait_for (has_objects, monitor, 30, "the first objects");

  /* While it runs, a click shows the progress instead of syncing again. */
  click_sync_button (window);
  grm_test_wait_for (is_mapped, popover, 10, "the progress popover");
  g_assert_nonnull (grm_test_find_label (popover, OBJECTS));
  g_assert_nonnull (grm_test_find_label (popover, T ("_Cancel Sync")));
  objects = grm_sync_monitor_get_objects (monitor);
  g_object_set_data (G_OBJECT (monitor), "before", GUINT_TO_POINTER (objects));
  grm_test_wait_for (has_objects, monitor, 30, "more objects");
  g_assert_cmpuint (grm_sync_monitor_get_objects (monitor), >, objects);
  grm_test_settle (300);
  {
    /* The label follows ::progress: it counts more than it did. */
    GtkWidget *counts = grm_test_find_label (popover, OBJECTS);

    g_assert_cmpuint (g_ascii_strtoull (gtk_label_get_text (GTK_LABEL (counts)), NULL, 10),
                      >, objects);
  }
  g_free (grm_test_screenshot (popover, "sync-progress-popover.png"));
  shoot_screen ("sync-progress-screen.png");
  g_free (grm_test_screenshot (GTK_WIDGET (window), "sync-progress.png"));

  click (button_with_label (popover, T ("_Cancel Sync")));
  grm_test_wait_for (is_idle, monitor, 20, "the sync to stop");
  status = first_server (monitor);
  g_assert_nonnull (status);
  g_assert_true (status->cancelled);
  g_assert_false (status->running);
  grm_test_settle (300);
  g_assert_nonnull (grm_test_find_label (popover, T ("Sync cancelled before the first sync completed")));
  /* Cancelling is not a failure: nothing stale to warn about. */
  g_assert_false (grm_sync_banner_get_revealed (window->sync_banner));
  g_free (grm_test_screenshot (popover, "sync-cancelled-popover.png"));
  gtk_popover_popdown (GTK_POPOVER (popover));
  grm_test_settle (100);

  /* A narrow window folds the sidebar and its button away: a spinner in
   * the content's header says that a sync runs, and only then. */
  g_assert_false (gtk_widget_get_visible (window->folded_sync_spinner));
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  grm_test_wait_for (is_folded, window, 10, "the window to fold");
  g_assert_false (gtk_widget_get_visible (window->folded_sync_spinner));
  g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  grm_test_wait_for (is_running, monitor, 10, "the sync to start");
  grm_test_settle (100);
  g_assert_true (gtk_widget_get_visible (window->folded_sync_spinner));
  g_assert_true (gtk_widget_get_mapped (window->folded_sync_spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (window->folded_sync_spinner)));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "sync-folded.png"));
  grm_sync_monitor_cancel (monitor);
  grm_test_wait_for (is_idle, monitor, 20, "the sync to stop");
  grm_test_settle (100);
  g_assert_false (gtk_widget_get_visible (window->folded_sync_spinner));

  grm_test_stop_app (app);
  server_stop (server);
}

/* A sync that fails stays visible: in the banner and the popover, and
 * after the app starts again on the same database. A GtkApplication stays
 * on the bus until its process ends, so each start is a process of its
 * own; the parent keeps the server and the database directory. */
static Server *
env_server (void)
{
  Server *server = g_new0 (Server, 1);

  server->system_url = g_strdup (g_getenv ("GRM_TEST_SYNC_URL"));
  server->base = g_strdup (g_getenv ("GRM_TEST_SYNC_BASE"));
  g_assert_nonnull (server->system_url);
  return server;
}

static void
env_server_free (Server *server)
{
  g_free (server->system_url);
  g_free (server->base);
  g_free (server);
}

static gboolean
find_preferences (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_PREFERENCES_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_failure_first (void)
{
  g_autofree char *db = g_build_filename (g_getenv ("GRM_TEST_SYNC_DIR"), "gremium.db", NULL);
  g_autofree char *reason_file = g_build_filename (g_getenv ("GRM_TEST_SYNC_DIR"), "reason",
                                                   NULL);
  const char *reason;
  Server *server = env_server ();
  GrmApplication *app;
  GrmWindow *window;
  GrmSyncMonitor *monitor;
  GtkWidget *popover;
  GtkWidget *prefs = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Hourly: the first sync starts with the app. */
  set_account (server->system_url, "hourly");
  window = grm_test_start_app (&app, db);
  maybe_dark (window);
  monitor = monitor_of (app);
  grm_test_wait_for (has_succeeded, monitor, 120, "the first sync");
  g_test_message ("First sync: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_false (grm_sync_banner_get_revealed (window->sync_banner));

  /* The server breaks; the user syncs again. */
  server_faults (server, "{\"error_rate\": 1.0}");
  start = g_get_monotonic_time ();
  {
    g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                  "app.sync");

    /* Ctrl+R and F5 are bound (one alternative trigger, which
     * grm_test_press_key cannot match), so run what they run. */
    g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>r"));
    g_assert_true (g_strv_contains ((const char * const *) accels, "F5"));
    g_action_group_activate_action (G_ACTION_GROUP (app), "sync", NULL);
  }
  g_assert_true (grm_sync_monitor_get_running (monitor));
  grm_test_wait_for (has_failed, monitor, 120, "the sync to fail");
  g_test_message ("Failing sync: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  grm_test_wait_for (banner_shown, window->sync_banner, 10, "the banner");
  grm_test_settle (300);
  reason = grm_sync_banner_get_text (window->sync_banner);
  g_assert_nonnull (strstr (reason, "503"));
  g_assert_true (g_file_set_contents (reason_file, reason, -1, NULL));
  g_assert_nonnull (grm_test_find_label (GTK_WIDGET (window->sync_banner), TODAY));
  g_assert_nonnull (grm_test_find_label (GTK_WIDGET (window->sync_banner), T ("_Try Again")));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "sync-failed.png"));

  /* Details: the popover with the whole reason. */
  click (button_with_label (GTK_WIDGET (window->sync_banner), T ("_Details")));
  popover = grm_sync_button_get_popover (window->sync_button);
  grm_test_wait_for (is_mapped, popover, 10, "the details");
  grm_test_settle (200);
  g_assert_nonnull (grm_test_find_label (popover, P ("The last sync failed. Data last current %s")));
  g_assert_nonnull (grm_test_find_label (popover, reason));
  g_assert_nonnull (grm_test_find_label (popover, T ("_Try Again")));
  g_free (grm_test_screenshot (popover, "sync-failed-popover.png"));
  shoot_screen ("sync-failed-screen.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  grm_test_settle (100);

  /* The preferences say it too, next to the account. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  grm_test_wait_for (find_preferences, &prefs, 10, "the preferences");
  grm_test_settle (200);
  g_assert_nonnull (grm_test_find_label (prefs, P ("The last sync failed. Data last current %s")));
  g_assert_nonnull (grm_test_find_label (prefs, reason));
  g_free (grm_test_screenshot (prefs, "sync-failed-preferences.png"));
  gtk_window_close (GTK_WINDOW (prefs));
  grm_test_settle (100);
  grm_test_stop_app (app);
  env_server_free (server);
}

static void
test_failure_restart (void)
{
  g_autofree char *db = g_build_filename (g_getenv ("GRM_TEST_SYNC_DIR"), "gremium.db", NULL);
  g_autofree char *reason_file = g_build_filename (g_getenv ("GRM_TEST_SYNC_DIR"), "reason",
                                                   NULL);
  g_autofree char *reason = NULL;
  Server *server = env_server ();
  GrmApplication *app;
  GrmWindow *window;

  g_assert_true (g_file_get_contents (reason_file, &reason, NULL, NULL));
  /* No sync at startup: what shows comes from the database. */
  set_account (server->system_url, "manual");
  window = grm_test_start_app (&app, db);
  maybe_dark (window);
  grm_test_wait_for (banner_shown, window->sync_banner, 20, "the banner after a restart");
  grm_test_settle (300);
  g_assert_cmpstr (grm_sync_banner_get_text (window->sync_banner), ==, reason);
  g_assert_nonnull (grm_test_find_label (GTK_WIDGET (window->sync_banner), TODAY));

  /* The server works again: Try Again clears the banner. */
  server_faults (server, "{\"error_rate\": 0.0}");
  click (button_with_label (GTK_WIDGET (window->sync_banner), T ("_Try Again")));
  g_assert_true (grm_sync_monitor_get_running (monitor_of (app)));
  grm_test_wait_for (has_succeeded, monitor_of (app), 120, "the sync to succeed again");
  grm_test_settle (200);
  g_assert_false (grm_sync_banner_get_revealed (window->sync_banner));
  grm_test_stop_app (app);
  env_server_free (server);
}

static void
test_failure_persists (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-sync-XXXXXX", NULL);
  Server *server = server_start ("0");

  g_setenv ("GRM_TEST_SYNC_DIR", dir, TRUE);
  g_setenv ("GRM_TEST_SYNC_URL", server->system_url, TRUE);
  g_setenv ("GRM_TEST_SYNC_BASE", server->base, TRUE);
  g_test_trap_subprocess ("/ui/sync/failure/subprocess/first", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_test_trap_subprocess ("/ui/sync/failure/subprocess/restart", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  server_stop (server);
}

static gboolean
dialog_settled (gpointer data)
{
  return g_strcmp0 (grm_connect_dialog_get_stage (data), "checking") != 0;
}

static gboolean
find_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GRM_IS_CONNECT_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(GtkWidget **) data = GTK_WIDGET (window);
          return TRUE;
        }
    }
  return FALSE;
}

static void
try_address (GtkWidget  *dialog,
             const char *url)
{
  gtk_editable_set_text (GTK_EDITABLE (grm_test_find_type (dialog, ADW_TYPE_ENTRY_ROW)), url);
  click (button_with_label (dialog, T ("_Next")));
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "checking");
  grm_test_wait_for (dialog_settled, dialog, 30, "the look at the server");
}

static void
test_connect (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  g_autofree char *not_oparl = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) accounts = NULL;
  g_auto(GStrv) bodies = NULL;
  Server *server = server_start ("100");
  GrmApplication *app;
  GrmWindow *window;
  GtkWidget *dialog = NULL;
  const char *url = NULL, *user = NULL;

  set_account (NULL, "manual");
  window = grm_test_start_app (&app, db);
  maybe_dark (window);
  grm_test_wait_for (is_browsing, window, 20, "the window");
  grm_test_settle (300);

  /* The welcome page's Connect leads into the dialog. */
  click (button_with_label (GTK_WIDGET (window->welcome_page),
                            T ("_Connect to Your Council's Server")));
  grm_test_wait_for (find_dialog, &dialog, 10, "the connect dialog");
  grm_test_settle (200);
  /* Every control can be reached with Tab and has a name. */
  g_assert_cmpuint (grm_test_check_keyboard (dialog, dialog, "connect"), >=, 4);

  /* An address that answers, but not as OParl: said plainly, nothing saved. */
  not_oparl = g_strconcat (server->base, "_admin/stats", NULL);
  try_address (dialog, not_oparl);
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "address");
  g_assert_nonnull (strstr (grm_connect_dialog_get_error (GRM_CONNECT_DIALOG (dialog)),
                            P ("%s is not the address of an OParl system. Ask your council for the address of its OParl interface; it often ends in “/oparl/v1/system” or similar.")));
  g_assert_nonnull (grm_test_find_label (dialog, P ("%s is not the address of an OParl system. Ask your council for the address of its OParl interface; it often ends in “/oparl/v1/system” or similar.")));
  g_free (grm_test_screenshot (dialog, "connect-not-oparl.png"));
  shoot_screen ("connect-not-oparl-screen.png");
  accounts = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
  g_clear_pointer (&accounts, g_variant_unref);

  /* The real System: its body is listed, chosen, and saved. */
  try_address (dialog, server->system_url);
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "bodies");
  grm_test_settle (200);
  g_assert_nonnull (grm_test_find_label (dialog, "Gemeinde Hürtgenwald"));
  g_assert_nonnull (grm_test_find_label (dialog, "OParl 1.0"));
  g_free (grm_test_screenshot (dialog, "connect-bodies.png"));
  grm_test_check_keyboard (dialog, dialog, "connect-bodies");
  shoot_screen ("connect-screen.png");
  /* The dialog goes away once the account is saved. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  click (button_with_label (dialog, T ("C_onnect")));
  grm_test_settle (200);
  g_assert_true (dialog == NULL || !gtk_widget_get_visible (dialog));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);

  accounts = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 1);
  g_variant_get_child (accounts, 0, "(&s&s)", &url, &user);
  g_assert_cmpstr (url, ==, server->system_url);
  g_assert_cmpstr (user, ==, "");
  /* One body: no filter, so the server's future bodies come too. */
  bodies = grm_application_dup_account_bodies (app, server->system_url);
  g_assert_null (bodies);
  /* The first sync starts at once. */
  g_assert_true (grm_sync_monitor_get_running (monitor_of (app)));
  grm_sync_monitor_cancel (monitor_of (app));
  grm_test_wait_for (is_idle, monitor_of (app), 20, "the sync to stop");

  grm_test_stop_app (app);
  server_stop (server);
}

/* A server with two bodies: the dialog offers them and "all"; the choice
 * is kept for the account and the first sync honours it. */
static void
test_connect_two_bodies (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-sync-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  Server *server = server_start_data ("karlsruhe", "0");
  g_autofree char *second = g_strconcat (server->base, "bodies/0002", NULL);
  g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\","
                                           " \"type\": \"https://schema.oparl.org/1.1/Body\","
                                           " \"name\": \"Bezirk Zwei\", \"shortName\": \"BZ\","
                                           " \"system\": \"%s\","
                                           " \"locationList\": \"%sbodies/0001/locations\"}",
                                           second, server->system_url, server->base);
  g_auto(GStrv) bodies = NULL;
  GrmApplication *app;
  GrmWindow *window;
  GtkWidget *dialog = NULL;
  GtkWidget *all_row;
  GtkWidget *second_row;

  server_admin (server, "_admin/objects", json, 201);
  set_account (NULL, "manual");
  window = grm_test_start_app (&app, db);
  maybe_dark (window);
  grm_test_wait_for (is_browsing, window, 20, "the window");
  g_action_group_activate_action (G_ACTION_GROUP (app), "connect", NULL);
  grm_test_wait_for (find_dialog, &dialog, 10, "the connect dialog");
  try_address (dialog, server->system_url);
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "bodies");
  grm_test_settle (200);

  /* "All of them" first and chosen; then each body. */
  all_row = gtk_widget_get_ancestor (grm_test_find_label (dialog, T ("All of Them")),
                                     ADW_TYPE_ACTION_ROW);
  second_row = gtk_widget_get_ancestor (grm_test_find_label (dialog, "Bezirk Zwei"),
                                        ADW_TYPE_ACTION_ROW);
  g_assert_nonnull (grm_test_find_label (dialog, "Stadt Karlsruhe"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    grm_test_find_type (all_row, GTK_TYPE_CHECK_BUTTON))));
  g_assert_cmpuint (grm_test_check_keyboard (dialog, dialog, "connect-two-bodies"), >=, 5);
  adw_action_row_activate (ADW_ACTION_ROW (second_row));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    grm_test_find_type (second_row, GTK_TYPE_CHECK_BUTTON))));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (
    grm_test_find_type (all_row, GTK_TYPE_CHECK_BUTTON))));
  grm_test_settle (100);
  g_free (grm_test_screenshot (dialog, "connect-two-bodies.png"));
  shoot_screen ("connect-two-bodies-screen.png");

  click (button_with_label (dialog, T ("C_onnect")));
  bodies = grm_application_dup_account_bodies (app, server->system_url);
  g_assert_nonnull (bodies);
  g_assert_cmpuint (g_strv_length (bodies), ==, 1);
  g_assert_cmpstr (bodies[0], ==, second);
  /* Only the second body's one small list: done in moments, not the
   * minutes all of Karlsruhe takes. */
  grm_test_wait_for (has_succeeded, monitor_of (app), 60, "the sync of the chosen body");

  grm_test_stop_app (app);
  server_stop (server);
}

static void
run_in_subprocess (gconstpointer data)
{
  g_test_trap_subprocess (data, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* The subprocesses see no arguments: pass the server on. */
  if (argc >= 2)
    g_setenv ("GRM_TEST_SERVER", argv[1], TRUE);
  server_path = g_getenv ("GRM_TEST_SERVER");
  g_assert_nonnull (server_path);
  g_test_add_data_func ("/ui/sync/progress-cancel", "/ui/sync/progress-cancel/subprocess",
                        run_in_subprocess);
  g_test_add_func ("/ui/sync/progress-cancel/subprocess", test_progress_and_cancel);
  g_test_add_func ("/ui/sync/failure", test_failure_persists);
  g_test_add_func ("/ui/sync/failure/subprocess/first", test_failure_first);
  g_test_add_func ("/ui/sync/failure/subprocess/restart", test_failure_restart);
  g_test_add_data_func ("/ui/sync/connect", "/ui/sync/connect/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/sync/connect/subprocess", test_connect);
  g_test_add_data_func ("/ui/sync/connect-two-bodies", "/ui/sync/connect-two-bodies/subprocess",
                        run_in_subprocess);
  g_test_add_func ("/ui/sync/connect-two-bodies/subprocess", test_connect_two_bodies);
  return g_test_run ();
}
