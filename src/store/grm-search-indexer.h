/* grm-search-indexer.h: the background indexer of the full-text search.
 *
 * One worker thread at low priority compares the store with the index and
 * fills in what is missing: objects, File.text, then the pages of every
 * downloaded file without File.text (through an extractor, so that the
 * store does not depend on Poppler: see grm_text_extract_indexer_new() in
 * src/pdf). Each batch is one write job, so a crash or kill loses at most
 * the batch that was running, and the next run resumes from there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_SEARCH_INDEXER (grm_search_indexer_get_type ())

G_DECLARE_FINAL_TYPE (GrmSearchIndexer, grm_search_indexer, GRM, SEARCH_INDEXER, GObject)

/* Returns the text of each page of the file at @path (GPtrArray of char *),
 * or NULL with @error set when the file cannot be read. Runs on the
 * indexer's thread. */
typedef GPtrArray *(*GrmSearchExtractFunc) (const char   *path,
                                            GCancellable *cancellable,
                                            gpointer      user_data,
                                            GError      **error);

/* Called on the thread that runs grm_search_indexer_run_sync(). */
typedef void (*GrmSearchProgressFunc) (gint64      done,
                                       gint64      total,
                                       const char *failed_file,
                                       const char *failure,
                                       gpointer    user_data);

GrmSearchIndexer *grm_search_indexer_new           (GrmStore             *store,
                                                    const char           *files_dir);
void              grm_search_indexer_set_extractor (GrmSearchIndexer     *self,
                                                    GrmSearchExtractFunc  func,
                                                    gpointer              user_data,
                                                    GDestroyNotify        destroy);
GrmStore         *grm_search_indexer_get_store     (GrmSearchIndexer     *self);

/* Starts the worker (the app). It indexes until the index is current, then
 * waits for grm_search_indexer_kick() or for the store to change. */
void              grm_search_indexer_start         (GrmSearchIndexer     *self);
void              grm_search_indexer_kick          (GrmSearchIndexer     *self);
void              grm_search_indexer_set_paused    (GrmSearchIndexer     *self,
                                                    gboolean              paused);
gboolean          grm_search_indexer_get_paused    (GrmSearchIndexer     *self);
/* Whether work is waiting or being done. */
gboolean          grm_search_indexer_get_busy      (GrmSearchIndexer     *self);
void              grm_search_indexer_get_progress  (GrmSearchIndexer     *self,
                                                    gint64               *done,
                                                    gint64               *total,
                                                    gint64               *failed);

/* Indexes on the calling thread until the index is current (the CLI and
 * tests; never the main thread of the app). */
gboolean          grm_search_indexer_run_sync      (GrmSearchIndexer     *self,
                                                    GrmSearchProgressFunc progress,
                                                    gpointer              user_data,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

G_END_DECLS
