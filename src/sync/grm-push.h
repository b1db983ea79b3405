/* grm-push.h: publishing what was recorded locally (attendance, votes,
 * decisions, sealed minutes) through the write extension
 * (docs/write-extension.md).
 *
 * A push first collects: the live session's records that changed since the
 * last collection become outbox entries (one PUT of the meeting, with the
 * records under "gremium:" members of the meeting and of its agenda items).
 * Then it discovers the write API from the System object, gets a token
 * (HTTP Basic once, then Bearer) and sends the pending entries in order,
 * each with its Idempotency-Key and If-Match. Transient failures (5xx,
 * network) are retried with backoff; an entry whose object changed on the
 * server becomes a conflict that keeps the server's object, for the user to
 * decide (grm_push_resolve_conflict_async).
 *
 * GrmPush uses libsoup's async API on the thread-default main context of
 * the thread that runs it; the store work runs as store jobs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-credentials.h"
#include "grm-db.h"
#include "grm-store.h"
#include "grm-store-outbox.h"

G_BEGIN_DECLS

/* The collector: a GrmStoreFunc for a write job (@data unused). Enqueues
 * the records of every meeting that changed since they were last enqueued;
 * *@result gets GUINT_TO_POINTER (number of entries added or updated).
 * Idempotent: run it after every change or before every push. */
gboolean grm_push_collect_job (GrmDb     *db,
                               gpointer   data,
                               gpointer  *result,
                               GError   **error);

typedef enum
{
  GRM_PUSH_KEEP_MINE = GRM_OUTBOX_KEEP_MINE,
  GRM_PUSH_TAKE_SERVER = GRM_OUTBOX_TAKE_SERVER,
} GrmPushResolution;

#define GRM_TYPE_PUSH (grm_push_get_type ())

G_DECLARE_FINAL_TYPE (GrmPush, grm_push, GRM, PUSH, GObject)

/* Signals: ::id-replaced (const char *local, const char *remote) after the
 * server created an object made here, whose id is the server's from then
 * on, in every table. */
GrmPush  *grm_push_new            (GrmStore            *store,
                                   GrmCredentials      *credentials);
GrmCredentials *grm_push_get_credentials (GrmPush     *self);
/* Retries of one request on 5xx and network errors (default 6 attempts,
 * first delay 500 ms, doubling, with jitter; Retry-After is honoured up to
 * a minute). */
void      grm_push_set_retry      (GrmPush             *self,
                                   guint                max_attempts,
                                   guint                base_ms);

/* Collects, then sends every pending entry. Fails (GRM_ERROR_AUTH,
 * GRM_ERROR_NETWORK, GRM_ERROR_SERVER, GRM_ERROR_NOT_FOUND for a server
 * without the write extension) when the push had to stop; conflicts and
 * entries the server refused do not make it fail: see the counters. */
void      grm_push_run_async      (GrmPush             *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  grm_push_run_finish     (GrmPush             *self,
                                   GAsyncResult        *result,
                                   GError             **error);

/* Whether a run is under way (a second one would be refused). */
gboolean  grm_push_is_running     (GrmPush             *self);

/* Counters of the last run. */
guint     grm_push_get_collected  (GrmPush             *self);
guint     grm_push_get_sent       (GrmPush             *self);
guint     grm_push_get_conflicts  (GrmPush             *self);
guint     grm_push_get_failed     (GrmPush             *self);
/* Entries still pending after the run (network gone, stopped early). */
guint     grm_push_get_pending    (GrmPush             *self);

/* Resolves the conflict of outbox entry @seq (see grm_store_outbox_resolve).
 * Keep mine leaves the entry pending: the next run sends it. */
void      grm_push_resolve_conflict_async  (GrmPush             *self,
                                            gint64               seq,
                                            GrmPushResolution    resolution,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
gboolean  grm_push_resolve_conflict_finish (GrmPush             *self,
                                            GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
