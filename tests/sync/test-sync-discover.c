/* test-sync-discover.c: looking at a server before connecting (the System,
 * its OParl version and bodies; clear errors for wrong addresses), and
 * the body filter of a sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-error.h"
#include "grm-sync-discover.h"
#include "sync-test-util.h"

static TestServer *server;

typedef struct
{
  GrmSyncDiscovery *discovery;
  GError           *error;
  gboolean          done;
} Wait;

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Wait *w = user_data;

  w->discovery = grm_sync_discover_finish (result, &w->error);
  w->done = TRUE;
}

static GrmSyncDiscovery *
discover (const char  *url,
          GError     **error)
{
  Wait w = { 0 };
  gint64 start = g_get_monotonic_time ();

  grm_sync_discover_async (url, NULL, discover_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("%s: %.0f ms", url, (g_get_monotonic_time () - start) / 1000.0);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.discovery;
}

static void
test_discover_system (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSyncDiscovery) d = discover (server->system_url, &error);
  GrmSyncDiscoveredBody *body;

  g_assert_no_error (error);
  g_assert_nonnull (d);
  g_assert_cmpstr (d->system_url, ==, server->system_url);
  g_assert_cmpstr (grm_sync_discovery_get_version (d), ==, "1.0");
  g_assert_cmpuint (d->bodies->len, ==, 1);
  body = g_ptr_array_index (d->bodies, 0);
  g_assert_cmpstr (body->name, ==, "Gemeinde Hürtgenwald");
  g_assert_true (g_str_has_prefix (body->id, server->base));
  g_assert_true (g_str_has_suffix (body->id, "/body/1"));
}

static void
test_discover_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_strconcat (server->base, "no/such/system", NULL);
  g_autofree char *stats = g_strconcat (server->base, "_admin/stats", NULL);
  g_autofree char *body_list = NULL;
  g_autoptr(GrmSyncDiscovery) d = NULL;
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autofree char *closed = NULL;
  guint16 port;

  /* 404: nothing there. */
  d = discover (missing, &error);
  g_assert_null (d);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  /* JSON, but not a System: not OParl, and the message says what to do. */
  d = discover (stats, &error);
  g_assert_null (d);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL);
  g_assert_nonnull (strstr (error->message, "not the address of an OParl system"));
  g_clear_error (&error);

  /* A Body list where the System was expected is not a System either. */
  body_list = g_strconcat (server->base, "body", NULL);
  d = discover (body_list, &error);
  g_assert_null (d);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL);
  g_clear_error (&error);

  /* Nobody listens: a network error, after little waiting. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  closed = g_strdup_printf ("http://127.0.0.1:%u/oparl/system", port);
  d = discover (closed, &error);
  g_assert_null (d);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NETWORK);
}

/* The body filter: a filter naming no body of the server crawls no list
 * of any body and says why; naming the real body syncs it. */
static void
test_body_filter (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-discover-XXXXXX", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "filter.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSyncDiscovery) d = discover (server->system_url, NULL);
  GrmSyncDiscoveredBody *body = g_ptr_array_index (d->bodies, 0);
  g_autofree char *other = g_strconcat (server->base, "body/2", NULL);
  const char *not_offered[] = { other, NULL };
  const char *offered[] = { body->id, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSync) first = NULL;
  g_autoptr(GrmSync) second = NULL;

  options->bodies = g_strdupv ((char **) not_offered);
  first = test_sync_run (store, server->system_url, options, &error);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "no longer offers the body"));
  g_clear_error (&error);
  /* The System and its Body are known; no list of the body was crawled. */
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE type = 'Body'"),
                   ==, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE body IS NOT NULL"), ==, 0);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object"
                                            " WHERE type IN ('Meeting', 'Paper', 'Person')"),
                   ==, 0);
  /* And the failure is recorded for the window to show. */
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE last_error LIKE '%no longer offers%'"),
                   ==, 1);

  g_strfreev (options->bodies);
  options->bodies = g_strdupv ((char **) offered);
  second = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE body IS NOT NULL"), >, 0);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE type = 'Meeting'"
                                            " AND deleted = 0"), ==, 346);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE last_error IS NOT NULL"), ==, 0);
}

/* Two bodies on one server (the Karlsruhe body and a second one added
 * through the admin API): discovery lists both, and a sync filtered to the
 * second crawls its list only, nothing of Karlsruhe's. */
static void
test_two_bodies (void)
{
  TestServer *ka = test_server_start ("karlsruhe", NULL);
  g_autofree char *dir = g_dir_make_tmp ("grm-discover-XXXXXX", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "two.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autofree char *second = g_strconcat (ka->base, "bodies/0002", NULL);
  g_autofree char *json = g_strdup_printf ("{\"id\": \"%s\","
                                           " \"type\": \"https://schema.oparl.org/1.1/Body\","
                                           " \"name\": \"Bezirk Zwei\", \"shortName\": \"BZ\","
                                           " \"system\": \"%s\","
                                           " \"locationList\": \"%sbodies/0001/locations\"}",
                                           second, ka->system_url, ka->base);
  const char *only_second[] = { second, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSyncDiscovery) d = NULL;
  g_autoptr(GrmSync) sync = NULL;
  GrmSyncDiscoveredBody *body;
  gint64 start;

  g_assert_cmpuint (test_server_admin (ka, "POST", "_admin/objects", json), ==, 201);
  d = discover (ka->system_url, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (grm_sync_discovery_get_version (d), ==, "1.1");
  g_assert_cmpuint (d->bodies->len, ==, 2);
  body = g_ptr_array_index (d->bodies, 0);
  g_assert_cmpstr (body->name, ==, "Stadt Karlsruhe");
  g_assert_cmpstr (body->short_name, ==, "Karlsruhe");
  body = g_ptr_array_index (d->bodies, 1);
  g_assert_cmpstr (body->id, ==, second);
  g_assert_cmpstr (body->name, ==, "Bezirk Zwei");

  start = g_get_monotonic_time ();
  options->bodies = g_strdupv ((char **) only_second);
  sync = test_sync_run (store, ka->system_url, options, &error);
  g_assert_no_error (error);
  g_test_message ("Sync of the second body: %.1f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE type = 'Body'"),
                   ==, 2);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE body LIKE '%/bodies/0001'"),
                   ==, 0);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE body LIKE '%/bodies/0002'"), ==, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object"
                                            " WHERE type IN ('Meeting', 'Paper')"
                                            " AND placeholder = 0"), ==, 0);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object"
                                            " WHERE type = 'Location'"), >, 0);

  /* gremium-cli sync --body does the same. */
  {
    g_autofree char *cli_db = g_build_filename (dir, "two-cli.db", NULL);
    const char *argv[] = { sync_test_cli_path (), "--db", cli_db, "--body", second,
                           ka->system_url, NULL };
    g_autoptr(GrmStore) cli_store = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                                 G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                                 NULL, NULL, NULL, NULL, &status, &error));
    g_assert_true (g_spawn_check_wait_status (status, &error));
    cli_store = grm_store_open (cli_db, &error);
    g_assert_no_error (error);
    g_assert_cmpint (test_store_count (cli_store, "SELECT count(*) FROM sync_state"
                                                  " WHERE body LIKE '%/bodies/0001'"), ==, 0);
    g_assert_cmpint (test_store_count (cli_store, "SELECT count(*) FROM sync_state"
                                                  " WHERE body LIKE '%/bodies/0002'"), ==, 1);
  }
  test_server_stop (ka);
}

int
main (int   argc,
      char *argv[])
{
  int rc;

  sync_test_init (&argc, &argv);
  server = test_server_start ("huertgenwald", NULL);
  g_test_add_func ("/sync/discover/system", test_discover_system);
  g_test_add_func ("/sync/discover/errors", test_discover_errors);
  g_test_add_func ("/sync/discover/body-filter", test_body_filter);
  g_test_add_func ("/sync/discover/two-bodies", test_two_bodies);
  rc = g_test_run ();
  test_server_stop (server);
  return rc;
}
