/* grm-session-audit.c: the audit log table, chained with grm-audit.
 *
 * The entry and the new head are written in the caller's transaction, so a
 * change and its audit entry reach the disk together or not at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-audit"

#include <glib/gi18n-lib.h>

#include "grm-audit.h"
#include "grm-error.h"
#include "grm-session-audit.h"

gboolean
grm_session_audit_append (GrmDb       *db,
                          const char  *meeting,
                          const char  *actor,
                          const char  *action,
                          JsonNode    *payload,
                          GError     **error)
{
  g_autoptr(JsonNode) owned = payload;
  g_autofree char *canonical = grm_audit_canonical_json (owned);
  g_autofree char *prev = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gint64 seq = 0;
  gint64 at = g_get_real_time () / G_USEC_PER_SEC;
  int rc;

  stmt = grm_db_prepare (db, "SELECT seq, hash FROM audit_head WHERE one = 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0);
      prev = grm_db_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  if (prev == NULL)
    prev = g_strdup (GRM_AUDIT_GENESIS);

  seq++;
  hash = grm_audit_compute_hash (prev, seq, at, actor, action, canonical);

  stmt = grm_db_prepare (db,
                         "INSERT INTO audit_log (seq, at, actor, action, meeting, payload, "
                         " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                         error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_int64 (stmt, 2, at);
  grm_db_bind_text (stmt, 3, actor);
  grm_db_bind_text (stmt, 4, action);
  grm_db_bind_text (stmt, 5, meeting);
  grm_db_bind_text (stmt, 6, canonical);
  grm_db_bind_text (stmt, 7, prev);
  grm_db_bind_text (stmt, 8, hash);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  stmt = grm_db_prepare (db, "INSERT OR REPLACE INTO audit_head (one, seq, hash) "
                             "VALUES (1, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  grm_db_bind_text (stmt, 2, hash);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_session_audit_verify (GrmDb   *db,
                          gint64  *n_entries,
                          GError **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (GrmAuditEntry));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, "SELECT seq, at, actor, action, payload, prev_hash, hash "
                             "FROM audit_log ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrmAuditEntry e = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
      char *s[5];

      for (int k = 0; k < 5; k++)
        g_ptr_array_add (strings, s[k] = grm_db_column_dup (stmt, 2 + k));
      e.actor = s[0];
      e.action = s[1];
      e.payload = s[2];
      e.prev_hash = s[3];
      e.hash = s[4];
      g_array_append_val (entries, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  stmt = grm_db_prepare (db, "SELECT hash FROM audit_head WHERE one = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    head = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (head == NULL && entries->len > 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                           _("The audit log is broken: its recorded head is missing"));
      return FALSE;
    }
  if (!grm_audit_verify ((GrmAuditEntry *) entries->data, entries->len, head, NULL, error))
    return FALSE;

  /* Every sealed minutes printed a head: it must still be in the chain. */
  stmt = grm_db_prepare (db, "SELECT count(*) FROM minutes WHERE audit_head IS NOT NULL "
                             "AND audit_head NOT IN (SELECT hash FROM audit_log)", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                           _("The audit log is broken: the head printed in sealed minutes "
                             "is no longer in it"));
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (n_entries != NULL)
    *n_entries = entries->len;
  return TRUE;
}
