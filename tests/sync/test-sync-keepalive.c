/* test-sync-keepalive.c: the sync keeps connections alive and reuses them,
 * and a server that resets reused connections (libsoup 3.2.3 crashed there,
 * see GRM_SYNC_HTTP_IO_PRIORITY) still ends in the same store and files as a
 * clean run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "sync-test-util.h"

static char *dir;
static GrmStore *clean;
static gint64 clean_files;

/* A member of the test server's /_admin/stats. */
static gint64
server_stat (TestServer *server,
             const char *name)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = g_strconcat (server->base, "_admin/stats", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *stats;

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_OK);
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                              &error);
  g_assert_no_error (error);
  stats = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (stats, name));
  return json_object_get_int_member (stats, name);
}

/* Metadata and the files of one committee in one year: list pages, single
 * objects and file downloads all go over the same connections. */
static GrmSyncOptions *
options_with_files (TestServer *server,
                    const char *files_dir)
{
  GrmSyncOptions *options = test_sync_options ();
  g_autofree char *org = g_strconcat (server->base, "body/1/organization/1-9", NULL);
  char *committees[] = { org, NULL };

  options->files = TRUE;
  options->files_dir = g_build_filename (dir, files_dir, NULL);
  options->committees = g_strdupv (committees);
  options->files_since = g_strdup ("2015-01-01");
  options->files_until = g_strdup ("2015-12-31");
  return options;
}

/* A clean run needs few connections for many requests. */
static void
test_clean_run_reuses_connections (void)
{
  TestServer *server = test_server_start ("huertgenwald", NULL, NULL);
  g_autoptr(GrmSyncOptions) options = options_with_files (server, "files-clean");
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GError) error = NULL;
  gint64 requests, connections;

  clean = test_store_new (dir, "clean.db");
  sync = test_sync_run (clean, server->system_url, options, &error);
  g_assert_no_error (error);
  clean_files = test_store_count (clean, "SELECT count(*) FROM file_blob WHERE state = 'stored'");
  g_assert_cmpint (clean_files, >, 5);

  requests = server_stat (server, "requests");
  connections = server_stat (server, "connections");
  g_test_message ("clean run: %" G_GINT64_FORMAT " requests over %" G_GINT64_FORMAT
                  " connections", requests, connections);
  g_assert_cmpint (requests, >, 100);
  /* At most max_connections at a time; a few more when libsoup drops one
   * (e.g. after a file download it did not read to the end). */
  g_assert_cmpint (connections, <=, 2 * options->max_connections);
  g_assert_cmpint (server_stat (server, "reusedResets"), ==, 0);
  test_server_stop (server);
}

/* Resets of kept-alive connections, often, with parallel requests, during
 * list pages, single objects and file downloads. */
static void
test_resets_of_reused_connections (gconstpointer data)
{
  const char *seed = data;
  g_autofree char *name = g_strdup_printf ("resets-%s", seed);
  g_autofree char *db = g_strconcat (name, ".db", NULL);
  TestServer *server = test_server_start ("huertgenwald", "--seed", seed, "--reset-rate", "0.2",
                                          "--page-size", "10", NULL);
  g_autoptr(GrmSyncOptions) options = options_with_files (server, name);
  g_autoptr(GrmStore) store = test_store_new (dir, db);
  g_autoptr(GrmSync) sync = NULL;
  g_autoptr(GrmSync) again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 requests, connections, reused_resets;

  g_assert_nonnull (clean);
  sync = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  assert_same_store (clean, store);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state = 'stored'"),
                   ==, clean_files);
  g_assert_cmpint (test_store_count (store, "SELECT count(*) FROM file_blob WHERE state <> 'stored'"),
                   ==, 0);

  /* An incremental sync under the same faults changes nothing. */
  again = test_sync_run (store, server->system_url, options, &error);
  g_assert_no_error (error);
  assert_same_store (clean, store);

  requests = server_stat (server, "requests");
  connections = server_stat (server, "connections");
  reused_resets = server_stat (server, "reusedResets");
  g_test_message ("seed %s: %" G_GINT64_FORMAT " requests over %" G_GINT64_FORMAT
                  " connections, %" G_GINT64_FORMAT " resets of reused connections",
                  seed, requests, connections, reused_resets);
  /* The path that crashed was taken, many times... */
  g_assert_cmpint (reused_resets, >=, 20);
  /* ...and connections are still reused: every reset costs one. */
  g_assert_cmpint (connections, <, requests / 2);
  test_server_stop (server);
}

int
main (int    argc,
      char **argv)
{
  int status;

  sync_test_init (&argc, &argv);
  dir = g_dir_make_tmp ("grm-sync-keepalive-XXXXXX", NULL);
  /* The first test makes the clean store the others compare with. */
  g_test_add_func ("/sync/keepalive/clean-run-reuses-connections",
                   test_clean_run_reuses_connections);
  g_test_add_data_func ("/sync/keepalive/resets-of-reused-connections/1", "1",
                        test_resets_of_reused_connections);
  g_test_add_data_func ("/sync/keepalive/resets-of-reused-connections/2", "2",
                        test_resets_of_reused_connections);
  g_test_add_data_func ("/sync/keepalive/resets-of-reused-connections/3", "3",
                        test_resets_of_reused_connections);
  status = g_test_run ();
  g_clear_object (&clean);
  return status;
}
