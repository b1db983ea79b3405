/* ots-util.c: small helpers of the OParl test server: URL prefix rewriting,
 * dates, OParl type names, JSON parsing and a stable hash.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

static const char * const kind_names[OTS_N_KINDS] = {
  [OTS_KIND_UNKNOWN] = "Unknown",
  [OTS_KIND_SYSTEM] = "System",
  [OTS_KIND_BODY] = "Body",
  [OTS_KIND_LEGISLATIVE_TERM] = "LegislativeTerm",
  [OTS_KIND_ORGANIZATION] = "Organization",
  [OTS_KIND_PERSON] = "Person",
  [OTS_KIND_MEMBERSHIP] = "Membership",
  [OTS_KIND_MEETING] = "Meeting",
  [OTS_KIND_AGENDA_ITEM] = "AgendaItem",
  [OTS_KIND_PAPER] = "Paper",
  [OTS_KIND_CONSULTATION] = "Consultation",
  [OTS_KIND_FILE] = "File",
  [OTS_KIND_LOCATION] = "Location",
};

/* Replaces every occurrence of @from in @text by @to, in one pass. */
char *
ots_rewrite_prefix (const char *text,
                    gsize       len,
                    const char *from,
                    const char *to)
{
  GString *out = g_string_sized_new (len + len / 16);
  gsize from_len = strlen (from);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *hit = memmem (p, end - p, from, from_len);

      if (hit == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, hit - p);
      g_string_append (out, to);
      p = hit + from_len;
    }

  return g_string_free (out, FALSE);
}

gint64
ots_parse_date (const char *iso8601)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return 0;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (iso8601, utc);
  if (dt == NULL)
    {
      /* A date without time ("2021-09-06") counts as its midnight UTC. */
      g_autofree char *with_time = g_strconcat (iso8601, "T00:00:00Z", NULL);

      dt = g_date_time_new_from_iso8601 (with_time, utc);
      if (dt == NULL)
        return 0;
    }

  return g_date_time_to_unix (dt);
}

/* OParl date-time in UTC with an explicit offset, without fractions. */
char *
ots_format_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S+00:00");
}

OtsKind
ots_kind_from_type (const char *type_url)
{
  const char *slash;

  if (type_url == NULL)
    return OTS_KIND_UNKNOWN;

  slash = strrchr (type_url, '/');
  slash = slash ? slash + 1 : type_url;
  for (guint i = 1; i < OTS_N_KINDS; i++)
    if (g_str_equal (slash, kind_names[i]))
      return i;

  return OTS_KIND_UNKNOWN;
}

const char *
ots_kind_type_name (OtsKind kind)
{
  return kind_names[kind < OTS_N_KINDS ? kind : 0];
}

JsonNode *
ots_json_parse (const char *text,
                gssize      len,
                GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, len, error))
    return NULL;

  return json_parser_steal_root (parser);
}

char *
ots_json_to_string (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* Depth-first search for the object whose "id" is @id. */
JsonNode *
ots_json_find_id (JsonNode   *node,
                  const char *id)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      const char *own = json_object_get_string_member_with_default (obj, "id", NULL);
      g_autoptr(GList) members = NULL;

      if (own != NULL && g_str_equal (own, id))
        return node;

      members = json_object_get_values (obj);
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *hit = ots_json_find_id (l->data, id);

          if (hit != NULL)
            return hit;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *hit = ots_json_find_id (json_array_get_element (array, i), id);

          if (hit != NULL)
            return hit;
        }
    }

  return NULL;
}

/* json_node_copy() shares objects and arrays; this copies them too, so the
 * copy can be changed without touching the original. */
JsonNode *
ots_json_deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *from = json_node_get_object (node);
      JsonObject *to = json_object_new ();
      JsonNode *copy = json_node_new (JSON_NODE_OBJECT);
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      json_object_iter_init (&iter, from);
      while (json_object_iter_next (&iter, &member, &value))
        json_object_set_member (to, member, ots_json_deep_copy (value));
      json_node_take_object (copy, to);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *from = json_node_get_array (node);
      JsonArray *to = json_array_sized_new (json_array_get_length (from));
      JsonNode *copy = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < json_array_get_length (from); i++)
        json_array_add_element (to, ots_json_deep_copy (json_array_get_element (from, i)));
      json_node_take_array (copy, to);
      return copy;
    }

  return json_node_copy (node);
}

/* FNV-1a, mixed with a seed: stable across runs and platforms, unlike
 * g_str_hash, so fault decisions and PDF choices are reproducible. */
guint64
ots_hash64 (const void *data,
            gsize       len,
            guint64     seed)
{
  const guint8 *p = data;
  guint64 h = 1469598103934665603ULL ^ (seed * 0x9E3779B97F4A7C15ULL);

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= 1099511628211ULL;
    }
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;

  return h;
}
