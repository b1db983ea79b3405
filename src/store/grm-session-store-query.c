/* grm-session-store-query.c: what a vote's write needs to know, asked in
 * SQL.
 *
 * A key press is one write job, and the job used to read the whole session
 * (roll, stays, agenda, every vote and choice) inside its transaction to
 * check one choice: under load that read made the writer wait. These
 * queries ask only what the check needs; the snapshot for the screen is
 * read afterwards, on a reader, outside the write transaction.
 *
 * The rules are those of grm-session-state.c, in SQL: entitled means
 * present (an open stay), with a vote, not excluded on the item, and, for
 * a substitute, the member stood in for is not present.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-vote"

#include <glib/gi18n-lib.h>

#include "grm-audit.h"
#include "grm-error.h"
#include "grm-session-store-private.h"

#define ENTITLED_WHERE \
  "sm.meeting = ?1 AND sm.voting_right = 1 " \
  "AND EXISTS (SELECT 1 FROM attendance a WHERE a.meeting = ?1 AND a.person = sm.person " \
  "  AND a.left IS NULL) " \
  "AND NOT EXISTS (SELECT 1 FROM exclusion e WHERE e.agenda_item = ?2 " \
  "  AND e.person = sm.person) " \
  "AND (sm.substitute_for IS NULL OR NOT EXISTS (SELECT 1 FROM attendance r " \
  "  WHERE r.meeting = ?1 AND r.person = sm.substitute_for AND r.left IS NULL)) "

void
grm_session_vote_row_clear (GrmSessionVoteRow *row)
{
  g_clear_pointer (&row->item, g_free);
  g_clear_pointer (&row->rule, g_free);
  g_clear_pointer (&row->candidates, g_free);
}

gboolean
grm_session_vote_row (GrmDb              *db,
                      const char         *meeting,
                      gint64              vid,
                      GrmSessionVoteRow  *row,
                      GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_session_prepare (db, error,
                              "SELECT agenda_item, kind, rule, coalesce (closed, 0), yes, no, "
                              " abstain, invalid, candidates FROM vote "
                              "WHERE vid = ?2 AND meeting = ?1", meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, vid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->item = grm_db_column_dup (stmt, 0);
      if (!grm_vote_kind_from_string (grm_db_column_text (stmt, 1), &row->kind))
        row->kind = GRM_VOTE_KIND_COUNTS;
      row->rule = grm_db_column_dup (stmt, 2);
      row->closed = sqlite3_column_int64 (stmt, 3);
      row->counts.yes = sqlite3_column_int (stmt, 4);
      row->counts.no = sqlite3_column_int (stmt, 5);
      row->counts.abstain = sqlite3_column_int (stmt, 6);
      row->counts.invalid = sqlite3_column_int (stmt, 7);
      row->candidates = grm_db_column_dup (stmt, 8);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                           _("This vote does not exist"));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

static gboolean
count (GrmDb         *db,
       sqlite3_stmt  *stmt,
       guint         *out,
       GError       **error)
{
  int rc = sqlite3_step (stmt);

  *out = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

gboolean
grm_session_count_entitled (GrmDb       *db,
                            const char  *meeting,
                            const char  *item,
                            guint       *out,
                            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error, "SELECT count(*) FROM session_member sm WHERE "
                                         ENTITLED_WHERE, meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 2, item);
  return count (db, stmt, out, error);
}

gboolean
grm_session_person_entitled (GrmDb       *db,
                             const char  *meeting,
                             const char  *item,
                             const char  *person,
                             gboolean    *entitled,
                             char       **name,
                             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_session_prepare (db, error,
                              "SELECT sm.name, (" ENTITLED_WHERE ") FROM session_member sm "
                              "WHERE sm.meeting = ?1 AND sm.person = ?3", meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 2, item);
  grm_db_bind_text (stmt, 3, person);
  rc = sqlite3_step (stmt);
  *entitled = rc == SQLITE_ROW && sqlite3_column_int (stmt, 1) != 0;
  *name = rc == SQLITE_ROW ? grm_db_column_dup (stmt, 0) : g_strdup (person);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

char *
grm_session_eligible_json (GrmDb       *db,
                           const char  *meeting,
                           const char  *item,
                           GError     **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_session_prepare (db, error, "SELECT sm.person, sm.name FROM session_member sm "
                                         "WHERE " ENTITLED_WHERE "ORDER BY sm.position",
                              meeting, NULL);
  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 2, item);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "person");
      json_builder_add_string_value (b, grm_db_column_text (stmt, 0));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, grm_db_column_text (stmt, 1));
      json_builder_end_object (b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return grm_audit_canonical_json (root);
}

gboolean
grm_session_quorum_now (GrmDb        *db,
                        const char   *meeting,
                        const char   *item,
                        GrmQuorum    *q,
                        GError      **error)
{
  g_autofree char *rule_id = NULL;
  const GrmQuorumRule *rule;
  sqlite3_stmt *stmt;
  guint statutory = 0, present, entitled, lacking = 0, second = 0;
  int rc;

  stmt = grm_session_prepare (db, error, "SELECT statutory_members, quorum_rule FROM session "
                                         "WHERE meeting = ?1", meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      statutory = sqlite3_column_int (stmt, 0);
      rule_id = grm_db_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  rule = grm_quorum_rule_table_lookup (grm_session_store_get_quorum_rules (), rule_id);
  if (rule == NULL)
    rule = g_ptr_array_index (grm_quorum_rule_table_get_rules (
                                grm_session_store_get_quorum_rules ()), 0);

  /* The last quorum event says whether the lack is noted. */
  stmt = grm_session_prepare (db, error,
                              "SELECT kind = 'quorum-lacking' FROM session_event "
                              "WHERE meeting = ?1 AND kind IN ('quorum-lacking', "
                              " 'quorum-restored') ORDER BY seid DESC LIMIT 1", meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  lacking = rc == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  stmt = grm_session_prepare (db, error,
                              "SELECT count(*) FROM session_item WHERE meeting = ?1 "
                              "AND agenda_item = ?2 AND second_convocation = 1",
                              meeting, item ? item : "", NULL);
  if (stmt == NULL || !count (db, stmt, &second, error) ||
      !grm_session_count_entitled (db, meeting, NULL, &present, error) ||
      !grm_session_count_entitled (db, meeting, item, &entitled, error))
    return FALSE;
  grm_quorum_compute (rule, statutory, present, present - MIN (entitled, present), lacking != 0,
                      second > 0, q);
  return TRUE;
}
