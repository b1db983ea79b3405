/* grm-session-store-vote.c: recording votes.
 *
 * A vote is opened, filled (counts, or a choice per member in a named vote,
 * each key press its own durable write) and closed. Closing freezes a
 * snapshot: who was eligible, the counts, the rule as applied and the
 * result. A closed vote never changes; a correction is a new closed vote
 * that points at the one it corrects, with who, when and why.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-vote"

#include <glib/gi18n-lib.h>

#include "grm-audit.h"
#include "grm-error.h"
#include "grm-session-store-private.h"

gboolean
grm_session_find_vote (GrmSessionState  *state,
           gint64            vid,
           GrmSessionItem  **item_out,
           GrmSessionVote  **vote_out,
           GError          **error)
{
  for (guint k = 0; k < state->items->len; k++)
    {
      GrmSessionItem *item = g_ptr_array_index (state->items, k);

      for (guint j = 0; j < item->votes->len; j++)
        {
          GrmSessionVote *v = g_ptr_array_index (item->votes, j);

          if (v->vid == vid)
            {
              *item_out = item;
              *vote_out = v;
              return TRUE;
            }
        }
    }
  g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND, _("This vote does not exist"));
  return FALSE;
}

static gboolean
check_quorum (GrmDb        *db,
              const char   *meeting,
              const char   *item,
              GError      **error)
{
  GrmQuorum q;

  if (!grm_session_quorum_now (db, meeting, item, &q, error))
    return FALSE;
  if (!q.quorate)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("The lack of quorum has been noted: %u members present, %u needed. "
                     "No vote can be taken."),
                   q.present, q.required);
      return FALSE;
    }
  return TRUE;
}

static const GrmVoteRule *
lookup_rule (const char   *id,
             GrmVoteKind   kind,
             GError      **error)
{
  const GrmVoteRule *rule = grm_vote_rule_table_lookup (grm_session_store_get_rules (), id);

  if (rule == NULL)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID, _("Unknown vote rule “%s”"),
                   id ? id : "");
      return NULL;
    }
  if (rule->election != (kind == GRM_VOTE_KIND_ELECTION))
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   kind == GRM_VOTE_KIND_ELECTION
                     ? _("An election needs an election rule, not “%s”")
                     : _("“%s” is a rule for elections"),
                   _(rule->name));
      return NULL;
    }
  return rule;
}

gboolean
grm_session_vote_begin (GrmDb         *db,
                        GrmSessionOp  *op,
                        GError       **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  sqlite3_stmt *stmt;
  gint64 known = 0, open = 0;
  int rc;

  if (op->rule == NULL && op->vote_kind == GRM_VOTE_KIND_ELECTION)
    op->rule = g_strdup ("election");
  if (op->rule == NULL)
    {
      stmt = grm_session_prepare (db, error, "SELECT default_rule FROM session "
                                             "WHERE meeting = ?1", op->meeting, NULL);
      if (stmt == NULL)
        return FALSE;
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        op->rule = grm_db_column_dup (stmt, 0);
      sqlite3_reset (stmt);
      if (op->rule == NULL)
        op->rule = g_strdup ("simple");
    }
  /* The item belongs to the meeting (as the snapshot reads the agenda), and
   * no vote on it is still open. */
  stmt = grm_session_prepare (db, error,
                              "SELECT (SELECT count(*) FROM agenda_item a JOIN object o "
                              "  ON o.oid = a.oid WHERE o.id = ?2 AND o.deleted = 0 "
                              "  AND (a.meeting = ?1 OR (a.meeting IS NULL AND o.parent = ?1))), "
                              " (SELECT count(*) FROM vote WHERE meeting = ?1 "
                              "  AND agenda_item = ?2 AND closed IS NULL)",
                              op->meeting, op->item ? op->item : "", NULL);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      known = sqlite3_column_int64 (stmt, 0);
      open = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);
  if (known == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                           _("This agenda item does not belong to the meeting"));
      return FALSE;
    }
  if (open > 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_CONFLICT,
                           _("A vote on this item is still open: close it first"));
      return FALSE;
    }
  if (lookup_rule (op->rule, op->vote_kind, error) == NULL ||
      !check_quorum (db, op->meeting, op->item, error))
    return FALSE;

  stmt = grm_session_prepare (db, error,
                              "INSERT INTO vote (meeting, agenda_item, kind, rule, actor, recorded) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              op->meeting, op->item, grm_vote_kind_to_string (op->vote_kind),
                              op->rule, NULL);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 5, op->actor);
  sqlite3_bind_int64 (stmt, 6, grm_session_now ());
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  op->vid = grm_db_last_insert_rowid (db);

  b = grm_session_payload (op);
  json_builder_set_member_name (b, "vid");
  json_builder_add_int_value (b, op->vid);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, grm_vote_kind_to_string (op->vote_kind));
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, op->rule);
  return grm_session_audit (db, op, "vote.begin", b, error);
}

/* Sums the candidates' votes; FALSE on malformed JSON. */
gboolean
grm_session_candidate_votes (const char  *json,
                 GArray      *votes,
                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (json == NULL)
    return TRUE;
  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);
      gint64 n;

      if (o == NULL || !json_object_has_member (o, "name"))
        goto bad;
      n = json_object_get_int_member_with_default (o, "votes", 0);
      if (n < 0 || n > G_MAXINT)
        goto bad;
      g_array_append_vals (votes, &(guint) { n }, 1);
    }
  return TRUE;

bad:
  g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                       _("The list of candidates is malformed"));
  return FALSE;
}

gboolean
grm_session_check_counts (GrmSessionOp  *op,
              guint          entitled,
              GError       **error)
{
  g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (guint));
  GrmVoteCounts c = op->counts;

  if (!grm_session_candidate_votes (op->candidates, votes, error))
    return FALSE;
  for (guint k = 0; k < votes->len; k++)
    c.yes += g_array_index (votes, guint, k);
  return grm_vote_counts_check (&c, entitled, error);
}

gboolean
grm_session_vote_counts (GrmDb         *db,
                         GrmSessionOp  *op,
                         GError       **error)
{
  g_auto(GrmSessionVoteRow) vote = { 0 };
  g_autoptr(JsonBuilder) b = NULL;
  sqlite3_stmt *stmt;
  guint entitled;

  if (!grm_session_vote_row (db, op->meeting, op->vid, &vote, error))
    return FALSE;
  if (vote.closed != 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("This vote is closed; record a correction instead"));
      return FALSE;
    }
  if (vote.kind == GRM_VOTE_KIND_NAMED || vote.kind == GRM_VOTE_KIND_UNANIMOUS)
    return TRUE; /* their counts come from the casts or from the roll */
  if (op->kind == GRM_SESSION_OP_VOTE_ADD)
    {
      /* A key press adds to what is recorded, not to what the screen
       * showed: presses faster than the screen are all counted. */
      op->counts.yes += vote.counts.yes;
      op->counts.no += vote.counts.no;
      op->counts.abstain += vote.counts.abstain;
      op->counts.invalid += vote.counts.invalid;
      if (op->candidates == NULL)
        op->candidates = g_strdup (vote.candidates);
    }
  if (!grm_session_count_entitled (db, op->meeting, vote.item, &entitled, error) ||
      !grm_session_check_counts (op, entitled, error))
    return FALSE;

  stmt = grm_session_prepare (db, error, "UPDATE vote SET yes = ?2, no = ?3, abstain = ?4, "
                                         "invalid = ?5, candidates = ?6 WHERE vid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->vid);
  sqlite3_bind_int (stmt, 2, op->counts.yes);
  sqlite3_bind_int (stmt, 3, op->counts.no);
  sqlite3_bind_int (stmt, 4, op->counts.abstain);
  sqlite3_bind_int (stmt, 5, op->counts.invalid);
  grm_db_bind_text (stmt, 6, op->candidates);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  b = grm_session_payload (op);
  json_builder_set_member_name (b, "vid");
  json_builder_add_int_value (b, op->vid);
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, op->counts.yes);
  json_builder_add_int_value (b, op->counts.no);
  json_builder_add_int_value (b, op->counts.abstain);
  json_builder_add_int_value (b, op->counts.invalid);
  json_builder_end_array (b);
  if (op->candidates != NULL)
    {
      json_builder_set_member_name (b, "candidates");
      json_builder_add_value (b, json_from_string (op->candidates, NULL));
    }
  return grm_session_audit (db, op, "vote.counts", b, error);
}

gboolean
grm_session_vote_cast (GrmDb         *db,
                       GrmSessionOp  *op,
                       GError       **error)
{
  g_auto(GrmSessionVoteRow) vote = { 0 };
  g_autoptr(JsonBuilder) b = NULL;
  g_autofree char *name = NULL;
  gboolean entitled = FALSE;
  sqlite3_stmt *stmt;

  if (!grm_session_vote_row (db, op->meeting, op->vid, &vote, error))
    return FALSE;
  if (vote.kind != GRM_VOTE_KIND_NAMED || vote.closed != 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("Choices per member are recorded only in an open named vote"));
      return FALSE;
    }
  if (g_strcmp0 (op->text, "yes") != 0 && g_strcmp0 (op->text, "no") != 0 &&
      g_strcmp0 (op->text, "abstain") != 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("A member votes yes, no or abstains"));
      return FALSE;
    }
  if (!grm_session_person_entitled (db, op->meeting, vote.item, op->person, &entitled, &name,
                                    error))
    return FALSE;
  if (!entitled)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("%s is not entitled to vote on this item (absent, without a vote or "
                     "excluded)"),
                   name ? name : "?");
      return FALSE;
    }

  stmt = grm_session_prepare (db, error, "INSERT OR REPLACE INTO vote_cast (vid, person, choice) "
                                         "VALUES (?1, ?2, ?3)", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->vid);
  grm_db_bind_text (stmt, 2, op->person);
  grm_db_bind_text (stmt, 3, op->text);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  stmt = grm_session_prepare (db, error,
    "UPDATE vote SET "
    " yes = (SELECT count(*) FROM vote_cast WHERE vid = ?1 AND choice = 'yes'), "
    " no = (SELECT count(*) FROM vote_cast WHERE vid = ?1 AND choice = 'no'), "
    " abstain = (SELECT count(*) FROM vote_cast WHERE vid = ?1 AND choice = 'abstain') "
    "WHERE vid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->vid);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  b = grm_session_payload (op);
  json_builder_set_member_name (b, "vid");
  json_builder_add_int_value (b, op->vid);
  json_builder_set_member_name (b, "choice");
  json_builder_add_string_value (b, op->text);
  return grm_session_audit (db, op, "vote.cast", b, error);
}

static JsonNode *
rule_to_json (const GrmVoteRule *rule)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, rule->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, rule->name);
  json_builder_set_member_name (b, "base");
  json_builder_add_string_value (b, grm_vote_base_to_string (rule->base));
  json_builder_set_member_name (b, "numerator");
  json_builder_add_int_value (b, rule->numerator);
  json_builder_set_member_name (b, "denominator");
  json_builder_add_int_value (b, rule->denominator);
  json_builder_set_member_name (b, "strict");
  json_builder_add_boolean_value (b, rule->strict);
  json_builder_set_member_name (b, "election");
  json_builder_add_boolean_value (b, rule->election);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

gboolean
grm_session_rule_from_json (const char  *json,
                GrmVoteRule *rule)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;
  JsonObject *o;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  o = json_node_get_object (node);
  rule->id = g_strdup (json_object_get_string_member_with_default (o, "id", ""));
  rule->name = g_strdup (json_object_get_string_member_with_default (o, "name", ""));
  rule->numerator = json_object_get_int_member_with_default (o, "numerator", 1);
  rule->denominator = json_object_get_int_member_with_default (o, "denominator", 2);
  rule->strict = json_object_get_boolean_member_with_default (o, "strict", TRUE);
  rule->election = json_object_get_boolean_member_with_default (o, "election", FALSE);
  return grm_vote_base_from_string (json_object_get_string_member_with_default (o, "base", ""),
                                    &rule->base) && rule->denominator > 0;
}

/* Evaluates @counts (and the candidates) under @rule, fills the outcome
 * and the winner's name. */
static gboolean
evaluate (const GrmVoteRule    *rule,
          GrmVoteKind           kind,
          const GrmVoteCounts  *counts,
          const char           *candidates,
          guint                 entitled,
          guint                 statutory,
          GrmVoteOutcome       *outcome,
          char                **winner,
          GError              **error)
{
  g_autoptr(GArray) votes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(JsonNode) node = NULL;
  int w = -1;

  *winner = NULL;
  if (kind != GRM_VOTE_KIND_ELECTION)
    return grm_vote_rule_evaluate (rule, counts, entitled, statutory, outcome, error);

  if (!grm_session_candidate_votes (candidates, votes, error) ||
      !grm_vote_election_evaluate (rule, (guint *) votes->data, votes->len, counts->no,
                                   counts->abstain, counts->invalid, entitled, outcome, &w,
                                   error))
    return FALSE;
  if (w >= 0 && (node = json_from_string (candidates, NULL)) != NULL)
    *winner = g_strdup (json_object_get_string_member (
                          json_array_get_object_element (json_node_get_array (node), w), "name"));
  return TRUE;
}

static char *
result_text (GrmVoteKind           kind,
             GrmVoteOutcome        outcome,
             const GrmVoteCounts  *c,
             const char           *winner)
{
  if (kind == GRM_VOTE_KIND_ELECTION)
    return winner ? g_strdup_printf (_("Elected: %s"), winner)
                  : g_strdup (grm_vote_outcome_to_label (outcome));
  if (kind == GRM_VOTE_KIND_UNANIMOUS)
    return g_strdup_printf (_("%s unanimously"), grm_vote_outcome_to_label (outcome));
  return g_strdup_printf (_("%s (yes %u, no %u, abstentions %u)"),
                          grm_vote_outcome_to_label (outcome), c->yes, c->no, c->abstain);
}

gboolean
grm_session_freeze (GrmDb               *db,
                    GrmSessionOp        *op,
                    const char          *action,
                    gint64               vid,
                    const char          *item,
                    GrmVoteKind          kind,
                    const GrmVoteRule   *rule,
                    const GrmVoteCounts *c,
                    const char          *candidates,
                    guint                entitled,
                    guint                statutory,
                    const char          *eligible,
                    const char          *was,
                    GError             **error)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) rule_node = rule_to_json (rule);
  g_autofree char *rule_def = grm_audit_canonical_json (rule_node);
  g_autofree char *winner = NULL;
  g_autofree char *summary = NULL;
  GrmVoteOutcome outcome;
  sqlite3_stmt *stmt;

  if (!evaluate (rule, kind, c, candidates, entitled, statutory, &outcome, &winner, error))
    return FALSE;

  stmt = grm_session_prepare (db, error,
    "UPDATE vote SET yes = ?2, no = ?3, abstain = ?4, invalid = ?5, candidates = ?6, "
    " winner = ?7, result = ?8, entitled = ?9, statutory = ?10, eligible = ?11, "
    " rule_def = ?12, closed = ?13 WHERE vid = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, vid);
  sqlite3_bind_int (stmt, 2, c->yes);
  sqlite3_bind_int (stmt, 3, c->no);
  sqlite3_bind_int (stmt, 4, c->abstain);
  sqlite3_bind_int (stmt, 5, c->invalid);
  grm_db_bind_text (stmt, 6, candidates);
  grm_db_bind_text (stmt, 7, winner);
  grm_db_bind_text (stmt, 8, grm_vote_outcome_to_string (outcome));
  sqlite3_bind_int (stmt, 9, entitled);
  sqlite3_bind_int (stmt, 10, statutory);
  grm_db_bind_text (stmt, 11, eligible);
  grm_db_bind_text (stmt, 12, rule_def);
  sqlite3_bind_int64 (stmt, 13, grm_session_now ());
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  summary = result_text (kind, outcome, c, winner);
  stmt = grm_session_prepare (db, error, "UPDATE agenda_item SET result = ?2 WHERE oid = "
                                         "(SELECT oid FROM object WHERE id = ?1)",
                              item, summary, NULL);
  if (stmt == NULL || !grm_db_step_done (db, stmt, error))
    return FALSE;

  b = grm_session_payload (op);
  json_builder_set_member_name (b, "vid");
  json_builder_add_int_value (b, vid);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, grm_vote_kind_to_string (kind));
  json_builder_set_member_name (b, "rule");
  json_builder_add_value (b, g_steal_pointer (&rule_node));
  json_builder_set_member_name (b, "counts");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, c->yes);
  json_builder_add_int_value (b, c->no);
  json_builder_add_int_value (b, c->abstain);
  json_builder_add_int_value (b, c->invalid);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "entitled");
  json_builder_add_int_value (b, entitled);
  json_builder_set_member_name (b, "statutory");
  json_builder_add_int_value (b, statutory);
  json_builder_set_member_name (b, "eligible");
  json_builder_add_value (b, json_from_string (eligible, NULL));
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, grm_vote_outcome_to_string (outcome));
  if (candidates != NULL)
    {
      json_builder_set_member_name (b, "candidates");
      json_builder_add_value (b, json_from_string (candidates, NULL));
    }
  if (op->text != NULL && (op->kind == GRM_SESSION_OP_VOTE_CORRECT ||
                           op->kind == GRM_SESSION_OP_CAST_CORRECT))
    {
      json_builder_set_member_name (b, "reason");
      json_builder_add_string_value (b, op->text);
    }
  if (op->kind == GRM_SESSION_OP_CAST_CORRECT)
    {
      /* Whose choice changed, from what to what ("none": did not vote). */
      json_builder_set_member_name (b, "choice");
      json_builder_add_string_value (b, op->text2);
      json_builder_set_member_name (b, "was");
      json_builder_add_string_value (b, was ? was : "none");
    }
  return grm_session_audit (db, op, action, b, error);
}

/* The candidates as recorded, rebuilt as [{name, votes}] in canonical JSON
 * (what the snapshot reads back); NULL when there are none. */
static char *
canonical_candidates (const char *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  guint n = 0;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  json_builder_begin_array (b);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);

      if (o == NULL)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, json_object_get_string_member_with_default (o, "name",
                                                                                    ""));
      json_builder_set_member_name (b, "votes");
      json_builder_add_int_value (b, json_object_get_int_member_with_default (o, "votes", 0));
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return n > 0 ? grm_audit_canonical_json (root) : NULL;
}

gboolean
grm_session_vote_close (GrmDb         *db,
                        GrmSessionOp  *op,
                        GError       **error)
{
  g_auto(GrmSessionVoteRow) vote = { 0 };
  g_autofree char *eligible = NULL;
  g_autofree char *candidates = NULL;
  const GrmVoteRule *rule;
  sqlite3_stmt *stmt;
  guint entitled, statutory = 0;
  GrmVoteCounts c;

  if (!grm_session_vote_row (db, op->meeting, op->vid, &vote, error))
    return FALSE;
  if (vote.closed != 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("This vote is already closed"));
      return FALSE;
    }
  rule = lookup_rule (vote.rule, vote.kind, error);
  if (rule == NULL || !check_quorum (db, op->meeting, vote.item, error) ||
      !grm_session_count_entitled (db, op->meeting, vote.item, &entitled, error))
    return FALSE;
  stmt = grm_session_prepare (db, error, "SELECT statutory_members FROM session "
                                         "WHERE meeting = ?1", op->meeting, NULL);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    statutory = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  c = vote.counts;
  if (vote.kind == GRM_VOTE_KIND_UNANIMOUS)
    c = (GrmVoteCounts) { entitled, 0, 0, 0 };
  if (vote.kind == GRM_VOTE_KIND_ELECTION)
    candidates = canonical_candidates (vote.candidates);
  eligible = grm_session_eligible_json (db, op->meeting, vote.item, error);
  if (eligible == NULL)
    return FALSE;
  return grm_session_freeze (db, op, "vote.close", op->vid, vote.item, vote.kind, rule, &c,
                             candidates, entitled, statutory, eligible, NULL, error);
}
