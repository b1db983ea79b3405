/* grm-quorum.c: the quorum rule table, and the quorum in integers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-quorum"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-quorum.h"

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

GrmQuorumRuleTable *
grm_quorum_rule_table_new_from_data (const char  *data,
                                     gsize        length,
                                     GError     **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func (rule_free);
  g_auto(GStrv) groups = NULL;
  GrmQuorumRuleTable *table;

  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, error))
    return NULL;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      GrmQuorumRule *rule = g_new0 (GrmQuorumRule, 1);
      int num = 0, den = 0;

      rule->id = g_strdup (groups[i]);
      g_ptr_array_add (rules, rule);
      rule->name = g_key_file_get_string (kf, groups[i], "Name", &local_error);
      if (local_error == NULL)
        num = g_key_file_get_integer (kf, groups[i], "Numerator", &local_error);
      if (local_error == NULL)
        den = g_key_file_get_integer (kf, groups[i], "Denominator", &local_error);
      if (local_error == NULL)
        rule->strict = g_key_file_get_boolean (kf, groups[i], "Strict", &local_error);
      if (local_error != NULL)
        {
          g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                       _("Quorum rule “%s”: %s"), groups[i], local_error->message);
          return NULL;
        }
      rule->second_convocation = g_key_file_get_boolean (kf, groups[i], "SecondConvocation",
                                                         NULL);
      if (num < 0 || den <= 0 || num > den)
        {
          g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                       _("Quorum rule “%s” has an invalid share"), groups[i]);
          return NULL;
        }
      rule->numerator = num;
      rule->denominator = den;
    }
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
