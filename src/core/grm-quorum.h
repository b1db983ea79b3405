/* grm-quorum.h: whether the body has a quorum (Beschlussfähigkeit).
 *
 * NRW § 49: more than half of the statutory members present. Members
 * excluded for bias on an item (§ 31) count neither as present nor as
 * voters on that item. The body counts as quorate until the lack of quorum
 * is formally noted; that event is recorded, and only then does the lack of
 * quorum stop votes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint    numerator;     /* share of the statutory members: 1/2 in NRW */
  guint    denominator;
  gboolean strict;        /* present·den > statutory·num ("more than") */
} GrmQuorumRule;

typedef struct
{
  guint    statutory;     /* statutory number of members */
  guint    present;       /* present with voting right, minus the excluded */
  guint    required;      /* the least number present that makes a quorum */
  gboolean computed;      /* present reaches the quorum */
  gboolean lack_noted;    /* the lack of quorum was formally noted */
  gboolean quorate;       /* what counts: quorate unless the lack was noted */
} GrmQuorum;

/* NRW: more than half. */
const GrmQuorumRule *grm_quorum_rule_default (void);

/* @present: members present with voting right; @excluded: of those, the
 * ones excluded on the item in question (0 for the meeting as a whole). */
void  grm_quorum_compute (const GrmQuorumRule *rule,
                          guint                statutory,
                          guint                present,
                          guint                excluded,
                          gboolean             lack_noted,
                          GrmQuorum           *out);

G_END_DECLS
