/* grm-quorum.c: quorum in integers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-quorum"

#include "grm-quorum.h"

static const GrmQuorumRule nrw_rule = { 1, 2, TRUE };

const GrmQuorumRule *
grm_quorum_rule_default (void)
{
  return &nrw_rule;
}

void
grm_quorum_compute (const GrmQuorumRule *rule,
                    guint                statutory,
                    guint                present,
                    guint                excluded,
                    gboolean             lack_noted,
                    GrmQuorum           *out)
{
  guint64 rhs;
  guint64 need;

  g_return_if_fail (rule != NULL && out != NULL && rule->denominator > 0);

  out->statutory = statutory;
  out->present = present > excluded ? present - excluded : 0;
  rhs = (guint64) statutory * rule->numerator;
  need = rule->strict ? rhs / rule->denominator + 1
                      : (rhs + rule->denominator - 1) / rule->denominator;
  out->required = (guint) need;
  out->computed = (guint64) out->present >= need;
  out->lack_noted = lack_noted;
  /* The body is quorate until the lack of quorum is formally noted, and
   * the noting holds until the quorum is back. */
  out->quorate = !lack_noted || out->computed;
}
