/* grm-store-files.c: file_blob rows and the content-addressed blob
 * directory (see grm-store-files.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-files"

#include "grm-store-files.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "grm-error.h"

void
grm_file_blob_free (GrmFileBlob *blob)
{
  if (blob == NULL)
    return;
  g_free (blob->file_id);
  g_free (blob->sha256);
  g_free (blob->etag);
  g_free (blob->last_modified);
  g_free (blob->state);
  g_free (blob->error);
  g_free (blob);
}

char *
grm_store_files_default_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "gremium", "files", NULL);
}

char *
grm_store_files_blob_path (const char *files_dir,
                           const char *sha256)
{
  if (files_dir == NULL || sha256 == NULL || strlen (sha256) != 64)
    return NULL;
  for (int i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (sha256[i]) || g_ascii_isupper (sha256[i]))
      return NULL;
  return g_build_filename (files_dir, sha256, NULL);
}

gboolean
grm_store_files_ensure_dir (const char  *files_dir,
                            GError     **error)
{
  g_autofree char *tmp = g_build_filename (files_dir, "tmp", NULL);

  if (g_mkdir_with_parents (tmp, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, GRM_ERROR, errsv == ENOSPC ? GRM_ERROR_DISK_FULL : GRM_ERROR_FAILED,
                   _("Could not create the folder for offline files %s: %s"),
                   files_dir, g_strerror (errsv));
      return FALSE;
    }
  /* The folder may have existed with looser permissions. */
  g_chmod (files_dir, 0700);
  g_chmod (tmp, 0700);
  return TRUE;
}

GrmFileBlob *
grm_store_files_get (GrmDb       *db,
                     const char  *file_id,
                     GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT file_id, sha256, bytes, etag, last_modified,"
                                           " state, error, fetched_at FROM file_blob"
                                           " WHERE file_id = ?1", error);
  GrmFileBlob *blob = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, file_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      blob = g_new0 (GrmFileBlob, 1);
      blob->file_id = grm_db_column_dup (stmt, 0);
      blob->sha256 = grm_db_column_dup (stmt, 1);
      blob->bytes = sqlite3_column_int64 (stmt, 2);
      blob->etag = grm_db_column_dup (stmt, 3);
      blob->last_modified = grm_db_column_dup (stmt, 4);
      blob->state = grm_db_column_dup (stmt, 5);
      blob->error = grm_db_column_dup (stmt, 6);
      blob->fetched_at = sqlite3_column_int64 (stmt, 7);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    grm_db_set_error (db, rc, error);
  return blob;
}

gboolean
grm_store_files_put (GrmDb              *db,
                     const GrmFileBlob  *blob,
                     GError            **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "INSERT OR REPLACE INTO file_blob (file_id, sha256,"
                                           " bytes, etag, last_modified, state, error, fetched_at)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, blob->file_id);
  grm_db_bind_text (stmt, 2, blob->sha256);
  if (blob->sha256 != NULL)
    sqlite3_bind_int64 (stmt, 3, blob->bytes);
  grm_db_bind_text (stmt, 4, blob->etag);
  grm_db_bind_text (stmt, 5, blob->last_modified);
  grm_db_bind_text (stmt, 6, blob->state ? blob->state : "wanted");
  grm_db_bind_text (stmt, 7, blob->error);
  sqlite3_bind_int64 (stmt, 8, blob->fetched_at);
  return grm_db_step_done (db, stmt, error);
}

char *
grm_store_files_dup_path_db (GrmDb       *db,
                             const char  *files_dir,
                             const char  *file_id,
                             GError     **error)
{
  g_autoptr(GrmFileBlob) blob = NULL;
  g_autofree char *default_dir = NULL;
  g_autofree char *path = NULL;

  blob = grm_store_files_get (db, file_id, error);
  if (blob == NULL || g_strcmp0 (blob->state, "stored") != 0)
    return NULL;
  if (files_dir == NULL)
    files_dir = default_dir = grm_store_files_default_dir ();
  path = grm_store_files_blob_path (files_dir, blob->sha256);
  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&path);
}

typedef struct
{
  char *files_dir;
  char *file_id;
} PathJob;

static void
path_job_free (PathJob *job)
{
  g_free (job->files_dir);
  g_free (job->file_id);
  g_free (job);
}

static gboolean
path_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  PathJob *job = data;
  g_autoptr(GError) local_error = NULL;

  *result = grm_store_files_dup_path_db (db, job->files_dir, job->file_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

void
grm_store_files_dup_path_async (GrmStore           *store,
                                const char         *files_dir,
                                const char         *file_id,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  PathJob *job = g_new0 (PathJob, 1);

  job->files_dir = g_strdup (files_dir);
  job->file_id = g_strdup (file_id);
  grm_store_read_async (store, path_job, job, (GDestroyNotify) path_job_free, g_free,
                        cancellable, callback, user_data);
}

char *
grm_store_files_dup_path_finish (GrmStore      *store,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return grm_store_read_finish (store, result, error);
}

char *
grm_store_files_dup_path (GrmStore    *store,
                          const char  *files_dir,
                          const char  *file_id,
                          GError     **error)
{
  PathJob job = { (char *) files_dir, (char *) file_id };
  gpointer result = NULL;

  if (!grm_store_read_sync (store, path_job, &job, &result, error))
    return NULL;
  return result;
}
