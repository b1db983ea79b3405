/* test-ui-browse.c: a councillor's walk through the real Hürtgenwald data:
 * Upcoming → Meetings → a meeting → an agenda item's paper → its main file
 * in the PDF viewer; committees and people; the lists filter. Screenshots
 * of every screen, light and dark, wide and narrow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "grm-browse-list.h"
#include "grm-browse-model.h"
#include "grm-detail-page.h"
#include "grm-pdf-viewer.h"
#include "grm-search-page.h"
#include "grm-session-page.h"
#include "grm-test-data.h"
#include "grm-test-ui.h"
#include "grm-window-private.h"

/* Gemeinderat (8. Sitzung), 16 September 2021: the next meeting after the
 * crawl was taken, with a public and a non-public part. Its id carries the
 * test server's origin, so it is looked up by name and day. */
#define MEETING meeting_id
static char *meeting_id;

static char *db_path;
static char *files_dir;
static char *paper_id;
static char *main_file_id;

static gboolean
is_browsing (gpointer data)
{
  GrmWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "browse") == 0
         && window->has_data;
}

static gboolean
list_is_loaded (gpointer data)
{
  GrmBrowseModel *model = grm_browse_list_get_model (data);
  guint n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  g_autoptr(GrmBrowseRow) first = n > 0 ? g_list_model_get_item (G_LIST_MODEL (model), 0) : NULL;

  return first != NULL && !grm_browse_row_get_loading (first);
}

static gboolean
detail_is_loaded (gpointer data)
{
  return GRM_IS_DETAIL_PAGE (data) && grm_detail_page_get_loaded (data)
         && gtk_widget_get_mapped (data);
}

static gboolean
viewer_has_document (gpointer data)
{
  return grm_pdf_viewer_get_view (data) != NULL;
}

static GrmBrowseList *
section_list (GrmWindow  *window,
              const char *section)
{
  GtkWidget *page;
  GrmBrowseList *list;

  grm_window_show_section (window, section);
  page = grm_window_get_visible_page (window);
  list = GRM_BROWSE_LIST (grm_test_find_type (page, GRM_TYPE_BROWSE_LIST));
  grm_test_wait_for (list_is_loaded, list, 20, section);
  return list;
}

static GrmDetailPage *
wait_detail (GrmWindow *window)
{
  GtkWidget *page = grm_window_get_visible_page (window);

  g_assert_true (GRM_IS_DETAIL_PAGE (page));
  grm_test_wait_for (detail_is_loaded, page, 20, "detail page");
  grm_test_settle (200);
  return GRM_DETAIL_PAGE (page);
}

/* Finds the first paper on the agenda of MEETING that has a main file. */
static gboolean
find_paper_func (GrmDb     *db,
                 gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT c.paper, r.target FROM agenda_item a JOIN object ao ON ao.oid = a.oid"
    " JOIN object co ON co.id = a.consultation JOIN consultation c ON c.oid = co.oid"
    " JOIN object po ON po.id = c.paper"
    " JOIN object_ref r ON r.oid = po.oid AND r.rel = 'mainFile'"
    " WHERE a.meeting = ?1 ORDER BY a.ord LIMIT 1", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, MEETING);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no paper on the agenda");
      return FALSE;
    }
  paper_id = grm_db_column_dup (stmt, 0);
  main_file_id = grm_db_column_dup (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* The real path: the test server replays the crawl, the sync engine
 * stores it, and "Keep offline" of the meeting downloads its files. */
static void
prepare_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;

  grm_test_prepare_crawl (&db_path, &files_dir, &meeting_id);
  store = grm_store_open (db_path, &error);
  g_assert_no_error (error);
  grm_store_read_sync (store, find_paper_func, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_walk (void)
{
  GrmApplication *app;
  GrmWindow *window;
  GrmBrowseList *list;
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *viewer;

  g_setenv ("GREMIUM_NOW", "2021-09-06T12:00:00+02:00", TRUE);
  prepare_store ();
  window = grm_test_start_app (&app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  grm_test_wait_for (is_browsing, window, 20, "the store to open");

  /* Upcoming: the meetings after "now", soonest first. */
  list = section_list (window, "upcoming");
  {
    g_autoptr(GrmBrowseRow) first = g_list_model_get_item (G_LIST_MODEL (grm_browse_list_get_model (list)), 0);

    g_assert_cmpstr (grm_browse_row_get_id (first), ==, MEETING);
    g_assert_cmpstr (grm_browse_row_get_title (first), ==, "Gemeinderat (8. Sitzung)");
    g_assert_true (strstr (grm_browse_row_get_meta (first), "18:00") != NULL);
  }
  g_assert_nonnull (grm_test_find_label (GTK_WIDGET (list), "Gemeinderat (8. Sitzung)"));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-upcoming.png"));

  /* Meetings: all 367, newest first. */
  list = section_list (window, "meetings");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grm_browse_list_get_model (list))),
                    >, 300);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-meetings.png"));

  /* Papers: over 2,000, newest first, and the quick filter narrows them. */
  list = section_list (window, "papers");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (grm_browse_list_get_model (list))),
                    >, 2000);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-papers.png"));

  /* The meeting: its agenda in a public and a non-public part. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-meeting", "s", MEETING);
  wait_detail (window);
  page = grm_window_get_visible_page (window);
  g_assert_cmpstr (adw_window_title_get_title (window->content_title), ==,
                   "Gemeinderat (8. Sitzung)");
  g_assert_nonnull (grm_test_find_label (page, "Agenda: Public Part"));
  g_assert_nonnull (grm_test_find_label (page, "Agenda: Non-Public Part"));
  g_assert_nonnull (grm_test_find_label (page, "Invitation"));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-meeting.png"));

  /* Agenda item → paper: the row opens the paper page. */
  row = grm_test_find_row (page, paper_id);
  g_assert_nonnull (row);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  wait_detail (window);
  page = grm_window_get_visible_page (window);
  g_assert_cmpstr (grm_detail_page_get_id (GRM_DETAIL_PAGE (page)), ==, paper_id);
  g_assert_nonnull (grm_test_find_label (page, "Route Through the Committees"));
  g_assert_nonnull (grm_test_find_label (page, "Main document"));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-paper.png"));

  /* The main file is stored offline: it opens in the viewer. */
  row = grm_test_find_row (page, main_file_id);
  g_assert_nonnull (row);
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  viewer = grm_window_get_visible_page (window);
  g_assert_true (GRM_IS_PDF_VIEWER (viewer));
  grm_test_wait_for (viewer_has_document, viewer, 30, "the PDF to open");
  grm_test_settle (1500);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-file.png"));

  /* Back to the paper, then to the meeting. */
  g_assert_true (grm_window_go_back (window));
  g_assert_cmpstr (grm_detail_page_get_id (GRM_DETAIL_PAGE (grm_window_get_visible_page (window))),
                   ==, paper_id);
  g_assert_true (grm_window_go_back (window));
  page = grm_window_get_visible_page (window);
  g_assert_cmpstr (grm_detail_page_get_id (GRM_DETAIL_PAGE (page)), ==, MEETING);

  /* The secretary runs the live session from the meeting's page: it gets
   * a sidebar entry of its own. */
  {
    GtkWidget *label = grm_test_find_label (page, "Live Session");
    g_autofree char *section = g_strconcat ("session:", MEETING, NULL);

    g_assert_nonnull (label);
    gtk_widget_activate (gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON));
    grm_test_settle (500);
    g_assert_cmpstr (grm_window_get_section (window), ==, section);
    g_assert_true (GRM_IS_SESSION_PAGE (grm_window_get_visible_page (window)));
    g_assert_nonnull (grm_test_find_label (GTK_WIDGET (window->sidebar),
                                           "Session: Gemeinderat (8. Sitzung)"));
    g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-session.png"));
  }

  /* Search is a section too. */
  grm_window_show_section (window, "search");
  g_assert_true (GRM_IS_SEARCH_PAGE (grm_window_get_visible_page (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-meeting", "s", MEETING);
  wait_detail (window);

    /* Dark, as the system may ask. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-meeting-dark.png"));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* Narrow: the sidebar folds away, the back button stays. */
  gtk_window_set_default_size (GTK_WINDOW (window), 380, 700);
  grm_test_settle (400);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  g_assert_true (gtk_widget_get_visible (window->back_button));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-meeting-narrow.png"));

  grm_test_stop_app (app);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    data)
{
  guint *n_signals = data;

  (*n_signals)++;
}

static gboolean
count_changed (gpointer data)
{
  guint old_n = GPOINTER_TO_UINT (g_object_get_data (data, "old-n"));

  return g_list_model_get_n_items (data) != old_n;
}

typedef struct
{
  GListModel    *model;
  guint          position;
  GrmBrowseRow  *row;
} Probe;

static gboolean
position_is_loaded (gpointer data)
{
  Probe *probe = data;

  g_clear_object (&probe->row);
  probe->row = g_list_model_get_item (probe->model, probe->position);
  return probe->row != NULL && !grm_browse_row_get_loading (probe->row);
}

/* A long list is read in pages on reader threads, each page arrives with
 * one items-changed, and the model holds a few pages, not every row. */
static void
test_model_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_PAPERS);
  g_autoptr(GrmBrowseModel) model = NULL;
  g_autoptr(GrmBrowseRow) far = NULL;
  Probe probe = { 0 };
  guint n_signals = 0;
  guint n;

  prepare_store ();
  store = grm_store_open (db_path, &error);
  g_assert_no_error (error);
  model = grm_browse_model_new (store, query);
  probe.model = G_LIST_MODEL (model);
  probe.position = 0;
  grm_test_wait_for (position_is_loaded, &probe, 20, "the first page");
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 2000);
  g_assert_cmpuint (grm_browse_model_get_n_held_rows (model), <=, 100);

  /* A far row is a placeholder until its page has arrived. */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &n_signals);
  far = g_list_model_get_item (G_LIST_MODEL (model), 1550);
  g_assert_true (grm_browse_row_get_loading (far));
  probe.position = 1550;
  grm_test_wait_for (position_is_loaded, &probe, 20, "a far page");
  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_nonnull (grm_browse_row_get_title (probe.row));

  /* Walking the whole list holds at most a few pages. */
  for (guint i = 0; i < n; i += 100)
    {
      probe.position = i;
      grm_test_wait_for (position_is_loaded, &probe, 20, "a page");
    }
  g_clear_object (&probe.row);
  g_assert_cmpuint (grm_browse_model_get_n_held_rows (model), <=, 8 * 100);

  /* The quick filter narrows the list to the matching papers. */
  g_free (query->text);
  query->text = g_strdup ("Brikett");
  grm_browse_model_set_query (model, query);
  g_object_set_data (G_OBJECT (model), "old-n", GUINT_TO_POINTER (n));
  grm_test_wait_for (count_changed, model, 20, "the filter to apply");
  probe.position = 0;
  grm_test_wait_for (position_is_loaded, &probe, 20, "the filtered list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), <, 20);
  g_assert_nonnull (strstr (grm_browse_row_get_title (probe.row), "rikett"));
  g_clear_object (&probe.row);
}

static GtkWidget *
find_person_row (GtkWidget *root)
{
  GrmBrowseRow *row = g_object_get_data (G_OBJECT (root), "grm-browse-row");

  if (GTK_IS_LIST_BOX_ROW (root) && row != NULL
      && grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_PERSON)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_person_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_committee (void)
{
  GrmApplication *app;
  GrmWindow *window;
  GrmBrowseList *list;
  GtkWidget *page;
  g_autoptr(GrmBrowseRow) first = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) followed = NULL;
  GtkWidget *follow;

  g_setenv ("GREMIUM_NOW", "2021-09-06T12:00:00+02:00", TRUE);
  prepare_store ();
  window = grm_test_start_app (&app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  grm_test_wait_for (is_browsing, window, 20, "the store to open");

  list = section_list (window, "committees");
  first = g_list_model_get_item (G_LIST_MODEL (grm_browse_list_get_model (list)), 0);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-committees.png"));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-committee", "s",
                              grm_browse_row_get_id (first));
  wait_detail (window);
  page = grm_window_get_visible_page (window);
  g_assert_nonnull (grm_test_find_label (page, grm_browse_row_get_title (first)));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-committee.png"));

  /* Following the committee puts it into the settings Upcoming reads. */
  follow = grm_test_find_label (page, "Follow");
  g_assert_nonnull (follow);
  gtk_widget_activate (gtk_widget_get_ancestor (follow, GTK_TYPE_TOGGLE_BUTTON));
  grm_test_settle (500);
  followed = g_settings_get_strv (settings, "followed-committees");
  g_assert_true (g_strv_contains ((const char * const *) followed,
                                  grm_browse_row_get_id (first)));

  /* A member's page lists the person's memberships. */
  {
    GtkWidget *member = find_person_row (page);

    g_assert_nonnull (member);
    g_signal_emit_by_name (gtk_widget_get_parent (member), "row-activated", member);
    wait_detail (window);
    page = grm_window_get_visible_page (window);
    g_assert_cmpint (grm_detail_page_get_kind (GRM_DETAIL_PAGE (page)), ==, GRM_DETAIL_PERSON);
    g_assert_nonnull (grm_test_find_label (page, "Memberships"));
    g_assert_nonnull (grm_test_find_label (page, grm_browse_row_get_title (first)));
    g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-person.png"));
  }

  /* Upcoming now shows the followed committee's meetings only. */
  list = section_list (window, "upcoming");
  g_assert_nonnull (grm_test_find_label (grm_window_get_visible_page (window),
                                         "committees you follow"));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (grm_browse_list_get_model (list))); i++)
    {
      g_autoptr(GrmBrowseRow) row = g_list_model_get_item (G_LIST_MODEL (grm_browse_list_get_model (list)), i);

      g_assert_true (strstr (grm_browse_row_get_subtitle (row), grm_browse_row_get_title (first)) != NULL);
    }
  g_free (grm_test_screenshot (GTK_WIDGET (window), "browse-upcoming-followed.png"));

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
  /* meson passes the test server's path; the subprocesses find it here. */
  if (argc > 1)
    g_setenv ("GRM_TEST_SERVER", argv[1], TRUE);
  g_test_add_data_func ("/ui/browse/walk", "/ui/browse/walk/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/browse/walk/subprocess", test_walk);
  g_test_add_data_func ("/ui/browse/model-paging", "/ui/browse/model-paging/subprocess",
                        run_in_subprocess);
  g_test_add_func ("/ui/browse/model-paging/subprocess", test_model_paging);
  g_test_add_data_func ("/ui/browse/committee", "/ui/browse/committee/subprocess", run_in_subprocess);
  g_test_add_func ("/ui/browse/committee/subprocess", test_committee);
  return g_test_run ();
}
