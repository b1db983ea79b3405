/* test-vote-rules.c: table tests of the vote rules and the quorum.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-error.h"
#include "grm-quorum.h"
#include "grm-vote-rule.h"
#include "grm-vote-role.h"

typedef struct
{
  const char     *rule;
  guint           yes, no, abstain, invalid;
  guint           entitled;
  guint           statutory;
  GrmVoteOutcome  expect;
} Case;

static const Case cases[] = {
  /* simple majority: yes > no; ties fail; abstentions/invalid don't count */
  { "simple", 5, 4, 0, 0, 9, 9, GRM_VOTE_OUTCOME_PASSED },
  { "simple", 4, 4, 1, 0, 9, 9, GRM_VOTE_OUTCOME_REJECTED },
  { "simple", 0, 0, 9, 0, 9, 9, GRM_VOTE_OUTCOME_REJECTED },
  { "simple", 1, 0, 8, 0, 9, 9, GRM_VOTE_OUTCOME_PASSED },
  { "simple", 2, 1, 3, 3, 9, 27, GRM_VOTE_OUTCOME_PASSED },
  { "simple", 3, 4, 0, 2, 9, 9, GRM_VOTE_OUTCOME_REJECTED },
  { "simple", 14, 13, 0, 0, 27, 27, GRM_VOTE_OUTCOME_PASSED },
  /* two thirds of the votes cast: yes·3 ≥ (yes+no)·2 */
  { "two-thirds-cast", 6, 3, 0, 0, 9, 9, GRM_VOTE_OUTCOME_PASSED },   /* 6 of 9: exactly 2/3 */
  { "two-thirds-cast", 5, 4, 0, 0, 9, 9, GRM_VOTE_OUTCOME_REJECTED },
  { "two-thirds-cast", 6, 3, 5, 1, 15, 27, GRM_VOTE_OUTCOME_PASSED }, /* abstentions ignored */
  { "two-thirds-cast", 6, 4, 0, 0, 10, 10, GRM_VOTE_OUTCOME_REJECTED }, /* 6 of 10 < 6.67 */
  { "two-thirds-cast", 7, 3, 0, 0, 10, 10, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-cast", 7, 4, 0, 0, 11, 11, GRM_VOTE_OUTCOME_REJECTED }, /* 21 < 22 */
  { "two-thirds-cast", 8, 3, 0, 0, 11, 11, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-cast", 0, 0, 5, 0, 5, 5, GRM_VOTE_OUTCOME_REJECTED },   /* nobody voted yes */
  /* two thirds of the members present */
  { "two-thirds-present", 6, 0, 3, 0, 9, 27, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-present", 5, 0, 4, 0, 9, 27, GRM_VOTE_OUTCOME_REJECTED },
  { "two-thirds-present", 6, 0, 0, 0, 10, 27, GRM_VOTE_OUTCOME_REJECTED },
  { "two-thirds-present", 7, 0, 0, 0, 10, 27, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-present", 7, 1, 0, 0, 11, 27, GRM_VOTE_OUTCOME_REJECTED }, /* 21 < 22 */
  { "two-thirds-present", 8, 0, 0, 0, 11, 27, GRM_VOTE_OUTCOME_PASSED },
  /* two thirds of the statutory members */
  { "two-thirds-statutory", 6, 0, 0, 0, 6, 9, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-statutory", 6, 0, 0, 0, 8, 10, GRM_VOTE_OUTCOME_REJECTED },
  { "two-thirds-statutory", 7, 0, 0, 0, 8, 10, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-statutory", 7, 0, 0, 0, 11, 11, GRM_VOTE_OUTCOME_REJECTED },
  { "two-thirds-statutory", 8, 0, 0, 0, 11, 11, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-statutory", 18, 0, 0, 0, 20, 27, GRM_VOTE_OUTCOME_PASSED },
  { "two-thirds-statutory", 17, 0, 0, 0, 20, 27, GRM_VOTE_OUTCOME_REJECTED },
  /* majority of the statutory members: more than half */
  { "majority-statutory", 14, 0, 0, 0, 20, 27, GRM_VOTE_OUTCOME_PASSED },
  { "majority-statutory", 13, 0, 0, 0, 20, 27, GRM_VOTE_OUTCOME_REJECTED },
  { "majority-statutory", 5, 0, 0, 0, 10, 10, GRM_VOTE_OUTCOME_REJECTED }, /* half is not more */
  { "majority-statutory", 6, 0, 0, 0, 10, 10, GRM_VOTE_OUTCOME_PASSED },
  { "majority-present", 5, 0, 5, 0, 10, 27, GRM_VOTE_OUTCOME_REJECTED },
  { "majority-present", 6, 0, 4, 0, 10, 27, GRM_VOTE_OUTCOME_PASSED },
};

static void
test_rule_table (void)
{
  g_autoptr(GrmVoteRuleTable) table = grm_vote_rule_table_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      const GrmVoteRule *rule = grm_vote_rule_table_lookup (table, c->rule);
      GrmVoteCounts counts = { c->yes, c->no, c->abstain, c->invalid };
      GrmVoteOutcome outcome = GRM_VOTE_OUTCOME_NONE;
      g_autoptr(GError) error = NULL;
      guint need;

      g_test_message ("case %u: %s %u/%u/%u/%u of %u (statutory %u)", i, c->rule, c->yes,
                      c->no, c->abstain, c->invalid, c->entitled, c->statutory);
      g_assert_nonnull (rule);
      g_assert_true (grm_vote_rule_evaluate (rule, &counts, c->entitled, c->statutory,
                                             &outcome, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (grm_vote_outcome_to_string (outcome), ==,
                       grm_vote_outcome_to_string (c->expect));

      /* The displayed threshold agrees with the comparison. */
      need = grm_vote_rule_required_yes (rule, c->no, c->entitled, c->statutory);
      if (c->expect == GRM_VOTE_OUTCOME_PASSED)
        g_assert_cmpuint (c->yes, >=, need);
      else
        g_assert_cmpuint (c->yes, <, need);
    }
}

/* The exact thresholds for two thirds of 9, 10, 11 and 27, by every base. */
static void
test_two_thirds_thresholds (void)
{
  g_autoptr(GrmVoteRuleTable) table = grm_vote_rule_table_new_default ();
  const GrmVoteRule *present = grm_vote_rule_table_lookup (table, "two-thirds-present");
  const GrmVoteRule *statutory = grm_vote_rule_table_lookup (table, "two-thirds-statutory");
  const GrmVoteRule *cast = grm_vote_rule_table_lookup (table, "two-thirds-cast");
  const struct { guint n, need; } t[] = { { 9, 6 }, { 10, 7 }, { 11, 8 }, { 12, 8 }, { 27, 18 },
                                          { 3, 2 }, { 1, 1 } };

  for (guint i = 0; i < G_N_ELEMENTS (t); i++)
    {
      g_assert_cmpuint (grm_vote_rule_required_yes (present, 0, t[i].n, 99), ==, t[i].need);
      g_assert_cmpuint (grm_vote_rule_required_yes (statutory, 0, 0, t[i].n), ==, t[i].need);
      /* all n voted: yes + no = n */
      for (guint yes = 0; yes <= t[i].n; yes++)
        {
          GrmVoteCounts c = { yes, t[i].n - yes, 0, 0 };
          GrmVoteOutcome o;

          g_assert_true (grm_vote_rule_evaluate (cast, &c, t[i].n, t[i].n, &o, NULL));
          g_assert_cmpint (o, ==, yes >= t[i].need ? GRM_VOTE_OUTCOME_PASSED
                                                   : GRM_VOTE_OUTCOME_REJECTED);
        }
    }
}

static void
test_impossible_counts (void)
{
  g_autoptr(GrmVoteRuleTable) table = grm_vote_rule_table_new_default ();
  const GrmVoteRule *simple = grm_vote_rule_table_lookup (table, "simple");
  GrmVoteCounts too_many = { 5, 4, 1, 0 };
  GrmVoteCounts exact = { 5, 4, 0, 0 };
  GrmVoteCounts invalid_counts = { 0, 0, 0, 10 };
  GrmVoteOutcome o;
  g_autoptr(GError) error = NULL;

  g_assert_false (grm_vote_rule_evaluate (simple, &too_many, 9, 27, &o, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID);
  g_assert_nonnull (strstr (error->message, "10 votes"));
  g_clear_error (&error);
  g_assert_true (grm_vote_rule_evaluate (simple, &exact, 9, 27, &o, &error));
  g_assert_no_error (error);
  g_assert_false (grm_vote_rule_evaluate (simple, &invalid_counts, 9, 27, &o, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID);
  g_clear_error (&error);
  /* An election rule cannot judge a yes/no vote. */
  g_assert_false (grm_vote_rule_evaluate (grm_vote_rule_table_lookup (table, "election"),
                                          &exact, 9, 27, &o, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID);
}

static void
test_elections (void)
{
  g_autoptr(GrmVoteRuleTable) table = grm_vote_rule_table_new_default ();
  const GrmVoteRule *first = grm_vote_rule_table_lookup (table, "election");
  const GrmVoteRule *runoff = grm_vote_rule_table_lookup (table, "election-runoff");
  guint a[] = { 10, 8 };
  guint b[] = { 9, 9 };
  guint c[] = { 14, 13 };
  GrmVoteOutcome o;
  int winner;
  g_autoptr(GError) error = NULL;

  /* 10 of 18 + 1 no = 19 valid: 20 > 19 elected */
  g_assert_true (grm_vote_election_evaluate (first, a, 2, 1, 2, 1, 27, &o, &winner, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_ELECTED);
  g_assert_cmpint (winner, ==, 0);
  /* no votes are valid votes: 10 of 20 is not more than half */
  g_assert_true (grm_vote_election_evaluate (first, a, 2, 2, 0, 0, 27, &o, &winner, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_RUNOFF);
  g_assert_cmpint (winner, ==, -1);
  g_assert_true (grm_vote_election_evaluate (runoff, b, 2, 0, 0, 0, 27, &o, &winner, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_LOT);
  g_assert_true (grm_vote_election_evaluate (runoff, c, 2, 0, 0, 0, 27, &o, &winner, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_ELECTED);
  g_assert_cmpint (winner, ==, 0);
  g_assert_false (grm_vote_election_evaluate (runoff, c, 2, 1, 0, 0, 27, &o, &winner, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID);
}

/* A table another state could supply, beside the NRW default: a third of
 * the statutory members, and no second convocation. */
static const char other_quorum_rules[] =
  "[nrw]\nName=More than half of the statutory members\n"
  "Numerator=1\nDenominator=2\nStrict=true\nSecondConvocation=true\n"
  "[one-third]\nName=At least a third of the statutory members\n"
  "Numerator=1\nDenominator=3\nStrict=false\n";

typedef struct
{
  const char *rule;
  guint       statutory, present, excluded;
  gboolean    lack_noted, second_convocation;
  guint       required;
  gboolean    computed, quorate, regardless;
} QuorumCase;

static const QuorumCase quorum_cases[] = {
  /* NRW § 49 Abs. 1: more than half; 27 statutory need 14 */
  { "nrw", 27, 14, 0, FALSE, FALSE, 14, TRUE, TRUE, FALSE },
  { "nrw", 27, 13, 0, FALSE, FALSE, 14, FALSE, TRUE, FALSE },  /* quorate until noted */
  { "nrw", 27, 13, 0, TRUE, FALSE, 14, FALSE, FALSE, FALSE },
  { "nrw", 10, 5, 0, FALSE, FALSE, 6, FALSE, TRUE, FALSE },    /* half is not more than half */
  { "nrw", 10, 6, 0, FALSE, FALSE, 6, TRUE, TRUE, FALSE },
  { "nrw", 27, 14, 1, FALSE, FALSE, 14, FALSE, TRUE, FALSE },  /* § 31: excluded don't count */
  { "nrw", 27, 16, 2, TRUE, FALSE, 14, TRUE, TRUE, FALSE },    /* quorum back: noting lapses */
  /* § 49 Abs. 2: called a second time, quorate whatever the attendance */
  { "nrw", 27, 3, 0, TRUE, TRUE, 14, FALSE, TRUE, TRUE },
  { "nrw", 27, 0, 0, TRUE, TRUE, 14, FALSE, TRUE, TRUE },
  { "nrw", 27, 20, 0, FALSE, TRUE, 14, TRUE, TRUE, TRUE },
  /* another state's rule: at least a third; no second convocation there */
  { "one-third", 27, 9, 0, TRUE, FALSE, 9, TRUE, TRUE, FALSE },
  { "one-third", 27, 8, 0, TRUE, FALSE, 9, FALSE, FALSE, FALSE },
  { "one-third", 28, 9, 0, TRUE, FALSE, 10, FALSE, FALSE, FALSE }, /* ⌈28/3⌉ = 10 */
  { "one-third", 27, 8, 0, TRUE, TRUE, 9, FALSE, FALSE, FALSE },   /* the mark does nothing */
};

static void
test_quorum (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmQuorumRuleTable) table =
    grm_quorum_rule_table_new_from_data (other_quorum_rules, -1, &error);
  g_autoptr(GrmQuorumRuleTable) nrw = grm_quorum_rule_table_new_default ();
  const GrmQuorumRule *def = grm_quorum_rule_default ();

  g_assert_no_error (error);
  /* the default is the NRW rule, as data */
  g_assert_cmpstr (def->id, ==, "nrw");
  g_assert_cmpuint (def->numerator, ==, 1);
  g_assert_cmpuint (def->denominator, ==, 2);
  g_assert_true (def->strict);
  g_assert_true (def->second_convocation);
  g_assert_nonnull (grm_quorum_rule_table_lookup (nrw, "nrw"));
  g_assert_null (grm_quorum_rule_table_lookup (nrw, "one-third"));
  g_assert_cmpuint (grm_quorum_rule_table_get_rules (table)->len, ==, 2);

  for (guint i = 0; i < G_N_ELEMENTS (quorum_cases); i++)
    {
      const QuorumCase *c = &quorum_cases[i];
      const GrmQuorumRule *rule = grm_quorum_rule_table_lookup (table, c->rule);
      GrmQuorum q;

      g_test_message ("quorum case %u: %s, %u statutory, %u present, %u excluded%s%s", i,
                      c->rule, c->statutory, c->present, c->excluded,
                      c->lack_noted ? ", lack noted" : "",
                      c->second_convocation ? ", second convocation" : "");
      g_assert_nonnull (rule);
      grm_quorum_compute (rule, c->statutory, c->present, c->excluded, c->lack_noted,
                          c->second_convocation, &q);
      g_assert_cmpuint (q.present, ==, c->present - c->excluded);
      g_assert_cmpuint (q.required, ==, c->required);
      g_assert_cmpint (q.computed, ==, c->computed);
      g_assert_cmpint (q.quorate, ==, c->quorate);
      g_assert_cmpint (q.regardless, ==, c->regardless);
    }

  /* a broken table is refused with the rule named */
  g_assert_null (grm_quorum_rule_table_new_from_data ("[x]\nName=X\nNumerator=3\n"
                                                      "Denominator=2\nStrict=true\n", -1,
                                                      &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "“x”"));
  g_clear_error (&error);
  g_assert_null (grm_quorum_rule_table_new_from_data ("[x]\nName=X\nNumerator=1\n", -1,
                                                      &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_null (grm_quorum_rule_table_new_from_data ("", -1, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA);
}

/* The states' quorum rules shipped as data (docs/vote-rules.md cites
 * them): where they part is "more than half" (NRW § 49 Abs. 1 GO, NDS § 65
 * Abs. 1 NKomVG) against "at least half" (BW § 37 Abs. 2 GemO), and the
 * second convocation that BW does not know as "regardless". */
static const QuorumCase state_cases[] = {
  /* 20 members, 10 present: half. Quorate in BW, not in NRW or NDS. */
  { "nrw", 20, 10, 0, TRUE, FALSE, 11, FALSE, FALSE, FALSE },
  { "nds", 20, 10, 0, TRUE, FALSE, 11, FALSE, FALSE, FALSE },
  { "bw", 20, 10, 0, TRUE, FALSE, 10, TRUE, TRUE, FALSE },
  { "bw", 20, 9, 0, TRUE, FALSE, 10, FALSE, FALSE, FALSE },
  /* an odd number: at least half of 27 is 14 (⌈13.5⌉), more than half too */
  { "bw", 27, 14, 0, TRUE, FALSE, 14, TRUE, TRUE, FALSE },
  { "nds", 27, 13, 0, TRUE, FALSE, 14, FALSE, FALSE, FALSE },
  /* members excluded for bias are not present and entitled, in any state */
  { "bw", 20, 11, 2, TRUE, FALSE, 10, FALSE, FALSE, FALSE },
  /* NDS § 65 Abs. 1 Satz 3: quorate until the lack is established */
  { "nds", 20, 5, 0, FALSE, FALSE, 11, FALSE, TRUE, FALSE },
  /* NDS § 65 Abs. 2: called a second time, quorate regardless */
  { "nds", 20, 2, 0, TRUE, TRUE, 11, FALSE, TRUE, TRUE },
  /* BW: no such mark (its second session needs three, § 37 Abs. 3) */
  { "bw", 20, 2, 0, TRUE, TRUE, 10, FALSE, FALSE, FALSE },
};

static void
test_state_rules (void)
{
  g_autoptr(GrmQuorumRuleTable) table = grm_quorum_rule_table_new_default ();
  g_autoptr(GrmVoteRuleTable) votes = grm_vote_rule_table_new_default ();
  const GrmVoteRule *simple = grm_vote_rule_table_lookup (votes, "simple");
  GPtrArray *rules = grm_quorum_rule_table_get_rules (table);
  GrmVoteOutcome o;

  /* NRW first (the default), then the other states, each with a name
   * that says which law it follows */
  g_assert_cmpuint (rules->len, ==, 3);
  g_assert_cmpstr (((GrmQuorumRule *) rules->pdata[0])->id, ==, "nrw");
  g_assert_nonnull (strstr (grm_quorum_rule_table_lookup (table, "nrw")->name, "§ 49 GO NRW"));
  g_assert_nonnull (strstr (grm_quorum_rule_table_lookup (table, "nds")->name, "§ 65 NKomVG"));
  g_assert_nonnull (strstr (grm_quorum_rule_table_lookup (table, "bw")->name, "§ 37 GemO"));
  g_assert_null (grm_quorum_rule_table_lookup (table, "by"));  /* not yet: see the docs */

  for (guint i = 0; i < G_N_ELEMENTS (state_cases); i++)
    {
      const QuorumCase *c = &state_cases[i];
      const GrmQuorumRule *rule = grm_quorum_rule_table_lookup (table, c->rule);
      GrmQuorum q;

      g_test_message ("state case %u: %s, %u statutory, %u present, %u excluded", i, c->rule,
                      c->statutory, c->present, c->excluded);
      g_assert_nonnull (rule);
      grm_quorum_compute (rule, c->statutory, c->present, c->excluded, c->lack_noted,
                          c->second_convocation, &q);
      g_assert_cmpuint (q.required, ==, c->required);
      g_assert_cmpint (q.computed, ==, c->computed);
      g_assert_cmpint (q.quorate, ==, c->quorate);
      g_assert_cmpint (q.regardless, ==, c->regardless);
    }

  /* The simple majority of all three (NRW § 50 Abs. 1 GO, NDS § 66 Abs. 1
   * NKomVG, BW § 37 Abs. 6 GemO): yes against no, abstentions left out,
   * and a tie is rejected. */
  g_assert_true (grm_vote_rule_evaluate (simple, &(GrmVoteCounts) { 8, 8, 3, 0 }, 20, 20, &o,
                                         NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_REJECTED);
  g_assert_true (grm_vote_rule_evaluate (simple, &(GrmVoteCounts) { 1, 0, 19, 0 }, 20, 20, &o,
                                         NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_PASSED);
}

/* Excluded members leave the base of "members present" and the check of
 * impossible counts. */
static void
test_exclusions_move_base (void)
{
  g_autoptr(GrmVoteRuleTable) table = grm_vote_rule_table_new_default ();
  const GrmVoteRule *present = grm_vote_rule_table_lookup (table, "two-thirds-present");
  GrmVoteCounts c = { 6, 3, 0, 0 };
  GrmVoteCounts ten = { 7, 3, 0, 0 };
  GrmVoteOutcome o;
  g_autoptr(GError) error = NULL;
  guint present_members = 10, excluded = 1;

  /* 10 present: 6 of 10 is not two thirds */
  g_assert_true (grm_vote_rule_evaluate (present, &c, present_members, 27, &o, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_REJECTED);
  /* one excluded: 6 of 9 is */
  g_assert_true (grm_vote_rule_evaluate (present, &c, present_members - excluded, 27, &o, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_PASSED);
  /* and 10 votes from 9 entitled are refused */
  g_assert_false (grm_vote_rule_evaluate (present, &ten, present_members - excluded, 27, &o,
                                          &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_VOTE_INVALID);
}

static void
test_custom_table (void)
{
  static const char data[] =
    "[three-quarters]\nName=Three quarters\nBase=present\nNumerator=3\nDenominator=4\n"
    "Strict=false\n";
  static const char bad[] = "[x]\nName=X\nBase=everyone\nNumerator=1\nDenominator=2\nStrict=true\n";
  g_autoptr(GrmVoteRuleTable) table = NULL;
  g_autoptr(GError) error = NULL;
  GrmVoteCounts c = { 6, 0, 2, 0 };
  GrmVoteOutcome o;

  table = grm_vote_rule_table_new_from_data (data, -1, &error);
  g_assert_no_error (error);
  g_assert_true (grm_vote_rule_evaluate (grm_vote_rule_table_lookup (table, "three-quarters"),
                                         &c, 8, 8, &o, NULL));
  g_assert_cmpint (o, ==, GRM_VOTE_OUTCOME_PASSED);
  g_assert_null (grm_vote_rule_table_new_from_data (bad, -1, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA);
}

/* Roles as OParl servers write them (the Karlsruhe and Hürtgenwald data),
 * and how the roll reads them. */
static void
test_deputy_roles (void)
{
  static const struct { const char *role; gboolean deputy; } roles[] = {
    { "stellv. Mitglied", TRUE },
    { "Stellv. Mitglied", TRUE },
    { "stellvertretendes Mitglied", TRUE },
    { "Stellvertretendes Mitglied", TRUE },
    { "STELLVERTRETENDES MITGLIED", TRUE },
    { "Stellvertreter", TRUE },
    { "Stellvertreterin", TRUE },
    { "stellvertreter", TRUE },
    { "Vertreter", TRUE },
    { "Vertreterin", TRUE },
    { "vertreter", TRUE },
    { "  Vertreter  ", TRUE },
    { "Persönlicher Vertreter des Sachkundigen Bürgers", TRUE },
    { "Persönliche Vertreterin des Sachkundigen Bürgers", TRUE },
    { "Ersatzmitglied", TRUE },
    /* deputy offices of full members: they vote */
    { "1. stellv. Bürgermeisterin", FALSE },
    { "2. stellv. Bürgermeister", FALSE },
    { "stellvertetender Ausschussvorsitzender", FALSE },   /* sic, as served */
    { "stellvertretende Ausschussvorsitzende", FALSE },
    { "stellv. Fraktionsvorsitzender", FALSE },
    { "Stellvertreter des Vorsitzenden", FALSE },
    /* members */
    { "Mitglied", FALSE },
    { "Ausschussvorsitzender", FALSE },
    { "Sachkundiger Bürger", FALSE },
    { "Sachkundige Bürgerin", FALSE },
    { "Ortsvorsteherin", FALSE },
    { "Sonstiges Mitglied", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_test_message ("role “%s”", roles[i].role ? roles[i].role : "(null)");
      g_assert_cmpint (grm_vote_role_is_deputy (roles[i].role), ==, roles[i].deputy);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live/vote/table", test_rule_table);
  g_test_add_func ("/live/vote/two-thirds", test_two_thirds_thresholds);
  g_test_add_func ("/live/vote/impossible", test_impossible_counts);
  g_test_add_func ("/live/vote/elections", test_elections);
  g_test_add_func ("/live/vote/exclusions", test_exclusions_move_base);
  g_test_add_func ("/live/vote/custom-table", test_custom_table);
  g_test_add_func ("/live/quorum", test_quorum);
  g_test_add_func ("/live/quorum/states", test_state_rules);
  g_test_add_func ("/live/roll/deputy-roles", test_deputy_roles);
  return g_test_run ();
}
