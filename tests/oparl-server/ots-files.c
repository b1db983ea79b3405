/* ots-files.c: the bytes behind every File's accessUrl and downloadUrl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A replayed crawl maps each File deterministically onto one of the real PDFs
 * in shared/data/pdfs/text; a body given as objects gets PDFs generated from
 * the file's extracted text. Bytes are produced on a worker thread (the
 * message is paused meanwhile), cached, and served with ETag, Last-Modified,
 * conditional GET (304) and single byte ranges (206/416).
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

#define CACHE_LIMIT (256u << 20)

struct _OtsFiles {
  GMutex      lock;
  GHashTable *blobs;        /* source key → GBytes */
  GHashTable *etags;        /* source key → "\"...\"" */
  gsize       cached;
  GPtrArray  *pdfs;         /* real PDFs, sorted, for replay mode */
};

typedef struct {
  OtsFiles *files;
  OtsTexts *texts;
  char     *key;
  char     *pdf_path;
  char     *text_key;
  char     *title;
  char     *subtitle;
} Source;

typedef struct {
  OtsServer         *server;
  SoupServerMessage *msg;
  OtsDecision        decision;
  Source            *source;
  gint64             modified;
  char              *etag;
} Job;

static const char html_error[] =
  "<!DOCTYPE html>\n<html lang=\"de\"><head><meta charset=\"utf-8\"><title>Fehler</title></head>"
  "<body><h1>Fehler 500</h1><p>Das Dokument kann zurzeit nicht angezeigt werden. "
  "Bitte versuchen Sie es sp&auml;ter erneut.</p></body></html>\n";

OtsFiles *
ots_files_new (OtsServer *server)
{
  OtsFiles *files = g_new0 (OtsFiles, 1);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_mutex_init (&files->lock);
  files->blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  files->etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  files->pdfs = g_ptr_array_new_with_free_func (g_free);

  dir = server->pdf_dir ? g_dir_open (server->pdf_dir, 0, NULL) : NULL;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pdf"))
      g_ptr_array_add (files->pdfs, g_build_filename (server->pdf_dir, name, NULL));
  g_ptr_array_sort (files->pdfs, (GCompareFunc) g_strcmp0);
  if (server->mode == OTS_MODE_REPLAY && files->pdfs->len == 0)
    g_warning ("No PDFs in %s: replayed files get generated PDFs", server->pdf_dir);

  return files;
}

static void
source_free (Source *source)
{
  g_free (source->key);
  g_free (source->pdf_path);
  g_free (source->text_key);
  g_free (source->title);
  g_free (source->subtitle);
  g_free (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Source, source_free)

static Source *
source_for (OtsServer  *server,
            JsonObject *file)
{
  Source *source = g_new0 (Source, 1);
  const char *id = json_object_get_string_member_with_default (file, "id", "");
  const char *name = json_object_get_string_member_with_default (file, "name", NULL);
  const char *file_name = json_object_get_string_member_with_default (file, "fileName", NULL);
  const char *date = json_object_get_string_member_with_default (file, "date", NULL);
  g_autofree char *original_date = NULL;
  OtsFiles *files = server->files;

  source->files = files;
  source->texts = server->texts;
  if (server->mode == OTS_MODE_REPLAY && files->pdfs->len > 0)
    {
      guint64 h = ots_hash64 (id, strlen (id), 0);

      source->pdf_path = g_strdup (g_ptr_array_index (files->pdfs, h % files->pdfs->len));
      source->key = g_strconcat ("pdf:", source->pdf_path, NULL);
      return source;
    }

  /* --shift-dates leaves the files alone: the PDF shows the original date. */
  if (date != NULL && server->shift_days != 0)
    date = original_date = ots_shift_value (date, strlen (date), -server->shift_days,
                                            server->shift_tz);
  source->title = g_strdup (name && *name ? name : file_name && *file_name ? file_name : "Dokument");
  source->subtitle = g_strdup_printf ("%s%s%s", file_name ? file_name : "",
                                      file_name && date ? " · " : "", date ? date : "");
  source->text_key = g_strdup (g_str_has_prefix (id, server->base) ? id + strlen (server->base) : id);
  source->key = g_strdup_printf ("gen:%s\n%s\n%s", id, source->title, source->subtitle);

  return source;
}

/* The bytes of @source, from the cache or made now. Thread-safe. */
static GBytes *
source_get_bytes (Source *source,
                  char  **etag)
{
  OtsFiles *files = source->files;
  GBytes *bytes;
  g_autofree char *sum = NULL;

  g_mutex_lock (&files->lock);
  bytes = g_hash_table_lookup (files->blobs, source->key);
  if (bytes != NULL)
    {
      g_bytes_ref (bytes);
      if (etag != NULL)
        *etag = g_strdup (g_hash_table_lookup (files->etags, source->key));
    }
  g_mutex_unlock (&files->lock);
  if (bytes != NULL)
    return bytes;

  if (source->pdf_path != NULL)
    {
      char *data = NULL;
      gsize len = 0;

      if (!g_file_get_contents (source->pdf_path, &data, &len, NULL))
        return NULL;
      bytes = g_bytes_new_take (data, len);
    }
  else
    {
      g_autofree char *text = ots_texts_lookup (source->texts, source->text_key);

      bytes = ots_pdf_generate (source->title, source->subtitle,
                                text ? text : "Für diese Datei liegt kein Text vor.");
    }

  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  sum[32] = '\0';
  g_mutex_lock (&files->lock);
  if (files->cached > CACHE_LIMIT)
    {
      g_hash_table_remove_all (files->blobs);
      g_hash_table_remove_all (files->etags);
      files->cached = 0;
    }
  files->cached += g_bytes_get_size (bytes);
  g_hash_table_replace (files->blobs, g_strdup (source->key), g_bytes_ref (bytes));
  g_hash_table_replace (files->etags, g_strdup (source->key), g_strdup_printf ("\"%s\"", sum));
  if (etag != NULL)
    *etag = g_strdup_printf ("\"%s\"", sum);
  g_mutex_unlock (&files->lock);

  return bytes;
}

/* The sha512Checksum of the bytes served for @file (or a wrong one when the
 * wrong-checksums fault is on). Makes the bytes if needed: slow for
 * generated PDFs, so only done with --checksums. */
char *
ots_files_sha512 (OtsServer  *server,
                  JsonObject *file)
{
  g_autoptr(Source) source = source_for (server, file);
  g_autoptr(GBytes) bytes = source_get_bytes (source, NULL);
  g_autofree char *sum = NULL;

  if (bytes == NULL)
    return NULL;
  sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA512, bytes);
  if (server->faults.wrong_checksums)
    return g_compute_checksum_for_string (G_CHECKSUM_SHA512, sum, -1);

  return g_steal_pointer (&sum);
}

static void
job_free (Job *job)
{
  g_object_unref (job->msg);
  source_free (job->source);
  g_free (job->etag);
  g_free (job);
}

static void
produce_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  GBytes *bytes = source_get_bytes (job->source, &job->etag);

  if (bytes == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No bytes for this file");
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static gboolean
not_modified (Job                *job,
              SoupMessageHeaders *request)
{
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  if (inm != NULL)
    return strstr (inm, job->etag) != NULL || strchr (inm, '*') != NULL;
  if (ims != NULL)
    {
      g_autoptr(GDateTime) since = soup_date_time_new_from_http_string (ims);

      return since != NULL && job->modified <= g_date_time_to_unix (since);
    }

  return FALSE;
}

static void
produced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  SoupServerMessage *msg = job->msg;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  g_autoptr(GBytes) bytes = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GDateTime) modified = g_date_time_new_from_unix_utc (MAX (job->modified, 0));
  g_autofree char *last_modified = soup_date_time_to_string (modified, SOUP_DATE_HTTP);
  const char *range = soup_message_headers_get_one (request, "Range");
  const char *if_range = soup_message_headers_get_one (request, "If-Range");
  SoupRange *ranges = NULL;
  int n_ranges = 0;
  goffset total;

  soup_server_message_unpause (msg);
  if (bytes == NULL)
    {
      ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No bytes for this file");
      return;
    }

  total = g_bytes_get_size (bytes);
  soup_message_headers_replace (response, "ETag", job->etag);
  soup_message_headers_replace (response, "Last-Modified", last_modified);
  soup_message_headers_replace (response, "Accept-Ranges", "bytes");

  if (not_modified (job, request))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  if (range != NULL && (if_range == NULL || g_str_equal (if_range, job->etag)))
    {
      if (!soup_message_headers_get_ranges (request, total, &ranges, &n_ranges) ||
          ranges[0].start >= total)
        {
          g_autofree char *unsatisfiable = g_strdup_printf ("bytes */%" G_GOFFSET_FORMAT, total);

          if (ranges != NULL)
            soup_message_headers_free_ranges (request, ranges);

          soup_message_headers_replace (response, "Content-Range", unsatisfiable);
          ots_http_error (msg, SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE, "Range not satisfiable");
          return;
        }
      if (n_ranges == 1)
        {
          g_autoptr(GBytes) part = g_bytes_new_from_bytes (bytes, ranges[0].start,
                                                           ranges[0].end - ranges[0].start + 1);

          soup_message_headers_set_content_range (response, ranges[0].start, ranges[0].end, total);
          soup_message_headers_free_ranges (request, ranges);
          ots_http_finish (job->server, msg, &job->decision, SOUP_STATUS_PARTIAL_CONTENT,
                           "application/pdf", part);
          return;
        }
      soup_message_headers_free_ranges (request, ranges);
    }

  ots_http_finish (job->server, msg, &job->decision, SOUP_STATUS_OK, "application/pdf", bytes);
}

void
ots_files_serve (OtsServer         *server,
                 SoupServerMessage *msg,
                 guint              pos,
                 OtsDecision       *decision)
{
  OtsEntry *entry = ots_store_get (server->store, pos);
  g_autoptr(JsonNode) node = ots_store_dup_node (server->store, pos);
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No such file");
      return;
    }
  if (entry->hidden && ots_write_authenticated (server, msg) == NULL)
    {
      ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "No such file");
      return;
    }
  if (entry->deleted)
    {
      ots_http_error (msg, SOUP_STATUS_GONE, "This file was deleted");
      return;
    }
  if (server->faults.html_errors)
    {
      g_autoptr(GBytes) page = g_bytes_new_static (html_error, sizeof html_error - 1);

      ots_http_finish (server, msg, decision, SOUP_STATUS_OK, "text/html; charset=utf-8", page);
      return;
    }

  job = g_new0 (Job, 1);
  job->server = server;
  job->msg = g_object_ref (msg);
  job->decision = *decision;
  job->source = source_for (server, json_node_get_object (node));
  job->modified = entry->modified;

  soup_server_message_pause (msg);
  task = g_task_new (NULL, NULL, produced_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, produce_thread);
}
