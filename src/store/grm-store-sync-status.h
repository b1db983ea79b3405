/* grm-store-sync-status.h: when each server's data was last current, and
 * why its last sync failed, as the sync engine recorded it in sync_state
 * (the row whose list URL is the server's System URL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-db.h"

G_BEGIN_DECLS

typedef struct
{
  char   *url;            /* the System URL */
  char   *name;           /* the System's name, NULL if never stored */
  gint64  last_success;   /* unix time of the last complete sync, 0 = never */
  gint64  last_attempt;   /* unix time of the last sync that ended, 0 = never */
  char   *last_error;     /* why the last sync failed, NULL when it did not */
} GrmSyncStatusRow;

void grm_sync_status_row_free (GrmSyncStatusRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSyncStatusRow, grm_sync_status_row_free)

/* One row per URL of @urls (NULL-terminated), in that order; a server
 * never synced gets a row with zeros. Returns a GPtrArray of
 * GrmSyncStatusRow, or NULL and sets @error. */
GPtrArray *grm_store_sync_status_read (GrmDb               *db,
                                       const char * const  *urls,
                                       GError             **error);

/* A GrmStoreFunc for grm_store_read_async: @data is the NULL-terminated
 * URL array (char **), *@result the GPtrArray. */
gboolean   grm_store_sync_status_func (GrmDb     *db,
                                       gpointer   data,
                                       gpointer  *result,
                                       GError   **error);

G_END_DECLS
