/* grm-sync-banner.h: a bar above the page content while the data is
 * stale because the last sync of a server failed: when the data was last
 * current, why the sync failed, "Details" and "Try Again".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-sync-monitor.h"

G_BEGIN_DECLS

#define GRM_TYPE_SYNC_BANNER (grm_sync_banner_get_type ())

G_DECLARE_FINAL_TYPE (GrmSyncBanner, grm_sync_banner, GRM, SYNC_BANNER, GtkWidget)

void         grm_sync_banner_set_monitor  (GrmSyncBanner  *self,
                                           GrmSyncMonitor *monitor);
gboolean     grm_sync_banner_get_revealed (GrmSyncBanner  *self);
/* The message shown, for tests. */
const char  *grm_sync_banner_get_text     (GrmSyncBanner  *self);

G_END_DECLS
