/* grm-store-sync-status.c: reads each server's last success and last
 * error from sync_state, for the sync status in the window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include "grm-store-sync-status.h"

void
grm_sync_status_row_free (GrmSyncStatusRow *row)
{
  if (row == NULL)
    return;
  g_free (row->url);
  g_free (row->name);
  g_free (row->last_error);
  g_free (row);
}

GPtrArray *
grm_store_sync_status_read (GrmDb               *db,
                            const char * const  *urls,
                            GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_sync_status_row_free);
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT s.last_success, s.last_attempt, s.last_error,"
    "       (SELECT y.name FROM object o JOIN system y USING (oid) WHERE o.id = ?1)"
    "  FROM (SELECT ?1 AS url) u LEFT JOIN sync_state s ON s.list_url = u.url", error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; urls != NULL && urls[i] != NULL; i++)
    {
      GrmSyncStatusRow *row = g_new0 (GrmSyncStatusRow, 1);
      int rc;

      row->url = g_strdup (urls[i]);
      g_ptr_array_add (rows, row);
      sqlite3_reset (stmt);
      grm_db_bind_text (stmt, 1, urls[i]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          grm_db_set_error (db, rc, error);
          return NULL;
        }
      row->last_success = sqlite3_column_int64 (stmt, 0);
      row->last_attempt = sqlite3_column_int64 (stmt, 1);
      row->last_error = grm_db_column_dup (stmt, 2);
      row->name = grm_db_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

gboolean
grm_store_sync_status_func (GrmDb     *db,
                            gpointer   data,
                            gpointer  *result,
                            GError   **error)
{
  *result = grm_store_sync_status_read (db, data, error);
  return *result != NULL;
}
