/* grm-vote-rule.h: the vote rules as data, and their evaluation.
 *
 * A rule says which share of which base the yes votes must reach. The
 * default table follows the NRW Gemeindeordnung (§ 50); other states load
 * their own table from a key file. Every comparison is done in integers
 * (yes·den ≥ base·num), so no threshold is ever rounded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* yes + no: abstentions and invalid votes do not count (§ 50 Abs. 1). */
  GRM_VOTE_BASE_CAST,
  /* members present and entitled to vote on the item (excluded ones are not). */
  GRM_VOTE_BASE_PRESENT,
  /* the statutory number of members (gesetzliche Mitgliederzahl). */
  GRM_VOTE_BASE_STATUTORY,
} GrmVoteBase;

typedef enum
{
  GRM_VOTE_OUTCOME_NONE,
  GRM_VOTE_OUTCOME_PASSED,
  GRM_VOTE_OUTCOME_REJECTED,
  /* elections */
  GRM_VOTE_OUTCOME_ELECTED,
  GRM_VOTE_OUTCOME_RUNOFF,  /* nobody has the majority: a second ballot */
  GRM_VOTE_OUTCOME_LOT,     /* a tie in the last ballot: decided by lot */
} GrmVoteOutcome;

typedef enum
{
  GRM_VOTE_KIND_UNANIMOUS,
  GRM_VOTE_KIND_COUNTS,
  GRM_VOTE_KIND_NAMED,
  GRM_VOTE_KIND_SECRET,
  GRM_VOTE_KIND_ELECTION,
} GrmVoteKind;

typedef struct
{
  char        *id;           /* stable key stored with every vote */
  char        *name;         /* English; shown through _() */
  GrmVoteBase  base;
  guint        numerator;    /* the share: numerator/denominator of base */
  guint        denominator;
  gboolean     strict;       /* yes·den > base·num (more than) instead of ≥ */
  gboolean     election;     /* for elections: candidate votes, not yes/no */
} GrmVoteRule;

typedef struct
{
  guint yes;
  guint no;
  guint abstain;
  guint invalid;
} GrmVoteCounts;

typedef struct _GrmVoteRuleTable GrmVoteRuleTable;

GrmVoteRuleTable  *grm_vote_rule_table_new_default   (void);
/* Key file: one group per rule id with Name, Base (cast|present|statutory),
 * Numerator, Denominator, Strict (bool), Election (bool, optional). */
GrmVoteRuleTable  *grm_vote_rule_table_new_from_data (const char        *data,
                                                      gsize              length,
                                                      GError           **error);
void               grm_vote_rule_table_free          (GrmVoteRuleTable  *table);
const GrmVoteRule *grm_vote_rule_table_lookup        (GrmVoteRuleTable  *table,
                                                      const char        *id);
/* Borrowed array of the rules in table order. */
GPtrArray         *grm_vote_rule_table_get_rules     (GrmVoteRuleTable  *table);

const char        *grm_vote_base_to_string           (GrmVoteBase        base);
gboolean           grm_vote_base_from_string         (const char        *str,
                                                      GrmVoteBase       *base);
const char        *grm_vote_outcome_to_string        (GrmVoteOutcome     outcome);
GrmVoteOutcome     grm_vote_outcome_from_string      (const char        *str);
/* Translated, for people. */
const char        *grm_vote_outcome_to_label         (GrmVoteOutcome     outcome);
const char        *grm_vote_kind_to_string           (GrmVoteKind        kind);
gboolean           grm_vote_kind_from_string         (const char        *str,
                                                      GrmVoteKind       *kind);
const char        *grm_vote_kind_to_label            (GrmVoteKind        kind);

/* Refuses counts that cannot be right: more votes than members present and
 * entitled (@entitled: present, with voting right, not excluded). */
gboolean           grm_vote_counts_check             (const GrmVoteCounts *counts,
                                                      guint              entitled,
                                                      GError           **error);

/* Evaluates a yes/no vote. @entitled is the number of members present and
 * entitled on this item (excluded members are not); @statutory the
 * statutory number of members. The counts are checked first. */
gboolean           grm_vote_rule_evaluate            (const GrmVoteRule   *rule,
                                                      const GrmVoteCounts *counts,
                                                      guint                entitled,
                                                      guint                statutory,
                                                      GrmVoteOutcome      *outcome,
                                                      GError             **error);

/* Evaluates an election under an election rule: @votes[i] for candidate i;
 * @no the no votes (valid votes in NRW); @abstain and @invalid are not
 * valid. A rule with a share (NRW: more than half of the valid votes)
 * elects the first candidate only when it reaches the share, else the
 * outcome is RUNOFF; a rule with numerator 0 (the runoff) elects whoever has
 * the most votes, and a tie at the top is LOT. *@winner is the index of
 * the elected candidate or -1. */
gboolean           grm_vote_election_evaluate        (const GrmVoteRule  *rule,
                                                      const guint        *votes,
                                                      guint               n_candidates,
                                                      guint               no,
                                                      guint               abstain,
                                                      guint               invalid,
                                                      guint               entitled,
                                                      GrmVoteOutcome     *outcome,
                                                      int                *winner,
                                                      GError            **error);

/* The number of yes votes the rule needs at least (for display: "needs 6").
 * Computed in integers, equivalent to evaluate's comparison. For CAST it
 * depends on the no votes, so @no is passed. */
guint              grm_vote_rule_required_yes        (const GrmVoteRule  *rule,
                                                      guint               no,
                                                      guint               entitled,
                                                      guint               statutory);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmVoteRuleTable, grm_vote_rule_table_free)

G_END_DECLS
