/* grm-quorum.h: whether the body has a quorum (Beschlussfähigkeit), by
 * rules that are data.
 *
 * NRW § 49 Abs. 1: more than half of the statutory members present.
 * Members excluded for bias on an item (§ 31) count neither as present nor
 * as voters on that item. The body counts as quorate until the lack of
 * quorum is formally noted; that event is recorded, and only then does the
 * lack of quorum stop votes.
 *
 * NRW § 49 Abs. 2: an item postponed for lack of quorum and put before the
 * body a second time (the second invitation says so) is dealt with
 * regardless of how many are present. The secretary marks such an item; a
 * rule table says whether its state knows this provision.
 *
 * Other states supply their own table as a key file:
 *
 *   [one-third]
 *   Name=At least a third of the statutory members
 *   Numerator=1
 *   Denominator=3
 *   Strict=false               # true: "more than", false: "at least"
 *   SecondConvocation=false    # optional, default false
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *id;
  char     *name;                /* English msgid, shown through _() */
  guint     numerator;           /* share of the statutory members: 1/2 in NRW */
  guint     denominator;
  gboolean  strict;              /* present·den > statutory·num ("more than") */
  gboolean  second_convocation;  /* an item called again is quorate regardless */
} GrmQuorumRule;

typedef struct
{
  guint    statutory;     /* statutory number of members */
  guint    present;       /* present with voting right, minus the excluded */
  guint    required;      /* the least number present that makes a quorum */
  gboolean computed;      /* present reaches the quorum */
  gboolean lack_noted;    /* the lack of quorum was formally noted */
  gboolean regardless;    /* second convocation: quorate whatever the attendance */
  gboolean quorate;       /* what counts: quorate unless the lack was noted */
} GrmQuorum;

typedef struct _GrmQuorumRuleTable GrmQuorumRuleTable;

GrmQuorumRuleTable  *grm_quorum_rule_table_new_default   (void);
GrmQuorumRuleTable  *grm_quorum_rule_table_new_from_data (const char          *data,
                                                          gsize                length,
                                                          GError             **error);
void                 grm_quorum_rule_table_free          (GrmQuorumRuleTable  *table);
/* NULL when there is no rule @id. */
const GrmQuorumRule *grm_quorum_rule_table_lookup        (GrmQuorumRuleTable  *table,
                                                          const char          *id);
/* Borrowed array of the rules in table order; the first is the default. */
GPtrArray           *grm_quorum_rule_table_get_rules     (GrmQuorumRuleTable  *table);

/* The NRW rule ("nrw") of the default table. */
const GrmQuorumRule *grm_quorum_rule_default (void);

/* @present: members present with voting right; @excluded: of those, the
 * ones excluded on the item in question (0 for the meeting as a whole);
 * @second_convocation: the item was marked as called again (ignored when
 * the rule has no such provision). */
void  grm_quorum_compute (const GrmQuorumRule *rule,
                          guint                statutory,
                          guint                present,
                          guint                excluded,
                          gboolean             lack_noted,
                          gboolean             second_convocation,
                          GrmQuorum           *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmQuorumRuleTable, grm_quorum_rule_table_free)

G_END_DECLS
