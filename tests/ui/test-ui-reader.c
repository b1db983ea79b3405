/* test-ui-reader.c: the council member's reader on the real Hürtgenwald
 * data: a search hit inside a downloaded PDF opens the viewer at its page
 * with the words marked; every screen works from the keyboard alone;
 * files say whether they are on this computer and "Keep Offline" shows
 * its progress; an Upcoming with nothing ahead leads on to the meetings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include "grm-application-private.h"
#include "grm-browse-list.h"
#include "grm-browse-model.h"
#include "grm-detail-page.h"
#include "grm-pdf-view-private.h"
#include "grm-pdf-viewer.h"
#include "grm-search.h"
#include "grm-search-page.h"
#include "grm-test-data.h"
#include "grm-test-ui.h"
#include "grm-window-private.h"

static char *db_path;
static char *files_dir;
static char *meeting_id;

static gboolean
is_browsing (gpointer data)
{
  GrmWindow *window = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "browse") == 0
         && window->has_data;
}

static GrmWindow *
start (GrmApplication **app,
       int              width,
       int              height)
{
  GrmWindow *window;

  grm_test_prepare_crawl (&db_path, &files_dir, &meeting_id);
  window = grm_test_start_app (app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  grm_test_wait_for (is_browsing, window, 20, "the store to open");
  return window;
}

static gboolean
detail_is_loaded (gpointer data)
{
  GtkWidget *page = grm_window_get_visible_page (data);

  return GRM_IS_DETAIL_PAGE (page) && grm_detail_page_get_loaded (GRM_DETAIL_PAGE (page))
         && gtk_widget_get_mapped (page);
}

static GtkWidget *
open_detail (GrmWindow  *window,
             const char *action,
             const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (window), action, "s", id);
  grm_test_wait_for (detail_is_loaded, window, 20, action);
  grm_test_settle (200);
  return grm_window_get_visible_page (window);
}

/* Search hit → viewer */

static gboolean
indexer_is_done (gpointer data)
{
  gint64 done = 0, total = 0, failed = 0;

  grm_search_indexer_get_progress (data, &done, &total, &failed);
  return !grm_search_indexer_get_busy (data) && total > 0 && done + failed >= total;
}

/* The first document hit under @root on a page after the first. */
static GtkWidget *
find_file_hit (GtkWidget *root)
{
  GrmSearchHit *hit = g_object_get_data (G_OBJECT (root), "grm-hit");

  if (GTK_IS_LIST_BOX_ROW (root) && hit != NULL && hit->kind == GRM_SEARCH_KIND_FILE
      && hit->page > 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_file_hit (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The indexer may still be storing the pages it read: search again now
 * and then until the hit is there. */
static gboolean
has_file_hit (gpointer data)
{
  static gint64 last;
  gint64 now = g_get_monotonic_time ();

  if (find_file_hit (data) != NULL)
    return TRUE;
  if (now - last > 2 * G_USEC_PER_SEC)
    {
      last = now;
      grm_search_page_set_text (data, "");
      grm_search_page_set_text (data, "hymenaeos");
    }
  return FALSE;
}

static gboolean
viewer_has_matches (gpointer data)
{
  GtkWidget *page = grm_window_get_visible_page (data);
  GtkWidget *view = GRM_IS_PDF_VIEWER (page) ? grm_pdf_viewer_get_view (GRM_PDF_VIEWER (page))
                                             : NULL;

  return view != NULL && grm_pdf_view_get_n_matches (GRM_PDF_VIEW (view)) > 0
         && grm_pdf_view_get_current_match (GRM_PDF_VIEW (view)) >= 0;
}

static void
test_search_hit (void)
{
  GrmApplication *app;
  GrmWindow *window = start (&app, 1100, 760);
  GrmSearchIndexer *indexer;
  GtkWidget *page;
  GtkWidget *row;
  GrmSearchHit *hit;
  GrmPdfView *view;
  GrmPdfMatch *match;
  int hit_page;
  gint64 t0 = g_get_monotonic_time ();

  /* The search section starts the indexer; it reads the downloaded PDFs. */
  grm_window_show_section (window, "search");
  page = grm_window_get_visible_page (window);
  g_assert_true (GRM_IS_SEARCH_PAGE (page));
  indexer = grm_search_page_start_indexer (grm_application_get_store (app));
  grm_test_wait_for (indexer_is_done, indexer, 60, "the indexer");
  g_test_message ("Indexed in %.1f s", (g_get_monotonic_time () - t0) / 1e6);

  /* "hymenaeos" is only in the text of a PDF (the meeting's papers are
   * served as the multi-column sample), never in a title, and only on its
   * second page: every hit must open a later page. */
  grm_search_page_set_text (GRM_SEARCH_PAGE (page), "hymenaeos");
  grm_test_wait_for (has_file_hit, page, 60, "a hit inside a document");
  grm_test_settle (200);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-search.png"));

  row = find_file_hit (page);
  hit = g_object_get_data (G_OBJECT (row), "grm-hit");
  hit_page = hit->page;
  g_assert_cmpint (hit_page, >, 0);
  g_assert_nonnull (strstr (hit->words, "hymenaeos"));
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);

  /* The viewer opens at the hit's page, with the words marked there. */
  grm_test_wait_for (viewer_has_matches, window, 30, "the marked words");
  view = GRM_PDF_VIEW (grm_pdf_viewer_get_view (GRM_PDF_VIEWER (grm_window_get_visible_page (window))));
  match = &g_array_index (view->matches, GrmPdfMatch, grm_pdf_view_get_current_match (view));
  g_assert_cmpuint (match->page, ==, hit_page);
  grm_test_settle (800);
  g_assert_cmpuint (grm_pdf_view_get_page (view), ==, hit_page);
  /* The word stands once in the whole document: that one is marked. */
  g_assert_cmpuint (grm_pdf_view_get_n_matches (view), ==, 1);
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-search-hit.png"));

  /* Back returns to the results. */
  g_assert_true (grm_window_go_back (window));
  g_assert_true (grm_window_get_visible_page (window) == page);

  grm_test_stop_app (app);
}

/* Offline state */

/* The latest meeting other than the kept one that has an invitation. */
static gboolean
other_meeting_func (GrmDb     *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT o.id, r.target FROM meeting m JOIN object o ON o.oid = m.oid"
    " JOIN object_ref r ON r.oid = o.oid AND r.rel = 'invitation'"
    " WHERE o.id != ?1 AND o.deleted = 0 ORDER BY m.start_utc DESC LIMIT 1", error);
  char **ids = data;

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, meeting_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      ids[0] = grm_db_column_dup (stmt, 0);
      ids[1] = grm_db_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  return ids[0] != NULL;
}

static gboolean
row_is_stored (GtkWidget *row)
{
  GrmBrowseRow *file = g_object_get_data (G_OBJECT (row), "grm-browse-row");

  return file != NULL && grm_browse_row_get_path (file) != NULL
         && gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row))
         && grm_test_find_label (row, "On this computer") != NULL;
}

static gboolean
download_is_done (gpointer data)
{
  GrmWindow *window = data;
  GtkWidget *page = grm_window_get_visible_page (window);
  const char *file_id = g_object_get_data (G_OBJECT (window), "file-id");
  GtkWidget *row = grm_test_find_row (page, file_id);

  return row != NULL && row_is_stored (row);
}

static void
test_offline (void)
{
  GrmApplication *app;
  GrmWindow *window;
  g_autoptr(GSubprocess) server = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  char *other[2] = { NULL, NULL };
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *keep;

  grm_test_prepare_crawl_serving (&db_path, &files_dir, &meeting_id, &server, &url);
  window = grm_test_start_app (&app, db_path);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  grm_test_wait_for (is_browsing, window, 20, "the store to open");
  /* The council's server, as the preferences add it. */
  g_settings_set_value (settings, "accounts",
                        g_variant_new_parsed ("[(%s, '')]", url));

  /* The kept meeting: its invitation is on this computer. */
  grm_store_read_sync (grm_application_get_store (app), other_meeting_func, other, NULL, &error);
  g_assert_no_error (error);
  page = open_detail (window, "win.open-meeting", meeting_id);
  g_assert_nonnull (grm_test_find_label (page, "On this computer"));
  g_assert_null (grm_test_find_label (page, "Not on this computer"));

  /* Another meeting: its files are not, and Keep Offline fetches them
   * now, saying how far it got. */
  page = open_detail (window, "win.open-meeting", other[0]);
  row = grm_test_find_row (page, other[1]);
  g_assert_nonnull (row);
  g_assert_nonnull (grm_test_find_label (row, "Not on this computer"));
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  keep = gtk_widget_get_ancestor (grm_test_find_label (page, "Keep Offline"), GTK_TYPE_BUTTON);
  g_assert_nonnull (keep);
  g_signal_emit_by_name (keep, "clicked");
  g_assert_nonnull (grm_application_get_keeping (app, other[0]));
  g_assert_false (gtk_widget_get_sensitive (keep));
  g_assert_nonnull (grm_test_find_label (keep, "Downloading"));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-keep-progress.png"));

  /* When it is done, the row says so and opens the file. */
  g_object_set_data (G_OBJECT (window), "file-id", other[1]);
  grm_test_wait_for (download_is_done, window, 30, "the download");
  g_assert_null (grm_application_get_keeping (app, other[0]));
  page = grm_window_get_visible_page (window);
  keep = gtk_widget_get_ancestor (grm_test_find_label (page, "Keep Offline"), GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_get_sensitive (keep));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-keep-done.png"));

  grm_test_stop_app (app);
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_free (other[0]);
  g_free (other[1]);
}

/* Upcoming and the route */

static gboolean
shows_empty_upcoming (gpointer data)
{
  GtkWidget *page = grm_window_get_visible_page (data);

  return grm_test_find_label (page, "No Upcoming Meetings") != NULL;
}

static gboolean
list_is_loaded (gpointer data)
{
  GrmBrowseModel *model = grm_browse_list_get_model (data);
  guint n = model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : 0;
  g_autoptr(GrmBrowseRow) first = n > 0 ? g_list_model_get_item (G_LIST_MODEL (model), 0) : NULL;

  return first != NULL && !grm_browse_row_get_loading (first);
}

/* A paper whose consultation's agenda item has a result; the Hürtgenwald
 * server sends no role, so the test gives it the one Karlsruhe's sends. */
static gboolean
route_paper_func (GrmDb     *db,
                  gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT c.paper, c.oid FROM consultation c JOIN object ao ON ao.id = c.agenda_item"
    " JOIN agenda_item a ON a.oid = ao.oid WHERE a.result LIKE 'einstimmig%'"
    " ORDER BY c.oid LIMIT 1", error);
  sqlite3_stmt *update;
  gint64 oid;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  *result = grm_db_column_dup (stmt, 0);
  oid = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  update = grm_db_prepare (db, "UPDATE consultation SET role = 'Vorberatung', authoritative = 1"
                               " WHERE oid = ?1", error);
  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, oid);
  sqlite3_step (update);
  sqlite3_reset (update);
  return TRUE;
}

static void
test_upcoming_and_route (void)
{
  GrmApplication *app;
  GrmWindow *window;
  GtkWidget *page;
  GtkWidget *button;
  GrmBrowseList *list;
  g_autofree char *paper = NULL;
  g_autoptr(GError) error = NULL;

  /* Long after the last meeting of the crawl (December 2021). */
  g_setenv ("GREMIUM_NOW", "2030-01-08T12:00:00+01:00", TRUE);
  window = start (&app, 1100, 760);
  grm_window_show_section (window, "upcoming");
  grm_test_wait_for (shows_empty_upcoming, window, 20, "the empty Upcoming");
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-upcoming-empty.png"));

  /* It offers the latest meetings. */
  page = grm_window_get_visible_page (window);
  button = gtk_widget_get_ancestor (grm_test_find_label (page, "Latest Meetings"),
                                    GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpstr (grm_window_get_section (window), ==, "meetings");
  list = GRM_BROWSE_LIST (grm_test_find_type (grm_window_get_visible_page (window),
                                              GRM_TYPE_BROWSE_LIST));
  grm_test_wait_for (list_is_loaded, list, 20, "the meetings");
  {
    g_autoptr(GrmBrowseRow) first =
      g_list_model_get_item (G_LIST_MODEL (grm_browse_list_get_model (list)), 0);

    g_assert_nonnull (strstr (grm_browse_row_get_meta (first), "December 2021"));
  }

  /* A paper's route: each consultation with its role, whether it decides,
   * and the result of its agenda item. */
  grm_store_write_sync (grm_application_get_store (app), route_paper_func, NULL,
                        (gpointer *) &paper, &error);
  g_assert_no_error (error);
  g_assert_nonnull (paper);
  page = open_detail (window, "win.open-paper", paper);
  g_assert_nonnull (grm_test_find_label (page, "Vorberatung · Takes the decision"));
  g_assert_nonnull (grm_test_find_label (page, "Result: "));
  g_assert_nonnull (strcasestr (gtk_label_get_text (GTK_LABEL (grm_test_find_label (page, "Result: "))),
                                "Result: einstimmig"));
  /* Scrolled into sight as keyboard focus does. */
  gtk_widget_grab_focus (gtk_widget_get_ancestor (grm_test_find_label (page, "Result: "),
                                                  GTK_TYPE_LIST_BOX_ROW));
  g_free (grm_test_screenshot (GTK_WIDGET (window), "reader-paper-route.png"));

  grm_test_stop_app (app);
}

/* Keyboard */

static gboolean
has_text (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_label_get_text (GTK_LABEL (root))[0] != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text (child))
      return TRUE;
  return FALSE;
}

/* Every row in sight has arrived (none is a placeholder any more). */
static gboolean
rows_are_loaded (gpointer data)
{
  GtkWidget *view = GTK_WIDGET (grm_browse_list_get_list_view (data));

  if (!list_is_loaded (data))
    return FALSE;
  for (GtkWidget *row = gtk_widget_get_first_child (view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_mapped (row) && !has_text (row))
      return FALSE;
  return TRUE;
}

static GtkWidget *
wait_list (GrmWindow  *window,
           const char *section)
{
  GrmBrowseList *list;

  grm_window_show_section (window, section);
  list = GRM_BROWSE_LIST (grm_test_find_type (grm_window_get_visible_page (window),
                                              GRM_TYPE_BROWSE_LIST));
  grm_test_wait_for (rows_are_loaded, list, 20, section);
  grm_test_settle (200);
  return GTK_WIDGET (list);
}

static gboolean
focus_is_under (GrmWindow *window,
                GtkWidget *ancestor)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == ancestor || gtk_widget_is_ancestor (focus, ancestor));
}

static gboolean
has_toplevel (gpointer data)
{
  GType type = GPOINTER_TO_SIZE (data);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_no_toplevel (gpointer data)
{
  return !has_toplevel (data);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return GTK_WIDGET (window);
    }
  return NULL;
}

/* The first agenda item that opens a paper. */
static GtkWidget *
find_paper_row (GtkWidget *root)
{
  GrmBrowseRow *row = g_object_get_data (G_OBJECT (root), "grm-browse-row");

  if (GTK_IS_LIST_BOX_ROW (root) && row != NULL
      && grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_AGENDA_ITEM
      && grm_browse_row_get_target (row) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_paper_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_keyboard (void)
{
  static const char * const sections[] = { "upcoming", "meetings", "committees", "papers" };
  GrmApplication *app;
  GrmWindow *window = start (&app, 1100, 760);
  GtkWidget *win = GTK_WIDGET (window);
  GtkWidget *page;
  GtkWidget *row;
  GtkWidget *list;
  GtkWidget *content;

  /* Every section and every kind of page: all controls reachable, named. */
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      wait_list (window, sections[i]);
      grm_test_check_keyboard (win, win, sections[i]);
    }
  grm_window_show_section (window, "search");
  grm_test_settle (300);
  grm_test_check_keyboard (win, win, "search");

  list = wait_list (window, "committees");
  {
    g_autoptr(GrmBrowseRow) first =
      g_list_model_get_item (G_LIST_MODEL (grm_browse_list_get_model (GRM_BROWSE_LIST (list))), 0);

    open_detail (window, "win.open-committee", grm_browse_row_get_id (first));
    grm_test_check_keyboard (win, win, "committee");
  }
  page = open_detail (window, "win.open-meeting", meeting_id);
  grm_test_check_keyboard (win, win, "meeting");

  /* F6 moves between the sections and the page, both ways. */
  content = gtk_widget_get_parent (GTK_WIDGET (window->content_stack));
  gtk_widget_grab_focus (GTK_WIDGET (window->back_button));
  g_assert_true (grm_test_press_key (win, GDK_KEY_F6, 0));
  g_assert_true (focus_is_under (window, GTK_WIDGET (window->sidebar)));
  g_assert_true (grm_test_press_key (win, GDK_KEY_F6, 0));
  g_assert_true (focus_is_under (window, content));
  g_assert_false (focus_is_under (window, GTK_WIDGET (window->sidebar)));

  /* Enter on an agenda row opens its paper; Alt+Left comes back. */
  row = find_paper_row (page);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  g_assert_true (grm_test_press_key (row, GDK_KEY_Return, 0));
  grm_test_wait_for (detail_is_loaded, window, 20, "the paper");
  page = grm_window_get_visible_page (window);
  g_assert_cmpint (grm_detail_page_get_kind (GRM_DETAIL_PAGE (page)), ==, GRM_DETAIL_PAPER);
  grm_test_settle (200);
  grm_test_check_keyboard (win, win, "paper");
  g_assert_true (grm_test_press_key (win, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (grm_detail_page_get_id (GRM_DETAIL_PAGE (grm_window_get_visible_page (window))),
                   ==, meeting_id);

  /* Escape closes the preferences. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  grm_test_wait_for (has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), 10,
                     "the preferences");
  grm_test_settle (300);
  grm_test_check_keyboard (find_toplevel (ADW_TYPE_PREFERENCES_WINDOW),
                           find_toplevel (ADW_TYPE_PREFERENCES_WINDOW), "preferences");
  g_assert_true (grm_test_press_key (find_toplevel (ADW_TYPE_PREFERENCES_WINDOW),
                                     GDK_KEY_Escape, 0));
  grm_test_wait_for (has_no_toplevel, GSIZE_TO_POINTER (ADW_TYPE_PREFERENCES_WINDOW), 10,
                     "the preferences to close");

  grm_test_stop_app (app);
}

/* German */

static void
shoot (GrmWindow  *window,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("de-%s.png", name);

  g_free (grm_test_screenshot (GTK_WIDGET (window), file));
}

/* Every screen wide and narrow, light and dark, in German: the
 * screenshots are for looking; the assertions check what code decides
 * (the order of the date's parts, translated labels in sight). */
static void
test_german (void)
{
  static const char * const sections[] = { "upcoming", "meetings", "committees", "papers",
                                           "search" };
  GrmApplication *app;
  GrmWindow *window;
  GtkWidget *page;
  GtkWidget *meta;
  GtkWidget *row;
  g_autoptr(GRegex) date = g_regex_new ("^Do\\.?, 16\\. September 2021, 18:00", 0, 0, NULL);

  g_setenv ("LC_ALL", "de_DE.UTF-8", TRUE);
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("GRM_TEST_LOCALEDIR", g_getenv ("GREMIUM_LOCALEDIR"), TRUE);
  window = start (&app, 1100, 760);
  /* build-aux/setup.sh generates the locale. */
  g_assert_nonnull (strstr (setlocale (LC_ALL, NULL), "de_DE"));

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (i < 4)
        wait_list (window, sections[i]);
      else
        grm_window_show_section (window, sections[i]);
      shoot (window, sections[i]);
    }
  g_assert_nonnull (grm_test_find_label (GTK_WIDGET (window->sidebar), "Sitzungen"));

  page = open_detail (window, "win.open-meeting", meeting_id);
  g_assert_nonnull (grm_test_find_label (page, "Tagesordnung: Öffentlicher Teil"));
  /* Weekday, day, month, year, time: in German order and words. */
  meta = grm_test_find_label (page, "September 2021");
  g_assert_nonnull (meta);
  if (!g_regex_match (date, gtk_label_get_text (GTK_LABEL (meta)), 0, NULL))
    g_error ("Not a German date: %s", gtk_label_get_text (GTK_LABEL (meta)));
  shoot (window, "meeting");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (window, "meeting-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  row = find_paper_row (page);
  g_assert_nonnull (row);
  page = open_detail (window, "win.open-paper",
                      grm_browse_row_get_target (g_object_get_data (G_OBJECT (row),
                                                                    "grm-browse-row")));
  g_assert_nonnull (grm_test_find_label (page, "Beratungsfolge"));
  shoot (window, "paper");

  /* Narrow, as on a small laptop or a phone. */
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  grm_test_settle (400);
  g_assert_true (adw_leaflet_get_folded (window->leaflet));
  shoot (window, "paper-narrow");
  g_assert_true (grm_window_go_back (window));
  grm_test_wait_for (detail_is_loaded, window, 20, "the meeting");
  shoot (window, "meeting-narrow");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  shoot (window, "meeting-narrow-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  wait_list (window, "papers");
  shoot (window, "papers-narrow");
  grm_window_show_section (window, "search");
  shoot (window, "search-narrow");
  g_assert_true (grm_window_go_back (window));
  grm_test_settle (300);
  shoot (window, "sidebar-narrow");

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

static void
add_test (const char *path,
          GTestFunc   func)
{
  g_autofree char *sub = g_strconcat (path, "/subprocess", NULL);

  g_test_add_data_func (path, g_strdup (sub), run_in_subprocess);
  g_test_add_func (sub, func);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* meson passes the test server's path; the subprocesses find it here. */
  if (argc > 1)
    g_setenv ("GRM_TEST_SERVER", argv[1], TRUE);
  g_setenv ("GREMIUM_NOW", "2021-09-06T12:00:00+02:00", TRUE);
  add_test ("/ui/reader/search-hit", test_search_hit);
  add_test ("/ui/reader/offline", test_offline);
  add_test ("/ui/reader/upcoming-route", test_upcoming_and_route);
  add_test ("/ui/reader/keyboard", test_keyboard);
  add_test ("/ui/reader/german", test_german);
  return g_test_run ();
}
