/* grm-sync-monitor.h: what the app knows about its syncs: which run now,
 * their progress together, a way to cancel them, and per server when its
 * data was last current and why its last sync failed (read from the
 * store, so it survives a restart).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-store.h"
#include "grm-sync.h"

G_BEGIN_DECLS

typedef struct
{
  char     *url;            /* the System URL */
  char     *name;           /* the System's name, or NULL */
  gint64    last_success;   /* unix time, 0 = never */
  char     *last_error;     /* NULL when the last sync did not fail */
  gboolean  running;
  gboolean  cancelled;      /* the last sync of this session was cancelled */
} GrmSyncServer;

#define GRM_TYPE_SYNC_MONITOR (grm_sync_monitor_get_type ())

G_DECLARE_FINAL_TYPE (GrmSyncMonitor, grm_sync_monitor, GRM, SYNC_MONITOR, GObject)

GrmSyncMonitor *grm_sync_monitor_new          (void);
/* Reads the servers' status once the store is open. */
void            grm_sync_monitor_set_store    (GrmSyncMonitor     *self,
                                               GrmStore           *store);
/* The servers to report on (accounts and the demo), in this order. */
void            grm_sync_monitor_set_servers  (GrmSyncMonitor     *self,
                                               const char * const *urls);
/* Reads the status of every server from the store again. */
void            grm_sync_monitor_reload       (GrmSyncMonitor     *self);

/* The cancellable to pass to a sync that starts now. */
GCancellable   *grm_sync_monitor_get_cancellable (GrmSyncMonitor  *self);
/* Follows @sync of @url until grm_sync_monitor_finished(). */
void            grm_sync_monitor_started      (GrmSyncMonitor     *self,
                                               GrmSync            *sync,
                                               const char         *url);
/* @error as grm_sync_run_finish() gave it (NULL on success). */
void            grm_sync_monitor_finished     (GrmSyncMonitor     *self,
                                               GrmSync            *sync,
                                               const GError       *error);
/* Cancels every sync that runs now. */
void            grm_sync_monitor_cancel       (GrmSyncMonitor     *self);

gboolean        grm_sync_monitor_get_running  (GrmSyncMonitor     *self);
/* Progress of the running syncs, added up; the phase of the first. */
GrmSyncPhase    grm_sync_monitor_get_phase    (GrmSyncMonitor     *self);
guint           grm_sync_monitor_get_objects  (GrmSyncMonitor     *self);
guint           grm_sync_monitor_get_files    (GrmSyncMonitor     *self);
guint64         grm_sync_monitor_get_bytes    (GrmSyncMonitor     *self);

/* GrmSyncServer, borrowed, valid until the next ::changed. */
GPtrArray      *grm_sync_monitor_get_servers  (GrmSyncMonitor     *self);
/* The first server whose last sync failed and does not run now, or NULL. */
GrmSyncServer  *grm_sync_monitor_get_failed   (GrmSyncMonitor     *self);

/* "today at 10:32", "yesterday at 10:32", "on 3 March 2026 at 10:32". */
char           *grm_sync_format_time          (gint64              unix_time,
                                               GDateTime          *now);
/* One line for @server: "Last synced: today at 10:32" and the like. */
char           *grm_sync_server_describe      (GrmSyncServer      *server,
                                               GDateTime          *now);
/* The first line of @error, for a short place. */
char           *grm_sync_error_first_line     (const char         *error);

G_END_DECLS
