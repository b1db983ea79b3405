/* test-sync-tls.c: certificates are verified. The test server serves HTTPS
 * with a self-signed certificate nobody trusts (tests/data/self-signed.pem):
 * the sync, the first look of the connect dialog and gremium-cli all refuse
 * it with a message that names the certificate, retry nothing and store
 * nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-error.h"
#include "grm-sync-discover.h"
#include "sync-test-util.h"

static char *dir;

static TestServer *
start_tls_server (void)
{
  g_autofree char *pem = g_test_build_filename (G_TEST_DIST, "data", "self-signed.pem", NULL);
  TestServer *server = test_server_start ("huertgenwald", "--tls-certificate", pem, NULL);

  g_assert_true (g_str_has_prefix (server->system_url, "https://127.0.0.1:"));
  return server;
}

static void
assert_names_certificate (const char *message)
{
  g_autofree char *lower = g_utf8_strdown (message, -1);

  g_test_message ("refused with: %s", message);
  g_assert_nonnull (strstr (lower, "certificate"));
}

static void
test_sync_refuses_untrusted (void)
{
  TestServer *server = start_tls_server ();
  g_autoptr(GrmStore) store = test_store_new (dir, "tls.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;

  sync = test_sync_run (store, server->system_url, options, &error);
  g_assert_nonnull (error);
  assert_names_certificate (error->message);
  /* A certificate problem is not retried: one request, no more. */
  g_assert_cmpuint (grm_sync_get_requests (sync), <=, 1);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object"), ==, 0);
  test_server_stop (server);
}

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GrmSyncDiscovery) discovery = grm_sync_discover_finish (result, error);

  g_assert_null (discovery);
}

static void
test_discover_refuses_untrusted (void)
{
  TestServer *server = start_tls_server ();
  GError *error = NULL;

  grm_sync_discover_async (server->system_url, NULL, discovered_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_names_certificate (error->message);
  g_error_free (error);
  test_server_stop (server);
}

static void
test_cli_refuses_untrusted (void)
{
  TestServer *server = start_tls_server ();
  g_autofree char *db = g_build_filename (dir, "tls-cli.db", NULL);
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { sync_test_cli_path (), "--db", db, server->system_url, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  assert_names_certificate (err);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  sync_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("grm-sync-tls-XXXXXX", NULL);
  g_test_add_func ("/sync/tls/sync-refuses-untrusted", test_sync_refuses_untrusted);
  g_test_add_func ("/sync/tls/discover-refuses-untrusted", test_discover_refuses_untrusted);
  g_test_add_func ("/sync/tls/cli-refuses-untrusted", test_cli_refuses_untrusted);
  return g_test_run ();
}
