/* test-pdf-document.c: GrmPdfDocument over every real PDF in shared/data.
 *
 * Each file opens, asks for a password, or fails with the error code the
 * data README promises; the worker's answers (text, find, selection, links,
 * outline, pixels) are checked against what pdftotext and the files say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <math.h>
#include <string.h>

#include "grm-error.h"
#include "grm-pdf-document.h"

#define NO_ERROR -1

typedef struct
{
  const char *path;
  const char *password;   /* NULL: try without */
  int error;              /* GrmError, or NO_ERROR */
  guint n_pages;
} Case;

static const Case cases[] = {
  { "text/GeoTopo-komprimiert.pdf", NULL, NO_ERROR, 117 },
  { "text/tracemonkey.pdf", NULL, NO_ERROR, 14 },
  { "text/german-umlaut-r.pdf", NULL, NO_ERROR, 1 },
  { "text/russian.pdf", NULL, NO_ERROR, 1 },
  { "text/habibi.pdf", NULL, NO_ERROR, 1 },
  { "text/pdf20-utf8-test.pdf", NULL, NO_ERROR, 1 },
  { "text/multicolumn.pdf", NULL, NO_ERROR, 3 },
  { "encrypted/PasswordEncrypted.pdf", NULL, GRM_ERROR_PDF_ENCRYPTED, 0 },
  { "encrypted/PasswordEncrypted.pdf", "password", NO_ERROR, 1 },
  { "encrypted/PasswordEncrypted.pdf", "Password", GRM_ERROR_PDF_BAD_PASSWORD, 0 },
  { "encrypted/encrypted-256.pdf", NULL, GRM_ERROR_PDF_ENCRYPTED, 0 },
  { "encrypted/encrypted-256.pdf", "user-secret", NO_ERROR, 1 },
  { "encrypted/encrypted-256.pdf", "owner-secret", NO_ERROR, 1 },
  { "encrypted/encrypted-256.pdf", "secret", GRM_ERROR_PDF_BAD_PASSWORD, 0 },
  { "encrypted/issue21579.pdf", NULL, GRM_ERROR_PDF_ENCRYPTED, 0 },
  { "encrypted/issue21579.pdf", "p\u00e4ssw\u00f6rt", NO_ERROR, 1 },
  /* the same password typed decomposed, and with a soft hyphen: SASLprep */
  { "encrypted/issue21579.pdf", "pa\u0308sswo\u0308rt", NO_ERROR, 1 },
  { "encrypted/issue21579.pdf", "p\u00e4ss\u00adw\u00f6rt", NO_ERROR, 1 },
  { "encrypted/issue21579.pdf", "passwort", GRM_ERROR_PDF_BAD_PASSWORD, 0 },
  { "encrypted/libreoffice-writer-password.pdf", NULL, GRM_ERROR_PDF_ENCRYPTED, 0 },
  { "encrypted/libreoffice-writer-password.pdf", "openpassword", NO_ERROR, 1 },
  { "encrypted/libreoffice-writer-password.pdf", "open", GRM_ERROR_PDF_BAD_PASSWORD, 0 },
  { "encrypted/encrypted-40-bit-R3.pdf", NULL, GRM_ERROR_PDF_ENCRYPTED, 0 },
  { "encrypted/encrypted-40-bit-R3.pdf", "623", NO_ERROR, 1 },
  { "encrypted/encrypted-40-bit-R3.pdf", "624", GRM_ERROR_PDF_BAD_PASSWORD, 0 },
  { "encrypted/empty_protected.pdf", NULL, NO_ERROR, 1 },
  { "encrypted/orientation.pdf", NULL, NO_ERROR, 4 },
  { "broken/helloworld-bad.pdf", NULL, NO_ERROR, 1 },
  { "broken/xref_command_missing.pdf", NULL, NO_ERROR, 1 },
  { "broken/bad1.pdf", NULL, GRM_ERROR_PDF_NOT_PDF, 0 },
  { "broken/empty.pdf", NULL, GRM_ERROR_PDF_NO_PAGES, 0 },
  /* damaged encryption: reported as damaged, never as "wrong password" */
  { "broken/bad-encryption-length.pdf", NULL, GRM_ERROR_PDF_DAMAGED, 0 },
  { "broken/bad-encryption-length.pdf", "", GRM_ERROR_PDF_DAMAGED, 0 },
  { "broken/bad-encryption-length.pdf", "anything", GRM_ERROR_PDF_DAMAGED, 0 },
  { "broken/PDF 2.0 with offset start.pdf", NULL, NO_ERROR, 1 },
  { "layout/sizes.pdf", NULL, NO_ERROR, 3 },
  { "layout/pdflatex-outline.pdf", NULL, NO_ERROR, 4 },
  { "layout/PDF 2.0 via incremental save.pdf", NULL, NO_ERROR, 1 },
  { "no-such-dir/missing.pdf", NULL, GRM_ERROR_NOT_FOUND, 0 },
};

static GFile *
data_file (const char *relative)
{
  const char *root = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *path = NULL;

  g_assert_nonnull (root);
  path = g_build_filename (root, "pdfs", relative, NULL);
  return g_file_new_for_path (path);
}

static GrmPdfDocument *
open_data (const char *relative)
{
  g_autoptr(GFile) file = data_file (relative);
  g_autoptr(GError) error = NULL;
  GrmPdfDocument *doc = grm_pdf_document_load (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

static void
test_open_every_file (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = data_file (cases[i].path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GrmPdfDocument) doc = NULL;

      g_test_message ("%s with password %s", cases[i].path,
                      cases[i].password ? cases[i].password : "(none)");
      doc = grm_pdf_document_load (file, cases[i].password, NULL, &error);
      if (cases[i].error == NO_ERROR)
        {
          g_assert_no_error (error);
          g_assert_cmpuint (grm_pdf_document_get_n_pages (doc), ==, cases[i].n_pages);
        }
      else
        {
          g_assert_null (doc);
          g_assert_error (error, GRM_ERROR, cases[i].error);
          g_assert_cmpstr (error->message, !=, "");
        }
    }
}

/* A PDF added to shared/data without an entry above fails here. */
static void
test_table_covers_every_file (void)
{
  const char *dirs[] = { "text", "encrypted", "broken", "layout" };
  guint n_files = 0;
  gsize d, i;

  for (d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autoptr(GFile) dir_file = data_file (dirs[d]);
      g_autofree char *dir_path = g_file_get_path (dir_file);
      g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
      const char *name;

      g_assert_nonnull (dir);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *rel = g_build_filename (dirs[d], name, NULL);
          gboolean found = FALSE;

          for (i = 0; i < G_N_ELEMENTS (cases); i++)
            found = found || g_str_equal (cases[i].path, rel);
          g_test_message ("%s", rel);
          g_assert_true (found);
          n_files++;
        }
    }
  g_assert_cmpuint (n_files, ==, 23);
}

static void
test_metadata (void)
{
  g_autoptr(GrmPdfDocument) geo = open_data ("text/GeoTopo-komprimiert.pdf");
  g_autoptr(GrmPdfDocument) sizes = open_data ("layout/sizes.pdf");
  double w0, h0, w1, h1;

  g_assert_cmpstr (grm_pdf_document_get_title (geo), ==, "Geometrie und Topologie");
  grm_pdf_document_get_page_size (sizes, 0, &w0, &h0);
  grm_pdf_document_get_page_size (sizes, 1, &w1, &h1);
  g_assert_true (w0 != w1 || h0 != h1);
}

static void
test_text_umlaut (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/german-umlaut-r.pdf");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = grm_pdf_document_get_text (doc, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (text), ==, "ö„üä“Äß");
}

static void
test_text_damaged (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("broken/helloworld-bad.pdf");
  g_autofree char *text = grm_pdf_document_get_text (doc, 0, NULL, NULL);

  g_assert_nonnull (strstr (text, "Hello"));
}

typedef struct
{
  GMainLoop *loop;
  GAsyncResult *result;
} Wait;

static void
wait_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  return wait->result;
}

static void
test_selection_umlaut (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/german-umlaut-r.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmPdfSelection) sel = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  GrmPdfRect all = { 0, 0, 0, 0 };

  grm_pdf_document_get_page_size (doc, 0, &all.width, &all.height);
  grm_pdf_document_select_async (doc, 0, &all, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  sel = grm_pdf_document_select_finish (doc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_strstrip (sel->text), ==, "ö„üä“Äß");
  g_assert_cmpuint (sel->rects->len, >, 0);
}

static void
assert_found_on (GrmPdfDocument *doc,
                 const char     *word,
                 const guint    *pages,
                 guint           n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  guint i, j = 0, last = G_MAXUINT;

  grm_pdf_document_find_async (doc, word, -1, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  matches = grm_pdf_document_find_finish (doc, result, &error);
  g_assert_no_error (error);
  for (i = 0; i < matches->len; i++)
    {
      GrmPdfMatch *m = &g_array_index (matches, GrmPdfMatch, i);
      double w, h;

      grm_pdf_document_get_page_size (doc, m->page, &w, &h);
      g_assert_cmpfloat (m->rect.x, >=, 0);
      g_assert_cmpfloat (m->rect.y, >=, 0);
      g_assert_cmpfloat (m->rect.x + m->rect.width, <=, w);
      g_assert_cmpfloat (m->rect.y + m->rect.height, <=, h);
      g_assert_cmpfloat (m->rect.height, >, 3);
      if (m->page != last)
        {
          g_assert_cmpuint (j, <, n_pages);
          g_assert_cmpuint (m->page, ==, pages[j++]);
          last = m->page;
        }
    }
  g_assert_cmpuint (j, ==, n_pages);
}

static void
test_find (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/GeoTopo-komprimiert.pdf");
  /* pages (0-based) where pdftotext shows the word */
  const guint moebius[] = { 93, 94, 108, 115 };
  const guint fundamental[] = { 3, 47, 50, 51, 52, 53, 113, 114 };

  assert_found_on (doc, "Möbiusband", moebius, G_N_ELEMENTS (moebius));
  assert_found_on (doc, "fundamentalgruppe", fundamental, G_N_ELEMENTS (fundamental));
  assert_found_on (doc, "Radweg Südstadt", NULL, 0);
}

static void
test_find_position (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/german-umlaut-r.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) matches = NULL;
  g_autoptr(GrmPdfSelection) sel = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  Wait w1 = { g_main_loop_new (NULL, FALSE), NULL };
  Wait w2 = { g_main_loop_new (NULL, FALSE), NULL };
  GrmPdfMatch *m;

  /* A find hit (converted from Poppler's bottom-left origin) selects the
   * same text when handed back as a top-left selection area. */
  grm_pdf_document_find_async (doc, "üä", 0, NULL, wait_cb, &w1);
  r1 = wait_for (&w1);
  matches = grm_pdf_document_find_finish (doc, r1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matches->len, ==, 1);
  m = &g_array_index (matches, GrmPdfMatch, 0);
  grm_pdf_document_select_async (doc, 0, &m->rect, NULL, wait_cb, &w2);
  r2 = wait_for (&w2);
  sel = grm_pdf_document_select_finish (doc, r2, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sel->text, "üä"));
  g_assert_null (strstr (sel->text, "ß"));
}

/* Dark pixels of @surface inside @rect (page space at scale 1). */
static guint
count_dark_in (cairo_surface_t  *surface,
               const GrmPdfRect *rect)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int x, y;
  guint n = 0;

  for (y = (int) rect->y; y < (int) (rect->y + rect->height); y++)
    for (x = (int) rect->x; x < (int) (rect->x + rect->width); x++)
      if ((*(guint32 *) (data + y * stride + 4 * x) & 0xff) < 128)
        n++;
  return n;
}

/* The same round trip on pages with /Rotate 0, 90, 180 and 270: find
 * results and selections agree in page space whatever the page rotation. */
static void
test_find_rotated_pages (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("encrypted/orientation.pdf");
  const char *words[] = { "Portrait", "Landscape", "Upside", "Seascape" };
  guint page;

  for (page = 0; page < G_N_ELEMENTS (words); page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) matches = NULL;
      g_autoptr(GrmPdfSelection) sel = NULL;
      g_autoptr(GAsyncResult) r1 = NULL;
      g_autoptr(GAsyncResult) r2 = NULL;
      Wait w1 = { g_main_loop_new (NULL, FALSE), NULL };
      Wait w2 = { g_main_loop_new (NULL, FALSE), NULL };
      GrmPdfMatch *m;
      double w, h;

      grm_pdf_document_find_async (doc, words[page], page, NULL, wait_cb, &w1);
      r1 = wait_for (&w1);
      matches = grm_pdf_document_find_finish (doc, r1, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (matches->len, ==, 1);
      m = &g_array_index (matches, GrmPdfMatch, 0);
      grm_pdf_document_get_page_size (doc, page, &w, &h);
      g_test_message ("page %u (%gx%g): %s at %g,%g %gx%g", page, w, h, words[page],
                      m->rect.x, m->rect.y, m->rect.width, m->rect.height);
      g_assert_cmpfloat (m->rect.x + m->rect.width, <=, w);
      g_assert_cmpfloat (m->rect.y + m->rect.height, <=, h);
      /* The hit is where the rendered page shows ink. */
      {
        cairo_surface_t *surface = grm_pdf_document_render (doc, page, 1.0, 0, NULL, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (count_dark_in (surface, &m->rect), >, 20);
        cairo_surface_destroy (surface);
      }
      grm_pdf_document_select_async (doc, page, &m->rect, NULL, wait_cb, &w2);
      r2 = wait_for (&w2);
      sel = grm_pdf_document_select_finish (doc, r2, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (sel->text, words[page]));
    }
}

static guint
count_dark_pixels (cairo_surface_t *surface)
{
  guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int w = cairo_image_surface_get_width (surface);
  int h = cairo_image_surface_get_height (surface);
  guint n = 0;
  int x, y;

  for (y = 0; y < h; y++)
    for (x = 0; x < w; x++)
      {
        guint32 px = *(guint32 *) (data + y * stride + 4 * x);

        if ((px & 0xff) < 128 && ((px >> 8) & 0xff) < 128)
          n++;
      }
  return n;
}

static void
test_render (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/GeoTopo-komprimiert.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  cairo_surface_t *surface, *rotated;
  double w, h;

  grm_pdf_document_get_page_size (doc, 0, &w, &h);
  grm_pdf_document_render_async (doc, 0, 1.5, 0, G_PRIORITY_DEFAULT, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  surface = grm_pdf_document_render_finish (doc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (w * 1.5));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) ceil (h * 1.5));
  g_assert_cmpuint (count_dark_pixels (surface), >, 1000);
  cairo_surface_destroy (surface);

  rotated = grm_pdf_document_render (doc, 0, 1.0, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (rotated), ==, (int) ceil (h));
  g_assert_cmpint (cairo_image_surface_get_height (rotated), ==, (int) ceil (w));
  g_assert_cmpuint (count_dark_pixels (rotated), >, 1000);
  cairo_surface_destroy (rotated);

  surface = grm_pdf_document_render (doc, 500, 1.0, 0, NULL, &error);
  g_assert_null (surface);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND);
}

static void
test_render_cancelled (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/tracemonkey.pdf");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;

  g_cancellable_cancel (cancellable);
  surface = grm_pdf_document_render (doc, 0, 1.0, 0, cancellable, &error);
  g_assert_null (surface);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
outline_titles (GPtrArray *items,
                GString   *out)
{
  guint i;

  for (i = 0; i < items->len; i++)
    {
      GrmPdfOutlineItem *item = g_ptr_array_index (items, i);

      g_string_append_printf (out, "%s@%d", item->title, item->page);
      if (item->children->len > 0)
        {
          g_string_append_c (out, '(');
          outline_titles (item->children, out);
          g_string_append_c (out, ')');
        }
      g_string_append_c (out, ';');
    }
}

static void
test_outline (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("layout/pdflatex-outline.pdf");
  g_autoptr(GrmPdfDocument) none = open_data ("text/german-umlaut-r.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autoptr(GAsyncResult) r1 = NULL;
  g_autoptr(GAsyncResult) r2 = NULL;
  g_autoptr(GString) str = g_string_new (NULL);
  Wait w1 = { g_main_loop_new (NULL, FALSE), NULL };
  Wait w2 = { g_main_loop_new (NULL, FALSE), NULL };

  grm_pdf_document_get_outline_async (doc, NULL, wait_cb, &w1);
  r1 = wait_for (&w1);
  items = grm_pdf_document_get_outline_finish (doc, r1, &error);
  g_assert_no_error (error);
  outline_titles (items, str);
  g_test_message ("outline: %s", str->str);
  /* pdflatex writes a flat outline of nine sections on pages 2 to 4 */
  g_assert_cmpstr (str->str, ==,
                   "Foo@1;Bar@1;Baz@1;Foo@1;Bar@2;Baz@2;Foo@2;Bar@3;Baz@3;");

  grm_pdf_document_get_outline_async (none, NULL, wait_cb, &w2);
  r2 = wait_for (&w2);
  empty = grm_pdf_document_get_outline_finish (none, r2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

/* The table of contents on page 1 links to the same pages as the outline. */
static void
test_links_toc (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("layout/pdflatex-outline.pdf");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  Wait wait = { g_main_loop_new (NULL, FALSE), NULL };
  const int pages[] = { 1, 1, 1, 1, 2, 2, 2, 3, 3 };
  guint i;

  grm_pdf_document_get_links_async (doc, 0, NULL, wait_cb, &wait);
  result = wait_for (&wait);
  links = grm_pdf_document_get_links_finish (doc, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 9);
  for (i = 0; i < links->len; i++)
    {
      GrmPdfLink *link = g_ptr_array_index (links, i);
      gboolean found = FALSE;
      guint j;

      /* Poppler does not promise the order: match by target page. */
      g_assert_null (link->uri);
      g_assert_cmpfloat (link->area.y, >, 0);
      g_assert_cmpfloat (link->area.y, <, 842 / 2);   /* upper half, top-left origin */
      for (j = 0; j < G_N_ELEMENTS (pages); j++)
        found = found || pages[j] == link->dest_page;
      g_assert_true (found);
      g_assert_cmpfloat (link->dest_y, >=, 0);
    }
}

static void
test_links (void)
{
  g_autoptr(GrmPdfDocument) doc = open_data ("text/GeoTopo-komprimiert.pdf");
  guint n_pages = grm_pdf_document_get_n_pages (doc);
  guint total = 0, internal = 0, external = 0;
  guint page, i;

  for (page = 0; page < n_pages; page++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) links = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      Wait wait = { g_main_loop_new (NULL, FALSE), NULL };

      grm_pdf_document_get_links_async (doc, page, NULL, wait_cb, &wait);
      result = wait_for (&wait);
      links = grm_pdf_document_get_links_finish (doc, result, &error);
      g_assert_no_error (error);
      for (i = 0; i < links->len; i++)
        {
          GrmPdfLink *link = g_ptr_array_index (links, i);

          g_assert_true ((link->dest_page >= 0) != (link->uri != NULL));
          g_assert_cmpint (link->dest_page, <, (int) n_pages);
          if (link->uri != NULL)
            external++;
          else
            internal++;
        }
      total += links->len;
    }
  g_test_message ("links: %u internal, %u external", internal, external);
  g_assert_cmpuint (total, ==, 509);
  g_assert_cmpuint (internal, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pdf/open-every-file", test_open_every_file);
  g_test_add_func ("/pdf/table-covers-every-file", test_table_covers_every_file);
  g_test_add_func ("/pdf/metadata", test_metadata);
  g_test_add_func ("/pdf/text-umlaut", test_text_umlaut);
  g_test_add_func ("/pdf/text-damaged", test_text_damaged);
  g_test_add_func ("/pdf/selection-umlaut", test_selection_umlaut);
  g_test_add_func ("/pdf/find", test_find);
  g_test_add_func ("/pdf/find-position", test_find_position);
  g_test_add_func ("/pdf/find-rotated-pages", test_find_rotated_pages);
  g_test_add_func ("/pdf/render", test_render);
  g_test_add_func ("/pdf/render-cancelled", test_render_cancelled);
  g_test_add_func ("/pdf/outline", test_outline);
  g_test_add_func ("/pdf/links", test_links);
  g_test_add_func ("/pdf/links-toc", test_links_toc);
  return g_test_run ();
}
