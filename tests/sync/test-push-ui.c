/* test-push-ui.c: the outbox page under Xvfb: a conflict shows the
 * server's version and is resolved with "Keep Mine" / "Take Server’s".
 * No server is needed: resolving is local, sending comes later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "grm-outbox-page.h"
#include "grm-push.h"
#include "grm-store-outbox.h"

#define MEETING "https://oparl.example.org/meeting/1"

typedef struct
{
  char     *dir;
  char     *path;
  GrmStore *store;
  GrmPush  *push;
} Fixture;

static gboolean
conflicts_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  const char *names[] = { "Gemeinderat (8. Sitzung)", "Hauptausschuss (3. Sitzung)" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *target = g_strdup_printf ("%s%u", MEETING, i);
      g_autofree char *mine = g_strdup_printf ("{\"id\":\"%s\",\"name\":\"%s\"}", target, names[i]);
      g_autofree char *theirs = g_strdup_printf ("{\"id\":\"%s\",\"name\":\"%s, verlegt\","
                                                 "\"modified\":\"2026-11-02T10:00:00+01:00\"}",
                                                 target, names[i]);
      g_autofree char *label = g_strdup_printf ("Records of “%s”", names[i]);
      gint64 seq;

      if (!grm_store_outbox_enqueue (db, "PUT", target, NULL, mine, NULL, label, &seq, error) ||
          !grm_store_outbox_mark_conflict (db, seq, "\"v9\"", theirs, "changed", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
list_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_store_outbox_list (db, -1, error);
  return *result != NULL;
}

static void
setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmCredentials) credentials = NULL;

  f->dir = g_dir_make_tmp ("gremium-outbox-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "gremium.db", NULL);
  f->store = grm_store_open (f->path, &error);
  g_assert_no_error (error);
  credentials = grm_credentials_new_in_memory ("https://oparl.example.org/system", "clerk", "x");
  f->push = grm_push_new (f->store, credentials);
}

static void
teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->push);
  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->path, suffixes[i], NULL);

      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_rows (GrmOutboxPage *page, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (50, tick_cb, NULL);

  while (grm_outbox_page_get_n_rows (page) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  /* Let the reload that follows a change finish too. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (grm_outbox_page_get_n_rows (page), ==, n);
}

/* Until the page has its size and the rows are laid out. */
static void
wait_drawn (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while ((gtk_widget_get_width (widget) == 0 || !gtk_widget_get_mapped (widget)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

static GtkWidget *
find_button (GtkWidget *root, const char *label)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0 &&
          gtk_widget_get_sensitive (c))
        return c;
      if ((found = find_button (c, label)) != NULL)
        return found;
    }
  return NULL;
}

static guint
count_buttons (GtkWidget *root, const char *label)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (c)), label) == 0)
        n++;
      n += count_buttons (c, label);
    }
  return n;
}

/* Until the rows were rebuilt with @n buttons labelled @label. */
static void
wait_buttons (GtkWidget *page, const char *label, guint n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);

  while (count_buttons (page, label) != n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpuint (count_buttons (page, label), ==, n);
}

static void
screenshot (GtkWidget *widget, const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR")
                                                                          : ".", name, NULL);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                              gtk_widget_get_height (widget)));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static void
test_outbox_page (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = grm_outbox_page_new (f->store, f->push);
  GtkWidget *button;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_rows (GRM_OUTBOX_PAGE (page), 0);

  grm_store_write_sync (f->store, conflicts_job, NULL, NULL, &error);
  g_assert_no_error (error);
  grm_store_notify_changed (f->store, "outbox");
  wait_rows (GRM_OUTBOX_PAGE (page), 2);
  wait_drawn (page);
  screenshot (page, "outbox-page.png");

  /* Keep mine on the first: pending again, based on the server's version. */
  button = find_button (page, "_Keep Mine");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_buttons (page, "_Keep Mine", 1);
  g_assert_cmpuint (grm_outbox_page_get_n_rows (GRM_OUTBOX_PAGE (page)), ==, 2);
  /* Take the server's on the second (the first row has no buttons any
   * more): dropped, gone from the list. */
  g_assert_nonnull (find_button (page, "_Keep Mine"));
  button = find_button (page, "_Take Server’s");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_rows (GRM_OUTBOX_PAGE (page), 1);

  grm_store_read_sync (f->store, list_job, NULL, (gpointer *) &entries, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GrmOutboxEntry *) entries->pdata[0])->state, ==, GRM_OUTBOX_PENDING);
  g_assert_cmpstr (((GrmOutboxEntry *) entries->pdata[0])->base_version, ==, "\"v9\"");
  g_assert_cmpint (((GrmOutboxEntry *) entries->pdata[1])->state, ==, GRM_OUTBOX_DROPPED);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_test_add ("/push/outbox-page", Fixture, NULL, setup, test_outbox_page, teardown);
  return g_test_run ();
}
