/* test-search-ui.c: the search page with a filled store: typing gives
 * grouped hits with highlighted snippets, a document hit opens the file at
 * its page with the words to highlight, hostile input is just a search.
 * Writes search-page.png to G_TEST_BUILDDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "grm-search-indexer.h"
#include "grm-search-page.h"
#include "grm-text-extract.h"
#include "search-test-data.h"

typedef struct
{
  char     *action;
  GVariant *parameter;
} Activation;

static Activation last;
static char *dir;
static GrmStore *store;

static void
record_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  g_free (last.action);
  g_clear_pointer (&last.parameter, g_variant_unref);
  last.action = g_strdup (g_action_get_name (G_ACTION (action)));
  last.parameter = parameter ? g_variant_ref (parameter) : NULL;
}

static gboolean
wake_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wake_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static void
wait_for_hits (GrmSearchPage *page,
               guint          min)
{
  for (int i = 0; i < 200 && grm_search_page_get_n_hits (page) < min; i++)
    settle (50);
  g_assert_cmpuint (grm_search_page_get_n_hits (page), >=, min);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (out, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static char *
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *builddir = g_getenv ("G_TEST_BUILDDIR");
  char *path = g_build_filename (builddir ? builddir : ".", name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
  return path;
}

static void
test_page (void)
{
  static const GActionEntry entries[] = {
    { "open-file-page", record_cb, "(sis)" },
    { "open-paper", record_cb, "s" },
    { "open-meeting", record_cb, "s" },
    { "open-committee", record_cb, "s" },
    { "open-person", record_cb, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = grm_search_page_new (store);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  g_autofree char *png = NULL;
  guint bold = 0, headings = 0;
  GtkListBoxRow *doc_row = NULL;
  const char *file_id = NULL, *words = NULL;
  int page_no = -1;

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), NULL);
  gtk_widget_insert_action_group (window, "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  settle (300);

  /* Indexing shows its progress and can be paused. */
  {
    GrmSearchIndexer *indexer = grm_search_page_start_indexer (store);
    g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
    g_autoptr(GPtrArray) revealers = g_ptr_array_new ();
    g_autoptr(GPtrArray) progress_labels = g_ptr_array_new ();
    gboolean found = FALSE;

    g_assert_nonnull (indexer);
    collect (page, GTK_TYPE_TOGGLE_BUTTON, toggles);
    /* The filter menu button has one inside; the pause button is the other. */
    for (guint i = toggles->len; i > 0; i--)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, i - 1)),
                     "Pause indexing") != 0)
        g_ptr_array_remove_index (toggles, i - 1);
    g_assert_cmpuint (toggles->len, ==, 1);
    gtk_toggle_button_set_active (g_ptr_array_index (toggles, 0), TRUE);
    settle (300);
    g_assert_true (grm_search_indexer_get_paused (indexer));
    collect (page, GTK_TYPE_REVEALER, revealers);
    g_assert_true (gtk_revealer_get_reveal_child (g_ptr_array_index (revealers, 0)));
    collect (page, GTK_TYPE_LABEL, progress_labels);
    for (guint i = 0; i < progress_labels->len; i++)
      found |= g_str_has_prefix (gtk_label_get_label (g_ptr_array_index (progress_labels, i)),
                                 "Indexing paused");
    g_assert_true (found);
    png = screenshot (window, "search-page-indexing.png");
    g_clear_pointer (&png, g_free);

    gtk_toggle_button_set_active (g_ptr_array_index (toggles, 0), FALSE);
    for (int i = 0; i < 400 && grm_search_indexer_get_busy (indexer); i++)
      settle (50);
    g_assert_false (grm_search_indexer_get_busy (indexer));
    settle (100);
    g_assert_false (gtk_revealer_get_reveal_child (g_ptr_array_index (revealers, 0)));
  }

  grm_search_page_set_text (GRM_SEARCH_PAGE (page), "Radweg");
  wait_for_hits (GRM_SEARCH_PAGE (page), 3);
  settle (300);

  /* Grouped: a heading per kind, and words in bold in escaped markup. */
  collect (page, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_label (label);

      if (gtk_label_get_use_markup (label) && strstr (text, "<b>"))
        bold++;
      if (g_str_equal (text, "Papers") || g_str_equal (text, "Documents")
          || g_str_equal (text, "Agenda Items") || g_str_equal (text, "Meetings"))
        headings++;
    }
  png = screenshot (window, "search-page.png");
  g_assert_cmpuint (bold, >=, 3);
  g_assert_cmpuint (headings, >=, 2);

  /* A hit in a document opens it at its page with the words. */
  collect (page, GTK_TYPE_LIST_BOX, lists);
  for (guint i = 0; i < lists->len && doc_row == NULL; i++)
    {
      GtkWidget *prev = gtk_widget_get_prev_sibling (g_ptr_array_index (lists, i));

      if (GTK_IS_LABEL (prev) && g_str_equal (gtk_label_get_label (GTK_LABEL (prev)), "Documents"))
        doc_row = gtk_list_box_get_row_at_index (g_ptr_array_index (lists, i), 0);
    }
  g_assert_nonnull (doc_row);
  g_signal_emit_by_name (gtk_widget_get_parent (GTK_WIDGET (doc_row)), "row-activated", doc_row);
  g_assert_cmpstr (last.action, ==, "open-file-page");
  g_variant_get (last.parameter, "(&si&s)", &file_id, &page_no, &words);
  g_assert_true (g_str_has_prefix (file_id, "https://") || g_str_has_prefix (file_id, "urn:"));
  g_assert_cmpint (page_no, >=, 0);
  g_assert_cmpstr (words, !=, "");

  /* Hostile input is a search like any other. */
  grm_search_page_set_text (GRM_SEARCH_PAGE (page), "\"(NEAR * -) OR '; DROP TABLE");
  settle (800);
  grm_search_page_set_text (GRM_SEARCH_PAGE (page), "Gemeinderat");
  wait_for_hits (GRM_SEARCH_PAGE (page), 1);

  gtk_window_destroy (GTK_WINDOW (window));
  settle (100);
}

static GrmStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  GrmStore *s = grm_store_open (path, &error);

  g_assert_no_error (error);
  return s;
}

/* The indexer holds its store, the store not the indexer: whoever owns the
 * indexer (the application, else the process) lets both go. */
static void
test_indexer_lifecycle (void)
{
  GrmStore *other = open_store ("other.db");
  GrmSearchIndexer *indexer = grm_search_page_start_indexer (other);
  GtkApplication *app;

  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  g_object_add_weak_pointer (G_OBJECT (indexer), (gpointer *) &indexer);
  g_assert_true (grm_search_page_start_indexer (other) == indexer);
  g_object_unref (other);
  g_assert_nonnull (other);   /* the running indexer needs it */
  /* Another store's indexer replaces it: both are freed. */
  grm_search_page_start_indexer (store);
  g_assert_null (indexer);
  g_assert_null (other);

  /* Owned by the application: freed with it. */
  app = gtk_application_new ("io.github.gremium.SearchTest", G_APPLICATION_NON_UNIQUE);
  g_application_set_default (G_APPLICATION (app));
  other = open_store ("third.db");
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *) &other);
  indexer = grm_search_page_start_indexer (other);
  g_object_add_weak_pointer (G_OBJECT (indexer), (gpointer *) &indexer);
  g_object_unref (other);
  settle (50);
  g_assert_nonnull (other);
  g_application_set_default (NULL);
  g_object_unref (app);
  g_assert_null (indexer);
  g_assert_null (other);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GrmSearchIndexer) indexer = NULL;
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  dir = g_dir_make_tmp ("grm-search-ui-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "gremium.db", NULL);
  store = grm_store_open (db, &error);
  g_assert_no_error (error);
  texts = search_test_read_texts (300, NULL);
  search_test_load (store, texts, 300, 200);
  indexer = grm_text_extract_indexer_new (store, NULL);
  g_assert_true (grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* More that the page's own indexer finds when it starts. */
  {
    g_autoptr(GPtrArray) more = search_test_read_texts (900, NULL);

    g_ptr_array_remove_range (more, 0, 300);
    search_test_load (store, more, 0, 0);
  }

  g_test_add_func ("/search/ui/page", test_page);
  g_test_add_func ("/search/ui/indexer-lifecycle", test_indexer_lifecycle);
  ret = g_test_run ();

  search_test_remove_tree (dir);
  return ret;
}
