/* grm-push-scheduler.h: publishing in the background, as the app does it.
 *
 * A change committed to the store (the live session's records) is
 * collected into the outbox a few seconds after the last one, so that a
 * burst of key presses becomes one collection; then, when the network is
 * up and an account with credentials is set, the outbox is pushed. A push
 * that fails is retried later with a growing delay (and as soon as the
 * network comes back); the reason is kept (last-error) and announced once
 * (::failed), never dropped silently. All store and network work runs on
 * the store's threads and libsoup's async API; signals and notifies are
 * emitted on the main context of the thread that made the scheduler.
 *
 * The counts of the outbox (waiting, conflicts and refusals) and whether
 * any synced System offers the write extension are kept up to date for
 * the window's sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-push.h"
#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_PUSH_SCHEDULER (grm_push_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (GrmPushScheduler, grm_push_scheduler, GRM, PUSH_SCHEDULER, GObject)

GrmPushScheduler *grm_push_scheduler_new           (GrmStore         *store);
/* The push that publishes (NULL: collect only, e.g. no account or no
 * credentials yet). Setting one lifts a stop after refused credentials. */
void              grm_push_scheduler_set_push      (GrmPushScheduler *self,
                                                    GrmPush          *push);
GrmPush          *grm_push_scheduler_get_push      (GrmPushScheduler *self);
/* Milliseconds after the last change before collecting (default 3000). */
void              grm_push_scheduler_set_delay     (GrmPushScheduler *self,
                                                    guint             delay_ms);
/* Seconds before the first retry after a failed push (default 30; each
 * further one waits twice as long, up to ten minutes). */
void              grm_push_scheduler_set_retry_delay (GrmPushScheduler *self,
                                                      guint             first_s);
/* A change was committed: collect (and push) after the delay. */
void              grm_push_scheduler_poke          (GrmPushScheduler *self);
/* Collect and push now (also after a stop for refused credentials). */
void              grm_push_scheduler_publish_now   (GrmPushScheduler *self);
/* Stops timers and lets running work end without effect. */
void              grm_push_scheduler_stop          (GrmPushScheduler *self);

/* Outbox entries not yet on the server: pending, conflicts and refused. */
guint             grm_push_scheduler_get_n_waiting (GrmPushScheduler *self);
/* Of those, the ones the user has to look at (conflicts, refused). */
guint             grm_push_scheduler_get_n_problems (GrmPushScheduler *self);
/* Whether a synced System announces the write extension. */
gboolean          grm_push_scheduler_get_has_write_api (GrmPushScheduler *self);
/* The id of that System (the account's System URL), or NULL. */
const char       *grm_push_scheduler_get_write_system (GrmPushScheduler *self);
/* Why the last push stopped, or NULL after one that got through. */
const char       *grm_push_scheduler_get_last_error (GrmPushScheduler *self);
gboolean          grm_push_scheduler_get_busy      (GrmPushScheduler *self);

G_END_DECLS
