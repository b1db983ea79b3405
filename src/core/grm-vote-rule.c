/* grm-vote-rule.c: the vote rule table and the evaluation of votes.
 *
 * Every threshold is an integer comparison: "two thirds of 9" is
 * yes·3 ≥ 9·2, so 6 yes pass and nothing is ever rounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-vote"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "grm-error.h"
#include "grm-rule-file.h"
#include "grm-vote-rule.h"

struct _GrmVoteRuleTable
{
  GPtrArray *rules;
};

/* The NRW defaults (GO NRW § 50). The names are msgids; the UI shows them
 * through _(). Kept as key file text so that the default table goes through
 * the same parser as a table another state supplies. */
static const char default_rules[] =
  "[simple]\n"
  "Name=Simple majority\n"
  "Base=cast\nNumerator=1\nDenominator=2\nStrict=true\n"
  "[majority-statutory]\n"
  "Name=Majority of the statutory members\n"
  "Base=statutory\nNumerator=1\nDenominator=2\nStrict=true\n"
  "[majority-present]\n"
  "Name=Majority of the members present\n"
  "Base=present\nNumerator=1\nDenominator=2\nStrict=true\n"
  "[two-thirds-cast]\n"
  "Name=Two thirds of the votes cast\n"
  "Base=cast\nNumerator=2\nDenominator=3\nStrict=false\n"
  "[two-thirds-present]\n"
  "Name=Two thirds of the members present\n"
  "Base=present\nNumerator=2\nDenominator=3\nStrict=false\n"
  "[two-thirds-statutory]\n"
  "Name=Two thirds of the statutory members\n"
  "Base=statutory\nNumerator=2\nDenominator=3\nStrict=false\n"
  "[election]\n"
  "Name=Election: more than half of the valid votes\n"
  "Base=cast\nNumerator=1\nDenominator=2\nStrict=true\nElection=true\n"
  "[election-runoff]\n"
  "Name=Runoff: most votes, a tie is decided by lot\n"
  "Base=cast\nNumerator=0\nDenominator=1\nStrict=false\nElection=true\n";

/* So that xgettext sees the default names. */
G_GNUC_UNUSED static const char *default_rule_names[] = {
  N_("Simple majority"),
  N_("Majority of the statutory members"),
  N_("Majority of the members present"),
  N_("Two thirds of the votes cast"),
  N_("Two thirds of the members present"),
  N_("Two thirds of the statutory members"),
  N_("Election: more than half of the valid votes"),
  N_("Runoff: most votes, a tie is decided by lot"),
};

static void
grm_vote_rule_free (gpointer data)
{
  GrmVoteRule *rule = data;

  g_free (rule->id);
  g_free (rule->name);
  g_free (rule);
}

GrmVoteRuleTable *
grm_vote_rule_table_new_default (void)
{
  g_autoptr(GError) error = NULL;
  GrmVoteRuleTable *table;

  table = grm_vote_rule_table_new_from_data (default_rules, sizeof default_rules - 1, &error);
  g_assert_no_error (error);
  return table;
}

static gboolean
add_rule (GrmRuleFileEntry  *entry,
          gpointer           user_data,
          GError           **error)
{
  GrmVoteRule *rule = g_new0 (GrmVoteRule, 1);

  if (!grm_vote_base_from_string (entry->base, &rule->base))
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("Vote rule “%s” has an invalid base or share"), entry->id);
      g_free (rule);
      return FALSE;
    }
  rule->id = g_steal_pointer (&entry->id);
  rule->name = g_steal_pointer (&entry->name);
  rule->numerator = entry->numerator;
  rule->denominator = entry->denominator;
  rule->strict = entry->strict;
  rule->election = entry->flag;
  g_ptr_array_add (user_data, rule);
  return TRUE;
}

GrmVoteRuleTable *
grm_vote_rule_table_new_from_data (const char  *data,
                                   gsize        length,
                                   GError     **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (grm_vote_rule_free);
  GrmVoteRuleTable *table;

  if (!grm_rule_file_load (data, length, GRM_RULE_FILE_VOTE, add_rule, rules, error))
    return NULL;
  table = g_new0 (GrmVoteRuleTable, 1);
  table->rules = g_steal_pointer (&rules);
  return table;
}

void
grm_vote_rule_table_free (GrmVoteRuleTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rules);
  g_free (table);
}

const GrmVoteRule *
grm_vote_rule_table_lookup (GrmVoteRuleTable *table,
                            const char       *id)
{
  g_return_val_if_fail (table != NULL, NULL);

  if (id == NULL)
    return NULL;
  for (guint i = 0; i < table->rules->len; i++)
    {
      const GrmVoteRule *rule = g_ptr_array_index (table->rules, i);

      if (g_str_equal (rule->id, id))
        return rule;
    }
  return NULL;
}

GPtrArray *
grm_vote_rule_table_get_rules (GrmVoteRuleTable *table)
{
  return table->rules;
}

static const char *base_names[] = { "cast", "present", "statutory" };
static const char *outcome_names[] = { "none", "passed", "rejected", "elected", "runoff", "lot" };
static const char *kind_names[] = { "unanimous", "counts", "named", "secret", "election" };

const char *
grm_vote_base_to_string (GrmVoteBase base)
{
  g_return_val_if_fail (base <= GRM_VOTE_BASE_STATUTORY, NULL);
  return base_names[base];
}

gboolean
grm_vote_base_from_string (const char  *str,
                           GrmVoteBase *base)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (base_names); i++)
    if (g_str_equal (str, base_names[i]))
      {
        *base = i;
        return TRUE;
      }
  return FALSE;
}

const char *
grm_vote_outcome_to_string (GrmVoteOutcome outcome)
{
  g_return_val_if_fail (outcome <= GRM_VOTE_OUTCOME_LOT, NULL);
  return outcome_names[outcome];
}

GrmVoteOutcome
grm_vote_outcome_from_string (const char *str)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (outcome_names); i++)
    if (g_str_equal (str, outcome_names[i]))
      return i;
  return GRM_VOTE_OUTCOME_NONE;
}

const char *
grm_vote_outcome_to_label (GrmVoteOutcome outcome)
{
  switch (outcome)
    {
    case GRM_VOTE_OUTCOME_PASSED:
      return _("Passed");
    case GRM_VOTE_OUTCOME_REJECTED:
      return _("Rejected");
    case GRM_VOTE_OUTCOME_ELECTED:
      return _("Elected");
    case GRM_VOTE_OUTCOME_RUNOFF:
      return _("No majority: runoff needed");
    case GRM_VOTE_OUTCOME_LOT:
      return _("Tie: decided by lot");
    case GRM_VOTE_OUTCOME_NONE:
    default:
      return _("No vote");
    }
}

const char *
grm_vote_kind_to_string (GrmVoteKind kind)
{
  g_return_val_if_fail (kind <= GRM_VOTE_KIND_ELECTION, NULL);
  return kind_names[kind];
}

gboolean
grm_vote_kind_from_string (const char  *str,
                           GrmVoteKind *kind)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (str, kind_names[i]))
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

const char *
grm_vote_kind_to_label (GrmVoteKind kind)
{
  switch (kind)
    {
    case GRM_VOTE_KIND_UNANIMOUS:
      return _("Unanimous");
    case GRM_VOTE_KIND_COUNTS:
      return _("Open vote");
    case GRM_VOTE_KIND_NAMED:
      return _("Named vote");
    case GRM_VOTE_KIND_SECRET:
      return _("Secret ballot");
    case GRM_VOTE_KIND_ELECTION:
    default:
      return _("Election");
    }
}

gboolean
grm_vote_counts_check (const GrmVoteCounts *counts,
                       guint                entitled,
                       GError             **error)
{
  guint64 total = (guint64) counts->yes + counts->no + counts->abstain + counts->invalid;

  if (total > entitled)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%" PRIu64 " votes recorded, but only %u member "
                                "present is entitled to vote on this item",
                                "%" PRIu64 " votes recorded, but only %u members "
                                "present are entitled to vote on this item",
                                entitled),
                   total, entitled);
      return FALSE;
    }
  return TRUE;
}

static guint64
rule_base (const GrmVoteRule *rule,
           guint64            cast,
           guint              entitled,
           guint              statutory)
{
  switch (rule->base)
    {
    case GRM_VOTE_BASE_PRESENT:
      return entitled;
    case GRM_VOTE_BASE_STATUTORY:
      return statutory;
    case GRM_VOTE_BASE_CAST:
    default:
      return cast;
    }
}

/* yes·den ≥ base·num, or > when strict. */
static gboolean
reaches_share (const GrmVoteRule *rule,
               guint64            votes,
               guint64            base)
{
  guint64 lhs = votes * rule->denominator;
  guint64 rhs = base * rule->numerator;

  return rule->strict ? lhs > rhs : lhs >= rhs;
}

gboolean
grm_vote_rule_evaluate (const GrmVoteRule   *rule,
                        const GrmVoteCounts *counts,
                        guint                entitled,
                        guint                statutory,
                        GrmVoteOutcome      *outcome,
                        GError             **error)
{
  guint64 base;

  g_return_val_if_fail (rule != NULL && counts != NULL && outcome != NULL, FALSE);

  if (rule->election)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("“%s” is a rule for elections, not for a yes/no vote"), _(rule->name));
      return FALSE;
    }
  if (!grm_vote_counts_check (counts, entitled, error))
    return FALSE;

  base = rule_base (rule, (guint64) counts->yes + counts->no, entitled, statutory);
  /* A proposal nobody voted for never passes, whatever the share: this
   * matters for "two thirds of the votes cast" when nobody voted. */
  if (counts->yes > 0 && reaches_share (rule, counts->yes, base))
    *outcome = GRM_VOTE_OUTCOME_PASSED;
  else
    *outcome = GRM_VOTE_OUTCOME_REJECTED;
  return TRUE;
}

gboolean
grm_vote_election_evaluate (const GrmVoteRule  *rule,
                            const guint        *votes,
                            guint               n_candidates,
                            guint               no,
                            guint               abstain,
                            guint               invalid,
                            guint               entitled,
                            GrmVoteOutcome     *outcome,
                            int                *winner,
                            GError            **error)
{
  guint64 valid = no;
  guint64 total;
  int top = -1;
  guint n_top = 0;

  g_return_val_if_fail (rule != NULL && outcome != NULL && winner != NULL, FALSE);

  *winner = -1;
  if (!rule->election)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("“%s” is not a rule for elections"), _(rule->name));
      return FALSE;
    }
  if (n_candidates == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                           _("An election needs at least one candidate"));
      return FALSE;
    }

  for (guint i = 0; i < n_candidates; i++)
    {
      valid += votes[i];
      if (top < 0 || votes[i] > votes[top])
        {
          top = i;
          n_top = 1;
        }
      else if (votes[i] == votes[top])
        n_top++;
    }
  total = valid + abstain + invalid;
  if (total > entitled)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID,
                   _("%" PRIu64 " ballots recorded, but only %u members present "
                     "are entitled to vote"),
                   total, entitled);
      return FALSE;
    }

  if (votes[top] == 0)
    *outcome = rule->numerator == 0 ? GRM_VOTE_OUTCOME_LOT : GRM_VOTE_OUTCOME_RUNOFF;
  else if (rule->numerator == 0)
    *outcome = n_top > 1 ? GRM_VOTE_OUTCOME_LOT : GRM_VOTE_OUTCOME_ELECTED;
  else if (n_top == 1 && reaches_share (rule, votes[top], valid))
    *outcome = GRM_VOTE_OUTCOME_ELECTED;
  else
    *outcome = GRM_VOTE_OUTCOME_RUNOFF;

  if (*outcome == GRM_VOTE_OUTCOME_ELECTED)
    *winner = top;
  return TRUE;
}

guint
grm_vote_rule_required_yes (const GrmVoteRule *rule,
                            guint              no,
                            guint              entitled,
                            guint              statutory)
{
  guint64 num = rule->numerator, den = rule->denominator;
  guint64 need;

  if (rule->base == GRM_VOTE_BASE_CAST)
    {
      /* yes·den ≥ (yes + no)·num  ⇔  yes·(den − num) ≥ no·num */
      guint64 d = den - num;
      guint64 rhs = (guint64) no * num;

      if (d == 0)
        return no == 0 ? 1 : G_MAXUINT;
      need = rule->strict ? rhs / d + 1 : (rhs + d - 1) / d;
    }
  else
    {
      guint64 rhs = rule_base (rule, 0, entitled, statutory) * num;

      need = rule->strict ? rhs / den + 1 : (rhs + den - 1) / den;
    }
  return MAX (need, 1);
}
