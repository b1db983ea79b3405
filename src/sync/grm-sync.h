/* grm-sync.h: pulling a council's data from its OParl server.
 *
 * A GrmSync runs on a thread of its own (with its own GMainContext and the
 * one SoupSession), so JSON parsing and store writes never touch the main
 * loop. Progress is reported through properties and the ::progress signal,
 * emitted on the main context of the thread that started the sync.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-store.h"

G_BEGIN_DECLS

/* What to sync; the UI fills this from GSettings, the CLI from arguments. */
typedef struct
{
  gboolean  files;              /* run the files phase */
  char     *files_dir;          /* NULL: g_get_user_data_dir()/gremium/files */
  char    **committees;         /* Organization ids whose files to keep; NULL = all */
  char     *files_since;        /* "YYYY-MM-DD": files of meetings/papers from then on */
  char     *files_until;
  guint64   disk_limit;         /* bytes kept offline at most, 0 = no limit */
  guint     max_connections;    /* per server, default 4 */
  guint     max_attempts;       /* per request, default 6 */
  guint     retry_base_ms;      /* first backoff, default 500 */
  guint     timeout_s;          /* per request, default 60 */
  guint     early_s;            /* modified_since is sent this much early, default 300 */
  guint     page_limit;         /* objects per page asked of OParl 1.1 servers, default 500 */
  char    **bodies;             /* Body ids whose lists to crawl; NULL = every body */
} GrmSyncOptions;

GrmSyncOptions *grm_sync_options_new  (void);
GrmSyncOptions *grm_sync_options_copy (const GrmSyncOptions *options);
void            grm_sync_options_free (GrmSyncOptions       *options);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSyncOptions, grm_sync_options_free)

typedef enum
{
  GRM_SYNC_PHASE_IDLE,
  GRM_SYNC_PHASE_SYSTEM,
  GRM_SYNC_PHASE_LISTS,
  GRM_SYNC_PHASE_REFERENCES,
  GRM_SYNC_PHASE_FILES,
  GRM_SYNC_PHASE_DONE,
} GrmSyncPhase;

#define GRM_TYPE_SYNC (grm_sync_get_type ())

G_DECLARE_FINAL_TYPE (GrmSync, grm_sync, GRM, SYNC, GObject)

GrmSync      *grm_sync_new             (GrmStore             *store,
                                        const char           *system_url,
                                        const GrmSyncOptions *options);

void          grm_sync_run_async       (GrmSync              *self,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* FALSE when anything failed; the error names every list or file that did
 * (each is also recorded in sync_state / file_blob). */
gboolean      grm_sync_run_finish      (GrmSync              *self,
                                        GAsyncResult         *result,
                                        GError              **error);

GrmSyncPhase  grm_sync_get_phase       (GrmSync              *self);
const char   *grm_sync_phase_to_string (GrmSyncPhase          phase);
guint         grm_sync_get_objects     (GrmSync              *self);
guint         grm_sync_get_pages       (GrmSync              *self);
guint         grm_sync_get_requests    (GrmSync              *self);
guint         grm_sync_get_files       (GrmSync              *self);
guint         grm_sync_get_files_failed (GrmSync             *self);
guint64       grm_sync_get_bytes       (GrmSync              *self);

/* Downloads the files of one meeting (its invitation, protocols, auxiliary
 * files, the files of its agenda items and of their papers) now,
 * whatever the offline choice says. Progress as for a sync. */
void          grm_sync_keep_meeting_async  (GrmSync            *self,
                                            const char         *meeting_id,
                                            GCancellable       *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer            user_data);
gboolean      grm_sync_keep_meeting_finish (GrmSync            *self,
                                            GAsyncResult       *result,
                                            GError            **error);

G_END_DECLS
