/* test-ots-faults.c: each fault and quirk flag of oparl-test-server has the
 * effect it names, and fault decisions follow the seed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <string.h>

#include "test-ots-helpers.h"

void test_faults_register (void);

#define PAPERS "body/1/paper"

static void
statuses (TestServer *server,
          guint      *out,
          guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("body/1/paper?page=%u", i + 1);
      g_autofree char *url = test_url (server, path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = test_get (server, url, NULL, NULL, &out[i], NULL, &error);

      g_assert_no_error (error);
    }
}

static void
test_error_rate (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--error-rate=1", "--seed=1", NULL);
  g_autofree char *url = test_url (server, PAPERS);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint codes[20];
  gboolean seen_500 = FALSE, seen_503 = FALSE;
  guint status = 0;

  bytes = test_get (server, url, NULL, NULL, &status, &msg, &error);
  g_assert_no_error (error);
  g_assert_true (status == 500 || status == 503);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                 "Retry-After"), ==, "1");
  statuses (server, codes, G_N_ELEMENTS (codes));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      g_assert_true (codes[i] == 500 || codes[i] == 503);
      seen_500 |= codes[i] == 500;
      seen_503 |= codes[i] == 503;
    }
  g_assert_true (seen_500 && seen_503);
  test_server_stop (server);
}

static void
test_seed_determinism (void)
{
  TestServer *a = test_server_start ("huertgenwald", "--error-rate=0.5", "--seed=7", NULL);
  TestServer *b = test_server_start ("huertgenwald", "--error-rate=0.5", "--seed=7", NULL);
  TestServer *c = test_server_start ("huertgenwald", "--error-rate=0.5", "--seed=8", NULL);
  guint sa[24], sb[24], sc[24];
  guint n_ok = 0;

  statuses (a, sa, G_N_ELEMENTS (sa));
  statuses (b, sb, G_N_ELEMENTS (sb));
  statuses (c, sc, G_N_ELEMENTS (sc));
  g_assert_cmpmem (sa, sizeof sa, sb, sizeof sb);
  g_assert_true (memcmp (sa, sc, sizeof sa) != 0);
  for (guint i = 0; i < G_N_ELEMENTS (sa); i++)
    n_ok += sa[i] == 200;
  g_assert_cmpuint (n_ok, >, 0);
  g_assert_cmpuint (n_ok, <, G_N_ELEMENTS (sa));
  test_server_stop (a);
  test_server_stop (b);
  test_server_stop (c);
}

static void
expect_transport_error (const char *flag)
{
  TestServer *server = test_server_start ("huertgenwald", flag, NULL);
  g_autofree char *url = test_url (server, PAPERS);
  g_autofree char *admin = test_url (server, "_admin/stats");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = test_get (server, url, NULL, NULL, NULL, NULL, &error);
  g_autoptr(GBytes) stats = NULL;
  guint status = 0;

  g_assert_nonnull (error);
  g_test_message ("%s: %s", flag, error->message);
  /* The admin API is never subject to faults. */
  stats = test_get (server, admin, NULL, NULL, &status, NULL, NULL);
  g_assert_cmpuint (status, ==, 200);
  test_server_stop (server);
}

static void
test_reset_rate (void)
{
  expect_transport_error ("--reset-rate=1");
}

static void
test_truncate_rate (void)
{
  expect_transport_error ("--truncate-rate=1");
}

static void
test_invalid_json_rate (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--invalid-json-rate=1", NULL);
  g_autofree char *url = test_url (server, PAPERS);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint status = 0;

  bytes = test_get (server, url, NULL, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                              g_bytes_get_size (bytes), &error));
  g_assert_nonnull (error);
  test_server_stop (server);
}

static char *
file_url (TestServer *server,
          char      **checksum)
{
  g_autofree char *url = test_url (server, "body/1/paper/60");
  g_autoptr(JsonNode) paper = test_get_json (server, url, NULL);
  JsonObject *file = json_object_get_object_member (json_node_get_object (paper), "mainFile");

  if (checksum != NULL)
    *checksum = g_strdup (json_object_get_string_member_with_default (file, "sha512Checksum", NULL));
  return g_strdup (json_object_get_string_member (file, "accessUrl"));
}

static void
test_latency_and_html_errors (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--latency=300", "--html-errors", NULL);
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autofree char *url = file_url (server, NULL);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = NULL;
  guint status = 0;

  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), >=, 0.3);
  page = test_get (server, url, NULL, NULL, &status, &msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL),
                   ==, "text/html");
  g_assert_true (g_str_has_prefix (g_bytes_get_data (page, NULL), "<!DOCTYPE html>"));
  test_server_stop (server);
}

static void
check_checksum (const char *flag,
                gboolean    expect_match)
{
  TestServer *server = test_server_start ("huertgenwald", flag, NULL);
  g_autofree char *announced = NULL;
  g_autofree char *url = file_url (server, &announced);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = test_get (server, url, NULL, NULL, NULL, NULL, &error);
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA512, bytes);

  g_assert_no_error (error);
  g_assert_nonnull (announced);
  g_assert_cmpuint (strlen (announced), ==, 128);
  g_assert_cmpint (g_str_equal (announced, actual), ==, expect_match);
  test_server_stop (server);
}

static void
test_checksums (void)
{
  g_autofree char *none = NULL;
  g_autofree char *url = file_url (test_replay, &none);

  g_assert_null (none);
  check_checksum ("--checksums", TRUE);
  check_checksum ("--wrong-checksums", FALSE);
}

static void
test_vendor_quirks (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--quirk-empty-404", "--quirk-single-body",
                                          "--quirk-deleted-without-type", NULL);
  g_autofree char *empty = test_url (server, PAPERS "?created_since=2099-01-01T00%3A00%3A00Z");
  g_autofree char *body_list = test_url (server, "body");
  g_autofree char *victim = test_url (server, "body/1/paper/60");
  g_autofree char *delete = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) before = g_date_time_add_seconds (now, -60);
  g_autofree char *stamp = g_date_time_format (before, "%Y-%m-%dT%H%%3A%M%%3A%SZ");
  g_autofree char *since_path = g_strconcat (PAPERS "?modified_since=", stamp, NULL);
  g_autofree char *since = test_url (server, since_path);
  g_autofree char *faults = test_url (server, "_admin/faults");
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(JsonNode) answer = NULL;
  g_autoptr(GBytes) reply = NULL;
  JsonObject *stub;
  guint status = 0;

  answer = test_get_json (server, empty, &status);
  g_assert_cmpuint (status, ==, 404);

  body = test_get_json (server, body_list, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_false (json_object_has_member (json_node_get_object (body), "data"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_node_get_object (body), "type"), "/Body"));

  delete = g_strconcat (server->base, "_admin/objects?id=", victim, NULL);
  reply = test_send (server, "DELETE", delete, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  list = test_get_json (server, since, &status);
  stub = json_array_get_object_element (json_object_get_array_member (json_node_get_object (list), "data"), 0);
  g_assert_true (json_object_get_boolean_member (stub, "deleted"));
  g_assert_false (json_object_has_member (stub, "type"));

  /* Switched off at run time, the stub has its type and empty lists are []. */
  g_clear_pointer (&reply, g_bytes_unref);
  reply = test_send (server, "POST", faults,
                     "{\"quirk_deleted_without_type\":false,\"quirk_empty_404\":false}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&list, json_node_unref);
  list = test_get_json (server, since, &status);
  stub = json_array_get_object_element (json_object_get_array_member (json_node_get_object (list), "data"), 0);
  g_assert_true (json_object_has_member (stub, "type"));
  g_clear_pointer (&answer, json_node_unref);
  answer = test_get_json (server, empty, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (answer), "data")), ==, 0);
  test_server_stop (server);
}

static void
test_unencoded_query_and_page_size (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--quirk-unencoded-query", "--page-size=7", NULL);
  g_autofree char *raw = test_url (server, PAPERS "?modified_since=2020-03-01T00:00:00+01:00");
  g_autofree char *encoded = test_url (server, PAPERS "?modified_since=2020-03-01T00%3A00%3A00%2B01%3A00");
  g_autoptr(JsonNode) page = NULL;
  g_autoptr(JsonNode) refused = NULL;
  g_autoptr(GHashTable) all = NULL;
  const char *next;
  guint status = 0, n_pages = 0;

  page = test_get_json (server, raw, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (page), "data")), ==, 7);
  next = json_object_get_string_member (json_object_get_object_member (json_node_get_object (page), "links"), "next");
  g_assert_nonnull (strstr (next, "modified_since=2020-03-01T00:00:00+01:00"));

  refused = test_get_json (server, encoded, &status);
  g_assert_cmpuint (status, ==, 400);

  all = test_crawl (server, raw, &n_pages);
  g_assert_cmpuint (n_pages, ==, (g_hash_table_size (all) + 6) / 7);
  test_server_stop (server);
}

static void
test_next_drops_filter (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--quirk-next-drops-filter", "--page-size=10", NULL);
  g_autofree char *url = test_url (server, PAPERS "?modified_since=2020-03-01T00%3A00%3A00%2B01%3A00");
  g_autoptr(JsonNode) page = test_get_json (server, url, NULL);
  JsonObject *links = json_object_get_object_member (json_node_get_object (page), "links");

  g_assert_null (strstr (json_object_get_string_member (links, "next"), "modified_since"));
  g_assert_nonnull (strstr (json_object_get_string_member (links, "first"), "modified_since"));
  test_server_stop (server);
}

void
test_faults_register (void)
{
  g_test_add_func ("/oparl-server/faults/error-rate", test_error_rate);
  g_test_add_func ("/oparl-server/faults/seed", test_seed_determinism);
  g_test_add_func ("/oparl-server/faults/reset-rate", test_reset_rate);
  g_test_add_func ("/oparl-server/faults/truncate-rate", test_truncate_rate);
  g_test_add_func ("/oparl-server/faults/invalid-json-rate", test_invalid_json_rate);
  g_test_add_func ("/oparl-server/faults/latency-html-errors", test_latency_and_html_errors);
  g_test_add_func ("/oparl-server/faults/checksums", test_checksums);
  g_test_add_func ("/oparl-server/quirks/vendor", test_vendor_quirks);
  g_test_add_func ("/oparl-server/quirks/unencoded-query-page-size", test_unencoded_query_and_page_size);
  g_test_add_func ("/oparl-server/quirks/next-drops-filter", test_next_drops_filter);
}
