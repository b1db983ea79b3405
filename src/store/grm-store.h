/* grm-store.h: the local SQLite database of one council.
 *
 * One writer thread owns the write connection; every write is a job that runs
 * in one transaction (BEGIN IMMEDIATE … COMMIT, synchronous=FULL, so a job
 * that finished is on disk). Reads run on a small pool of threads, each with
 * its own read-only connection (WAL lets them read while a write runs).
 * Results come back through GTask on the main context of the caller; the
 * *_sync variants are for worker threads and the CLI, never the main thread
 * of the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-db.h"

G_BEGIN_DECLS

#define GRM_TYPE_STORE (grm_store_get_type ())

G_DECLARE_FINAL_TYPE (GrmStore, grm_store, GRM, STORE, GObject)

/* A job. Runs on the writer thread (inside a transaction) or on a reader
 * thread. Return FALSE and set @error to fail (a write job is then rolled
 * back). Put an owned result into *@result if there is one; it is freed with
 * the job's result_free if nobody takes it. */
typedef gboolean (*GrmStoreFunc) (GrmDb     *db,
                                  gpointer   data,
                                  gpointer  *result,
                                  GError   **error);

/* The schema version this build knows (the number of the last migration). */
int        grm_store_get_schema_version (void);

GrmStore  *grm_store_open          (const char          *path,
                                    GError             **error);
void       grm_store_open_async    (const char          *path,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GrmStore  *grm_store_open_finish   (GAsyncResult        *result,
                                    GError             **error);

const char *grm_store_get_path     (GrmStore            *self);

void       grm_store_write_async   (GrmStore            *self,
                                    GrmStoreFunc         func,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* Returns the job's result (owned; NULL if it set none). */
gpointer   grm_store_write_finish  (GrmStore            *self,
                                    GAsyncResult        *result,
                                    GError             **error);
gboolean   grm_store_write_sync    (GrmStore            *self,
                                    GrmStoreFunc         func,
                                    gpointer             data,
                                    gpointer            *result,
                                    GError             **error);

void       grm_store_read_async    (GrmStore            *self,
                                    GrmStoreFunc         func,
                                    gpointer             data,
                                    GDestroyNotify       data_free,
                                    GDestroyNotify       result_free,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gpointer   grm_store_read_finish   (GrmStore            *self,
                                    GAsyncResult        *result,
                                    GError             **error);
gboolean   grm_store_read_sync     (GrmStore            *self,
                                    GrmStoreFunc         func,
                                    gpointer             data,
                                    gpointer            *result,
                                    GError             **error);

/* A new read-only connection for a long-lived worker thread (the search
 * indexer, the sync engine's lookups). The caller closes it. */
GrmDb     *grm_store_open_reader   (GrmStore            *self,
                                    GError             **error);

/* Tells listeners (list models) on the main thread that @what changed:
 * an OParl type name ("Meeting", "Paper", …) or a local table ("vote").
 * Safe to call from any thread; the ::changed signal is emitted on the
 * store's main context, once per name for a burst of changes and at most
 * twice a second while changes keep coming. */
void       grm_store_notify_changed (GrmStore           *self,
                                     const char         *what);

G_END_DECLS
