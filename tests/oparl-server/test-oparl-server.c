/* test-oparl-server.c: integration tests of oparl-test-server: paging,
 * filters, objects at their ids, file bytes (conditional GET, ranges,
 * generated PDFs) and the admin API, for both shared data sets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <glib/gstdio.h>
#include <string.h>

#include "test-ots-helpers.h"

void test_faults_register (void);
void test_write_register (void);
void test_shift_register (TestServer *plain_karlsruhe);
void test_shift_cleanup (void);
void test_demo_register (void);

static TestServer *karlsruhe;

/* Objects of one list of the crawl, read from its files: id → modified. */
static GHashTable *
crawl_file_objects (const char *list,
                    const char *type_suffix,
                    guint      *n_typed)
{
  g_autofree char *dir_path = g_build_filename (test_data_dir (), "oparl", "huertgenwald",
                                                "body", "1", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const char *name;

  *n_typed = 0;
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *data;

      if (!g_str_has_prefix (name, list) ||
          (name[strlen (list)] != '.' && name[strlen (list)] != '?'))
        continue;
      path = g_build_filename (dir_path, name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      data = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "data");
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonObject *o = json_array_get_object_element (data, i);
          const char *type = json_object_get_string_member_with_default (o, "type", "");

          if (g_str_has_suffix (type, type_suffix))
            (*n_typed)++;
          g_hash_table_replace (ids, g_strdup (json_object_get_string_member (o, "id")),
                                g_strdup (json_object_get_string_member (o, "modified")));
        }
    }

  return ids;
}

static void
check_replay_list (const char *list,
                   const char *type_suffix,
                   guint       expected_typed)
{
  g_autofree char *url = test_url (test_replay, list);
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GHashTableIter iter;
  gpointer key;
  guint n_typed = 0, n_served_typed = 0, n_pages = 0;
  const char *prefix = "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/";

  expected = crawl_file_objects (strrchr (list, '/') + 1, type_suffix, &n_typed);
  g_assert_cmpuint (n_typed, ==, expected_typed);
  seen = test_crawl (test_replay, url, &n_pages);
  g_assert_cmpuint (g_hash_table_size (seen), ==, g_hash_table_size (expected));

  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *local = g_strconcat (test_replay->base, (char *) key + strlen (prefix), NULL);
      JsonNode *node = g_hash_table_lookup (seen, local);
      const char *type;

      g_assert_nonnull (node);
      type = json_object_get_string_member_with_default (json_node_get_object (node), "type", "");
      n_served_typed += g_str_has_suffix (type, type_suffix);
    }
  g_assert_cmpuint (n_served_typed, ==, expected_typed);
}

static void
test_replay_paging (void)
{
  check_replay_list ("body/1/paper", "/Paper", 2097);
  check_replay_list ("body/1/meeting", "/Meeting", 346);
  check_replay_list ("body/1/person", "/Person", 49);
  check_replay_list ("body/1/organization", "/Organization", 22);
}

static void
test_replay_rewrites_origin (void)
{
  g_autofree char *url = test_url (test_replay, "body/1/meeting?page=3");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) page = test_get (test_replay, url, NULL, NULL, NULL, NULL, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));

  g_assert_no_error (error);
  g_assert_null (strstr (text, "sdnetrim.kdvz-frechen.de/rim4220/webservice"));
  g_assert_nonnull (strstr (text, test_replay->base));
}

static void
test_replay_object_at_id (void)
{
  g_autofree char *paper_url = test_url (test_replay, "body/1/paper/60");
  g_autofree char *file_url = test_url (test_replay, "body/1/file/1-145");
  g_autofree char *missing = test_url (test_replay, "body/1/location/1-185");
  g_autoptr(JsonNode) paper = NULL;
  g_autoptr(JsonNode) file = NULL;
  g_autoptr(JsonNode) error = NULL;
  guint status = 0;

  paper = test_get_json (test_replay, paper_url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (paper), "id"), ==, paper_url);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (paper), "reference"), ==, "102/2002");

  /* An embedded object is served at its own id too. */
  file = test_get_json (test_replay, file_url, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (file), "id"), ==, file_url);

  error = test_get_json (test_replay, missing, &status);
  g_assert_cmpuint (status, ==, 404);
}

static void
test_replay_modified_since (void)
{
  const char *since = "2020-03-01T00:00:00+01:00";
  g_autofree char *escaped = g_uri_escape_string (since, NULL, FALSE);
  g_autofree char *path = g_strconcat ("body/1/paper?modified_since=", escaped, NULL);
  g_autofree char *url = test_url (test_replay, path);
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GDateTime) since_dt = g_date_time_new_from_iso8601 (since, NULL);
  GHashTableIter iter;
  gpointer key, value;
  guint n_typed, expected = 0, deleted = 0;

  all = crawl_file_objects ("paper", "/Paper", &n_typed);
  g_hash_table_iter_init (&iter, all);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GDateTime) modified = g_date_time_new_from_iso8601 (value, NULL);

      expected += g_date_time_compare (modified, since_dt) >= 0;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, g_hash_table_size (all));

  seen = test_crawl (test_replay, url, NULL);
  g_assert_cmpuint (g_hash_table_size (seen), ==, expected);
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *o = json_node_get_object (value);
      g_autoptr(GDateTime) modified =
        g_date_time_new_from_iso8601 (json_object_get_string_member (o, "modified"), NULL);

      g_assert_cmpint (g_date_time_compare (modified, since_dt), >=, 0);
      deleted += json_object_get_boolean_member_with_default (o, "deleted", FALSE);
    }
  /* The crawl's deleted stubs of 2020-03 are among them. */
  g_assert_cmpuint (deleted, >, 0);
}

static char *
first_file_url (TestServer *server,
                const char *paper_path)
{
  g_autofree char *url = test_url (server, paper_path);
  g_autoptr(JsonNode) paper = test_get_json (server, url, NULL);
  JsonObject *o = json_node_get_object (paper);
  JsonObject *file = json_object_has_member (o, "mainFile")
    ? json_object_get_object_member (o, "mainFile")
    : json_array_get_object_element (json_object_get_array_member (o, "auxiliaryFile"), 0);

  return g_strdup (json_object_get_string_member (file, "accessUrl"));
}

static void
test_files_conditional_and_range (void)
{
  g_autofree char *url = first_file_url (test_replay, "body/1/paper/60");
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) partial_msg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) full = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GBytes) beyond = NULL;
  SoupMessageHeaders *headers;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  goffset start, end, total;
  guint status = 0;

  full = test_get (test_replay, url, NULL, NULL, &status, &msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (full, NULL), 5, "%PDF-", 5);
  headers = soup_message_get_response_headers (msg);
  etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  g_assert_nonnull (etag);
  g_assert_nonnull (last_modified);

  again = test_get (test_replay, url, "If-None-Match", etag, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (again), ==, 0);
  g_clear_pointer (&again, g_bytes_unref);
  again = test_get (test_replay, url, "If-Modified-Since", last_modified, &status, NULL, &error);
  g_assert_cmpuint (status, ==, 304);
  g_clear_pointer (&again, g_bytes_unref);
  again = test_get (test_replay, url, "If-None-Match", "\"other\"", &status, NULL, &error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (again), ==, g_bytes_get_size (full));

  part = test_get (test_replay, url, "Range", "bytes=100-", &status, &partial_msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 206);
  g_assert_true (soup_message_headers_get_content_range (soup_message_get_response_headers (partial_msg),
                                                         &start, &end, &total));
  g_assert_cmpint (start, ==, 100);
  g_assert_cmpint (total, ==, g_bytes_get_size (full));
  g_assert_cmpmem (g_bytes_get_data (part, NULL), g_bytes_get_size (part),
                   (const char *) g_bytes_get_data (full, NULL) + 100, g_bytes_get_size (full) - 100);

  beyond = test_get (test_replay, url, "Range", "bytes=99999999-", &status, NULL, &error);
  g_assert_cmpuint (status, ==, 416);
}

static void
test_admin_changes (void)
{
  g_autofree char *papers = test_url (test_replay, "body/1/paper");
  g_autofree char *new_id = test_url (test_replay, "body/1/paper/999999");
  g_autofree char *changed_id = test_url (test_replay, "body/1/paper/60");
  g_autofree char *deleted_id = test_url (test_replay, "body/1/paper/814");
  g_autofree char *admin = test_url (test_replay, "_admin/objects");
  g_autofree char *body = NULL;
  g_autofree char *del_url = NULL;
  g_autofree char *since_url = NULL;
  g_autoptr(GHashTable) before = NULL;
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GHashTable) since = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autofree char *since_escaped = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  JsonNode *node;
  guint status = 0;

  before = test_crawl (test_replay, papers, NULL);

  body = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"https://schema.oparl.org/1.0/Paper\","
                          "\"name\":\"Neuer Antrag\",\"reference\":\"1/2099\"}", new_id);
  reply = test_send (test_replay, "POST", admin, body, &status);
  g_assert_cmpuint (status, ==, 201);
  g_clear_pointer (&reply, g_bytes_unref);
  g_free (body);
  body = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"https://schema.oparl.org/1.0/Paper\","
                          "\"name\":\"Geänderter Titel\"}", changed_id);
  reply = test_send (test_replay, "POST", admin, body, &status);
  g_assert_cmpuint (status, ==, 200);
  g_clear_pointer (&reply, g_bytes_unref);
  del_url = g_strconcat (admin, "?id=", deleted_id, NULL);
  reply = test_send (test_replay, "DELETE", del_url, NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  /* Unfiltered: the new one is there, the changed one changed, the deleted
   * one is gone. */
  after = test_crawl (test_replay, papers, NULL);
  g_assert_nonnull (g_hash_table_lookup (after, new_id));
  g_assert_null (g_hash_table_lookup (after, deleted_id));
  node = g_hash_table_lookup (after, changed_id);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "name"), ==,
                   "Geänderter Titel");

  /* modified_since: exactly the three changes, the deletion as a stub. */
  since_escaped = g_uri_escape_string (now_text, NULL, FALSE);
  since_url = g_strconcat (papers, "?modified_since=", since_escaped, NULL);
  since = test_crawl (test_replay, since_url, NULL);
  g_assert_cmpuint (g_hash_table_size (since), ==, 3);
  node = g_hash_table_lookup (since, deleted_id);
  g_assert_nonnull (node);
  g_assert_true (json_object_get_boolean_member (json_node_get_object (node), "deleted"));

  g_clear_pointer (&reply, g_bytes_unref);
  g_free (body);
  body = test_url (test_replay, "_admin/reset");
  reply = test_send (test_replay, "POST", body, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_hash_table_unref (after);
  after = test_crawl (test_replay, papers, NULL);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_assert_null (g_hash_table_lookup (after, new_id));
}

/* Karlsruhe: live objects straight from papers/meetings.jsonl.gz, one per
 * line; only lines that mention "deleted" are parsed, to keep this quick. */
static guint
count_live_objects (const char *name)
{
  g_autofree char *path = g_build_filename (test_data_dir (), "oparl", "karlsruhe", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (zlib));
  g_autoptr(GDataInputStream) data = g_data_input_stream_new (plain);
  guint lines = 0, deleted = 0;
  char *line;

  while ((line = g_data_input_stream_read_line (data, NULL, NULL, NULL)) != NULL)
    {
      lines++;
      if (strstr (line, "\"deleted\"") != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();
          g_autoptr(GError) error = NULL;

          json_parser_load_from_data (parser, line, -1, &error);
          g_assert_no_error (error);
          deleted += json_object_get_boolean_member_with_default (
            json_node_get_object (json_parser_get_root (parser)), "deleted", FALSE);
        }
      g_free (line);
    }

  return lines - deleted;
}

static void
test_karlsruhe_paging (void)
{
  g_autofree char *papers = test_url (karlsruhe, "bodies/0001/papers");
  g_autofree char *papers_1000 = test_url (karlsruhe, "bodies/0001/papers?limit=1000");
  g_autofree char *meetings = test_url (karlsruhe, "bodies/0001/meetings");
  g_autofree char *bodies_url = test_url (karlsruhe, "bodies");
  g_autoptr(GHashTable) seen_papers = NULL;
  g_autoptr(GHashTable) seen_meetings = NULL;
  g_autoptr(JsonNode) bodies = NULL;
  guint expected_papers = count_live_objects ("papers.jsonl.gz");
  guint expected_meetings = count_live_objects ("meetings.jsonl.gz");
  JsonObject *body;

  g_assert_cmpuint (expected_papers, ==, 14004 - 268);
  bodies = test_get_json (karlsruhe, bodies_url, NULL);
  body = json_array_get_object_element (json_object_get_array_member (json_node_get_object (bodies), "data"), 0);
  g_assert_cmpstr (json_object_get_string_member (body, "name"), ==, "Stadt Karlsruhe");
  g_assert_cmpstr (json_object_get_string_member (body, "paper"), ==, papers);

  /* Pages of 1000 (the server honours limit) keep the test quick. */
  seen_papers = test_crawl (karlsruhe, papers_1000, NULL);
  g_assert_cmpuint (g_hash_table_size (seen_papers), ==, expected_papers);
  seen_meetings = test_crawl (karlsruhe, meetings, NULL);
  g_assert_cmpuint (g_hash_table_size (seen_meetings), ==, expected_meetings);
}

static void
test_karlsruhe_omit_internal (void)
{
  g_autofree char *url = test_url (karlsruhe, "bodies/0001/meetings/943?omit_internal=true");
  g_autofree char *full_url = test_url (karlsruhe, "bodies/0001/meetings/943");
  g_autofree char *list_url = test_url (karlsruhe, "bodies/0001/meetings?omit_internal=true");
  g_autoptr(JsonNode) omitted = test_get_json (karlsruhe, url, NULL);
  g_autoptr(JsonNode) full = test_get_json (karlsruhe, full_url, NULL);
  g_autoptr(JsonNode) list = test_get_json (karlsruhe, list_url, NULL);
  JsonArray *items = json_object_get_array_member (json_node_get_object (omitted), "agendaItem");
  JsonArray *full_items = json_object_get_array_member (json_node_get_object (full), "agendaItem");
  JsonArray *data = json_object_get_array_member (json_node_get_object (list), "data");

  g_assert_cmpuint (json_array_get_length (items), >, 0);
  g_assert_cmpuint (json_array_get_length (items), ==, json_array_get_length (full_items));
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_assert_cmpstr (json_array_get_string_element (items, i), ==,
                     json_object_get_string_member (json_array_get_object_element (full_items, i), "id"));

  /* In lists, too: no embedded object that has a list of its own. */
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonObject *meeting = json_array_get_object_element (data, i);

      if (json_object_has_member (meeting, "agendaItem"))
        g_assert_true (JSON_NODE_HOLDS_VALUE (json_array_get_element (
          json_object_get_array_member (meeting, "agendaItem"), 0)));
      if (json_object_has_member (meeting, "location"))
        g_assert_true (JSON_NODE_HOLDS_VALUE (json_object_get_member (meeting, "location")));
    }
}

static void
test_karlsruhe_generated_pdf (void)
{
  g_autofree char *url = first_file_url (karlsruhe, "bodies/0001/papers/ag/1");
  g_autofree char *tmp_dir = g_dir_make_tmp ("ots-pdf-XXXXXX", NULL);
  g_autofree char *pdf_path = g_build_filename (tmp_dir, "file.pdf", NULL);
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(JsonNode) file = NULL;
  g_autofree char *sum = NULL;
  g_autofree char *file_id = NULL;
  TestServer *second;
  const char *pages;
  int wait_status = 0;
  guint status = 0;

  pdf = test_get (karlsruhe, url, NULL, NULL, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  g_file_set_contents (pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  g_spawn_sync (NULL, (char *[]) { "pdfinfo", pdf_path, NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &info, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  pages = strstr (info, "Pages:");
  g_assert_nonnull (pages);
  g_assert_cmpint (g_ascii_strtoll (pages + strlen ("Pages:"), NULL, 10), >, 1);
  g_assert_nonnull (strstr (info, "Page size:       595.276 x 841.89 pts (A4)"));
  g_unlink (pdf_path);
  g_rmdir (tmp_dir);

  /* Another process makes the same bytes and announces them as checksum. */
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA512, pdf);
  second = test_server_start ("karlsruhe", "--checksums", NULL);
  file_id = test_url (second, "bodies/0001/files/143887");
  file = test_get_json (second, file_id, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (file), "sha512Checksum"), ==, sum);
  test_server_stop (second);
}

int
main (int   argc,
      char *argv[])
{
  int result;

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, ==, 2);
  test_server_binary = argv[1];

  test_replay = test_server_start ("huertgenwald", NULL);
  karlsruhe = test_server_start ("karlsruhe", NULL);

  g_test_add_func ("/oparl-server/replay/paging", test_replay_paging);
  g_test_add_func ("/oparl-server/replay/rewrites-origin", test_replay_rewrites_origin);
  g_test_add_func ("/oparl-server/replay/object-at-id", test_replay_object_at_id);
  g_test_add_func ("/oparl-server/replay/modified-since", test_replay_modified_since);
  g_test_add_func ("/oparl-server/files/conditional-and-range", test_files_conditional_and_range);
  g_test_add_func ("/oparl-server/admin/changes", test_admin_changes);
  g_test_add_func ("/oparl-server/karlsruhe/paging", test_karlsruhe_paging);
  g_test_add_func ("/oparl-server/karlsruhe/omit-internal", test_karlsruhe_omit_internal);
  g_test_add_func ("/oparl-server/karlsruhe/generated-pdf", test_karlsruhe_generated_pdf);
  test_faults_register ();
  test_write_register ();
  test_shift_register (karlsruhe);
  test_demo_register ();

  result = g_test_run ();
  test_shift_cleanup ();
  test_server_stop (karlsruhe);
  test_server_stop (test_replay);

  return result;
}
