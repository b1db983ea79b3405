/* grm-test-data.c: loads the real Hürtgenwald crawl into a store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-data"

#include <json-glib/json-glib.h>

#include "grm-oparl.h"
#include "grm-store-objects.h"
#include "grm-test-data.h"

typedef struct
{
  GPtrArray *objects;
  char      *file_id;
  char      *sha256;
  gint64     bytes;
} LoadJob;

static GrmOparlType
type_of_page (const char *name)
{
  static const struct { const char *prefix; GrmOparlType type; } types[] = {
    { "meeting", GRM_OPARL_MEETING },
    { "paper", GRM_OPARL_PAPER },
    { "person", GRM_OPARL_PERSON },
    { "organization", GRM_OPARL_ORGANIZATION },
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_str_has_prefix (name, types[i].prefix))
      return types[i].type;
  return GRM_OPARL_UNKNOWN;
}

static gboolean
upsert_func (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  LoadJob *job = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  /* The lists the crawl has: objects of these types come from them only. */
  guint external = 1 << GRM_OPARL_MEETING | 1 << GRM_OPARL_PAPER | 1 << GRM_OPARL_PERSON
                   | 1 << GRM_OPARL_ORGANIZATION | 1 << GRM_OPARL_BODY;

  for (guint i = 0; i < job->objects->len; i++)
    if (!grm_store_objects_upsert (db, job->objects->pdata[i], external, now, NULL, error))
      return FALSE;
  return TRUE;
}

static gboolean
add_object_file (GPtrArray    *objects,
                 const char   *path,
                 GrmOparlType  type,
                 gboolean      is_list,
                 GError      **error)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (is_list)
    {
      g_autoptr(GPtrArray) page = NULL;
      g_autofree char *next = NULL;

      if (!grm_oparl_parse_page (contents, length, type, &page, &next, error))
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        g_ptr_array_add (objects, g_steal_pointer (&page->pdata[i]));
    }
  else
    {
      GrmOparlObject *object = grm_oparl_parse_object (contents, length, type, error);

      if (object == NULL)
        return FALSE;
      g_ptr_array_add (objects, object);
    }
  return TRUE;
}

gboolean
grm_test_load_crawl (GrmStore    *store,
                     const char  *crawl_dir,
                     GError     **error)
{
  g_autofree char *lists_dir = g_build_filename (crawl_dir, "body", "1", NULL);
  g_autofree char *system = g_build_filename (crawl_dir, "system.json", NULL);
  g_autofree char *body = g_build_filename (crawl_dir, "body.json", NULL);
  g_autoptr(GDir) dir = g_dir_open (lists_dir, 0, error);
  g_autoptr(GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  LoadJob job = { 0 };
  const char *name;

  if (dir == NULL)
    return FALSE;
  if (!add_object_file (objects, system, GRM_OPARL_SYSTEM, FALSE, error)
      || !add_object_file (objects, body, GRM_OPARL_BODY, TRUE, error))
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (lists_dir, name, NULL);
      GrmOparlType type = type_of_page (name);

      if (type != GRM_OPARL_UNKNOWN && !add_object_file (objects, path, type, TRUE, error))
        return FALSE;
    }

  job.objects = objects;
  if (!grm_store_write_sync (store, upsert_func, &job, NULL, error))
    return FALSE;
  grm_store_notify_changed (store, "Meeting");
  return TRUE;
}

/* Adds one object per line of the gzipped JSON lines file @path. */
static gboolean
add_json_lines (GPtrArray    *objects,
                const char   *path,
                GrmOparlType  type,
                GError      **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, error);
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *line;

  if (raw == NULL)
    return FALSE;
  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gunzip));
  lines = g_data_input_stream_new (plain);
  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, error)) != NULL)
    {
      GrmOparlObject *object = NULL;

      if (json_parser_load_from_data (parser, line, -1, NULL))
        object = grm_oparl_object_from_json (json_parser_get_root (parser), type, NULL);
      if (object != NULL)
        g_ptr_array_add (objects, object);
      g_free (line);
    }
  return error == NULL || *error == NULL;
}

gboolean
grm_test_load_body (GrmStore    *store,
                    const char  *body_dir,
                    GError     **error)
{
  g_autofree char *papers = g_build_filename (body_dir, "papers.jsonl.gz", NULL);
  g_autofree char *meetings = g_build_filename (body_dir, "meetings.jsonl.gz", NULL);
  g_autofree char *organizations = g_build_filename (body_dir, "organizations.json", NULL);
  g_autoptr(GPtrArray) objects =
    g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  LoadJob job = { 0 };

  if (!add_object_file (objects, organizations, GRM_OPARL_ORGANIZATION, TRUE, error)
      || !add_json_lines (objects, meetings, GRM_OPARL_MEETING, error)
      || !add_json_lines (objects, papers, GRM_OPARL_PAPER, error))
    return FALSE;
  job.objects = objects;
  if (!grm_store_write_sync (store, upsert_func, &job, NULL, error))
    return FALSE;
  grm_store_notify_changed (store, "Paper");
  return TRUE;
}

static gboolean
blob_func (GrmDb     *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  LoadJob *job = data;
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT OR REPLACE INTO file_blob (file_id, sha256, bytes, state, fetched_at)"
    " VALUES (?1, ?2, ?3, 'stored', strftime ('%s', 'now'))", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, job->file_id);
  grm_db_bind_text (stmt, 2, job->sha256);
  sqlite3_bind_int64 (stmt, 3, job->bytes);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_test_store_file (GrmStore    *store,
                     const char  *files_dir,
                     const char  *file_id,
                     const char  *pdf_path,
                     GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *target = NULL;
  gsize length;
  LoadJob job = { 0 };

  if (!g_file_get_contents (pdf_path, &contents, &length, error))
    return FALSE;
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_mkdir_with_parents (files_dir, 0700);
  target = g_build_filename (files_dir, sha256, NULL);
  if (!g_file_set_contents_full (target, contents, length, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, error))
    return FALSE;

  job.file_id = (char *) file_id;
  job.sha256 = sha256;
  job.bytes = length;
  return grm_store_write_sync (store, blob_func, &job, NULL, error);
}
