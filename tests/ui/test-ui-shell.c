/* test-ui-shell.c: the application shell on an empty, a damaged and a too
 * new database: a first-time user sees the sidebar and what to do first;
 * a broken database gives a clear page, not a crash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "grm-connect-dialog.h"
#include "grm-error.h"
#include "grm-pdf-viewer.h"
#include "grm-test-ui.h"
#include "grm-window-private.h"

static gboolean
shows_stack_page (gpointer data)
{
  GrmWindow *window = data;
  const char *wanted = g_object_get_data (G_OBJECT (window), "wanted");

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), wanted) == 0;
}

static void
wait_for_main_page (GrmWindow  *window,
                    const char *name)
{
  g_object_set_data (G_OBJECT (window), "wanted", (gpointer) name);
  grm_test_wait_for (shows_stack_page, window, 20, name);
}

static guint
count_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static void
test_empty_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  g_autofree char *shot = NULL;
  GrmApplication *app;
  GrmWindow *window = grm_test_start_app (&app, db);
  GtkWidget *visible;
  GtkWidget *sidebar_box;

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  wait_for_main_page (window, "browse");

  /* The sidebar lists the browse sections. */
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (window->sidebar)));
  g_assert_cmpuint (count_children (GTK_WIDGET (window->sidebar)), >=, 4);
  g_assert_cmpstr (grm_window_get_section (window), ==, "upcoming");

  /* The content area says what to do first, with working buttons. */
  visible = grm_window_get_visible_page (window);
  g_assert_true (visible == GTK_WIDGET (window->welcome_page));
  grm_test_settle (200);
  g_assert_nonnull (grm_test_find_label (visible, "Connect to Your Council"));
  g_assert_nonnull (grm_test_find_label (visible, "Demo Municipality"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "connect"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "open-demo"));

  /* Every browse section shows the same help while the store is empty. */
  grm_window_show_section (window, "papers");
  g_assert_true (grm_window_get_visible_page (window) == GTK_WIDGET (window->welcome_page));

  shot = grm_test_screenshot (GTK_WIDGET (window), "window-empty.png");
  g_assert_true (g_file_test (shot, G_FILE_TEST_IS_REGULAR));

  /* Narrow: the sidebar folds away and a back button leads to it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  grm_test_settle (300);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (gtk_widget_get_visible (window->back_button));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "window-empty-narrow.png"));
  g_assert_true (grm_window_go_back (window));
  grm_test_settle (400);
  sidebar_box = GTK_WIDGET (window->sidebar);
  while (gtk_widget_get_parent (sidebar_box) != GTK_WIDGET (window->leaflet))
    sidebar_box = gtk_widget_get_parent (sidebar_box);
  g_assert_true (adw_leaflet_get_visible_child (window->leaflet) == sidebar_box);

  grm_test_stop_app (app);
}

static void
test_damaged_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  g_autofree char *junk = g_strnfill (8192, 'x');
  GrmApplication *app;
  GrmWindow *window;

  g_assert_true (g_file_set_contents (db, junk, -1, NULL));
  window = grm_test_start_app (&app, db);
  wait_for_main_page (window, "error");
  g_assert_nonnull (grm_application_get_store_error (app));
  g_assert_true (strstr (adw_status_page_get_description (window->error_page), db) != NULL);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "window-damaged.png"));
  grm_test_stop_app (app);
}

static void
test_too_new_store (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  sqlite3 *handle = NULL;
  GrmApplication *app;
  GrmWindow *window;

  g_assert_cmpint (sqlite3_open (db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); PRAGMA user_version = 9999;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  window = grm_test_start_app (&app, db);
  wait_for_main_page (window, "error");
  g_assert_error ((GError *) grm_application_get_store_error (app),
                  GRM_ERROR, GRM_ERROR_DATABASE_TOO_NEW);
  g_assert_true (strstr (adw_status_page_get_description (window->error_page),
                         "newer version") != NULL);
  grm_test_stop_app (app);
}

static gboolean
has_transient_of_type (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (data), "wanted-type"));
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          g_object_set_data (G_OBJECT (data), "found", window);
          return TRUE;
        }
    }
  return FALSE;
}

static GtkWidget *
wait_for_window (GrmWindow *window,
                 GType      type)
{
  g_object_set_data (G_OBJECT (window), "wanted-type", GSIZE_TO_POINTER (type));
  grm_test_wait_for (has_transient_of_type, window, 10, g_type_name (type));
  return g_object_get_data (G_OBJECT (window), "found");
}

static gboolean
dialog_settled (gpointer data)
{
  return g_strcmp0 (grm_connect_dialog_get_stage (data), "checking") != 0;
}

static void
test_connect (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GVariant) accounts = NULL;
  GrmApplication *app;
  GrmWindow *window = grm_test_start_app (&app, db);
  GtkWidget *prefs;
  GtkWidget *dialog;
  GtkWidget *entry;
  GtkWidget *next;

  wait_for_main_page (window, "browse");

  /* The welcome page's first button: the dialog that asks for the
   * server's address (the full flow against the test server is in
   * test-ui-sync.c). */
  grm_test_settle (200);
  gtk_widget_activate (gtk_widget_get_ancestor (grm_test_find_label (GTK_WIDGET (window->welcome_page),
                                                                     "Connect to Your Council"),
                                                GTK_TYPE_BUTTON));
  dialog = wait_for_window (window, GRM_TYPE_CONNECT_DIALOG);
  g_free (grm_test_screenshot (dialog, "connect-dialog.png"));

  /* Only an http(s) address can be tried. */
  entry = grm_test_find_type (dialog, ADW_TYPE_ENTRY_ROW);
  next = gtk_widget_get_ancestor (grm_test_find_label (dialog, "Next"), GTK_TYPE_BUTTON);
  gtk_editable_set_text (GTK_EDITABLE (entry), "not an address");
  g_assert_false (gtk_widget_get_sensitive (next));
  gtk_editable_set_text (GTK_EDITABLE (entry), " http://127.0.0.1:9/oparl/system ");
  g_assert_true (gtk_widget_get_sensitive (next));
  /* Nobody answers there: the dialog says so and saves nothing. */
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "checking");
  grm_test_wait_for (dialog_settled, dialog, 30, "the look at the server");
  g_assert_cmpstr (grm_connect_dialog_get_stage (GRM_CONNECT_DIALOG (dialog)), ==, "address");
  g_assert_nonnull (grm_connect_dialog_get_error (GRM_CONNECT_DIALOG (dialog)));
  accounts = g_settings_get_value (settings, "accounts");
  g_assert_cmpuint (g_variant_n_children (accounts), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  prefs = wait_for_window (window, ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (grm_test_find_label (prefs, "No server yet"));
  g_free (grm_test_screenshot (prefs, "preferences.png"));

  /* How far back files are kept: the setting shows as its choice, and a
   * choice sets it (3 months … 5 years, or everything). */
  {
    GtkWidget *months;

    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "offline");
    months = gtk_widget_get_ancestor (grm_test_find_label (prefs, "How Far Back"),
                                      ADW_TYPE_COMBO_ROW);
    g_assert_nonnull (months);
    g_free (grm_test_screenshot (prefs, "preferences-offline.png"));
    g_assert_cmpuint (g_settings_get_uint (settings, "offline-months"), ==, 12);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (months)), ==, 2);
    adw_combo_row_set_selected (ADW_COMBO_ROW (months), 0);
    g_assert_cmpuint (g_settings_get_uint (settings, "offline-months"), ==, 3);
    adw_combo_row_set_selected (ADW_COMBO_ROW (months), 5);
    g_assert_cmpuint (g_settings_get_uint (settings, "offline-months"), ==, 0);
    g_settings_set_uint (settings, "offline-months", 18);
    g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (months)), ==, 3);
    g_settings_reset (settings, "offline-months");
  }

  grm_test_stop_app (app);
}

static gboolean
shows_viewer (gpointer data)
{
  GrmWindow *window = data;
  GtkWidget *page = grm_window_get_visible_page (window);

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "browse") == 0
         && GRM_IS_PDF_VIEWER (page) && grm_pdf_viewer_get_view (GRM_PDF_VIEWER (page)) != NULL;
}

/* gremium FILE.pdf: the file opens in the viewer, with or without a store. */
static void
test_open_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-ui-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "gremium.db", NULL);
  g_autofree char *pdf = g_build_filename (g_getenv ("GRM_SHARED_DATA"), "pdfs", "text",
                                           "multicolumn.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  GrmApplication *app;
  GrmWindow *window = grm_test_start_app (&app, db);

  g_application_open (G_APPLICATION (app), &file, 1, "");
  grm_test_wait_for (shows_viewer, window, 20, "the viewer");
  grm_test_settle (300);
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==, "multicolumn.pdf");
  g_assert_true (gtk_widget_get_visible (window->back_button));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "window-open-file.png"));
  /* Back leads to the sections. */
  g_assert_true (grm_window_go_back (window));
  g_assert_true (grm_window_get_visible_page (window) == GTK_WIDGET (window->welcome_page));
  grm_test_stop_app (app);
}

/* Each test runs in a process of its own: a GtkApplication stays exported
 * on the session bus until its process ends. */
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
  g_test_add_data_func ("/ui/shell/empty-store", "/ui/shell/empty-store/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/shell/empty-store/subprocess", test_empty_store);
  g_test_add_data_func ("/ui/shell/damaged-store", "/ui/shell/damaged-store/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/shell/damaged-store/subprocess", test_damaged_store);
  g_test_add_data_func ("/ui/shell/too-new-store", "/ui/shell/too-new-store/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/shell/too-new-store/subprocess", test_too_new_store);
  g_test_add_data_func ("/ui/shell/open-file", "/ui/shell/open-file/subprocess",
                        run_in_subprocess);
  g_test_add_func ("/ui/shell/open-file/subprocess", test_open_file);
  g_test_add_data_func ("/ui/shell/connect", "/ui/shell/connect/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/shell/connect/subprocess", test_connect);
  return g_test_run ();
}
