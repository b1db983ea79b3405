/* grm-session-store-correct.c: corrections of closed votes.
 *
 * A closed vote never changes. A correction is a new closed vote that
 * points at the one it corrects (corrects = its vid), with who, when and
 * why, judged by the rule and the roll frozen with the corrected vote: the
 * counts of an open vote or a secret ballot, or in a named vote the choice
 * of one member (the other members' choices are carried over).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-vote"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-session-store-private.h"

/* The vote to correct: closed, in force, with a reason given; its frozen
 * rule in @rule (the caller frees id and name). */
static gboolean
correctable (GrmDb            *db,
             GrmSessionOp     *op,
             GrmSessionState  *state,
             GrmSessionItem  **item,
             GrmSessionVote  **old,
             GrmVoteRule      *rule,
             GError          **error)
{
  g_autofree char *rule_def = NULL;
  sqlite3_stmt *stmt;

  if (state == NULL || !grm_session_find_vote (state, op->vid, item, old, error))
    return FALSE;
  if ((*old)->closed == 0 || (*item)->vote != *old)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("Only the closed vote in force can be corrected"));
      return FALSE;
    }
  if (op->text == NULL || *g_strstrip (op->text) == '\0')
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("A correction needs a reason"));
      return FALSE;
    }
  stmt = grm_session_prepare (db, error, "SELECT rule_def FROM vote WHERE vid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->vid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rule_def = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (!grm_session_rule_from_json (rule_def, rule))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_DATABASE_CORRUPT,
                           _("The rule frozen with this vote cannot be read"));
      return FALSE;
    }
  return TRUE;
}

/* Inserts the correcting vote row (still open, so that its choices can be
 * written); sets op->vid to it. */
static gboolean
insert_correction (GrmDb           *db,
                   GrmSessionOp    *op,
                   GrmSessionItem  *item,
                   GrmSessionVote  *old,
                   GrmVoteKind      kind,
                   GError         **error)
{
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error,
                              "INSERT INTO vote (meeting, agenda_item, kind, rule, corrects, "
                              " reason, actor, recorded) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              op->meeting, item->id, grm_vote_kind_to_string (kind), old->rule,
                              NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 5, old->vid);
  grm_db_bind_text (stmt, 6, op->text);
  grm_db_bind_text (stmt, 7, op->actor);
  sqlite3_bind_int64 (stmt, 8, grm_session_now ());
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  op->vid = grm_db_last_insert_rowid (db);
  return TRUE;
}

gboolean
grm_session_vote_correct (GrmDb         *db,
                          GrmSessionOp  *op,
                          GError       **error)
{
  g_autoptr(GrmSessionState) state = grm_session_state_load (db, op->meeting, error);
  GrmVoteRule rule = { 0 };
  GrmSessionItem *item;
  GrmSessionVote *old;
  GrmVoteKind kind;
  gboolean ok;

  ok = correctable (db, op, state, &item, &old, &rule, error);
  if (ok && old->kind == GRM_VOTE_KIND_NAMED)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("In a named vote, correct the choice of a member; the counts "
                             "follow from the choices"));
      ok = FALSE;
    }
  if (ok)
    {
      /* A unanimous vote corrected becomes an open vote with counts. */
      kind = old->kind == GRM_VOTE_KIND_UNANIMOUS ? GRM_VOTE_KIND_COUNTS : old->kind;
      if (old->kind == GRM_VOTE_KIND_UNANIMOUS)
        op->counts.invalid = 0;
      ok = grm_session_check_counts (op, old->entitled, error) &&
           insert_correction (db, op, item, old, kind, error) &&
           grm_session_freeze (db, op, "vote.correct", op->vid, item->id, kind, &rule,
                               &op->counts, op->candidates, old->entitled, old->statutory,
                               old->eligible, NULL, error);
    }
  g_free (rule.id);
  g_free (rule.name);
  return ok;
}

/* Whether @person is in the eligible list frozen with a vote. */
static gboolean
was_eligible (const char *eligible,
              const char *person)
{
  g_autoptr(JsonNode) node = eligible ? json_from_string (eligible, NULL) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || person == NULL)
    return FALSE;
  array = json_node_get_array (node);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);

      if (o != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (o, "person", NULL),
                     person) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
grm_session_vote_cast_correct (GrmDb         *db,
                               GrmSessionOp  *op,
                               GError       **error)
{
  g_autoptr(GrmSessionState) state = grm_session_state_load (db, op->meeting, error);
  g_autofree char *was = NULL;
  GrmVoteRule rule = { 0 };
  GrmVoteCounts c = { 0 };
  GrmSessionItem *item;
  GrmSessionVote *old;
  sqlite3_stmt *stmt = NULL;
  gint64 old_vid = op->vid;
  gboolean ok;

  ok = correctable (db, op, state, &item, &old, &rule, error);
  if (ok && old->kind != GRM_VOTE_KIND_NAMED)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("Only a named vote records the choice of each member"));
      ok = FALSE;
    }
  if (ok && g_strcmp0 (op->text2, "yes") != 0 && g_strcmp0 (op->text2, "no") != 0 &&
      g_strcmp0 (op->text2, "abstain") != 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("A member votes yes, no or abstains"));
      ok = FALSE;
    }
  if (ok && !was_eligible (old->eligible, op->person))
    {
      GrmSessionMember *m = grm_session_state_find_member (state, op->person);

      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("%s was not entitled to vote on this item when the vote was taken"),
                   m ? m->name : op->person ? op->person : "?");
      ok = FALSE;
    }
  if (ok)
    {
      was = g_strdup (g_hash_table_lookup (old->casts, op->person));
      if (g_strcmp0 (was, op->text2) == 0)
        {
          g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                               _("This choice is already recorded"));
          ok = FALSE;
        }
    }
  /* The new record carries every other member's choice over unchanged. */
  ok = ok && insert_correction (db, op, item, old, GRM_VOTE_KIND_NAMED, error) &&
       (stmt = grm_session_prepare (db, error,
                                    "INSERT INTO vote_cast (vid, person, choice) "
                                    "SELECT ?1, person, choice FROM vote_cast "
                                    "WHERE vid = ?2 AND person != ?3 "
                                    "UNION ALL SELECT ?1, ?3, ?4", NULL)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, op->vid);
      sqlite3_bind_int64 (stmt, 2, old_vid);
      grm_db_bind_text (stmt, 3, op->person);
      grm_db_bind_text (stmt, 4, op->text2);
      ok = grm_db_step_done (db, stmt, error);
    }
  if (ok)
    {
      GHashTableIter iter;
      gpointer key, choice;

      /* The counts follow from the choices, as in the vote itself. */
      g_hash_table_replace (old->casts, g_strdup (op->person), g_strdup (op->text2));
      g_hash_table_iter_init (&iter, old->casts);
      while (g_hash_table_iter_next (&iter, &key, &choice))
        {
          if (g_str_equal (choice, "yes"))
            c.yes++;
          else if (g_str_equal (choice, "no"))
            c.no++;
          else
            c.abstain++;
        }
      ok = grm_session_freeze (db, op, "vote.correct", op->vid, item->id, GRM_VOTE_KIND_NAMED,
                               &rule, &c, NULL, old->entitled, old->statutory, old->eligible,
                               was, error);
    }
  g_free (rule.id);
  g_free (rule.name);
  return ok;
}
