/* grm-store-objects.h: writing synced OParl objects into the store.
 *
 * These functions run inside a write job on the store's writer thread (they
 * take the job's GrmDb). They upsert normalised objects by id, turn deleted
 * objects and vanished embedded children into tombstones, record
 * placeholders for references the server cannot deliver, and keep the
 * per-list sync bookkeeping (sync_state).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "grm-db.h"
#include "grm-oparl.h"

G_BEGIN_DECLS

/* Upserts @object and its embedded children, tombstones owned children
 * that vanished from it. Embedded children of the types in @external_types
 * (a mask of 1 << GrmOparlType: types the body has its own list for) are
 * not written from the embedding, only given their parent, so that every
 * object has exactly one source. Objects whose JSON did not change are not
 * written. Adds the number of objects written to *@n_written. */
gboolean   grm_store_objects_upsert          (GrmDb           *db,
                                              GrmOparlObject  *object,
                                              guint            external_types,
                                              gint64           now,
                                              guint           *n_written,
                                              GError         **error);

/* Marks @id and its owned children deleted (a tombstone, never a delete). */
gboolean   grm_store_objects_tombstone       (GrmDb           *db,
                                              const char      *id,
                                              gint64           now,
                                              GError         **error);

/* Records @id as referenced but not deliverable (no-op if it exists). */
gboolean   grm_store_objects_add_placeholder (GrmDb           *db,
                                              const char      *id,
                                              GrmOparlType     type,
                                              gint64           now,
                                              GError         **error);

/* Targets of references that no stored object has (GrmOparlRef, rel NULL). */
GPtrArray *grm_store_objects_dup_unresolved  (GrmDb           *db,
                                              guint            limit,
                                              GError         **error);

/* The per-list bookkeeping. */
typedef struct
{
  char   *list_url;
  char   *body;
  char   *list_type;
  char   *watermark;      /* modified_since to send, NULL for a full crawl */
  char   *next_url;       /* where an interrupted crawl continues */
  char   *crawl_started;  /* the watermark of the crawl that is running */
  gint64  last_success;   /* 0 = never */
  char   *last_error;
  gint64  last_attempt;
} GrmSyncState;

void          grm_sync_state_free            (GrmSyncState *state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSyncState, grm_sync_state_free)

/* NULL (without error) when the list was never crawled. */
GrmSyncState *grm_store_sync_state_get       (GrmDb         *db,
                                              const char    *list_url,
                                              GError       **error);
/* Every list of @body (or of all bodies when NULL), GrmSyncState. */
GPtrArray    *grm_store_sync_state_list      (GrmDb         *db,
                                              GError       **error);
/* Starts (or resumes) a crawl: keeps an existing crawl_started, otherwise
 * sets it to @crawl_started. */
gboolean      grm_store_sync_state_begin     (GrmDb         *db,
                                              const char    *list_url,
                                              const char    *body,
                                              const char    *list_type,
                                              const char    *crawl_started,
                                              gint64         now,
                                              GError       **error);
gboolean      grm_store_sync_state_set_next  (GrmDb         *db,
                                              const char    *list_url,
                                              const char    *next_url,
                                              GError       **error);
/* The crawl reached the end: its watermark becomes the list's. */
gboolean      grm_store_sync_state_finish    (GrmDb         *db,
                                              const char    *list_url,
                                              gint64         now,
                                              GError       **error);
gboolean      grm_store_sync_state_fail      (GrmDb         *db,
                                              const char    *list_url,
                                              const char    *message,
                                              gint64         now,
                                              GError       **error);

G_END_DECLS
