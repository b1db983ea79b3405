/* grm-sync-private.h: what the sync engine's files share. Everything here
 * lives on the sync thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-sync.h"
#include "grm-sync-http.h"
#include "grm-oparl.h"

G_BEGIN_DECLS

typedef struct
{
  GrmSync        *self;
  GrmStore       *store;
  GMainContext   *context;
  GrmSyncHttp    *http;
  GCancellable   *cancellable;
  GrmSyncOptions *options;
  char           *system_url;
  char           *origin;          /* scheme://host:port of the system URL */
  guint           external_types;  /* types the body has its own lists for */
  gboolean        omit_internal;
  guint           page_limit;      /* `limit` asked of 1.1 servers, 0 = none */
  GPtrArray      *errors;          /* messages (char *) */
  int             pending;         /* async operations in flight */
  char           *keep_meeting;    /* keep-this-meeting mode: its id */
} GrmSyncRun;

/* grm-sync.c */
void      grm_sync_run_add_error     (GrmSyncRun  *run,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (2, 3);
void      grm_sync_run_wait          (GrmSyncRun  *run);
void      grm_sync_progress          (GrmSync     *self,
                                      GrmSyncPhase phase,
                                      int          objects,
                                      int          pages,
                                      int          requests,
                                      int          files,
                                      int          files_failed,
                                      gint64       bytes);
/* Runs @func as a write job from the sync thread. */
gpointer  grm_sync_run_write         (GrmSyncRun  *run,
                                      gpointer     func,
                                      gpointer     data,
                                      GError     **error);

/* grm-sync-crawl.c */
gboolean  grm_sync_crawl_system      (GrmSyncRun  *run,
                                      GPtrArray  **bodies,
                                      GError     **error);
void      grm_sync_crawl_list_start  (GrmSyncRun  *run,
                                      const char  *list_url,
                                      const char  *body,
                                      GrmOparlType type);
void      grm_sync_crawl_references  (GrmSyncRun  *run);

/* grm-sync-files.c */
void      grm_sync_files_run         (GrmSyncRun  *run);

G_END_DECLS
