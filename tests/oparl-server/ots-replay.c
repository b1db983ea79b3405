/* ots-replay.c: replays a captured OParl crawl (shared/data/oparl/huertgenwald).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The crawl's files are named by request path and query ("body/1/paper?page=2.json").
 * List pages are served from those files, byte for byte except for the
 * origin, which is rewritten to this server's base URL. Every object in them
 * is also indexed, so it can be fetched at its own id, filtered and changed
 * through the admin API (then the lists are built here instead). With
 * --shift-dates the pages are still replayed, with their dates shifted.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

#define REPLAY_PREFIX "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/"

static const char * const list_members[] = {
  "organization", "person", "meeting", "paper", "agendaItem", "consultation", "file",
  "locationList", "legislativeTermList", "membership",
};

static const OtsKind list_kinds[] = {
  OTS_KIND_ORGANIZATION, OTS_KIND_PERSON, OTS_KIND_MEETING, OTS_KIND_PAPER,
  OTS_KIND_AGENDA_ITEM, OTS_KIND_CONSULTATION, OTS_KIND_FILE, OTS_KIND_LOCATION,
  OTS_KIND_LEGISLATIVE_TERM, OTS_KIND_MEMBERSHIP,
};

/* Reads a crawl file ("body/1/paper?page=2") with the origin rewritten. */
static char *
read_crawl_file (OtsServer  *server,
                 const char *name,
                 gsize      *len)
{
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  g_autofree char *path = g_build_filename (server->data_dir, file, NULL);
  g_autofree char *text = NULL;
  gsize raw_len;
  char *out;

  if (!g_file_get_contents (path, &text, &raw_len, NULL))
    return NULL;
  out = ots_rewrite_prefix (text, raw_len, server->original_prefix, server->base);
  /* --shift-dates: the stored objects were shifted once after indexing;
   * pages get the same shift as they are served. */
  if (server->shift_days != 0)
    {
      char *shifted = ots_shift_json (out, strlen (out), server->shift_days, server->shift_tz);

      g_free (out);
      out = shifted;
    }
  if (len != NULL)
    *len = strlen (out);

  return out;
}

GBytes *
ots_replay_page (OtsServer  *server,
                 const char *list_url,
                 const char *query)
{
  OtsList *list = g_hash_table_lookup (server->lists, list_url);
  g_autofree char *name = NULL;
  char *text;
  gsize len;

  if (list == NULL || list->replay_name == NULL)
    return NULL;
  if (query == NULL || *query == '\0' || g_str_equal (query, "page=1"))
    name = g_strdup (list->replay_name);
  else
    name = g_strconcat (list->replay_name, "?", query, NULL);
  /* Never let a query walk out of the data directory. */
  if (strstr (name, "..") != NULL || strchr (name, '\\') != NULL)
    return NULL;

  text = read_crawl_file (server, name, &len);
  return text ? g_bytes_new_take (text, len) : NULL;
}

/* Indexes every page of one list, following links.next through the files. */
static gboolean
index_list (OtsServer  *server,
            OtsList    *list,
            GError    **error)
{
  g_autofree char *name = g_strdup (list->replay_name);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (name != NULL && !g_hash_table_contains (seen, name))
    {
      g_autofree char *text = read_crawl_file (server, name, NULL);
      g_autoptr(GArray) objects = NULL;
      const char *next = NULL;

      if (text == NULL)
        break;
      objects = ots_scan (text, -1, error);
      if (objects == NULL)
        return FALSE;

      /* Each element of "data" is kept as the crawl's own bytes. */
      for (guint i = 1; i < objects->len; i++)
        {
          OtsScanObject *obj = &g_array_index (objects, OtsScanObject, i);

          if (obj->depth == 2 && g_strcmp0 (obj->member, "data") == 0)
            ots_store_add_object (server->store, list->kind,
                                  g_strndup (text + obj->start, obj->end - obj->start), NULL);
          else if (obj->depth == 1 && g_strcmp0 (obj->member, "links") == 0)
            next = obj->next;
        }

      g_hash_table_add (seen, g_steal_pointer (&name));
      if (next != NULL && g_str_has_prefix (next, server->base))
        name = g_strdup (next + strlen (server->base));
    }

  return TRUE;
}

gboolean
ots_replay_load (OtsServer *server,
                 GError   **error)
{
  g_autofree char *system_text = NULL;
  g_autofree char *body_text = NULL;
  g_autoptr(JsonNode) system = NULL;
  g_autoptr(JsonNode) bodies = NULL;
  JsonArray *data;
  GHashTableIter iter;
  gpointer value;

  server->original_prefix = g_strdup (REPLAY_PREFIX);
  server->oparl_version = g_strdup ("https://schema.oparl.org/1.0/");

  system_text = read_crawl_file (server, "system", NULL);
  body_text = read_crawl_file (server, "body", NULL);
  if (system_text == NULL || body_text == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s has no system.json and body.json", server->data_dir);
      return FALSE;
    }
  system = ots_json_parse (system_text, -1, error);
  bodies = system ? ots_json_parse (body_text, -1, error) : NULL;
  if (bodies == NULL)
    return FALSE;

  server->system_url = g_strdup (json_object_get_string_member (json_node_get_object (system), "id"));
  server->body_list_url = g_strdup (json_object_get_string_member (json_node_get_object (system), "body"));
  ots_store_add_object (server->store, OTS_KIND_SYSTEM, g_steal_pointer (&system_text), NULL);
  ots_lists_add (server, server->body_list_url, OTS_KIND_BODY, "body");

  data = json_object_get_array_member (json_node_get_object (bodies), "data");
  for (guint i = 0; i < json_array_get_length (data); i++)
    {
      JsonNode *element = json_array_get_element (data, i);
      JsonObject *body = json_node_get_object (element);

      if (server->body_id == NULL)
        server->body_id = g_strdup (json_object_get_string_member (body, "id"));
      ots_store_add_object (server->store, OTS_KIND_BODY, ots_json_to_string (element), NULL);
      for (guint j = 0; j < G_N_ELEMENTS (list_members); j++)
        {
          const char *url = json_object_get_string_member_with_default (body, list_members[j], NULL);

          if (url != NULL && g_str_has_prefix (url, server->base))
            ots_lists_add (server, url, list_kinds[j], url + strlen (server->base));
        }
    }

  g_hash_table_iter_init (&iter, server->lists);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((OtsList *) value)->kind != OTS_KIND_BODY && !index_list (server, value, error))
      return FALSE;

  return TRUE;
}
