/* grm-quorum.c: the quorum rule table, and the quorum in integers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-quorum"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-quorum.h"
#include "grm-rule-file.h"

struct _GrmQuorumRuleTable
{
  GPtrArray *rules;
};

/* GO NRW § 49. Kept as key file text so that the default goes through the
 * same parser as a table another state supplies. */
static const char default_rules[] =
  "[nrw]\n"
  "Name=North Rhine-Westphalia (§ 49 GO NRW): more than half of the statutory members\n"
  "Numerator=1\nDenominator=2\nStrict=true\nSecondConvocation=true\n"
  /* NKomVG § 65 Abs. 1 ("die Mehrheit ihrer Mitglieder"; counts as quorate
   * until doubted) and Abs. 2 (second convocation). */
  "[nds]\n"
  "Name=Lower Saxony (§ 65 NKomVG): more than half of the members\n"
  "Numerator=1\nDenominator=2\nStrict=true\nSecondConvocation=true\n"
  /* GemO BW § 37 Abs. 2 Satz 1 ("mindestens die Hälfte aller Mitglieder
   * anwesend und stimmberechtigt"). The second session of Abs. 3 (quorate
   * with three) is no "regardless", so it is not offered; see
   * docs/vote-rules.md for what else this table cannot say yet. */
  "[bw]\n"
  "Name=Baden-Württemberg (§ 37 GemO): at least half of the members\n"
  "Numerator=1\nDenominator=2\nStrict=false\nSecondConvocation=false\n";

G_GNUC_UNUSED static const char *default_rule_names[] = {
  N_("North Rhine-Westphalia (§ 49 GO NRW): more than half of the statutory members"),
  N_("Lower Saxony (§ 65 NKomVG): more than half of the members"),
  N_("Baden-Württemberg (§ 37 GemO): at least half of the members"),
};

static void
rule_free (gpointer data)
{
  GrmQuorumRule *rule = data;

  g_free (rule->id);
  g_free (rule->name);
  g_free (rule);
}

static gboolean
add_rule (GrmRuleFileEntry  *entry,
          gpointer           user_data,
          GError           **error)
{
  GrmQuorumRule *rule = g_new0 (GrmQuorumRule, 1);

  rule->id = g_steal_pointer (&entry->id);
  rule->name = g_steal_pointer (&entry->name);
  rule->numerator = entry->numerator;
  rule->denominator = entry->denominator;
  rule->strict = entry->strict;
  rule->second_convocation = entry->flag;
  g_ptr_array_add (user_data, rule);
  return TRUE;
}

GrmQuorumRuleTable *
grm_quorum_rule_table_new_from_data (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (rule_free);
  GrmQuorumRuleTable *table;

  if (!grm_rule_file_load (data, length, GRM_RULE_FILE_QUORUM, add_rule, rules, error))
    return NULL;
  if (rules->len == 0)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The table of quorum rules is empty"));
      return NULL;
    }
  table = g_new0 (GrmQuorumRuleTable, 1);
  table->rules = g_steal_pointer (&rules);
  return table;
}

GrmQuorumRuleTable *
grm_quorum_rule_table_new_default (void)
{
  g_autoptr(GError) error = NULL;
  GrmQuorumRuleTable *table;

  table = grm_quorum_rule_table_new_from_data (default_rules, sizeof default_rules - 1, &error);
  g_assert_no_error (error);
  return table;
}

void
grm_quorum_rule_table_free (GrmQuorumRuleTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->rules);
  g_free (table);
}

const GrmQuorumRule *
grm_quorum_rule_table_lookup (GrmQuorumRuleTable *table,
                              const char         *id)
{
  g_return_val_if_fail (table != NULL, NULL);

  for (guint k = 0; id != NULL && k < table->rules->len; k++)
    {
      const GrmQuorumRule *rule = g_ptr_array_index (table->rules, k);

      if (g_str_equal (rule->id, id))
        return rule;
    }
  return NULL;
}

GPtrArray *
grm_quorum_rule_table_get_rules (GrmQuorumRuleTable *table)
{
  return table->rules;
}

const GrmQuorumRule *
grm_quorum_rule_default (void)
{
  static GrmQuorumRuleTable *table;

  if (g_once_init_enter (&table))
    g_once_init_leave (&table, grm_quorum_rule_table_new_default ());
  return g_ptr_array_index (table->rules, 0);
}

void
grm_quorum_compute (const GrmQuorumRule *rule,
                    guint                statutory,
                    guint                present,
                    guint                excluded,
                    gboolean             lack_noted,
                    gboolean             second_convocation,
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
  out->regardless = second_convocation && rule->second_convocation;
  /* The body is quorate until the lack of quorum is formally noted, and
   * the noting holds until the quorum is back; an item called a second
   * time is quorate whatever the attendance. */
  out->quorate = out->regardless || !lack_noted || out->computed;
}
