/* startup-bench.c: time from the start of the app to the first frame that
 * shows content (the Upcoming list, or the welcome page), with a large
 * synced store (the Karlsruhe body: 14,004 papers, 2,609 meetings) and with
 * an empty store, in the same run. Each start is a process of its own, as
 * in real life; the figures are medians.
 *
 * Usage: GSK_RENDERER=cairo startup-bench [RUNS]
 * (needs GRM_SHARED_DATA and GSETTINGS_SCHEMA_DIR=<build>/data, and a
 * display: run it under xvfb-run).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "grm-browse-list.h"
#include "grm-test-data.h"
#include "grm-window-private.h"

static gint64 t_start;
static gboolean ready_before_paint;

/* The content a user came for is on screen: a list with its first rows,
 * an empty list's status page, or the welcome page of an empty store. */
static gboolean
content_ready (GrmWindow *window)
{
  GtkWidget *page;
  GtkWidget *child;
  GrmBrowseModel *model;
  g_autoptr(GrmBrowseRow) first = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (window->main_stack), "browse") != 0)
    return FALSE;
  page = grm_window_get_visible_page (window);
  if (page == GTK_WIDGET (window->welcome_page))
    return TRUE;
  for (child = gtk_widget_get_first_child (page); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GRM_IS_BROWSE_LIST (child))
      break;
  if (child == NULL)
    return FALSE;
  model = grm_browse_list_get_model (GRM_BROWSE_LIST (child));
  if (model == NULL || !grm_browse_model_get_loaded (model))
    return FALSE;
  if (g_list_model_get_n_items (G_LIST_MODEL (model)) == 0)
    return TRUE;
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  return !grm_browse_row_get_loading (first);
}

static void
before_paint_cb (GdkFrameClock *clock,
                 GrmWindow     *window)
{
  ready_before_paint = content_ready (window);
}

static void
after_paint_cb (GdkFrameClock *clock,
                GrmWindow     *window)
{
  if (!ready_before_paint)
    return;
  printf ("%.1f\n", (g_get_monotonic_time () - t_start) / 1000.0);
  fflush (stdout);
  exit (0);
}

static void
realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), widget);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), widget);
}

static void
activate_cb (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    realize_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
}

/* One start of the app on @db_path; prints milliseconds to the first frame. */
static int
run_child (const char *db_path)
{
  g_autoptr(GrmApplication) app = NULL;
  char *argv[] = { (char *) "gremium", NULL };

  t_start = g_get_monotonic_time ();
  g_setenv ("GREMIUM_DB", db_path, TRUE);
  app = grm_application_new ();
  /* No bus name: runs do not wait for each other's names to vanish. */
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}

static double
start_once (const char *self,
            const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { self, "--child", db_path, NULL };
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("Run failed: %s", error != NULL ? error->message : "?");
  return g_ascii_strtod (out, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *dir = NULL;
  g_autofree char *empty_db = NULL;
  g_autofree char *large_db = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GArray) empty_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) large_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  int runs = 5;
  gint64 t0;

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);
  if (argc == 2)
    runs = MAX (1, atoi (argv[1]));
  if (shared == NULL)
    g_error ("Set GRM_SHARED_DATA to the shared data directory");

  dir = g_dir_make_tmp ("grm-startup-XXXXXX", NULL);
  empty_db = g_build_filename (dir, "empty.db", NULL);
  large_db = g_build_filename (dir, "large.db", NULL);
  body = g_build_filename (shared, "oparl", "karlsruhe", NULL);

  {
    g_autoptr(GrmStore) empty = grm_store_open (empty_db, &error);
    g_autoptr(GrmStore) large = NULL;

    g_assert_no_error (error);
    large = grm_store_open (large_db, &error);
    g_assert_no_error (error);
    t0 = g_get_monotonic_time ();
    if (!grm_test_load_body (large, body, &error))
      g_error ("Could not load %s: %s", body, error->message);
    g_print ("Loaded the Karlsruhe body in %.1f s\n", (g_get_monotonic_time () - t0) / 1e6);
  }

  for (int i = 0; i < runs; i++)
    {
      double e = start_once (argv[0], empty_db);
      double l = start_once (argv[0], large_db);

      g_array_append_val (empty_ms, e);
      g_array_append_val (large_ms, l);
      g_print ("run %d: empty %.1f ms, large %.1f ms\n", i + 1, e, l);
    }

  {
    double e = median (empty_ms), l = median (large_ms);

    g_print ("renderer %s, %d runs\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER")
                                                                 : "default", runs);
    g_print ("first frame with content: empty store %.1f ms, large store %.1f ms, "
             "ratio %.2f (target <= 1.2, < 500 ms)\n", e, l, l / e);
  }
  return 0;
}
