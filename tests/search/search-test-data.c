/* search-test-data.c: fills a temporary store with real Karlsruhe data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "grm-oparl.h"
#include "grm-store-objects.h"
#include "search-test-data.h"

char *
search_test_data_path (const char *relative)
{
  const char *shared = g_getenv ("GRM_SHARED_DATA");

  g_assert_nonnull (shared);
  return g_build_filename (shared, relative, NULL);
}

void
search_test_remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        search_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (dir);
}

void
search_test_text_free (gpointer data)
{
  SearchTestText *t = data;

  g_free (t->id);
  g_free (t->text);
  g_free (t);
}

static GDataInputStream *
open_gz (const char *relative)
{
  g_autofree char *path = search_test_data_path (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) raw = g_file_read (file, NULL, NULL);
  g_autoptr(GZlibDecompressor) gz = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) in = NULL;

  g_assert_nonnull (raw);
  in = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (gz));
  return g_data_input_stream_new (in);
}

GPtrArray *
search_test_read_texts (guint  max,
                        gsize *total_bytes)
{
  g_autoptr(GDataInputStream) in = open_gz ("oparl/karlsruhe/texts.jsonl.gz");
  GPtrArray *texts = g_ptr_array_new_with_free_func (search_test_text_free);
  char *line;
  gsize len;

  if (total_bytes)
    *total_bytes = 0;
  while ((max == 0 || texts->len < max)
         && (line = g_data_input_stream_read_line (in, &len, NULL, NULL)))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      SearchTestText *t;
      JsonObject *o;

      g_assert_true (json_parser_load_from_data (parser, line, len, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      t = g_new0 (SearchTestText, 1);
      t->id = g_strdup (json_object_get_string_member (o, "id"));
      t->text = g_strdup (json_object_get_string_member_with_default (o, "text", ""));
      if (total_bytes)
        *total_bytes += strlen (t->text);
      g_ptr_array_add (texts, t);
      g_free (line);
    }
  return texts;
}

typedef struct
{
  GPtrArray *objects;
  GPtrArray *texts;
} LoadJob;

static gboolean
load_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  LoadJob *job = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; i < job->objects->len; i++)
    {
      guint n = 0;

      if (!grm_store_objects_upsert (db, g_ptr_array_index (job->objects, i), 0, now, &n, error))
        return FALSE;
    }

  for (guint i = 0; job->texts && i < job->texts->len; i++)
    {
      SearchTestText *t = g_ptr_array_index (job->texts, i);
      sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT oid FROM object WHERE id = ?", error);
      gint64 oid = 0;

      if (stmt == NULL)
        return FALSE;
      grm_db_bind_text (stmt, 1, t->id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        oid = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);

      if (oid == 0)
        {
          stmt = grm_db_prepare (db, "INSERT INTO object (id, type, synced_at) VALUES (?, 'File', ?)", error);
          if (stmt == NULL)
            return FALSE;
          grm_db_bind_text (stmt, 1, t->id);
          sqlite3_bind_int64 (stmt, 2, now);
          if (!grm_db_step_done (db, stmt, error))
            return FALSE;
          oid = grm_db_last_insert_rowid (db);
          stmt = grm_db_prepare (db, "INSERT INTO file (oid, name) VALUES (?, ?)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, oid);
          grm_db_bind_text (stmt, 2, strrchr (t->id, '/') + 1);
          if (!grm_db_step_done (db, stmt, error))
            return FALSE;
        }
      stmt = grm_db_prepare (db, "UPDATE file SET text = ? WHERE oid = ?", error);
      if (stmt == NULL)
        return FALSE;
      grm_db_bind_text (stmt, 1, t->text);
      sqlite3_bind_int64 (stmt, 2, oid);
      if (!grm_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
read_objects (const char  *relative,
              GrmOparlType type,
              GHashTable  *wanted_files,
              guint        first,
              GPtrArray   *objects)
{
  g_autoptr(GDataInputStream) in = open_gz (relative);
  char *line;
  gsize len;
  guint n = 0;

  while ((line = g_data_input_stream_read_line (in, &len, NULL, NULL)))
    {
      gboolean take = n++ < first;

      if (!take && wanted_files)
        {
          /* Cheap test before parsing: does the paper own a wanted file? */
          const char *p = line;

          while (!take && (p = strstr (p, "/files/")))
            {
              const char *start = p, *end;

              while (start > line && start[-1] != '"')
                start--;
              end = strchr (p, '"');
              if (end)
                {
                  g_autofree char *id = g_strndup (start, end - start);
                  take = g_hash_table_contains (wanted_files, id);
                }
              p += 7;
            }
        }
      if (take)
        {
          GrmOparlObject *o = grm_oparl_parse_object (line, len, type, NULL);

          if (o)
            g_ptr_array_add (objects, o);
        }
      g_free (line);
      if (!wanted_files && n >= first)
        break;
    }
}

void
search_test_load (GrmStore  *store,
                  GPtrArray *texts,
                  guint      extra_papers,
                  guint      meetings)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *orgs_path = search_test_data_path ("oparl/karlsruhe/organizations.json");
  g_autofree char *orgs = NULL;
  gsize orgs_len;
  LoadJob job;

  for (guint i = 0; texts && i < texts->len; i++)
    g_hash_table_add (wanted, ((SearchTestText *) g_ptr_array_index (texts, i))->id);

  g_assert_true (g_file_get_contents (orgs_path, &orgs, &orgs_len, NULL));
  {
    g_autofree char *next = NULL;
    GPtrArray *orgs_list = NULL;

    g_assert_true (grm_oparl_parse_page (orgs, orgs_len, GRM_OPARL_ORGANIZATION, &orgs_list, &next, &error));
    g_assert_no_error (error);
    while (orgs_list->len > 0)
      g_ptr_array_add (objects, g_ptr_array_steal_index (orgs_list, 0));
    g_ptr_array_unref (orgs_list);
  }
  read_objects ("oparl/karlsruhe/papers.jsonl.gz", GRM_OPARL_PAPER, wanted, extra_papers, objects);
  if (meetings > 0)
    read_objects ("oparl/karlsruhe/meetings.jsonl.gz", GRM_OPARL_MEETING, NULL, meetings, objects);

  job.objects = objects;
  job.texts = texts;
  g_assert_true (grm_store_write_sync (store, load_job, &job, NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  const char *sql, *p1, *p2;
} ExecJob;

static gboolean
exec_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  ExecJob *job = data;
  sqlite3_stmt *stmt = grm_db_prepare (db, job->sql, error);

  if (stmt == NULL)
    return FALSE;
  if (job->p1)
    grm_db_bind_text (stmt, 1, job->p1);
  if (job->p2)
    grm_db_bind_text (stmt, 2, job->p2);
  return grm_db_step_done (db, stmt, error);
}

void
search_test_exec (GrmStore   *store,
                  const char *sql,
                  const char *p1,
                  const char *p2)
{
  g_autoptr(GError) error = NULL;
  ExecJob job = { sql, p1, p2 };

  g_assert_true (grm_store_write_sync (store, exec_job, &job, NULL, &error));
  g_assert_no_error (error);
}
