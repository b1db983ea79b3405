/* ots-object.c: the JSON of one object as served: embedded objects cut out
 * of their parent with back references, sha512Checksum for files,
 * omit_internal, the deleted-without-type quirk, and non-public parts
 * removed for anonymous readers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include "ots-private.h"

static gboolean
has_own_list (OtsServer *server,
              OtsKind    kind)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, server->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((OtsList *) value)->kind == kind)
      return TRUE;

  return FALSE;
}

/* Adds sha512Checksum to every File object in @node (recursively). */
static void
add_checksums (OtsServer *server,
               JsonNode  *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      const char *type = json_object_get_string_member_with_default (obj, "type", NULL);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      if (ots_kind_from_type (type) == OTS_KIND_FILE &&
          json_object_has_member (obj, "accessUrl") &&
          !json_object_get_boolean_member_with_default (obj, "deleted", FALSE))
        {
          g_autofree char *sum = ots_files_sha512 (server, obj);

          if (sum != NULL)
            json_object_set_string_member (obj, "sha512Checksum", sum);
        }

      json_object_iter_init (&iter, obj);
      while (json_object_iter_next (&iter, &member, &value))
        if (!JSON_NODE_HOLDS_VALUE (value))
          add_checksums (server, value);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        add_checksums (server, json_array_get_element (array, i));
    }
}

static JsonNode *
omit_one (OtsServer *server,
          JsonNode  *node)
{
  JsonObject *obj;
  const char *id;
  guint pos;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);
  id = json_object_get_string_member_with_default (obj, "id", NULL);
  if (id == NULL || !ots_store_lookup (server->store, id, &pos) ||
      !has_own_list (server, ots_store_get (server->store, pos)->kind))
    return NULL;

  return json_node_init_string (json_node_alloc (), id);
}

/* omit_internal: embedded objects that have their own external list are
 * replaced by their id URL. */
static void
omit_internal (OtsServer  *server,
               JsonObject *obj)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (obj, l->data);
      JsonNode *replacement;

      if (JSON_NODE_HOLDS_OBJECT (value))
        {
          replacement = omit_one (server, value);
          if (replacement != NULL)
            json_object_set_member (obj, l->data, replacement);
        }
      else if (JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);
          JsonArray *copy = json_array_sized_new (json_array_get_length (array));

          /* JsonArray has no setter: build the array anew. */
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);

              replacement = omit_one (server, element);
              json_array_add_element (copy, replacement ? replacement : json_node_ref (element));
            }
          json_object_set_array_member (obj, l->data, copy);
        }
    }
}

/* Back references that OParl 1.1 objects in external lists carry. */
static void
add_back_references (OtsServer  *server,
                     OtsEntry   *entry,
                     JsonObject *obj)
{
  OtsEntry *parent = ots_store_get (server->store, entry->parent);

  if (parent == NULL || !g_str_has_suffix (server->oparl_version, "1.1/"))
    return;

  if (entry->kind == OTS_KIND_CONSULTATION && parent->kind == OTS_KIND_PAPER &&
      !json_object_has_member (obj, "paper"))
    json_object_set_string_member (obj, "paper", parent->id);
  else if (entry->kind == OTS_KIND_AGENDA_ITEM && parent->kind == OTS_KIND_MEETING &&
           !json_object_has_member (obj, "meeting"))
    json_object_set_string_member (obj, "meeting", parent->id);
  else if (entry->kind == OTS_KIND_FILE &&
           (parent->kind == OTS_KIND_PAPER || parent->kind == OTS_KIND_MEETING))
    {
      const char *member = parent->kind == OTS_KIND_PAPER ? "paper" : "meeting";

      if (!json_object_has_member (obj, member))
        {
          JsonArray *array = json_array_new ();

          json_array_add_string_element (array, parent->id);
          json_object_set_array_member (obj, member, array);
        }
    }
}

/* Removes embedded objects that are not public, for anonymous readers. */
static void
strip_hidden (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (obj);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (obj, l->data);

          if (JSON_NODE_HOLDS_OBJECT (value) &&
              !json_object_get_boolean_member_with_default (json_node_get_object (value),
                                                            "public", TRUE))
            json_object_remove_member (obj, l->data);
          else
            strip_hidden (value);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = json_array_get_length (array); i > 0; i--)
        {
          JsonNode *element = json_array_get_element (array, i - 1);

          if (JSON_NODE_HOLDS_OBJECT (element) &&
              !json_object_get_boolean_member_with_default (json_node_get_object (element),
                                                            "public", TRUE))
            json_array_remove_element (array, i - 1);
          else
            strip_hidden (element);
        }
    }
}

/* The JSON of the object at @pos as served; NULL when it is not there for
 * this reader (not public and not @privileged, or gone from its parent). */
char *
ots_lists_object_json (OtsServer *server,
                       guint      pos,
                       gboolean   omit,
                       gboolean   privileged)
{
  OtsEntry *entry = ots_store_get (server->store, pos);
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;
  gboolean strip_type;

  if (entry == NULL || (entry->hidden && !privileged))
    return NULL;

  strip_type = entry->deleted && server->faults.quirk_deleted_without_type;
  if (entry->json != NULL && !omit && !server->faults.checksums && !strip_type &&
      (privileged || !entry->has_hidden))
    return g_strdup (entry->json);

  node = ots_store_dup_node (server->store, pos);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);

  if (entry->json == NULL)
    add_back_references (server, entry, obj);
  if (server->faults.checksums)
    add_checksums (server, node);
  if (omit)
    omit_internal (server, obj);
  if (strip_type)
    json_object_remove_member (obj, "type");
  if (!privileged && entry->has_hidden)
    strip_hidden (node);

  return ots_json_to_string (node);
}
