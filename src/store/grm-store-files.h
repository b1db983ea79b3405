/* grm-store-files.h: the bytes of files kept offline.
 *
 * Files are stored content-addressed: <files_dir>/<sha256 of the bytes>,
 * 0600 in a 0700 directory. The name never comes from the server. The
 * file_blob table maps a File's id to its blob and records ETag,
 * Last-Modified and the state (wanted, stored, failed, deleted, skipped).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-db.h"
#include "grm-store.h"

G_BEGIN_DECLS

typedef struct
{
  char   *file_id;
  char   *sha256;
  gint64  bytes;
  char   *etag;
  char   *last_modified;
  char   *state;
  char   *error;
  gint64  fetched_at;
} GrmFileBlob;

void         grm_file_blob_free              (GrmFileBlob  *blob);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmFileBlob, grm_file_blob_free)

/* g_get_user_data_dir()/gremium/files (owned). */
char        *grm_store_files_default_dir     (void);
/* <files_dir>/<sha256>, or NULL when @sha256 is not 64 hex digits. */
char        *grm_store_files_blob_path       (const char   *files_dir,
                                              const char   *sha256);
/* Creates @files_dir (0700) and its tmp/ subdirectory. */
gboolean     grm_store_files_ensure_dir      (const char   *files_dir,
                                              GError      **error);

/* In a job: the row of @file_id, or NULL. */
GrmFileBlob *grm_store_files_get             (GrmDb        *db,
                                              const char   *file_id,
                                              GError      **error);
/* In a write job: replaces the row. */
gboolean     grm_store_files_put             (GrmDb        *db,
                                              const GrmFileBlob *blob,
                                              GError      **error);
/* In a job: the path of the stored bytes of @file_id, or NULL (no error)
 * when the file is not kept offline. */
char        *grm_store_files_dup_path_db     (GrmDb        *db,
                                              const char   *files_dir,
                                              const char   *file_id,
                                              GError      **error);

/* For the UI: the local path of a File (NULL when not offline), looked up
 * on a reader thread. @files_dir NULL means the default directory. */
void         grm_store_files_dup_path_async  (GrmStore     *store,
                                              const char   *files_dir,
                                              const char   *file_id,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer      user_data);
char        *grm_store_files_dup_path_finish (GrmStore     *store,
                                              GAsyncResult *result,
                                              GError      **error);
/* Same, for worker threads and the CLI. */
char        *grm_store_files_dup_path        (GrmStore     *store,
                                              const char   *files_dir,
                                              const char   *file_id,
                                              GError      **error);

G_END_DECLS
