/* test-sync-faults.c: every fault and quirk of the test server, alone and
 * mixed, ends in the same store as a clean run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-error.h"
#include "sync-test-util.h"

static GrmStore *clean;
static char *dir;

static void
sync_clean (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;

  clean = test_store_new (dir, "clean.db");
  sync = test_sync_run (clean, server->system_url, NULL, &error);
  g_assert_no_error (error);
  test_server_stop (server);
}

static void
run_with_flags (const char * const *flags)
{
  g_autofree char *name = g_strdup_printf ("%s.db", g_test_get_path () + 1);
  TestServer *server;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GrmSync) again = NULL;
  g_autoptr(GError) error = NULL;

  g_strdelimit (name, "/", '-');
  server = test_server_start ("huertgenwald", "--seed", "7", flags[0], flags[1], flags[2], flags[3],
                              flags[4], flags[5], flags[6], flags[7], NULL);
  store = test_store_new (dir, name);
  sync = test_sync_run (store, server->system_url, NULL, &error);
  g_assert_no_error (error);
  /* What is live here is live in a clean run, and the other way round. */
  assert_same_store (clean, store);

  /* An incremental sync under the same faults changes nothing. */
  again = test_sync_run (store, server->system_url, NULL, &error);
  g_assert_no_error (error);
  assert_same_store (clean, store);
  test_server_stop (server);
}

#define FAULT_TEST(fn, ...) \
  static void fn (void) { const char *f[9] = { __VA_ARGS__ }; run_with_flags (f); }

FAULT_TEST (test_errors, "--error-rate", "0.1", NULL)
FAULT_TEST (test_resets, "--reset-rate", "0.1", NULL)
FAULT_TEST (test_truncated, "--truncate-rate", "0.1", NULL)
FAULT_TEST (test_invalid_json, "--invalid-json-rate", "0.1", NULL)
FAULT_TEST (test_latency, "--latency", "30", NULL)
FAULT_TEST (test_empty_404, "--quirk-empty-404", NULL)
FAULT_TEST (test_single_body, "--quirk-single-body", NULL)
FAULT_TEST (test_deleted_without_type, "--quirk-deleted-without-type", NULL)
FAULT_TEST (test_unencoded_query, "--quirk-unencoded-query", "--page-size", "40", NULL)
FAULT_TEST (test_page_size, "--page-size", "7", NULL)
/* Every transport fault at once. */
static void
test_mixed (void)
{
  const char *f[9] = { "--error-rate", "0.05", "--reset-rate", "0.05", "--truncate-rate", "0.05",
                       "--invalid-json-rate", "0.05", NULL };

  run_with_flags (f);
}

/* A server whose next links forget modified_since: the client adds it
 * back, so an incremental sync stays small. */
static void
test_next_drops_filter (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "drops-filter.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) s1 = NULL, s2 = NULL;
  g_autoptr(GError) error = NULL;

  options->early_s = 0;
  s1 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_usleep (1100 * 1000);
  g_assert_cmpuint (test_server_admin (server, "POST", "_admin/faults",
                                       "{\"quirk_next_drops_filter\": true, \"page_size\": 3}"),
                    ==, 200);
  for (int i = 0; i < 7; i++)
    {
      g_autofree char *paper = g_strdup_printf ("{\"id\":\"%sbody/1/paper/88880%d\","
                                                "\"type\":\"https://schema.oparl.org/1.0/Paper\","
                                                "\"name\":\"Antrag %d\"}", server->base, i, i);

      g_assert_cmpuint (test_server_admin (server, "POST", "_admin/objects", paper), ==, 201);
    }
  s2 = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM object WHERE id LIKE"
                                            " '%/paper/88880%' AND deleted = 0"), ==, 7);
  /* Unfiltered, the paper list alone would be 700 pages of three. */
  g_assert_cmpuint (grm_sync_get_requests (s2), <, 30);
  test_server_stop (server);
}

/* A server that gives up for good: the sync fails, says which list, and
 * records it, instead of passing silently. */
static void
test_failure_is_reported (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--error-rate", "1.0", NULL);
  g_autoptr(GrmStore) store = test_store_new (dir, "failing.db");
  g_autoptr(GrmSyncOptions) options = test_sync_options ();
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;

  options->max_attempts = 2;
  sync = test_sync_run (store, server->system_url, options, &error);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "/system"));
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM sync_state"
                                            " WHERE last_error IS NOT NULL"), ==, 1);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sync_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("grm-sync-faults-XXXXXX", NULL);
  sync_clean ();
  g_test_add_func ("/sync/faults/errors", test_errors);
  g_test_add_func ("/sync/faults/resets", test_resets);
  g_test_add_func ("/sync/faults/truncated", test_truncated);
  g_test_add_func ("/sync/faults/invalid-json", test_invalid_json);
  g_test_add_func ("/sync/faults/latency", test_latency);
  g_test_add_func ("/sync/faults/empty-404", test_empty_404);
  g_test_add_func ("/sync/faults/single-body", test_single_body);
  g_test_add_func ("/sync/faults/deleted-without-type", test_deleted_without_type);
  g_test_add_func ("/sync/faults/unencoded-query", test_unencoded_query);
  g_test_add_func ("/sync/faults/page-size", test_page_size);
  g_test_add_func ("/sync/faults/mixed", test_mixed);
  g_test_add_func ("/sync/faults/next-drops-filter", test_next_drops_filter);
  g_test_add_func ("/sync/faults/failure-is-reported", test_failure_is_reported);
  status = g_test_run ();
  g_object_unref (clean);
  return status;
}
