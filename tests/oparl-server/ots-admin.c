/* ots-admin.c: the admin API under /_admin/, which lets tests change the
 * served data and the faults while the server runs (see
 * docs/oparl-test-server.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

static JsonNode *
request_json (SoupServerMessage *msg,
              GError           **error)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  JsonNode *node;

  node = ots_json_parse (data ? data : "", len, error);
  if (node != NULL && !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_node_unref (node);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Expected a JSON object");
      return NULL;
    }

  return node;
}

static void
reply_object (OtsServer         *server,
              SoupServerMessage *msg,
              guint              status,
              guint              pos)
{
  g_autofree char *text = ots_lists_object_json (server, pos, FALSE, TRUE);
  gsize len = text ? strlen (text) : 0;

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_steal_pointer (&text), len);
}

static void
put_object (OtsServer         *server,
            SoupServerMessage *msg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = request_json (msg, &error);
  g_autofree char *modified = NULL;
  JsonObject *obj;
  const char *id;
  OtsKind kind;
  guint pos;
  gboolean exists;

  if (node == NULL)
    {
      ots_http_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      return;
    }
  obj = json_node_get_object (node);
  id = json_object_get_string_member_with_default (obj, "id", NULL);
  if (id == NULL || !g_str_has_prefix (id, server->base))
    {
      ots_http_error (msg, SOUP_STATUS_BAD_REQUEST, "The object needs an id under this server");
      return;
    }
  kind = ots_kind_from_type (json_object_get_string_member_with_default (obj, "type", NULL));
  exists = ots_store_lookup (server->store, id, &pos);
  if (!exists && kind == OTS_KIND_UNKNOWN)
    {
      ots_http_error (msg, SOUP_STATUS_BAD_REQUEST, "A new object needs a known OParl type");
      return;
    }

  modified = ots_store_next_modified (server->store, id);
  json_object_set_string_member (obj, "modified", modified);
  if (!json_object_has_member (obj, "created"))
    {
      if (exists && ots_store_get (server->store, pos)->created > 0)
        {
          g_autofree char *created = ots_format_date (ots_store_get (server->store, pos)->created);

          json_object_set_string_member (obj, "created", created);
        }
      else
        json_object_set_string_member (obj, "created", modified);
    }

  pos = ots_store_put (server->store, node, kind);
  g_message ("Admin: %s %s", exists ? "changed" : "added", id);
  reply_object (server, msg, exists ? SOUP_STATUS_OK : SOUP_STATUS_CREATED, pos);
}

/* The stub that replaces a deleted object: id, type, created, a new
 * modified and deleted: true. */
JsonNode *
ots_admin_make_stub (OtsServer *server,
                     guint      pos)
{
  OtsEntry *entry = ots_store_get (server->store, pos);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *modified = ots_store_next_modified (server->store, entry->id);
  g_autofree char *created = ots_format_date (entry->created > 0 ? entry->created : entry->modified);
  g_autofree char *type = g_strconcat (server->oparl_version, ots_kind_type_name (entry->kind), NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, entry->id);
  if (entry->kind != OTS_KIND_UNKNOWN)
    {
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, type);
    }
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, created);
  json_builder_set_member_name (b, "modified");
  json_builder_add_string_value (b, modified);
  json_builder_set_member_name (b, "deleted");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static void
delete_object (OtsServer         *server,
               SoupServerMessage *msg,
               const char        *id)
{
  g_autoptr(JsonNode) node = NULL;
  guint pos;

  if (id == NULL || !ots_store_lookup (server->store, id, &pos))
    {
      ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No such object");
      return;
    }
  node = ots_admin_make_stub (server, pos);
  pos = ots_store_put (server->store, node, ots_store_get (server->store, pos)->kind);
  g_message ("Admin: deleted %s", id);
  reply_object (server, msg, SOUP_STATUS_OK, pos);
}

static void
handle_faults (OtsServer         *server,
               SoupServerMessage *msg,
               const char        *method)
{
  g_autoptr(JsonNode) reply = NULL;

  if (method == SOUP_METHOD_POST)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = request_json (msg, &error);
      OtsFaults changed = server->faults;

      if (node == NULL ||
          !ots_faults_from_json (&changed, json_node_get_object (node), &error))
        {
          ots_http_error (msg, SOUP_STATUS_BAD_REQUEST, error->message);
          return;
        }
      server->faults = changed;
      g_message ("Admin: faults changed");
    }

  reply = ots_faults_to_json (&server->faults);
  ots_http_json (msg, SOUP_STATUS_OK, reply);
}

static void
handle_stats (OtsServer         *server,
              SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "requests");
  json_builder_add_int_value (b, server->n_requests);
  json_builder_set_member_name (b, "connections");
  json_builder_add_int_value (b, server->n_connections);
  json_builder_set_member_name (b, "reusedResets");
  json_builder_add_int_value (b, server->n_reused_resets);
  json_builder_set_member_name (b, "objects");
  json_builder_add_int_value (b, server->store->entries->len);
  json_builder_set_member_name (b, "changed");
  json_builder_add_boolean_value (b, server->store->changed);
  json_builder_set_member_name (b, "dateShiftDays");
  json_builder_add_int_value (b, server->shift_days);
  json_builder_end_object (b);
  node = json_builder_get_root (b);
  ots_http_json (msg, SOUP_STATUS_OK, node);
}

void
ots_admin_handle (OtsServer         *server,
                  SoupServerMessage *msg,
                  const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autoptr(GHashTable) query = raw_query ? soup_form_decode (raw_query) : NULL;
  const char *id = query ? g_hash_table_lookup (query, "id") : NULL;
  guint pos;

  if (g_str_equal (path, "/_admin/objects"))
    {
      if (method == SOUP_METHOD_POST || method == SOUP_METHOD_PUT)
        put_object (server, msg);
      else if (method == SOUP_METHOD_DELETE)
        delete_object (server, msg, id);
      else if (method == SOUP_METHOD_GET && id != NULL && ots_store_lookup (server->store, id, &pos))
        reply_object (server, msg, SOUP_STATUS_OK, pos);
      else
        ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No such object");
    }
  else if (g_str_equal (path, "/_admin/faults"))
    handle_faults (server, msg, method);
  else if (g_str_equal (path, "/_admin/reset") && method == SOUP_METHOD_POST)
    {
      ots_store_reset (server->store);
      server->faults = server->initial_faults;
      ots_write_reset (server->write);
      g_hash_table_remove_all (server->request_counts);
      g_message ("Admin: reset");
      handle_stats (server, msg);
    }
  else if (g_str_equal (path, "/_admin/stats"))
    handle_stats (server, msg);
  else
    ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "Unknown admin call");
}
