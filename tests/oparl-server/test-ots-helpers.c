/* test-ots-helpers.c: helpers of the oparl-test-server tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "test-ots-helpers.h"

const char *test_server_binary;
TestServer *test_replay;

const char *
test_data_dir (void)
{
  const char *dir = g_getenv ("GRM_SHARED_DATA");

  g_assert_nonnull (dir);
  return dir;
}

/* A server outlives no failed test: it gets SIGTERM when the test dies. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Starts the server on port 0 with --data <shared>/oparl/@data_set and the
 * extra arguments, and reads the System URL from its first stdout line. */
TestServer *
test_server_start (const char *data_set,
                   ...)
{
  TestServer *server = g_new0 (TestServer, 1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, g_strdup (test_server_binary));
  g_ptr_array_add (argv, g_strdup ("--port=0"));
  g_ptr_array_add (argv, g_strdup_printf ("--data=%s/oparl/%s", test_data_dir (), data_set));
  va_start (args, data_set);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  /* A critical warning in the server is a bug: let it crash the test. */
  g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  server->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                  &error);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server->process));
  server->system_url = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (server->system_url);
  g_assert_true (g_str_has_prefix (server->system_url, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (server->system_url, "/system"));
  server->base = g_strndup (server->system_url, strlen (server->system_url) - strlen ("system"));
  server->session = soup_session_new_with_options ("timeout", 60, NULL);

  return server;
}

/* Stops the server with SIGTERM and checks that it exits cleanly. */
void
test_server_stop (TestServer *server)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGTERM);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);

  g_object_unref (server->session);
  g_object_unref (server->process);
  g_free (server->system_url);
  g_free (server->base);
  g_free (server);
}

char *
test_url (TestServer *server,
          const char *path)
{
  return g_strconcat (server->base, path, NULL);
}

GBytes *
test_get (TestServer   *server,
          const char   *url,
          const char   *header,
          const char   *value,
          guint        *status,
          SoupMessage **out_msg,
          GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  GBytes *bytes;

  g_assert_nonnull (msg);
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), header, value);
  bytes = soup_session_send_and_read (server->session, msg, NULL, error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (out_msg != NULL)
    *out_msg = g_steal_pointer (&msg);

  return bytes;
}

JsonNode *
test_parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);

  return json_parser_steal_root (parser);
}

JsonNode *
test_get_json (TestServer *server,
               const char *url,
               guint      *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = test_get (server, url, NULL, NULL, status, NULL, &error);

  g_assert_no_error (error);
  return test_parse (bytes);
}

GBytes *
test_send (TestServer *server,
           const char *method,
           const char *url,
           const char *body,
           guint      *status)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  bytes = soup_session_send_and_read (server->session, msg, NULL, &error);
  g_assert_no_error (error);
  if (status != NULL)
    *status = soup_message_get_status (msg);

  return bytes;
}

/* Follows links.next from @list_url; returns id → the object's JSON node and
 * fails the test when an id comes twice or a next link loops. */
GHashTable *
test_crawl (TestServer *server,
            const char *list_url,
            guint      *n_pages)
{
  GHashTable *seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) json_node_unref);
  g_autoptr(GHashTable) urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_strdup (list_url);
  guint pages = 0;

  while (url != NULL)
    {
      guint status = 0;
      g_autoptr(JsonNode) root = test_get_json (server, url, &status);
      JsonObject *page;
      JsonArray *data;
      JsonObject *links;

      g_assert_cmpuint (status, ==, 200);
      g_assert_false (g_hash_table_contains (urls, url));
      g_hash_table_add (urls, g_strdup (url));
      page = json_node_get_object (root);
      data = json_object_get_array_member (page, "data");
      for (guint i = 0; i < json_array_get_length (data); i++)
        {
          JsonNode *element = json_array_get_element (data, i);
          const char *id = json_object_get_string_member (json_node_get_object (element), "id");

          g_assert_true (g_str_has_prefix (id, server->base));
          if (g_hash_table_contains (seen, id))
            g_error ("%s comes twice in %s", id, list_url);
          g_hash_table_insert (seen, g_strdup (id), json_node_ref (element));
        }
      pages++;
      links = json_object_get_object_member (page, "links");
      g_clear_pointer (&url, g_free);
      if (json_object_has_member (links, "next"))
        url = g_strdup (json_object_get_string_member (links, "next"));
    }

  if (n_pages != NULL)
    *n_pages = pages;
  return seen;
}
