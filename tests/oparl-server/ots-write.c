/* ots-write.c: the write extension of the OParl test server, version 1
 * (specified in docs/write-extension.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enabled by --account USER:PASSWORD. Discovered through "gremium:writeApi"
 * in the System object. Every change needs a token (or HTTP Basic), an
 * Idempotency-Key, and for changes of existing objects If-Match with the
 * object's version; a stale version answers 409 with the current object.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-write-private.h"

static void
outcome_free (gpointer data)
{
  Outcome *outcome = data;

  g_free (outcome->fingerprint);
  g_free (outcome->body);
  g_free (outcome->etag);
  g_free (outcome);
}

OtsWrite *
ots_write_new (OtsServer  *server,
               char      **accounts)
{
  OtsWrite *write;

  if (accounts == NULL || accounts[0] == NULL)
    return NULL;

  write = g_new0 (OtsWrite, 1);
  write->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  write->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  write->outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, outcome_free);
  write->next_id = 1;
  for (guint i = 0; accounts[i] != NULL; i++)
    {
      const char *colon = strchr (accounts[i], ':');

      if (colon == NULL || colon == accounts[i])
        g_warning ("Ignoring account %s: expected USER:PASSWORD", accounts[i]);
      else
        g_hash_table_replace (write->accounts, g_strndup (accounts[i], colon - accounts[i]),
                              g_strdup (colon + 1));
    }

  return write;
}

void
ots_write_free (OtsWrite *write)
{
  if (write == NULL)
    return;
  g_hash_table_unref (write->accounts);
  g_hash_table_unref (write->tokens);
  g_hash_table_unref (write->outcomes);
  g_free (write);
}

void
ots_write_reset (OtsWrite *write)
{
  if (write == NULL)
    return;
  g_hash_table_remove_all (write->tokens);
  g_hash_table_remove_all (write->outcomes);
}

/* Adds "gremium:writeApi" to the System object. Called once after loading. */
void
ots_write_decorate_system (OtsServer *server)
{
  g_autoptr(JsonNode) system = NULL;
  g_autofree char *url = NULL;
  guint pos;

  if (server->write == NULL || !ots_store_lookup (server->store, server->system_url, &pos))
    return;
  system = ots_store_dup_node (server->store, pos);
  url = g_strconcat (server->base, API_PATH + 1, NULL);
  json_object_set_string_member (json_node_get_object (system), "gremium:writeApi", url);
  ots_store_put (server->store, system, OTS_KIND_SYSTEM);
}

void
ots_write_reply (SoupServerMessage *msg,
                 guint              status,
                 const char        *body,
                 const char        *etag)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (etag != NULL)
    soup_message_headers_replace (headers, "ETag", etag);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static char *
version_etag (OtsEntry *entry)
{
  return g_strdup_printf ("\"v%u\"", entry->version);
}

/* Body for errors; @current (may be NULL) is the server's object. */
static char *
error_text (const char *code,
            const char *message,
            const char *current)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();

  json_node_take_object (root, obj);

  json_object_set_string_member (obj, "error", code);
  json_object_set_string_member (obj, "message", message);
  if (current != NULL)
    {
      JsonNode *node = ots_json_parse (current, -1, NULL);

      if (node != NULL)
        json_object_set_member (obj, "current", node);
    }

  return ots_json_to_string (root);
}

void
ots_write_reply_error (SoupServerMessage *msg,
                       guint              status,
                       const char        *code,
                       const char        *message)
{
  g_autofree char *text = error_text (code, message, NULL);

  ots_write_reply (msg, status, text, NULL);
}

static void
discovery (OtsServer         *server,
           SoupServerMessage *msg)
{
  g_autofree char *api = g_strconcat (server->base, API_PATH + 1, NULL);
  g_autofree char *text = g_strdup_printf ("{\"type\":\"gremium:WriteApi\",\"version\":1,"
                                           "\"tokenUrl\":\"%stoken\",\"objectsUrl\":\"%sobjects\","
                                           "\"body\":\"%s\"}", api, api, server->body_id);

  ots_write_reply (msg, SOUP_STATUS_OK, text, NULL);
}

/* Gives server ids to the object and to embedded objects that have a type
 * but no id (or a client's urn:uuid: id). */
static void
assign_ids (OtsServer  *server,
            JsonObject *obj)
{
  const char *id = json_object_get_string_member_with_default (obj, "id", NULL);
  const char *type = json_object_get_string_member_with_default (obj, "type", NULL);
  g_autoptr(GList) values = NULL;

  if (type != NULL && (id == NULL || g_str_has_prefix (id, "urn:")))
    {
      g_autofree char *name = g_ascii_strdown (ots_kind_type_name (ots_kind_from_type (type)), -1);
      g_autofree char *new_id = g_strdup_printf ("%s/%s/w%u", server->body_id, name,
                                                 server->write->next_id++);

      json_object_set_string_member (obj, "id", new_id);
    }

  values = json_object_get_values (obj);
  for (GList *l = values; l != NULL; l = l->next)
    {
      JsonNode *value = l->data;

      if (JSON_NODE_HOLDS_OBJECT (value))
        assign_ids (server, json_node_get_object (value));
      else if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);

          for (guint i = 0; i < json_array_get_length (array); i++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, i)))
              assign_ids (server, json_array_get_object_element (array, i));
        }
    }
}

/* Stores @obj (created or replaced) and answers with it. */
static void
store_and_reply (OtsServer         *server,
                 SoupServerMessage *msg,
                 JsonNode          *node,
                 OtsKind            kind,
                 guint              status,
                 Outcome           *outcome)
{
  JsonObject *obj = json_node_get_object (node);
  const char *id = json_object_get_string_member (obj, "id");
  g_autofree char *modified = ots_store_next_modified (server->store, id);
  guint pos;

  json_object_set_string_member (obj, "modified", modified);
  if (!json_object_has_member (obj, "created"))
    json_object_set_string_member (obj, "created", modified);
  pos = ots_store_put (server->store, node, kind);

  outcome->status = status;
  outcome->body = ots_lists_object_json (server, pos, FALSE, TRUE);
  outcome->etag = version_etag (ots_store_get (server->store, pos));
  if (status == SOUP_STATUS_CREATED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", id);
  ots_write_reply (msg, status, outcome->body, outcome->etag);
}

/* Applies one change; fills @outcome with the answer to remember. */
static void
apply_change (OtsServer         *server,
              SoupServerMessage *msg,
              const char        *method,
              const char        *id,
              JsonNode          *node,
              Outcome           *outcome)
{
  const char *if_match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                       "If-Match");
  g_autofree char *current_etag = NULL;
  OtsEntry *entry;
  guint pos;

  if (method == SOUP_METHOD_POST)
    {
      JsonObject *obj = json_node_get_object (node);
      const char *type = json_object_get_string_member_with_default (obj, "type", NULL);
      const char *given = json_object_get_string_member_with_default (obj, "id", NULL);
      OtsKind kind = ots_kind_from_type (type);

      if (kind == OTS_KIND_UNKNOWN || (given != NULL && !g_str_has_prefix (given, "urn:")))
        {
          outcome->status = SOUP_STATUS_UNPROCESSABLE_ENTITY;
          outcome->body = error_text ("invalid", "A new object needs an OParl type and no server id", NULL);
          ots_write_reply (msg, outcome->status, outcome->body, NULL);
          return;
        }
      json_object_remove_member (obj, "id");
      assign_ids (server, obj);
      if (kind != OTS_KIND_BODY && kind != OTS_KIND_SYSTEM && !json_object_has_member (obj, "body") &&
          (kind == OTS_KIND_PAPER || kind == OTS_KIND_MEETING || kind == OTS_KIND_PERSON ||
           kind == OTS_KIND_ORGANIZATION || kind == OTS_KIND_LEGISLATIVE_TERM))
        json_object_set_string_member (obj, "body", server->body_id);
      store_and_reply (server, msg, node, kind, SOUP_STATUS_CREATED, outcome);
      return;
    }

  if (id == NULL || !ots_store_lookup (server->store, id, &pos))
    {
      outcome->status = SOUP_STATUS_NOT_FOUND;
      outcome->body = error_text ("not-found", "No such object", NULL);
      ots_write_reply (msg, outcome->status, outcome->body, NULL);
      return;
    }
  entry = ots_store_get (server->store, pos);
  current_etag = version_etag (entry);
  if (if_match == NULL)
    {
      outcome->status = 428;
      outcome->body = error_text ("precondition-required", "Send If-Match with the version", NULL);
      ots_write_reply (msg, outcome->status, outcome->body, NULL);
      return;
    }
  if (!g_str_equal (if_match, current_etag) && !g_str_equal (if_match, "*"))
    {
      g_autofree char *current = ots_lists_object_json (server, pos, FALSE, TRUE);

      outcome->status = SOUP_STATUS_CONFLICT;
      outcome->body = error_text ("conflict", "The object changed since that version", current);
      outcome->etag = g_strdup (current_etag);
      ots_write_reply (msg, outcome->status, outcome->body, outcome->etag);
      return;
    }

  if (method == SOUP_METHOD_DELETE)
    {
      g_autoptr(JsonNode) stub = ots_admin_make_stub (server, pos);

      store_and_reply (server, msg, stub, entry->kind, SOUP_STATUS_OK, outcome);
      return;
    }

  /* PUT: the whole object; its id is the one addressed. */
  json_object_set_string_member (json_node_get_object (node), "id", id);
  if (!json_object_has_member (json_node_get_object (node), "created") && entry->created > 0)
    {
      g_autofree char *created = ots_format_date (entry->created);

      json_object_set_string_member (json_node_get_object (node), "created", created);
    }
  store_and_reply (server, msg, node, entry->kind, SOUP_STATUS_OK, outcome);
}

static void
change (OtsServer         *server,
        SoupServerMessage *msg,
        const char        *user,
        const char        *method,
        const char        *id)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  const char *key = soup_message_headers_get_one (request, "Idempotency-Key");
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *uri = g_uri_to_string (soup_server_message_get_uri (msg));
  g_autofree char *outcome_key = NULL;
  g_autofree char *fault_key = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  Outcome *outcome, *seen;
  OtsDecision decision;

  if (key == NULL || *key == '\0')
    {
      ots_write_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "idempotency-key-required", "Send an Idempotency-Key");
      return;
    }
  g_checksum_update (checksum, (const guchar *) method, -1);
  g_checksum_update (checksum, (const guchar *) uri, -1);
  g_checksum_update (checksum, g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  outcome_key = g_strconcat (user, "\n", key, NULL);

  seen = g_hash_table_lookup (server->write->outcomes, outcome_key);
  if (seen != NULL)
    {
      if (!g_str_equal (seen->fingerprint, g_checksum_get_string (checksum)))
        {
          ots_write_reply_error (msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, "idempotency-key-reused",
                       "This Idempotency-Key came with another request");
          return;
        }
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Idempotency-Replayed", "true");
      ots_write_reply (msg, seen->status, seen->body, seen->etag);
      return;
    }

  /* An injected error refuses the change; an injected reset loses the
   * answer after the change was made, as a dropped connection would. */
  fault_key = g_strconcat (method, " ", uri, "#", key, NULL);
  decision = ots_faults_decide (server, fault_key);
  if (decision.error_status != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", "1");
      ots_write_reply_error (msg, decision.error_status, "unavailable", "Injected server error");
      return;
    }

  if (method != SOUP_METHOD_DELETE)
    {
      node = ots_json_parse (g_bytes_get_data (body, NULL) ? g_bytes_get_data (body, NULL) : "",
                             g_bytes_get_size (body), &error);
      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        {
          ots_write_reply_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid-json",
                       error ? error->message : "Expected a JSON object");
          return;
        }
    }

  outcome = g_new0 (Outcome, 1);
  outcome->fingerprint = g_strdup (g_checksum_get_string (checksum));
  apply_change (server, msg, method, id, node, outcome);
  g_hash_table_replace (server->write->outcomes, g_steal_pointer (&outcome_key), outcome);
  g_message ("Write by %s: %s %s -> %u", user, method, id ? id : "(new)", outcome->status);

  if (decision.reset)
    ots_faults_reset_connection (msg);
}

void
ots_write_handle (OtsServer         *server,
                  SoupServerMessage *msg,
                  const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) query = raw_query ? soup_form_decode (raw_query) : NULL;
  const char *id = query ? g_hash_table_lookup (query, "id") : NULL;
  const char *user;
  guint pos;

  if (server->write == NULL || !g_str_has_prefix (path, API_PATH))
    {
      ots_write_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", "The write extension is not enabled");
      return;
    }
  path += strlen (API_PATH);

  if (*path == '\0' && method == SOUP_METHOD_GET)
    {
      discovery (server, msg);
      return;
    }
  if (g_str_equal (path, "token") && method == SOUP_METHOD_POST)
    {
      ots_write_issue_token (server, msg);
      return;
    }
  if (!g_str_equal (path, "objects"))
    {
      ots_write_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Unknown write API call");
      return;
    }

  user = ots_write_authenticated (server, msg);
  if (user == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"gremium\"");
      ots_write_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Send a valid token");
      return;
    }

  if (method == SOUP_METHOD_GET)
    {
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;

      if (id == NULL || !ots_store_lookup (server->store, id, &pos) ||
          (text = ots_lists_object_json (server, pos, FALSE, TRUE)) == NULL)
        {
          ots_write_reply_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", "No such object");
          return;
        }
      etag = version_etag (ots_store_get (server->store, pos));
      ots_write_reply (msg, SOUP_STATUS_OK, text, etag);
    }
  else if (method == SOUP_METHOD_POST || method == SOUP_METHOD_PUT || method == SOUP_METHOD_DELETE)
    change (server, msg, user, method, method == SOUP_METHOD_POST ? NULL : id);
  else
    ots_write_reply_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", "Use GET, POST, PUT or DELETE");
}
