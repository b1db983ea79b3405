/* pdf-bench.c: figures for the PDF layer (not a test).
 *
 *   build-x/benchmarks/pdf-bench [SHARED_DATA_DIR]
 *
 * 1. Time to the first page of text/GeoTopo-komprimiert.pdf (load + render
 *    page 1 at 96 dpi through GrmPdfDocument) against
 *    `pdftoppm -f 1 -l 1 -r 96` of the same page, median of 5 runs each.
 * 2. All 117 pages rendered at 96 dpi: per-page median and p95.
 * 3. Peak RSS with 10 documents open, three pages of each rendered and
 *    kept (what ten viewer tabs hold), measured in a fresh child process.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "grm-pdf-document.h"

#define RUNS 5
#define DPI_SCALE (96.0 / 72.0)

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : (x > y ? 1 : 0);
}

static double
percentile (double *values,
            guint   n,
            double  p)
{
  guint index;

  qsort (values, n, sizeof (double), (int (*) (const void *, const void *)) compare_double);
  index = (guint) (p * (n - 1) + 0.5);
  return values[MIN (index, n - 1)];
}

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
first_page_ms (GFile *file)
{
  double start = now_ms ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmPdfDocument) doc = grm_pdf_document_load (file, NULL, NULL, &error);
  cairo_surface_t *surface;

  if (doc == NULL)
    g_error ("%s", error->message);
  surface = grm_pdf_document_render (doc, 0, DPI_SCALE, 0, NULL, &error);
  if (surface == NULL)
    g_error ("%s", error->message);
  cairo_surface_destroy (surface);
  return now_ms () - start;
}

static double
pdftoppm_ms (const char *path,
             const char *out_prefix)
{
  const char *argv[] = { "pdftoppm", "-f", "1", "-l", "1", "-r", "96", path, out_prefix, NULL };
  g_autoptr(GError) error = NULL;
  double start = now_ms ();
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error))
    g_error ("pdftoppm: %s", error->message);
  return now_ms () - start;
}

static long
peak_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

/* Runs in a fresh process so that the high-water mark is its own. */
static int
rss_child (const char *root)
{
  const char *files[] = {
    "text/GeoTopo-komprimiert.pdf", "text/tracemonkey.pdf", "text/multicolumn.pdf",
    "text/russian.pdf", "text/habibi.pdf", "layout/sizes.pdf", "layout/pdflatex-outline.pdf",
    "encrypted/orientation.pdf", "text/GeoTopo-komprimiert.pdf", "text/tracemonkey.pdf",
  };
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) surfaces =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  long before = peak_rss_kb ();
  guint i, p;

  for (i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (root, "pdfs", files[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      GrmPdfDocument *doc = grm_pdf_document_load (file, NULL, NULL, &error);

      if (doc == NULL)
        g_error ("%s: %s", files[i], error->message);
      g_ptr_array_add (docs, doc);
      for (p = 0; p < MIN (3, grm_pdf_document_get_n_pages (doc)); p++)
        g_ptr_array_add (surfaces, grm_pdf_document_render (doc, p, DPI_SCALE, 0, NULL, NULL));
    }
  printf ("peak RSS, 10 documents open, 3 pages each rendered: %.1f MB "
          "(process before opening: %.1f MB; target < 300 MB)\n",
          peak_rss_kb () / 1024.0, before / 1024.0);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *root = argc > 1 ? argv[1] : g_getenv ("GRM_SHARED_DATA");
  g_autofree char *path = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GrmPdfDocument) doc = NULL;
  double ours[RUNS], theirs[RUNS], pages[512];
  double ours_med, theirs_med;
  guint i, n;

  if (argc > 2 && g_str_equal (argv[2], "--rss-child"))
    return rss_child (root);
  if (root == NULL)
    root = "../shared/data";

  path = g_build_filename (root, "pdfs", "text", "GeoTopo-komprimiert.pdf", NULL);
  file = g_file_new_for_path (path);
  tmp = g_dir_make_tmp ("grm-pdf-bench-XXXXXX", NULL);
  prefix = g_build_filename (tmp, "page", NULL);

  /* Warm the page cache for both. */
  first_page_ms (file);
  pdftoppm_ms (path, prefix);
  for (i = 0; i < RUNS; i++)
    {
      ours[i] = first_page_ms (file);
      theirs[i] = pdftoppm_ms (path, prefix);
    }
  ours_med = percentile (ours, RUNS, 0.5);
  theirs_med = percentile (theirs, RUNS, 0.5);
  printf ("first page of GeoTopo at 96 dpi: gremium %.1f ms, pdftoppm %.1f ms, "
          "ratio %.2f (target <= 1.3), median of %d\n",
          ours_med, theirs_med, ours_med / theirs_med, RUNS);

  doc = grm_pdf_document_load (file, NULL, NULL, NULL);
  n = MIN (grm_pdf_document_get_n_pages (doc), G_N_ELEMENTS (pages));
  for (i = 0; i < n; i++)
    {
      double start = now_ms ();
      cairo_surface_t *surface = grm_pdf_document_render (doc, i, DPI_SCALE, 0, NULL, NULL);

      pages[i] = now_ms () - start;
      cairo_surface_destroy (surface);
    }
  {
    double median = percentile (pages, n, 0.5);
    double p95 = percentile (pages, n, 0.95);

    printf ("all %u pages at 96 dpi: median %.1f ms, p95 %.1f ms, max %.1f ms\n", n, median, p95,
            pages[n - 1]);
  }

  {
    const char *child_argv[] = { argv[0], root, "--rss-child", NULL };
    g_autoptr(GError) error = NULL;

    fflush (stdout);
    if (!g_spawn_sync (NULL, (char **) child_argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL,
                       NULL, NULL, NULL, NULL, &error))
      g_warning ("%s", error->message);
  }

  {
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *f = g_build_filename (tmp, name, NULL);

        g_unlink (f);
      }
    g_rmdir (tmp);
  }
  return 0;
}
