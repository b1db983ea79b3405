/* ots-http.c: request routing of the OParl test server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every OParl or file request first gets its fault decision (latency, error
 * status, reset, truncation, invalid JSON), then is routed by its full URL:
 * the System, a list, an object at its id, or a file's bytes. /_admin/ and
 * /_write/ are never subject to faults.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

typedef struct {
  OtsServer         *server;
  SoupServerMessage *msg;
  OtsDecision        decision;
} Delayed;

void
ots_http_json (SoupServerMessage *msg,
               guint              status,
               JsonNode          *node)
{
  g_autofree char *text = ots_json_to_string (node);
  gsize len = strlen (text);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

void
ots_http_error (SoupServerMessage *msg,
                guint              status,
                const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, message);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, status);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  ots_http_json (msg, status, node);
}

/* Sends a response, after applying the truncation and invalid-JSON faults. */
void
ots_http_finish (OtsServer         *server,
                 SoupServerMessage *msg,
                 OtsDecision       *decision,
                 guint              status,
                 const char        *content_type,
                 GBytes            *body)
{
  g_autoptr(GBytes) corrupt = NULL;
  gsize len = 0;
  gconstpointer data = g_bytes_get_data (body, &len);
  gboolean is_json = g_str_has_prefix (content_type, "application/json");

  if (decision != NULL && decision->truncate && len > 1 &&
      soup_server_message_get_method (msg) != SOUP_METHOD_HEAD)
    {
      ots_faults_truncate (msg, status, content_type, body);
      return;
    }

  if (decision != NULL && decision->invalid_json && is_json && status == SOUP_STATUS_OK)
    {
      corrupt = ots_faults_corrupt_json (body);
      data = g_bytes_get_data (corrupt, &len);
      body = corrupt;
    }

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, len);
}

static void
send_json_text (OtsServer         *server,
                SoupServerMessage *msg,
                OtsDecision       *decision,
                guint              status,
                char              *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

  ots_http_finish (server, msg, decision, status, "application/json; charset=utf-8", bytes);
}

static gboolean
query_wants_omit_internal (const char *raw_query)
{
  g_autoptr(GHashTable) params = NULL;
  const char *value;

  if (raw_query == NULL)
    return FALSE;
  params = soup_form_decode (raw_query);
  value = g_hash_table_lookup (params, "omit_internal");

  return value != NULL && (g_str_equal (value, "true") || g_str_equal (value, "1"));
}

static void
route (OtsServer         *server,
       SoupServerMessage *msg,
       OtsDecision       *decision)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *raw_query = g_uri_get_query (uri);
  g_autofree char *url = g_strconcat (server->base, path + 1, NULL);
  OtsList *list;
  gpointer file_pos;
  guint pos;

  if (decision->error_status != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "1");
      ots_http_error (msg, decision->error_status, "Injected server error");
      return;
    }
  if (decision->reset)
    {
      if (decision->reused)
        server->n_reused_resets++;
      ots_faults_reset_connection (msg);
      return;
    }

  list = g_hash_table_lookup (server->lists, url);
  if (list != NULL)
    {
      guint status = SOUP_STATUS_OK;
      g_autoptr(GBytes) body = NULL;

      ots_lists_serve (server, msg, list, raw_query, &status, &body);
      ots_http_finish (server, msg, decision, status, "application/json; charset=utf-8", body);
      return;
    }

  if (ots_store_lookup (server->store, url, &pos))
    {
      char *text = ots_lists_object_json (server, pos, query_wants_omit_internal (raw_query),
                                          ots_write_authenticated (server, msg) != NULL);

      if (text == NULL)
        ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No such object");
      else
        send_json_text (server, msg, decision, SOUP_STATUS_OK, text);
      return;
    }

  file_pos = g_hash_table_lookup (server->store->file_urls, url);
  if (file_pos != NULL)
    {
      ots_files_serve (server, msg, GPOINTER_TO_UINT (file_pos) - 1, decision);
      return;
    }

  ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "Not found");
}

static gboolean
delayed_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  soup_server_message_unpause (delayed->msg);
  route (delayed->server, delayed->msg, &delayed->decision);
  g_object_unref (delayed->msg);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

/* Counts the connections that carry OParl requests; TRUE when @msg is not
 * the first request on its connection (a kept-alive one). */
static gboolean
count_connection (OtsServer         *server,
                  SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  guint before;

  if (socket == NULL)
    return FALSE;
  before = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (socket), "ots-requests"));
  if (before == 0)
    server->n_connections++;
  g_object_set_data (G_OBJECT (socket), "ots-requests", GUINT_TO_POINTER (before + 1));
  return before > 0;
}

void
ots_http_handler (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  OtsServer *server = user_data;
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *key = NULL;
  OtsDecision decision;

  if (g_str_has_prefix (path, "/_admin/"))
    {
      ots_admin_handle (server, msg, path);
      return;
    }
  if (g_str_has_prefix (path, "/_write/"))
    {
      ots_write_handle (server, msg, path);
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      ots_http_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "OParl is read-only");
      return;
    }

  server->n_requests++;
  key = raw_query ? g_strconcat (path, "?", raw_query, NULL) : g_strdup (path);
  decision = ots_faults_decide (server, key);
  decision.reused = count_connection (server, msg);

  if (server->faults.latency_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      delayed->server = server;
      delayed->msg = g_object_ref (msg);
      delayed->decision = decision;
      soup_server_message_pause (msg);
      g_timeout_add (server->faults.latency_ms, delayed_cb, delayed);
      return;
    }

  route (server, msg, &decision);
}
