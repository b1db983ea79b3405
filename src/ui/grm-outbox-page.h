/* grm-outbox-page.h: the changes waiting to be published, and the
 * conflicts the user decides (keep mine / take the server's).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-push.h"
#include "grm-push-scheduler.h"
#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_OUTBOX_PAGE (grm_outbox_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmOutboxPage, grm_outbox_page, GRM, OUTBOX_PAGE, GtkWidget)

/* @push publishes ("Publish now") and resolves conflicts. */
GtkWidget *grm_outbox_page_new       (GrmStore      *store,
                                      GrmPush       *push);
/* The app's page: publishes with the scheduler's push (when an account
 * is set) and shows why background publishing stopped. */
GtkWidget *grm_outbox_page_new_for_scheduler (GrmStore         *store,
                                              GrmPushScheduler *scheduler);
/* Reads the outbox again (also done whenever the store says it changed). */
void       grm_outbox_page_reload    (GrmOutboxPage *self);
/* Rows shown once the last reload finished (for tests). */
guint      grm_outbox_page_get_n_rows (GrmOutboxPage *self);

G_END_DECLS
