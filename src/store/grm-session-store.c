/* grm-session-store.c: the writes of a live session other than votes:
 * the roll, attendance, quorum events, exclusions, decisions, minutes,
 * sealing and corrections. Every write appends its audit entry in the same
 * transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-store"

#include <stdarg.h>

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-session-audit.h"
#include "grm-session-store-private.h"
#include "grm-vote-role.h"

GrmSessionOp *
grm_session_op_new (GrmSessionOpKind  kind,
                    const char       *meeting,
                    const char       *actor)
{
  GrmSessionOp *op = g_new0 (GrmSessionOp, 1);

  op->kind = kind;
  op->meeting = g_strdup (meeting);
  op->actor = g_strdup (actor);
  return op;
}

void
grm_session_op_free (gpointer data)
{
  GrmSessionOp *op = data;

  if (op == NULL)
    return;
  g_free (op->meeting);
  g_free (op->item);
  g_free (op->person);
  g_free (op->text);
  g_free (op->text2);
  g_free (op->actor);
  g_free (op->rule);
  g_free (op->candidates);
  g_free (op);
}

GrmVoteRuleTable *
grm_session_store_get_rules (void)
{
  static GrmVoteRuleTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, grm_vote_rule_table_new_default ());
  return table;
}

GrmQuorumRuleTable *
grm_session_store_get_quorum_rules (void)
{
  static GrmQuorumRuleTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, grm_quorum_rule_table_new_default ());
  return table;
}

gint64
grm_session_now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

sqlite3_stmt *
grm_session_prepare (GrmDb       *db,
                     GError     **error,
                     const char  *sql,
                     ...)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);
  int count = sqlite3_bind_parameter_count (stmt);
  va_list args;

  if (stmt == NULL)
    return NULL;
  va_start (args, sql);
  /* Texts are bound in order; the caller binds the rest itself. A NULL
   * argument ends the list, so a NULL value is bound with grm_db_bind_text
   * by the caller. */
  for (int i = 1; i <= count; i++)
    {
      const char *arg = va_arg (args, const char *);

      if (arg == NULL)
        break;
      grm_db_bind_text (stmt, i, arg);
    }
  va_end (args);
  return stmt;
}

static gboolean
query_int (GrmDb        *db,
           sqlite3_stmt *stmt,
           gint64       *value,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  *value = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

gboolean
grm_session_check_open (GrmDb       *db,
                        const char  *meeting,
                        gboolean     need_session,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 sealed;

  stmt = grm_session_prepare (db, error, "SELECT coalesce (sealed, 0) FROM minutes "
                                         "WHERE meeting = ?", meeting, NULL);
  if (stmt == NULL || !query_int (db, stmt, &sealed, error))
    return FALSE;
  if (sealed > 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_SEALED,
                           _("The minutes of this meeting are sealed and can no longer be "
                             "changed. Record a correction for the next meeting instead."));
      return FALSE;
    }
  if (need_session)
    {
      gint64 sid;

      stmt = grm_session_prepare (db, error, "SELECT sid FROM session WHERE meeting = ?",
                                  meeting, NULL);
      if (stmt == NULL || !query_int (db, stmt, &sid, error))
        return FALSE;
      if (sid < 0)
        {
          g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                               _("The session of this meeting has not been started"));
          return FALSE;
        }
    }
  return TRUE;
}

JsonBuilder *
grm_session_payload (GrmSessionOp *op)
{
  JsonBuilder *b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "meeting");
  json_builder_add_string_value (b, op->meeting);
  if (op->item != NULL)
    {
      json_builder_set_member_name (b, "item");
      json_builder_add_string_value (b, op->item);
    }
  if (op->person != NULL)
    {
      json_builder_set_member_name (b, "person");
      json_builder_add_string_value (b, op->person);
    }
  return b;
}

gboolean
grm_session_audit (GrmDb         *db,
                   GrmSessionOp  *op,
                   const char    *action,
                   JsonBuilder   *builder,
                   GError       **error)
{
  json_builder_end_object (builder);
  return grm_session_audit_append (db, op->meeting, op->actor, action,
                                   json_builder_get_root (builder), error);
}

static gboolean
add_event (GrmDb       *db,
           const char  *meeting,
           gint64       at,
           const char  *kind,
           const char  *detail,
           GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error, "INSERT INTO session_event (meeting, kind, detail, at) "
                                         "VALUES (?, ?, ?, ?)", meeting, kind, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 3, detail);
  sqlite3_bind_int64 (stmt, 4, at);
  return grm_db_step_done (db, stmt, error);
}

/* Deputy members (by their role, see grm-vote-role.h) have no vote of
 * their own; those without a vote go to the end of the roll. */
static gboolean
mark_deputies (GrmDb         *db,
               GrmSessionOp  *op,
               GError       **error)
{
  g_autoptr(GPtrArray) deputies = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_session_prepare (db, error, "SELECT person, role FROM session_member "
                                         "WHERE meeting = ? AND role IS NOT NULL",
                              op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (grm_vote_role_is_deputy (grm_db_column_text (stmt, 1)))
      g_ptr_array_add (deputies, grm_db_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  for (guint k = 0; k < deputies->len; k++)
    {
      stmt = grm_session_prepare (db, error, "UPDATE session_member SET voting_right = 0 "
                                             "WHERE meeting = ? AND person = ?",
                                  op->meeting, g_ptr_array_index (deputies, k), NULL);
      if (stmt == NULL || !grm_db_step_done (db, stmt, error))
        return FALSE;
    }
  stmt = grm_session_prepare (db, error, "UPDATE session_member SET position = position + 100000 "
                                         "WHERE meeting = ? AND voting_right = 0",
                              op->meeting, NULL);
  return stmt != NULL && grm_db_step_done (db, stmt, error);
}

/* Roll from the memberships of the meeting's committee active on the
 * meeting's date. Deputies (stellvertretende Mitglieder) are on the roll
 * without a vote until they stand in for someone. */
static gboolean
op_start (GrmDb         *db,
          GrmSessionOp  *op,
          GError       **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  sqlite3_stmt *stmt;
  gint64 sid, statutory;
  gint64 now = grm_session_now ();

  if (!grm_session_check_open (db, op->meeting, FALSE, error))
    return FALSE;
  stmt = grm_session_prepare (db, error, "SELECT sid FROM session WHERE meeting = ?",
                              op->meeting, NULL);
  if (stmt == NULL || !query_int (db, stmt, &sid, error))
    return FALSE;
  if (sid >= 0)
    return TRUE;
  /* The rules of the state in force (quorum): chosen when the session
   * starts, kept with it. */
  if (op->rule != NULL &&
      grm_quorum_rule_table_lookup (grm_session_store_get_quorum_rules (), op->rule) == NULL)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("There is no quorum rule “%s”"), op->rule);
      return FALSE;
    }

  stmt = grm_session_prepare (db, error,
    "INSERT OR IGNORE INTO session_member (meeting, person, name, role, voting_right, position) "
    "SELECT ?1, ms.person, "
    " coalesce (nullif (pe.name, ''), trim (coalesce (pe.given_name, '') || ' ' || "
    "   coalesce (pe.family_name, '')), ms.person), ms.role, "
    " coalesce (ms.voting_right, 1), "
    " row_number () OVER (ORDER BY pe.family_name, pe.given_name) "
    "FROM meeting m JOIN object mo ON mo.oid = m.oid "
    "JOIN object_ref r ON r.oid = mo.oid AND r.rel = 'organization' "
    "JOIN membership ms ON ms.organization = r.target "
    "JOIN object mso ON mso.oid = ms.oid AND mso.deleted = 0 "
    "LEFT JOIN object po ON po.id = ms.person LEFT JOIN person pe ON pe.oid = po.oid "
    "WHERE mo.id = ?1 AND ms.person IS NOT NULL "
    " AND (ms.start_date IS NULL OR ms.start_date = '' OR ms.start_date <= substr (m.start, 1, 10)) "
    " AND (ms.end_date IS NULL OR ms.end_date = '' OR ms.end_date >= substr (m.start, 1, 10))",
    op->meeting, NULL);
  if (stmt == NULL || !grm_db_step_done (db, stmt, error) || !mark_deputies (db, op, error))
    return FALSE;

  stmt = grm_session_prepare (db, error,
                              "SELECT count(*) FROM session_member WHERE meeting = ? "
                              "AND voting_right = 1", op->meeting, NULL);
  if (stmt == NULL || !query_int (db, stmt, &statutory, error))
    return FALSE;
  if (op->number > 0)
    statutory = op->number;

  stmt = grm_session_prepare (db, error,
    "INSERT INTO session (meeting, organization, started, statutory_members, quorum_rule) "
    "SELECT ?1, (SELECT r.target FROM object_ref r JOIN object o ON o.oid = r.oid "
    "  WHERE o.id = ?1 AND r.rel = 'organization' ORDER BY r.position LIMIT 1), ?2, ?3, "
    " coalesce (?4, 'nrw')",
    op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, statutory);
  grm_db_bind_text (stmt, 4, op->rule);
  if (!grm_db_step_done (db, stmt, error) ||
      !add_event (db, op->meeting, now, "started", NULL, error))
    return FALSE;

  b = grm_session_payload (op);
  json_builder_set_member_name (b, "statutory");
  json_builder_add_int_value (b, statutory);
  json_builder_set_member_name (b, "quorum_rule");
  json_builder_add_string_value (b, op->rule ? op->rule : "nrw");
  return grm_session_audit (db, op, "session.start", b, error);
}

static gboolean
op_end (GrmDb         *db,
        GrmSessionOp  *op,
        GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  sqlite3_stmt *stmt;
  gint64 now = grm_session_now ();

  stmt = grm_session_prepare (db, error, "UPDATE session SET ended = ?2 WHERE meeting = ?1",
                              op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, now);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  /* Whoever is still in the room leaves when the session ends. */
  stmt = grm_session_prepare (db, error, "UPDATE attendance SET left = ?2 "
                                         "WHERE meeting = ?1 AND left IS NULL", op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, now);
  return grm_db_step_done (db, stmt, error) &&
         add_event (db, op->meeting, now, "ended", NULL, error) &&
         grm_session_audit (db, op, "session.end", b, error);
}

static gboolean
op_attendance (GrmDb         *db,
               GrmSessionOp  *op,
               GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  gboolean arrive = op->kind == GRM_SESSION_OP_ARRIVE;
  gint64 at = op->at > 0 ? op->at : grm_session_now ();
  sqlite3_stmt *stmt;
  gint64 present, known;

  stmt = grm_session_prepare (db, error, "SELECT count(*) FROM session_member "
                                         "WHERE meeting = ? AND person = ?",
                              op->meeting, op->person, NULL);
  if (stmt == NULL || !query_int (db, stmt, &known, error))
    return FALSE;
  if (known == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                           _("This person is not on the roll of the meeting"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error, "SELECT count(*) FROM attendance WHERE meeting = ? "
                                         "AND person = ? AND left IS NULL",
                              op->meeting, op->person, NULL);
  if (stmt == NULL || !query_int (db, stmt, &present, error))
    return FALSE;
  if (arrive && present > 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_CONFLICT,
                           _("This member is already recorded as present"));
      return FALSE;
    }
  if (!arrive && present == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_CONFLICT,
                           _("This member is not recorded as present"));
      return FALSE;
    }

  if (arrive)
    stmt = grm_session_prepare (db, error, "INSERT INTO attendance (meeting, person, arrived) "
                                           "VALUES (?1, ?2, ?3)", op->meeting, op->person, NULL);
  else
    stmt = grm_session_prepare (db, error, "UPDATE attendance SET left = ?3 WHERE meeting = ?1 "
                                           "AND person = ?2 AND left IS NULL",
                                op->meeting, op->person, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, at);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  json_builder_set_member_name (b, "at");
  json_builder_add_int_value (b, at);
  return grm_session_audit (db, op, arrive ? "attendance.arrive" : "attendance.leave", b, error);
}

static gboolean
op_add_substitute (GrmDb         *db,
                   GrmSessionOp  *op,
                   GError       **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  sqlite3_stmt *stmt;
  gint64 known;

  if (op->person == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();

      op->person = g_strconcat ("urn:uuid:", uuid, NULL);
    }
  if (op->item != NULL)
    {
      stmt = grm_session_prepare (db, error, "SELECT count(*) FROM session_member WHERE "
                                             "meeting = ? AND person = ? AND voting_right = 1 "
                                             "AND substitute_for IS NULL",
                                  op->meeting, op->item, NULL);
      if (stmt == NULL || !query_int (db, stmt, &known, error))
        return FALSE;
      if (known == 0)
        {
          g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                               _("A substitute can only stand in for a member with a vote"));
          return FALSE;
        }
      /* One substitute per member: a second one would give the member's
       * seat two votes while they are away. The substitute already marked
       * for this member may be marked again (nothing changes). */
      stmt = grm_session_prepare (db, error,
                                  "SELECT s.name, r.name FROM session_member s "
                                  "JOIN session_member r ON r.meeting = s.meeting "
                                  " AND r.person = s.substitute_for "
                                  "WHERE s.meeting = ? AND s.substitute_for = ? "
                                  "AND s.person <> ?",
                                  op->meeting, op->item, op->person, NULL);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_set_error (error, GRM_ERROR, GRM_ERROR_CONFLICT,
                       /* TRANSLATORS: the substitute's name, then the member's */
                       _("%s already stands in for %s: a member can have only one "
                         "substitute"),
                       (const char *) sqlite3_column_text (stmt, 0),
                       (const char *) sqlite3_column_text (stmt, 1));
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }
  stmt = grm_session_prepare (db, error, "SELECT count(*) FROM session_member WHERE "
                                         "meeting = ? AND person = ? AND voting_right = 1 "
                                         "AND substitute_for IS NULL",
                              op->meeting, op->person, NULL);
  if (stmt == NULL || !query_int (db, stmt, &known, error))
    return FALSE;
  if (known > 0 || g_strcmp0 (op->person, op->item) == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("A member with a vote of their own cannot stand in for another"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error,
    "INSERT INTO session_member (meeting, person, name, role, voting_right, substitute_for, "
    " position) VALUES (?1, ?2, ?3, ?4, 1, ?5, "
    " (SELECT coalesce (max (position), 0) + 1 FROM session_member WHERE meeting = ?1)) "
    "ON CONFLICT (meeting, person) DO UPDATE SET voting_right = 1, "
    " substitute_for = excluded.substitute_for",
    op->meeting, op->person, op->text ? op->text : op->person, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 4, op->text2);
  grm_db_bind_text (stmt, 5, op->item);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  b = grm_session_payload (op);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, op->text ? op->text : "");
  return grm_session_audit (db, op, "roll.substitute", b, error);
}

static gboolean
op_set_statutory (GrmDb         *db,
                  GrmSessionOp  *op,
                  GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  sqlite3_stmt *stmt;

  if (op->number == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The statutory number of members must be at least 1"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error, "UPDATE session SET statutory_members = ?2 "
                                         "WHERE meeting = ?1", op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, op->number);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  json_builder_set_member_name (b, "statutory");
  json_builder_add_int_value (b, op->number);
  return grm_session_audit (db, op, "session.statutory", b, error);
}

static gboolean
op_note_quorum (GrmDb         *db,
                GrmSessionOp  *op,
                GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  const char *kind = op->flag ? "quorum-lacking" : "quorum-restored";

  json_builder_set_member_name (b, "event");
  json_builder_add_string_value (b, kind);
  return add_event (db, op->meeting, grm_session_now (), kind, op->item, error) &&
         grm_session_audit (db, op, "quorum.note", b, error);
}

/* § 49 Abs. 2 GO NRW: an item postponed for lack of quorum and put before
 * the body again is dealt with whatever the attendance. Only where the
 * quorum rule in force knows this provision. */
static gboolean
op_second_convocation (GrmDb         *db,
                       GrmSessionOp  *op,
                       GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  const GrmQuorumRule *rule;
  g_autofree char *rule_id = NULL;
  sqlite3_stmt *stmt;
  gint64 known;

  stmt = grm_session_prepare (db, error, "SELECT quorum_rule FROM session WHERE meeting = ?",
                              op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rule_id = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  rule = grm_quorum_rule_table_lookup (grm_session_store_get_quorum_rules (), rule_id);
  if (op->flag && (rule == NULL || !rule->second_convocation))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The quorum rule in force has no second convocation"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error,
                              "SELECT count(*) FROM agenda_item a JOIN object o ON o.oid = a.oid "
                              "WHERE o.id = ?2 AND (a.meeting = ?1 OR o.parent = ?1)",
                              op->meeting, op->item, NULL);
  if (stmt == NULL || !query_int (db, stmt, &known, error))
    return FALSE;
  if (known == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                           _("This agenda item does not belong to the meeting"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error,
                              "INSERT INTO session_item (meeting, agenda_item, second_convocation) "
                              "VALUES (?1, ?2, ?3) ON CONFLICT (meeting, agenda_item) DO UPDATE "
                              "SET second_convocation = excluded.second_convocation",
                              op->meeting, op->item, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 3, op->flag ? 1 : 0);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  json_builder_set_member_name (b, "second_convocation");
  json_builder_add_boolean_value (b, op->flag);
  return grm_session_audit (db, op, "item.second-convocation", b, error);
}

static gboolean
op_open_item (GrmDb         *db,
              GrmSessionOp  *op,
              GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error, "UPDATE session SET current_item = ?2 "
                                         "WHERE meeting = ?1", op->meeting, op->item, NULL);
  return stmt != NULL && grm_db_step_done (db, stmt, error) &&
         add_event (db, op->meeting, grm_session_now (), "item-opened", op->item, error) &&
         grm_session_audit (db, op, "item.open", b, error);
}

static gboolean
op_exclude (GrmDb         *db,
            GrmSessionOp  *op,
            GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  gboolean add = op->kind == GRM_SESSION_OP_EXCLUDE;
  sqlite3_stmt *stmt;

  if (add && (op->text == NULL || *g_strstrip (op->text) == '\0'))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("An exclusion for bias needs a reason"));
      return FALSE;
    }
  if (add)
    stmt = grm_session_prepare (db, error,
                                "INSERT INTO exclusion (meeting, agenda_item, person, reason, "
                                " recorded, actor) VALUES (?1, ?2, ?3, ?4, ?6, ?5)",
                                op->meeting, op->item, op->person, op->text, op->actor, NULL);
  else
    stmt = grm_session_prepare (db, error,
                                "DELETE FROM exclusion WHERE meeting = ?1 AND agenda_item = ?2 "
                                "AND person = ?3", op->meeting, op->item, op->person, NULL);
  if (stmt == NULL)
    return FALSE;
  if (add)
    sqlite3_bind_int64 (stmt, 6, grm_session_now ());
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  if (add)
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, op->text);
    }
  return grm_session_audit (db, op, add ? "exclusion.add" : "exclusion.withdraw", b, error);
}

static gboolean
op_decision (GrmDb         *db,
             GrmSessionOp  *op,
             GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error,
                              "INSERT INTO decision (meeting, agenda_item, text, notes, modified, "
                              " actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                              "ON CONFLICT (agenda_item) DO UPDATE SET text = excluded.text, "
                              " notes = excluded.notes, modified = excluded.modified, "
                              " actor = excluded.actor",
                              op->meeting, op->item, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 3, op->text);
  grm_db_bind_text (stmt, 4, op->text2);
  sqlite3_bind_int64 (stmt, 5, grm_session_now ());
  grm_db_bind_text (stmt, 6, op->actor);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  /* The decision text goes back to the agenda item, as OParl carries it. */
  stmt = grm_session_prepare (db, error,
                              "UPDATE agenda_item SET resolution_text = ?2 WHERE oid = "
                              "(SELECT oid FROM object WHERE id = ?1)", op->item, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 2, op->text);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, op->text);
  json_builder_set_member_name (b, "notes");
  json_builder_add_string_value (b, op->text2);
  return grm_session_audit (db, op, "decision.set", b, error);
}

static gboolean
op_minutes (GrmDb         *db,
            GrmSessionOp  *op,
            GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  gboolean seal = op->kind == GRM_SESSION_OP_SEAL;
  sqlite3_stmt *stmt;
  gint64 now = grm_session_now ();

  stmt = grm_session_prepare (db, error, "INSERT OR IGNORE INTO minutes (meeting) VALUES (?)",
                              op->meeting, NULL);
  if (stmt == NULL || !grm_db_step_done (db, stmt, error))
    return FALSE;
  if (!seal)
    {
      stmt = grm_session_prepare (db, error, "UPDATE minutes SET text = ?2 WHERE meeting = ?1",
                                  op->meeting, NULL);
      if (stmt == NULL)
        return FALSE;
      grm_db_bind_text (stmt, 2, op->text);
      json_builder_set_member_name (b, "text");
      json_builder_add_string_value (b, op->text);
      return grm_db_step_done (db, stmt, error) &&
             grm_session_audit (db, op, "minutes.text", b, error);
    }

  /* The seal entry goes into the chain first; its hash is the head that
   * the sealed minutes print. */
  if (!grm_session_audit (db, op, "minutes.seal", b, error))
    return FALSE;
  stmt = grm_session_prepare (db, error,
                              "UPDATE minutes SET sealed = ?2, sealed_by = ?3, audit_head = "
                              " (SELECT hash FROM audit_head WHERE one = 1) WHERE meeting = ?1",
                              op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, now);
  grm_db_bind_text (stmt, 3, op->actor);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  stmt = grm_session_prepare (db, error, "UPDATE session SET ended = ?2 "
                                         "WHERE meeting = ?1 AND ended IS NULL", op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 2, now);
  return grm_db_step_done (db, stmt, error);
}

/* A correction of sealed minutes is reported in the minutes of the next
 * meeting of the same committee. */
static gboolean
op_correction (GrmDb         *db,
               GrmSessionOp  *op,
               GError       **error)
{
  g_autoptr(JsonBuilder) b = grm_session_payload (op);
  sqlite3_stmt *stmt;
  gint64 sealed;

  stmt = grm_session_prepare (db, error, "SELECT coalesce (sealed, 0) FROM minutes "
                                         "WHERE meeting = ?", op->meeting, NULL);
  if (stmt == NULL || !query_int (db, stmt, &sealed, error))
    return FALSE;
  if (sealed <= 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("These minutes are not sealed yet: change them directly"));
      return FALSE;
    }
  if (op->text == NULL || *op->text == '\0')
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("A correction needs a text"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error,
    "INSERT INTO correction (minutes, for_meeting, text, recorded, actor) "
    "SELECT (SELECT mid FROM minutes WHERE meeting = ?1), "
    " (SELECT nxo.id FROM object mo JOIN meeting m ON m.oid = mo.oid "
    "  JOIN object_ref r ON r.oid = mo.oid AND r.rel = 'organization' "
    "  JOIN object_ref nr ON nr.target = r.target AND nr.rel = 'organization' "
    "  JOIN object nxo ON nxo.oid = nr.oid AND nxo.deleted = 0 "
    "  JOIN meeting n ON n.oid = nxo.oid "
    "  WHERE mo.id = ?1 AND n.start_utc > m.start_utc ORDER BY n.start_utc LIMIT 1), "
    " ?2, ?3, ?4",
    op->meeting, op->text, NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, grm_session_now ());
  grm_db_bind_text (stmt, 4, op->actor);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, op->text);
  return grm_session_audit (db, op, "minutes.correction", b, error);
}

gboolean
grm_session_op_run (GrmDb     *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  GrmSessionOp *op = data;
  gboolean ok;

  g_return_val_if_fail (op != NULL && op->meeting != NULL, FALSE);

  switch (op->kind)
    {
    case GRM_SESSION_OP_START:
      ok = op_start (db, op, error);
      break;
    case GRM_SESSION_OP_CORRECTION:
      ok = op_correction (db, op, error);
      break;
    default:
      ok = grm_session_check_open (db, op->meeting, TRUE, error);
      break;
    }
  if (!ok || op->kind == GRM_SESSION_OP_START || op->kind == GRM_SESSION_OP_CORRECTION)
    goto out;

  switch (op->kind)
    {
    case GRM_SESSION_OP_END:
      ok = op_end (db, op, error);
      break;
    case GRM_SESSION_OP_ARRIVE:
    case GRM_SESSION_OP_LEAVE:
      ok = op_attendance (db, op, error);
      break;
    case GRM_SESSION_OP_ADD_SUBSTITUTE:
      ok = op_add_substitute (db, op, error);
      break;
    case GRM_SESSION_OP_SET_STATUTORY:
      ok = op_set_statutory (db, op, error);
      break;
    case GRM_SESSION_OP_NOTE_QUORUM:
      ok = op_note_quorum (db, op, error);
      break;
    case GRM_SESSION_OP_OPEN_ITEM:
      ok = op_open_item (db, op, error);
      break;
    case GRM_SESSION_OP_SECOND_CONVOCATION:
      ok = op_second_convocation (db, op, error);
      break;
    case GRM_SESSION_OP_EXCLUDE:
    case GRM_SESSION_OP_WITHDRAW_EXCLUSION:
      ok = op_exclude (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_BEGIN:
      ok = grm_session_vote_begin (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_COUNTS:
    case GRM_SESSION_OP_VOTE_ADD:
      ok = grm_session_vote_counts (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_CAST:
      ok = grm_session_vote_cast (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_CLOSE:
      ok = grm_session_vote_close (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_RECORD:
      ok = grm_session_vote_begin (db, op, error) &&
           grm_session_vote_counts (db, op, error) &&
           grm_session_vote_close (db, op, error);
      break;
    case GRM_SESSION_OP_VOTE_CORRECT:
      ok = grm_session_vote_correct (db, op, error);
      break;
    case GRM_SESSION_OP_CAST_CORRECT:
      ok = grm_session_vote_cast_correct (db, op, error);
      break;
    case GRM_SESSION_OP_DECISION:
      ok = op_decision (db, op, error);
      break;
    case GRM_SESSION_OP_MINUTES_TEXT:
    case GRM_SESSION_OP_SEAL:
      ok = op_minutes (db, op, error);
      break;
    case GRM_SESSION_OP_START:
    case GRM_SESSION_OP_CORRECTION:
    default:
      g_assert_not_reached ();
    }

out:
  if (ok && op->reload && result != NULL)
    {
      *result = grm_session_state_load (db, op->meeting, error);
      ok = *result != NULL;
    }
  return ok;
}

gboolean
grm_session_store_verify_audit (GrmDb   *db,
                                gint64  *n_entries,
                                GError **error)
{
  return grm_session_audit_verify (db, n_entries, error);
}
