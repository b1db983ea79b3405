/* ots-load.c: loads a body given as objects (papers.jsonl.gz,
 * meetings.jsonl.gz, organizations.json, as in shared/data/oparl/karlsruhe)
 * and synthesizes the System and Body that such a dump lacks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each line is rewritten to the server's base URL and kept as the object's
 * JSON text; the parsed tree is only used to index ids, dates and embedded
 * objects, then dropped, so the data lives in memory once.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

#define KARLSRUHE_PREFIX "https://web1.karlsruhe.de/oparl/"

static gboolean
add_line (OtsServer  *server,
          OtsKind     kind,
          const char *line,
          gsize       len,
          GError    **error)
{
  char *json = ots_rewrite_prefix (line, len, server->original_prefix, server->base);
  GError *local_error = NULL;

  ots_store_add_object (server->store, kind, json, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
load_jsonl_gz (OtsServer  *server,
               const char *name,
               OtsKind     kind,
               GError    **error)
{
  g_autofree char *path = g_build_filename (server->data_dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) zlib = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  guint n = 0;

  raw = g_file_read (file, NULL, error);
  if (raw == NULL)
    return FALSE;
  zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (zlib));
  data = g_data_input_stream_new (plain);
  g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 1 << 20);

  for (;;)
    {
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_line (data, &len, NULL, error);

      if (line == NULL)
        return error == NULL || *error == NULL;
      if (len == 0)
        continue;
      if (!add_line (server, kind, line, len, error))
        {
          g_prefix_error (error, "%s line %u: ", name, n + 1);
          return FALSE;
        }
      n++;
    }
}

static gboolean
load_json_array (OtsServer  *server,
                 const char *name,
                 OtsKind     kind,
                 GError    **error)
{
  g_autofree char *path = g_build_filename (server->data_dir, name, NULL);
  g_autofree char *text = NULL;
  g_autofree char *rewritten = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  gsize len;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_get_contents (path, &text, &len, error))
    return FALSE;
  rewritten = ots_rewrite_prefix (text, len, server->original_prefix, server->base);
  root = ots_json_parse (rewritten, -1, error);
  if (root == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s is not an array", name);
      return FALSE;
    }

  array = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        ots_store_add_object (server->store, kind, ots_json_to_string (element), NULL);
    }

  return TRUE;
}

static void
add_synthesized (OtsServer *server,
                 OtsKind    kind,
                 JsonNode  *node)
{
  ots_store_add_object (server->store, kind, ots_json_to_string (node), NULL);
}

static JsonNode *
build_system (OtsServer *server)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
#define STR(name, v) json_builder_set_member_name (b, name); json_builder_add_string_value (b, v)
  STR ("id", server->system_url);
  STR ("type", "https://schema.oparl.org/1.1/System");
  STR ("oparlVersion", "https://schema.oparl.org/1.1/");
  STR ("body", server->body_list_url);
  STR ("name", "Gremium OParl-Testserver");
  STR ("contactName", "Gremium");
  STR ("website", "https://github.com/gremium");
  STR ("vendor", "https://github.com/gremium");
  STR ("product", "https://github.com/gremium/oparl-test-server");
  STR ("created", "2016-10-12T09:08:36+02:00");
  STR ("modified", "2016-10-12T09:08:36+02:00");
#undef STR
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static const struct {
  const char *member;
  const char *path;
  OtsKind     kind;
} body_lists[] = {
  { "organization", "organizations", OTS_KIND_ORGANIZATION },
  { "person", "persons", OTS_KIND_PERSON },
  { "meeting", "meetings", OTS_KIND_MEETING },
  { "paper", "papers", OTS_KIND_PAPER },
  { "agendaItem", "agendaitems", OTS_KIND_AGENDA_ITEM },
  { "consultation", "consultations", OTS_KIND_CONSULTATION },
  { "file", "files", OTS_KIND_FILE },
  { "locationList", "locations", OTS_KIND_LOCATION },
  { "legislativeTermList", "legislativeterms", OTS_KIND_LEGISLATIVE_TERM },
  { "membership", "memberships", OTS_KIND_MEMBERSHIP },
};

static JsonNode *
build_body (OtsServer *server)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
#define STR(name, v) json_builder_set_member_name (b, name); json_builder_add_string_value (b, v)
  STR ("id", server->body_id);
  STR ("type", "https://schema.oparl.org/1.1/Body");
  STR ("system", server->system_url);
  STR ("shortName", "Karlsruhe");
  STR ("name", "Stadt Karlsruhe");
  STR ("website", "https://www.karlsruhe.de/");
  STR ("ags", "08212000");
  STR ("rgs", "082120000000");
  STR ("classification", "Stadt");
  for (guint i = 0; i < G_N_ELEMENTS (body_lists); i++)
    {
      g_autofree char *url = g_strconcat (server->body_id, "/", body_lists[i].path, NULL);

      STR (body_lists[i].member, url);
      ots_lists_add (server, url, body_lists[i].kind, NULL);
    }
  json_builder_set_member_name (b, "legislativeTerm");
  json_builder_begin_array (b);
  json_builder_end_array (b);
  STR ("created", "2016-10-12T09:08:36+02:00");
  STR ("modified", "2016-10-12T09:08:36+02:00");
#undef STR
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

gboolean
ots_load_objects (OtsServer *server,
                  GError   **error)
{
  g_autoptr(JsonNode) system = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *texts = NULL;

  server->original_prefix = g_strdup (KARLSRUHE_PREFIX);
  server->oparl_version = g_strdup ("https://schema.oparl.org/1.1/");
  server->system_url = g_strconcat (server->base, "system", NULL);
  server->body_list_url = g_strconcat (server->base, "bodies", NULL);
  server->body_id = g_strconcat (server->base, "bodies/0001", NULL);

  system = build_system (server);
  add_synthesized (server, OTS_KIND_SYSTEM, system);
  body = build_body (server);
  add_synthesized (server, OTS_KIND_BODY, body);
  ots_lists_add (server, server->body_list_url, OTS_KIND_BODY, NULL);

  if (!load_json_array (server, "organizations.json", OTS_KIND_ORGANIZATION, error) ||
      !load_jsonl_gz (server, "meetings.jsonl.gz", OTS_KIND_MEETING, error) ||
      !load_jsonl_gz (server, "papers.jsonl.gz", OTS_KIND_PAPER, error))
    return FALSE;

  texts = g_build_filename (server->data_dir, "texts.jsonl.gz", NULL);
  if (g_file_test (texts, G_FILE_TEST_EXISTS))
    server->texts = ots_texts_new (texts);

  return TRUE;
}
