/* grm-sync-files.c: the files phase of a sync, and "keep this meeting
 * offline now".
 *
 * Which files are kept follows the options (committees, date range, disk
 * limit), newest first. Each download streams into tmp/<sha256 of the File
 * id>.part; an interrupted one resumes with Range/If-Range. A finished one
 * is checked (HTML error pages, sha512/sha1 when the server gives them),
 * fsync'd and renamed to <sha256 of the bytes>, so a crash never leaves half
 * a file that looks whole. Names from the server are never used as paths.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-files"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "grm-error.h"
#include "grm-store-files.h"
#include "grm-sync-private.h"

#define CHUNK 65536

typedef struct
{
  char   *id;
  char   *url;
  char   *sha512;
  char   *sha1;
  char   *mime_type;
  gint64  synced_at;
  GrmFileBlob *blob;   /* the current row, or NULL */
} Wanted;

static void
wanted_free (Wanted *w)
{
  g_free (w->id);
  g_free (w->url);
  g_free (w->sha512);
  g_free (w->sha1);
  g_free (w->mime_type);
  grm_file_blob_free (w->blob);
  g_free (w);
}

typedef struct
{
  const GrmSyncOptions *options;
  const char           *meeting;
  GPtrArray            *wanted;
} SelectJob;

static const char select_sql[] =
  "WITH ctx (file_oid, meeting, paper) AS ("
  "  SELECT o.oid, NULL, NULL FROM object o WHERE o.type = 'File'"
  "  UNION ALL SELECT o.oid, p.id, NULL FROM object o"
  "    JOIN object p ON p.id = o.parent AND p.type = 'Meeting' WHERE o.type = 'File'"
  "  UNION ALL SELECT o.oid, a.meeting, NULL FROM object o"
  "    JOIN object p ON p.id = o.parent AND p.type = 'AgendaItem'"
  "    JOIN agenda_item a ON a.oid = p.oid WHERE o.type = 'File'"
  "  UNION ALL SELECT o.oid, c.meeting, o.parent FROM object o"
  "    JOIN object p ON p.id = o.parent AND p.type = 'Paper'"
  "    LEFT JOIN consultation c ON c.paper = o.parent WHERE o.type = 'File'"
  "), dated AS ("
  "  SELECT ctx.file_oid, ctx.meeting,"
  "    COALESCE (substr (m.start, 1, 10), pp.date, f.date) AS day"
  "  FROM ctx JOIN file f ON f.oid = ctx.file_oid"
  "  LEFT JOIN object mo ON mo.id = ctx.meeting LEFT JOIN meeting m ON m.oid = mo.oid"
  "  LEFT JOIN object po ON po.id = ctx.paper LEFT JOIN paper pp ON pp.oid = po.oid"
  "), chosen AS ("
  "  SELECT file_oid, MAX (day) AS day FROM dated"
  "  WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM object mo2"
  "      JOIN object_ref r ON r.oid = mo2.oid WHERE mo2.id = dated.meeting"
  "      AND r.rel = 'organization' AND r.target IN (SELECT value FROM json_each (?1))))"
  "    AND (?2 IS NULL OR day >= ?2) AND (?3 IS NULL OR day <= ?3)"
  "    AND (?4 IS NULL OR dated.meeting = ?4)"
  "  GROUP BY file_oid"
  /* Files the user asked for one by one ("Keep Offline" on a file) are
   * kept whatever the committee and date choice says, and come first. */
  "), asked AS ("
  "  SELECT ob.oid AS file_oid, NULL AS day FROM file_blob b JOIN object ob ON ob.id = b.file_id"
  "  WHERE b.state = 'wanted' AND ?4 IS NULL"
  "    AND ob.oid NOT IN (SELECT file_oid FROM chosen)"
  "), picked AS ("
  "  SELECT file_oid, day, 0 AS asked FROM chosen"
  "  UNION ALL SELECT file_oid, day, 1 FROM asked"
  ") SELECT o.id, f.access_url, f.download_url, f.sha512_checksum, f.sha1_checksum,"
  "  f.mime_type, o.synced_at FROM picked JOIN object o ON o.oid = picked.file_oid"
  "  JOIN file f ON f.oid = o.oid WHERE o.deleted = 0 AND o.placeholder = 0"
  "  ORDER BY picked.asked DESC, picked.day DESC, o.id";

static gboolean
select_job (GrmDb     *db,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  SelectJob *job = data;
  const GrmSyncOptions *opt = job->options;
  sqlite3_stmt *stmt = grm_db_prepare (db, select_sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (job->meeting == NULL && opt->committees != NULL)
    {
      g_autoptr(GString) json = g_string_new ("[");

      for (guint i = 0; opt->committees[i] != NULL; i++)
        {
          g_autofree char *escaped = g_strescape (opt->committees[i], NULL);

          g_string_append_printf (json, "%s\"%s\"", i ? "," : "", escaped);
        }
      g_string_append_c (json, ']');
      sqlite3_bind_text (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
    }
  if (job->meeting == NULL)
    {
      grm_db_bind_text (stmt, 2, opt->files_since);
      grm_db_bind_text (stmt, 3, opt->files_until);
    }
  grm_db_bind_text (stmt, 4, job->meeting);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Wanted *w = g_new0 (Wanted, 1);
      const char *access = grm_db_column_text (stmt, 1);

      w->id = grm_db_column_dup (stmt, 0);
      /* accessUrl is the one to use; downloadUrl may be "" or missing. */
      w->url = g_strdup (access ? access : grm_db_column_text (stmt, 2));
      w->sha512 = grm_db_column_dup (stmt, 3);
      w->sha1 = grm_db_column_dup (stmt, 4);
      w->mime_type = grm_db_column_dup (stmt, 5);
      w->synced_at = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (job->wanted, w);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  for (guint i = 0; i < job->wanted->len; i++)
    {
      Wanted *w = g_ptr_array_index (job->wanted, i);
      g_autoptr(GError) local_error = NULL;

      w->blob = grm_store_files_get (db, w->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* Files whose File object was deleted: the row says so, the bytes go
 * when no other stored file has the same content. */
static gboolean
deleted_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  GPtrArray *unreferenced = data;
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, "UPDATE file_blob SET state = 'deleted' WHERE state = 'stored'"
                             " AND file_id IN (SELECT id FROM object WHERE type = 'File'"
                             " AND deleted = 1) RETURNING sha256", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (unreferenced, grm_db_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  for (guint i = 0; i < unreferenced->len; i++)
    {
      stmt = grm_db_prepare (db, "SELECT 1 FROM file_blob WHERE sha256 = ?1 AND state = 'stored'",
                             error);
      if (stmt == NULL)
        return FALSE;
      grm_db_bind_text (stmt, 1, g_ptr_array_index (unreferenced, i));
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_remove_index (unreferenced, i--);
    }
  return TRUE;
}

static gboolean
put_job (GrmDb     *db,
         gpointer   data,
         gpointer  *result,
         GError   **error)
{
  return grm_store_files_put (db, data, error);
}

typedef struct
{
  GrmSyncRun   *run;
  Wanted       *w;
  char         *part;
  char         *part_etag;
  SoupMessage  *msg;
  GInputStream *in;
  int           fd;
  goffset       offset;
  goffset       expected;       /* total length, -1 unknown */
  char         *etag;
  char         *last_modified;
  guint         attempt;
  gboolean      no_range;
  gboolean      holds_slot;
} Download;

static void download_send (Download *d);

static void
download_free (Download *d)
{
  if (d->fd >= 0)
    close (d->fd);
  if (d->holds_slot)
    grm_sync_http_release (d->run->http);
  g_clear_object (&d->in);
  g_clear_object (&d->msg);
  g_free (d->part);
  g_free (d->part_etag);
  g_free (d->etag);
  g_free (d->last_modified);
  d->run->pending--;
  g_free (d);
}

static void
download_record (Download   *d,
                 const char *state,
                 const char *sha256,
                 gint64      bytes,
                 const char *message)
{
  GrmFileBlob blob = { 0 };
  g_autoptr(GError) error = NULL;

  blob.file_id = d->w->id;
  blob.sha256 = (char *) sha256;
  blob.bytes = bytes;
  blob.etag = d->etag;
  blob.last_modified = d->last_modified;
  blob.state = (char *) state;
  blob.error = (char *) message;
  blob.fetched_at = g_get_real_time () / G_USEC_PER_SEC;
  if (!grm_sync_run_write (d->run, put_job, &blob, &error))
    grm_sync_run_add_error (d->run, "%s: %s", d->w->id, error->message);
}

static void
download_fail (Download   *d,
               const char *message)
{
  grm_sync_run_add_error (d->run, _("File %s: %s"), d->w->id, message);
  download_record (d, "failed", NULL, 0, message);
  grm_sync_progress (d->run->self, GRM_SYNC_PHASE_FILES, 0, 0, 0, 0, 1, 0);
  download_free (d);
}

static gboolean
retry_cb (gpointer user_data)
{
  Download *d = user_data;

  download_send (d);
  return G_SOURCE_REMOVE;
}

static void
download_retry (Download           *d,
                SoupMessageHeaders *headers,
                const char         *why)
{
  GSource *source;

  if (d->fd >= 0)
    {
      close (d->fd);
      d->fd = -1;
    }
  g_clear_object (&d->in);
  if (d->attempt >= grm_sync_http_get_max_attempts (d->run->http)
      || g_cancellable_is_cancelled (d->run->cancellable))
    {
      download_fail (d, why);
      return;
    }
  if (d->holds_slot)
    {
      d->holds_slot = FALSE;
      grm_sync_http_release (d->run->http);
    }
  source = g_timeout_source_new (grm_sync_http_backoff_ms (d->run->http, d->attempt, headers));
  g_source_set_callback (source, retry_cb, d, NULL);
  g_source_attach (source, d->run->context);
  g_source_unref (source);
}

static gboolean
looks_like_html (const char *data,
                 gsize       len)
{
  g_autofree char *head = g_ascii_strdown (data, MIN (len, 512));
  const char *p = head;

  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || (guchar) *p == 0xef
         || (guchar) *p == 0xbb || (guchar) *p == 0xbf)
    p++;
  return g_str_has_prefix (p, "<!doctype html") || g_str_has_prefix (p, "<html")
         || g_str_has_prefix (p, "<head") || g_str_has_prefix (p, "<body");
}

static gboolean
fsync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Hashes the part file; checks it; moves it into place. */
static void
download_complete (Download *d)
{
  g_autoptr(GChecksum) sha256 = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GChecksum) sha512 = d->w->sha512 ? g_checksum_new (G_CHECKSUM_SHA512) : NULL;
  g_autoptr(GChecksum) sha1 = d->w->sha1 ? g_checksum_new (G_CHECKSUM_SHA1) : NULL;
  g_autofree char *blob_path = NULL;
  g_autofree char *head = NULL;
  gsize head_len = 0;
  gboolean html_ok = d->w->mime_type && strstr (d->w->mime_type, "html") != NULL;
  char buf[CHUNK];
  gssize n;
  gint64 total = 0;
  int fd;

  fd = open (d->part, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    {
      download_fail (d, g_strerror (errno));
      return;
    }
  while ((n = read (fd, buf, sizeof buf)) > 0)
    {
      if (head == NULL)
        {
          head = g_strndup (buf, MIN (n, 512));
          head_len = MIN (n, 512);
        }
      g_checksum_update (sha256, (guchar *) buf, n);
      if (sha512)
        g_checksum_update (sha512, (guchar *) buf, n);
      if (sha1)
        g_checksum_update (sha1, (guchar *) buf, n);
      total += n;
    }
  close (fd);

  if (!html_ok && head != NULL && looks_like_html (head, head_len))
    {
      g_unlink (d->part);
      download_fail (d, _("the server sent an HTML page instead of the file"));
      return;
    }
  if ((sha512 && g_ascii_strcasecmp (g_checksum_get_string (sha512), d->w->sha512) != 0)
      || (sha1 && g_ascii_strcasecmp (g_checksum_get_string (sha1), d->w->sha1) != 0))
    {
      g_unlink (d->part);
      download_fail (d, _("the file does not match its checksum"));
      return;
    }

  blob_path = grm_store_files_blob_path (d->run->options->files_dir, g_checksum_get_string (sha256));
  g_chmod (d->part, 0600);
  if (g_rename (d->part, blob_path) != 0)
    {
      download_fail (d, g_strerror (errno));
      return;
    }
  fsync_dir (d->run->options->files_dir);
  g_unlink (d->part_etag);
  download_record (d, "stored", g_checksum_get_string (sha256), total, NULL);
  grm_sync_progress (d->run->self, GRM_SYNC_PHASE_FILES, 0, 0, 0, 1, 0, 0);
  download_free (d);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Download *d = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  const char *data;
  gsize len, written = 0;

  if (bytes == NULL)
    {
      download_retry (d, NULL, error->message);
      return;
    }
  data = g_bytes_get_data (bytes, &len);
  if (len == 0)
    {
      if (d->expected >= 0 && d->offset != d->expected)
        {
          download_retry (d, NULL, _("the download was cut short"));
          return;
        }
      if (fsync (d->fd) != 0)
        {
          download_fail (d, g_strerror (errno));
          return;
        }
      close (d->fd);
      d->fd = -1;
      download_complete (d);
      return;
    }
  while (written < len)
    {
      gssize n = write (d->fd, data + written, len - written);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          download_fail (d, errno == ENOSPC ? _("the disk is full") : g_strerror (errno));
          return;
        }
      written += n;
    }
  d->offset += len;
  grm_sync_progress (d->run->self, GRM_SYNC_PHASE_FILES, 0, 0, 0, 0, 0, len);
  g_input_stream_read_bytes_async (d->in, CHUNK, G_PRIORITY_DEFAULT, d->run->cancellable,
                                   read_cb, d);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Download *d = user_data;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  const char *content_type;
  guint status;
  goffset start = 0, end = 0, total = -1;
  goffset length;

  d->in = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (d->in == NULL)
    {
      if (error->domain == G_TLS_ERROR)
        {
          g_autofree char *why = g_strdup_printf (_("The server’s identity could not be "
                                                    "verified: %s"), error->message);

          download_fail (d, why);
        }
      else if (!grm_sync_http_is_transient (error))
        download_fail (d, error->message);
      else
        download_retry (d, NULL, error->message);
      return;
    }
  status = soup_message_get_status (d->msg);
  headers = soup_message_get_response_headers (d->msg);
  if (status >= 500 || status == 429 || status == 408)
    {
      g_autofree char *why = g_strdup_printf (_("the server answered with error %u"), status);

      download_retry (d, headers, why);
      return;
    }
  if (status == SOUP_STATUS_NOT_MODIFIED && d->w->blob != NULL)
    {
      download_record (d, "stored", d->w->blob->sha256, d->w->blob->bytes, NULL);
      download_free (d);
      return;
    }
  if (status == SOUP_STATUS_GONE)
    {
      download_record (d, "deleted", NULL, 0, _("The server deleted this file"));
      download_free (d);
      return;
    }
  if (status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE)
    {
      d->no_range = TRUE;
      g_unlink (d->part);
      download_retry (d, NULL, _("the download could not be resumed"));
      return;
    }
  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_PARTIAL_CONTENT)
    {
      g_autofree char *why = g_strdup_printf (_("the server answered with error %u"), status);

      download_fail (d, why);
      return;
    }
  content_type = soup_message_headers_get_content_type (headers, NULL);
  if (content_type && strstr (content_type, "html")
      && !(d->w->mime_type && strstr (d->w->mime_type, "html")))
    {
      download_fail (d, _("the server sent an HTML page instead of the file"));
      return;
    }

  g_free (d->etag);
  d->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  g_free (d->last_modified);
  d->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  length = soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
           ? soup_message_headers_get_content_length (headers) : -1;

  if (status == SOUP_STATUS_PARTIAL_CONTENT
      && (!soup_message_headers_get_content_range (headers, &start, &end, &total)
          || start != d->offset))
    {
      d->no_range = TRUE;
      download_retry (d, NULL, _("the download could not be resumed"));
      return;
    }
  if (status == SOUP_STATUS_OK)
    d->offset = 0;
  d->fd = open (d->part, O_WRONLY | O_CREAT | O_CLOEXEC | (d->offset ? O_APPEND : O_TRUNC), 0600);
  if (d->fd < 0)
    {
      download_fail (d, g_strerror (errno));
      return;
    }
  d->expected = length >= 0 ? d->offset + length : -1;
  /* Remember what the partial bytes belong to, so a later run can resume. */
  if (d->etag != NULL)
    g_file_set_contents (d->part_etag, d->etag, -1, NULL);
  else
    g_unlink (d->part_etag);
  g_input_stream_read_bytes_async (d->in, CHUNK, G_PRIORITY_DEFAULT, d->run->cancellable,
                                   read_cb, d);
}

static gboolean
slot_cb (gpointer user_data)
{
  Download *d = user_data;
  SoupMessageHeaders *headers;
  GStatBuf st;
  g_autofree char *part_etag = NULL;
  g_autofree char *blob_path = NULL;

  d->holds_slot = TRUE;
  g_clear_object (&d->msg);
  d->msg = soup_message_new (SOUP_METHOD_GET, d->w->url);
  if (d->msg == NULL)
    {
      download_fail (d, _("not a web address"));
      return G_SOURCE_REMOVE;
    }
  headers = soup_message_get_request_headers (d->msg);
  d->attempt++;
  d->offset = 0;

  /* Conditional GET for a file already kept. */
  if (d->w->blob && g_strcmp0 (d->w->blob->state, "stored") == 0
      && (blob_path = grm_store_files_blob_path (d->run->options->files_dir, d->w->blob->sha256))
      && g_file_test (blob_path, G_FILE_TEST_IS_REGULAR))
    {
      if (d->w->blob->etag)
        soup_message_headers_replace (headers, "If-None-Match", d->w->blob->etag);
      if (d->w->blob->last_modified)
        soup_message_headers_replace (headers, "If-Modified-Since", d->w->blob->last_modified);
    }
  /* Resume a partial download when the server can tell it is the same. */
  else if (!d->no_range && g_stat (d->part, &st) == 0 && st.st_size > 0
           && g_file_get_contents (d->part_etag, &part_etag, NULL, NULL))
    {
      soup_message_headers_set_range (headers, st.st_size, -1);
      soup_message_headers_replace (headers, "If-Range", part_etag);
      d->offset = st.st_size;
    }
  soup_session_send_async (grm_sync_http_get_session (d->run->http), d->msg,
                           GRM_SYNC_HTTP_IO_PRIORITY, d->run->cancellable, sent_cb, d);
  return G_SOURCE_REMOVE;
}

static void
download_send (Download *d)
{
  grm_sync_http_acquire (d->run->http, slot_cb, d);
}

static void
download_start (GrmSyncRun *run,
                Wanted     *w)
{
  Download *d = g_new0 (Download, 1);
  g_autofree char *key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, w->id, -1);
  g_autofree char *name = g_strconcat (key, ".part", NULL);

  d->run = run;
  d->w = w;
  d->fd = -1;
  d->expected = -1;
  d->part = g_build_filename (run->options->files_dir, "tmp", name, NULL);
  d->part_etag = g_strconcat (d->part, ".etag", NULL);
  run->pending++;
  download_send (d);
}

static gboolean
is_current (GrmSyncRun *run,
            Wanted     *w)
{
  g_autofree char *path = NULL;

  if (w->blob == NULL || g_strcmp0 (w->blob->state, "stored") != 0)
    return FALSE;
  path = grm_store_files_blob_path (run->options->files_dir, w->blob->sha256);
  /* A File object upserted after the download may point at new bytes. */
  return path != NULL && g_file_test (path, G_FILE_TEST_IS_REGULAR)
         && w->blob->fetched_at >= w->synced_at;
}

void
grm_sync_files_run (GrmSyncRun *run)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func ((GDestroyNotify) wanted_free);
  g_autoptr(GPtrArray) unreferenced = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  SelectJob job = { run->options, run->keep_meeting, wanted };
  guint64 used = 0;

  grm_sync_progress (run->self, GRM_SYNC_PHASE_FILES, 0, 0, 0, 0, 0, 0);
  if (run->options->files_dir == NULL)
    run->options->files_dir = grm_store_files_default_dir ();
  if (!grm_store_files_ensure_dir (run->options->files_dir, &error)
      || !grm_store_read_sync (run->store, select_job, &job, NULL, &error))
    {
      grm_sync_run_add_error (run, "%s", error->message);
      return;
    }

  if (run->keep_meeting == NULL)
    {
      if (!grm_sync_run_write (run, deleted_job, unreferenced, &error))
        grm_sync_run_add_error (run, "%s", error->message);
      for (guint i = 0; i < unreferenced->len; i++)
        {
          g_autofree char *path = grm_store_files_blob_path (run->options->files_dir,
                                                             g_ptr_array_index (unreferenced, i));

          if (path != NULL)
            g_unlink (path);
        }
    }

  for (guint i = 0; i < wanted->len && !g_cancellable_is_cancelled (run->cancellable); i++)
    {
      Wanted *w = g_ptr_array_index (wanted, i);

      if (w->blob && g_strcmp0 (w->blob->state, "stored") == 0)
        used += w->blob->bytes;
      if (is_current (run, w))
        continue;
      if (run->keep_meeting == NULL && run->options->disk_limit > 0
          && used + grm_sync_get_bytes (run->self) >= run->options->disk_limit)
        {
          Download skip = { run, w };

          skip.fd = -1;
          run->pending++;
          download_record (&skip, "skipped", NULL, 0, _("Over the disk limit for offline files"));
          run->pending--;
          continue;
        }
      if (w->url == NULL)
        continue;
      download_start (run, w);
      /* Let the downloads run while the queue is long, so the disk limit
       * sees what was already stored. */
      while (run->pending >= (int) run->options->max_connections * 2)
        g_main_context_iteration (run->context, TRUE);
    }
  grm_sync_run_wait (run);
}
