/* test-push-ui.c: the outbox page under Xvfb: a conflict shows the
 * server's version and is resolved with "Keep Mine" / "Take Server’s"
 * (no server needed: resolving is local); "Publish Now" without a password
 * asks for it, then publishes to the test server (argv[1]).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>

#include "grm-outbox-page.h"
#include "grm-push.h"
#include "grm-session-store.h"
#include "grm-store-outbox.h"
#include "grm-sync.h"

static const char *server_path;

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

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

static gboolean
refused_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *target = g_strdup_printf ("%s%u", MEETING, i);
      gint64 seq;

      if (!grm_store_outbox_enqueue (db, "PUT", target, "\"v1\"", "{}", NULL, "Records", &seq,
                                     error) ||
          !grm_store_outbox_add_attempts (db, seq, 1, NULL, error) ||
          !grm_store_outbox_mark_failed (db, seq, "The object no longer exists on the server",
                                         error))
        return FALSE;
    }
  return TRUE;
}

/* A change the server refused: tried again with a new key, or not sent
 * (it leaves the outbox; nothing local is removed). */
static void
test_outbox_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = grm_outbox_page_new (f->store, f->push);
  GtkWidget *button;

  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  grm_store_write_sync (f->store, refused_job, NULL, NULL, &error);
  g_assert_no_error (error);
  grm_store_read_sync (f->store, list_job, NULL, (gpointer *) &before, &error);
  grm_store_notify_changed (f->store, "outbox");
  wait_rows (GRM_OUTBOX_PAGE (page), 2);
  wait_buttons (page, "Try _Again", 2);

  button = find_button (page, "Try _Again");
  g_signal_emit_by_name (button, "clicked");
  wait_buttons (page, "Try _Again", 1);
  button = find_button (page, "_Do Not Send");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  wait_rows (GRM_OUTBOX_PAGE (page), 1);

  grm_store_read_sync (f->store, list_job, NULL, (gpointer *) &entries, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((GrmOutboxEntry *) entries->pdata[0])->state, ==, GRM_OUTBOX_PENDING);
  g_assert_cmpstr (((GrmOutboxEntry *) entries->pdata[0])->idempotency_key, !=,
                   ((GrmOutboxEntry *) before->pdata[0])->idempotency_key);
  g_assert_cmpstr (((GrmOutboxEntry *) entries->pdata[0])->base_version, ==, "\"v1\"");
  g_assert_cmpint (((GrmOutboxEntry *) entries->pdata[1])->state, ==, GRM_OUTBOX_DROPPED);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
sync_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  grm_sync_run_finish (GRM_SYNC (source), result, error);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static gboolean
item5_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT o.id FROM agenda_item a JOIN object o "
                                           "ON o.oid = a.oid WHERE a.meeting = ? AND "
                                           "a.number = '5.'", error);

  grm_db_bind_text (stmt, 1, data);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *result = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static void
run_op (GrmStore *store, GrmSessionOp *op)
{
  g_autoptr(GError) error = NULL;

  grm_store_write_sync (store, grm_session_op_run, op, NULL, &error);
  g_assert_no_error (error);
  grm_session_op_free (op);
}

static AdwMessageDialog *
wait_dialog (void)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  AdwMessageDialog *found = NULL;

  while (found == NULL && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

      for (GList *l = toplevels; l != NULL; l = l->next)
        if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
          found = l->data;
      if (found == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
  g_assert_nonnull (found);
  return found;
}

/* Until the one entry of the outbox was sent. */
static void
wait_sent (GrmStore *store)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, tick_cb, NULL);
  gboolean sent = FALSE;

  while (!sent && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) entries = NULL;

      g_main_context_iteration (NULL, TRUE);
      g_assert_true (grm_store_read_sync (store, list_job, NULL, (gpointer *) &entries, NULL));
      sent = entries->len == 1 &&
             ((GrmOutboxEntry *) entries->pdata[0])->state == GRM_OUTBOX_SENT;
    }
  g_source_remove (tick);
  g_assert_true (sent);
}

/* Publishing without a stored password asks for it, then publishes. */
static void
test_outbox_publish (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  g_autoptr(GrmCredentials) credentials = NULL;
  g_autoptr(GrmPush) push = NULL;
  g_autofree char *system_url = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *base = NULL;
  g_autofree char *item = NULL;
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *huertgenwald = g_build_filename (shared, "oparl", "huertgenwald", NULL);
  AdwMessageDialog *dialog;
  GtkWidget *window, *page;
  GrmSessionOp *op;

  /* A test that aborts takes its server with it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  server = g_subprocess_launcher_spawn (launcher, &error, server_path, "--data", huertgenwald,
                                        "--port", "0", "--account", "clerk:secret", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  system_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (system_url);
  sync = grm_sync_new (f->store, system_url, options);
  grm_sync_run_async (sync, NULL, sync_done_cb, &error);
  while (g_object_get_data (G_OBJECT (sync), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);

  base = g_strndup (system_url, strlen (system_url) - strlen ("system"));
  meeting = g_strconcat (base, "body/1/meeting/2531", NULL);
  run_op (f->store, grm_session_op_new (GRM_SESSION_OP_START, meeting, "Test Secretary"));
  grm_store_read_sync (f->store, item5_job, meeting, (gpointer *) &item, &error);
  op = grm_session_op_new (GRM_SESSION_OP_DECISION, meeting, "Test Secretary");
  op->item = g_strdup (item);
  op->text = g_strdup ("Beschlossen.");
  run_op (f->store, op);

  /* No password yet: the app asks for it (and keeps it in the keyring;
   * here the in-memory source stands in for the keyring). */
  credentials = grm_credentials_new_in_memory (system_url, "clerk", NULL);
  push = grm_push_new (f->store, credentials);
  window = gtk_window_new ();
  page = grm_outbox_page_new (f->store, push);
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 420);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_rows (GRM_OUTBOX_PAGE (page), 0);

  g_assert_true (gtk_widget_activate_action (page, "outbox.publish", NULL));
  dialog = wait_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "secret");
  adw_message_dialog_response (dialog, "sign-in");   /* closes the dialog */

  /* The entry was collected, then sent: none left on the page. */
  wait_sent (f->store);
  wait_rows (GRM_OUTBOX_PAGE (page), 0);
  gtk_window_destroy (GTK_WINDOW (window));
  g_subprocess_force_exit (server);
  g_subprocess_wait (server, NULL, NULL);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_assert_cmpint (argc, >=, 2);
  server_path = argv[1];
  g_test_add ("/push/outbox-page", Fixture, NULL, setup, test_outbox_page, teardown);
  g_test_add ("/push/outbox-refused", Fixture, NULL, setup, test_outbox_refused, teardown);
  g_test_add ("/push/outbox-publish", Fixture, NULL, setup, test_outbox_publish, teardown);
  return g_test_run ();
}
