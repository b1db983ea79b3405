/* test-pdf-viewer.c: GrmPdfViewer in a real window under Xvfb.
 *
 * Opens real PDFs the way the main window does, waits for pixels, and
 * writes screenshots into G_TEST_BUILDDIR (pdf-viewer-*.png) so a person
 * can look at them. Covers the first page, find, the password prompt
 * (wrong, then right), error pages and the remembered page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "grm-error.h"
#include "grm-pdf-positions.h"
#include "grm-pdf-print.h"
#include "grm-pdf-tab.h"
#include "grm-pdf-view.h"
#include "grm-pdf-viewer.h"

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition   condition,
            gpointer    data,
            const char *what)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot;
  g_autoptr(GskRenderNode) node = NULL;
  guint tries;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int w = gtk_widget_get_width (widget);
  int h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* While an animation has a relayout pending the paintable may have no
   * node yet: let the frame clock run and try again. */
  for (tries = 0; node == NULL && tries < 200; tries++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        spin (10);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static GFile *
data_file (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("GRM_SHARED_DATA"), "pdfs", relative,
                                            NULL);

  return g_file_new_for_path (path);
}

typedef struct
{
  GtkWindow *window;
  GrmPdfViewer *viewer;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = GTK_WINDOW (adw_window_new ());
  f->viewer = GRM_PDF_VIEWER (grm_pdf_viewer_new ());
  gtk_window_set_default_size (f->window, 1000, 760);
  adw_window_set_content (ADW_WINDOW (f->window), GTK_WIDGET (f->viewer));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  spin (50);
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  GtkWidget *child;

  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
first_page_drawn (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = grm_pdf_viewer_get_view (f->viewer);

  return view != NULL && grm_pdf_view_get_page_texture (GRM_PDF_VIEW (view), 0) != NULL;
}

static gboolean
has_matches (gpointer data)
{
  Fixture *f = data;

  return grm_pdf_view_get_n_matches (GRM_PDF_VIEW (grm_pdf_viewer_get_view (f->viewer))) > 0;
}

static gboolean
match_page_drawn (gpointer data)
{
  GrmPdfView *view = data;
  guint page = grm_pdf_view_get_page (view);

  return grm_pdf_view_get_page_texture (view, page) != NULL;
}

static void
test_viewer_geotopo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("text/GeoTopo-komprimiert.pdf");
  GrmPdfView *view;
  GdkTexture *texture;
  GtkWidget *search;

  /* As the main window does: its back button in the viewer's header. */
  grm_pdf_viewer_pack_start (f->viewer, gtk_button_new_from_icon_name ("go-previous-symbolic"));
  grm_pdf_viewer_open (f->viewer, file, "GeoTopo", -1, NULL);
  wait_until (first_page_drawn, f, "the first page");
  view = GRM_PDF_VIEW (grm_pdf_viewer_get_view (f->viewer));
  texture = grm_pdf_view_get_page_texture (view, 0);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 400);
  g_assert_cmpuint (grm_pdf_view_get_page (view), ==, 0);
  g_assert_cmpuint (grm_pdf_document_get_n_pages (grm_pdf_view_get_document (view)), ==, 117);
  spin (200);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-geotopo.png");

  /* Find through the viewer's action and search entry path. */
  /* Find the way a user does: Ctrl+F, then type into the search entry. */
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.find", NULL);
  search = find_widget (GTK_WIDGET (f->viewer), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_focus (search)
                 || gtk_widget_get_focus_child (search) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "Möbiusband");
  wait_until (has_matches, f, "find results");
  g_assert_cmpuint (grm_pdf_view_get_n_matches (view), ==, 4);
  g_assert_cmpint (grm_pdf_view_get_current_match (view), ==, 0);
  spin (100);
  wait_until (match_page_drawn, view, "the page of the first match");
  g_assert_cmpuint (grm_pdf_view_get_page (view), ==, 93);
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.find-next", NULL);
  g_assert_cmpint (grm_pdf_view_get_current_match (view), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.find-previous", NULL);
  g_assert_cmpint (grm_pdf_view_get_current_match (view), ==, 0);
  spin (300);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-find.png");

  /* Night view and the sidebar, for the screenshot. */
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.night-view", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.sidebar", NULL);
  g_assert_true (grm_pdf_view_get_night (view));
  spin (400);
  /* The next hit is on the next page; the thumbnails follow. */
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.find-next", NULL);
  spin (400);
  wait_until (match_page_drawn, view, "the page of the next match");
  grm_pdf_view_set_page (view, 108);   /* the third hit's page */
  spin (400);
  wait_until (match_page_drawn, view, "page 109");
  save_png (GTK_WIDGET (f->window), "pdf-viewer-night-sidebar.png");
}

static gboolean
has_selection (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = grm_pdf_viewer_get_view (f->viewer);
  const char *text = view != NULL ? grm_pdf_view_get_selected_text (GRM_PDF_VIEW (view)) : NULL;

  return text != NULL && text[0] != '\0';
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **out = user_data;

  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

/* Ctrl+A then Ctrl+C puts the page's text, umlauts and German quotes
 * intact, on the clipboard. */
static void
test_viewer_copy (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("text/german-umlaut-r.pdf");
  g_autofree char *text = NULL;
  GtkWidget *view;

  grm_pdf_viewer_open (f->viewer, file, NULL, 0, NULL);
  wait_until (first_page_drawn, f, "the page");
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.select-all", NULL);
  wait_until (has_selection, f, "the selection");
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.copy", NULL);
  view = grm_pdf_viewer_get_view (f->viewer);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (view), NULL, clipboard_text_cb, &text);
  wait_until (text_arrived, &text, "the clipboard");
  g_assert_cmpstr (g_strstrip (text), ==, "ö„üä“Äß");
  spin (200);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-selection.png");
}

static gboolean
page_is_five (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = grm_pdf_viewer_get_view (f->viewer);

  return view != NULL && grm_pdf_view_get_page (GRM_PDF_VIEW (view)) == 5
         && grm_pdf_view_get_page_texture (GRM_PDF_VIEW (view), 5) != NULL;
}

static gboolean
no_view (gpointer data)
{
  Fixture *f = data;

  return grm_pdf_viewer_get_view (f->viewer) == NULL;
}

static void
test_viewer_remembers_page (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("text/tracemonkey.pdf");
  GrmPdfView *view;

  grm_pdf_viewer_open (f->viewer, file, NULL, 5, NULL);
  wait_until (page_is_five, f, "page 6 of tracemonkey");
  view = GRM_PDF_VIEW (grm_pdf_viewer_get_view (f->viewer));
  g_assert_cmpuint (grm_pdf_view_get_page (view), ==, 5);

  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.close-tab", NULL);
  wait_until (no_view, f, "the tab to close");
  grm_pdf_viewer_open (f->viewer, file, NULL, -1, NULL);
  wait_until (page_is_five, f, "the remembered page");
}

static gboolean
highlight_shown (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = grm_pdf_viewer_get_view (f->viewer);

  return view != NULL && grm_pdf_view_get_n_matches (GRM_PDF_VIEW (view)) > 0
         && grm_pdf_view_get_page_texture (GRM_PDF_VIEW (view), 3) != NULL;
}

/* What a search hit does: open at a page with the words highlighted. */
static void
test_viewer_highlight (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("text/tracemonkey.pdf");
  GrmPdfView *view;

  grm_pdf_viewer_open (f->viewer, file, "TraceMonkey", 3, "trace tree");
  wait_until (highlight_shown, f, "the highlighted words");
  view = GRM_PDF_VIEW (grm_pdf_viewer_get_view (f->viewer));
  /* pdftotext: "trace tree" occurs on pages 1, 2, 4, 5, …; the first hit
   * shown is the first on page 4 (index 3). */
  g_assert_cmpuint (grm_pdf_view_get_n_matches (view), >=, 15);
  g_assert_cmpuint (grm_pdf_view_get_page (view), ==, 3);
  spin (300);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-highlight.png");
}

static gboolean
rotated_page_drawn (gpointer data)
{
  Fixture *f = data;
  GtkWidget *view = grm_pdf_viewer_get_view (f->viewer);
  GdkTexture *texture;

  if (view == NULL || grm_pdf_view_get_rotation (GRM_PDF_VIEW (view)) != 90)
    return FALSE;
  texture = grm_pdf_view_get_page_texture (GRM_PDF_VIEW (view), 0);
  return texture != NULL && gdk_texture_get_width (texture) > gdk_texture_get_height (texture);
}

/* orientation.pdf has pages with /Rotate 0, 90, 180, 270; rotating the
 * view turns the portrait first page into landscape. */
static void
test_viewer_rotate (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("encrypted/orientation.pdf");

  grm_pdf_viewer_open (f->viewer, file, NULL, 0, NULL);
  wait_until (first_page_drawn, f, "the page");
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.fit-page", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->viewer), "pdf.rotate-right", NULL);
  wait_until (rotated_page_drawn, f, "the rotated page");
  spin (300);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-rotated.png");
}

static AdwMessageDialog *
find_dialog (const char *heading)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint i;

  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                        heading) == 0)
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
password_dialog_shown (gpointer data)
{
  return find_dialog (data) != NULL;
}

static void
answer (AdwMessageDialog *dialog,
        const char       *password)
{
  GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), password);
  adw_message_dialog_response (dialog, "unlock");
}

static void
test_viewer_password (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = data_file ("encrypted/PasswordEncrypted.pdf");
  AdwMessageDialog *dialog;

  grm_pdf_viewer_open (f->viewer, file, "Protected", -1, NULL);
  wait_until (password_dialog_shown, "Password Required", "the password prompt");
  dialog = find_dialog ("Password Required");
  spin (300);
  save_png (GTK_WIDGET (dialog), "pdf-viewer-password.png");
  answer (dialog, "wrong");

  wait_until (password_dialog_shown, "Wrong Password", "the wrong-password prompt");
  dialog = find_dialog ("Wrong Password");
  spin (200);
  save_png (GTK_WIDGET (dialog), "pdf-viewer-wrong-password.png");
  answer (dialog, "password");

  wait_until (first_page_drawn, f, "the unlocked document");
}

typedef struct
{
  Fixture *f;
  int code;
} ErrorWait;

static gboolean
tab_failed (gpointer data)
{
  ErrorWait *w = data;
  AdwTabView *tab_view;
  AdwTabPage *page;
  const GError *error;

  tab_view = g_object_get_data (G_OBJECT (w->f->viewer), "test-tab-view");
  if (tab_view == NULL)
    return FALSE;
  page = adw_tab_view_get_selected_page (tab_view);
  if (page == NULL)
    return FALSE;
  error = grm_pdf_tab_get_error (GRM_PDF_TAB (adw_tab_page_get_child (page)));
  return error != NULL && g_error_matches (error, GRM_ERROR, w->code);
}

static AdwTabView *
find_tab_view (GtkWidget *widget)
{
  GtkWidget *child;

  if (ADW_IS_TAB_VIEW (widget))
    return ADW_TAB_VIEW (widget);
  for (child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwTabView *found = find_tab_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_viewer_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) bad = data_file ("broken/bad1.pdf");
  g_autoptr(GFile) damaged = data_file ("broken/bad-encryption-length.pdf");
  ErrorWait w = { f, GRM_ERROR_PDF_NOT_PDF };

  g_object_set_data (G_OBJECT (f->viewer), "test-tab-view",
                     find_tab_view (GTK_WIDGET (f->viewer)));
  grm_pdf_viewer_open (f->viewer, bad, "bad1.pdf", -1, NULL);
  wait_until (tab_failed, &w, "the not-a-PDF error page");
  g_assert_null (grm_pdf_viewer_get_view (f->viewer));
  spin (600);   /* past the stack's crossfade */
  save_png (GTK_WIDGET (f->window), "pdf-viewer-error.png");

  /* Damaged encryption: an error page, never a password prompt. */
  w.code = GRM_ERROR_PDF_DAMAGED;
  grm_pdf_viewer_open (f->viewer, damaged, NULL, -1, NULL);
  wait_until (tab_failed, &w, "the damaged-encryption error page");
  g_assert_null (find_dialog ("Password Required"));
  spin (600);
  save_png (GTK_WIDGET (f->window), "pdf-viewer-damaged.png");
}

/* Printing draws each page on the document's worker, deferred; exporting
 * to a PDF runs the same path and the result can be read back. */
static void
test_print_export (void)
{
  g_autoptr(GFile) file = data_file ("layout/pdflatex-outline.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmPdfDocument) doc = grm_pdf_document_load (file, NULL, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("grm-print-XXXXXX", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.pdf", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GrmPdfDocument) printed = NULL;
  g_autofree char *text = NULL;
  GtkPrintOperationResult result;

  g_assert_no_error (error);
  result = grm_pdf_print_run (doc, "outline", NULL, GTK_PRINT_OPERATION_ACTION_EXPORT, out_path,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  printed = grm_pdf_document_load (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grm_pdf_document_get_n_pages (printed), ==, 4);
  text = grm_pdf_document_get_text (printed, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Foo"));
  g_unlink (out_path);
  g_rmdir (dir);
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

typedef struct
{
  GrmPdfPositions *positions;
  GFile *file;
} Lookup;

static gboolean
position_loaded (gpointer data)
{
  Lookup *l = data;
  int page;
  double zoom;

  return grm_pdf_positions_lookup (l->positions, l->file, &page, &zoom);
}

/* Remembered pages survive a restart: written to the key file, read back. */
static void
test_positions_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-positions-XXXXXX", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *path = g_build_filename (sub, "positions.ini", NULL);
  g_autoptr(GFile) doc = g_file_new_for_path ("/srv/papers/0123-2020.pdf");
  GrmPdfPositions *positions = grm_pdf_positions_new (path);
  Lookup lookup;
  int page = -1;
  double zoom = -1;

  grm_pdf_positions_store (positions, doc, 41, 2.5);
  g_object_unref (positions);   /* flushes the pending write */
  wait_until (file_exists, path, "the positions file");
  spin (100);

  lookup.positions = grm_pdf_positions_new (path);
  lookup.file = doc;
  wait_until (position_loaded, &lookup, "the positions to load");
  g_assert_true (grm_pdf_positions_lookup (lookup.positions, doc, &page, &zoom));
  g_assert_cmpint (page, ==, 41);
  g_assert_cmpfloat (zoom, ==, 2.5);
  g_object_unref (lookup.positions);
  spin (50);
  g_unlink (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *state = g_dir_make_tmp ("grm-pdf-viewer-XXXXXX", NULL);

  /* Remembered pages go to a throwaway state directory. */
  g_setenv ("XDG_STATE_HOME", state, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/pdf-viewer/geotopo", Fixture, NULL, fixture_setup, test_viewer_geotopo,
              fixture_teardown);
  g_test_add ("/pdf-viewer/remembers-page", Fixture, NULL, fixture_setup,
              test_viewer_remembers_page, fixture_teardown);
  g_test_add ("/pdf-viewer/highlight", Fixture, NULL, fixture_setup, test_viewer_highlight,
              fixture_teardown);
  g_test_add ("/pdf-viewer/rotate", Fixture, NULL, fixture_setup, test_viewer_rotate,
              fixture_teardown);
  g_test_add ("/pdf-viewer/copy", Fixture, NULL, fixture_setup, test_viewer_copy,
              fixture_teardown);
  g_test_add ("/pdf-viewer/password", Fixture, NULL, fixture_setup, test_viewer_password,
              fixture_teardown);
  g_test_add ("/pdf-viewer/errors", Fixture, NULL, fixture_setup, test_viewer_errors,
              fixture_teardown);
  g_test_add_func ("/pdf-viewer/print-export", test_print_export);
  g_test_add_func ("/pdf-viewer/positions-file", test_positions_file);
  return g_test_run ();
}
