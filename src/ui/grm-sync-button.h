/* grm-sync-button.h: the sync button of the header bar. Idle, a click
 * syncs; while syncs run it spins, and its popover shows their progress
 * with a Cancel button; otherwise the popover says per server when the
 * data was last current and why the last sync failed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-sync-monitor.h"

G_BEGIN_DECLS

#define GRM_TYPE_SYNC_BUTTON (grm_sync_button_get_type ())

G_DECLARE_FINAL_TYPE (GrmSyncButton, grm_sync_button, GRM, SYNC_BUTTON, GtkWidget)

void       grm_sync_button_set_monitor (GrmSyncButton  *self,
                                        GrmSyncMonitor *monitor);
/* Opens the popover. */
void       grm_sync_button_popup       (GrmSyncButton  *self);
GtkWidget *grm_sync_button_get_popover (GrmSyncButton  *self);

G_END_DECLS
