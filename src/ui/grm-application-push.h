/* grm-application-push.h: the app's background publishing: one
 * GrmPushScheduler per store, with the credentials of the account whose
 * server offers the write extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-application.h"
#include "grm-push-scheduler.h"

G_BEGIN_DECLS

/* Called once the store is open, before the windows hear of it. */
void              grm_application_push_start         (GrmApplication *self,
                                                      GrmStore       *store);
/* Called at shutdown: timers stop, running work ends without effect. */
void              grm_application_push_stop          (GrmApplication *self);
/* NULL until the store is open. */
GrmPushScheduler *grm_application_get_push_scheduler (GrmApplication *self);

G_END_DECLS
