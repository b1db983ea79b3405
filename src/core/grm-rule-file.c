/* grm-rule-file.c: reads the groups of a quorum or vote rule table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-rule-file"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-rule-file.h"

static void
entry_clear (GrmRuleFileEntry *entry)
{
  g_clear_pointer (&entry->id, g_free);
  g_clear_pointer (&entry->name, g_free);
  g_clear_pointer (&entry->base, g_free);
}

static void
set_key_error (GrmRuleFileKind   kind,
               const char       *group,
               const GError     *key_error,
               GError          **error)
{
  if (kind == GRM_RULE_FILE_QUORUM)
    g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                 _("Quorum rule “%s”: %s"), group, key_error->message);
  else
    g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                 _("Vote rule “%s”: %s"), group, key_error->message);
}

static void
set_share_error (GrmRuleFileKind   kind,
                 const char       *group,
                 GError          **error)
{
  if (kind == GRM_RULE_FILE_QUORUM)
    g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                 _("Quorum rule “%s” has an invalid share"), group);
  else
    g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                 _("Vote rule “%s” has an invalid base or share"), group);
}

/* The required keys, in the order in which a missing one is reported. */
static gboolean
read_entry (GKeyFile          *kf,
            const char        *group,
            GrmRuleFileKind    kind,
            GrmRuleFileEntry  *entry,
            GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  int num = 0, den = 0;

  entry->name = g_key_file_get_string (kf, group, "Name", &local_error);
  if (local_error == NULL && kind == GRM_RULE_FILE_VOTE)
    entry->base = g_key_file_get_string (kf, group, "Base", &local_error);
  if (local_error == NULL)
    num = g_key_file_get_integer (kf, group, "Numerator", &local_error);
  if (local_error == NULL)
    den = g_key_file_get_integer (kf, group, "Denominator", &local_error);
  if (local_error == NULL)
    entry->strict = g_key_file_get_boolean (kf, group, "Strict", &local_error);
  if (local_error != NULL)
    {
      set_key_error (kind, group, local_error, error);
      return FALSE;
    }
  entry->flag = g_key_file_get_boolean (kf, group, kind == GRM_RULE_FILE_QUORUM
                                                   ? "SecondConvocation" : "Election", NULL);
  if (num < 0 || den <= 0 || num > den)
    {
      set_share_error (kind, group, error);
      return FALSE;
    }
  entry->numerator = num;
  entry->denominator = den;
  return TRUE;
}

gboolean
grm_rule_file_load (const char          *data,
                    gsize                length,
                    GrmRuleFileKind      kind,
                    GrmRuleFileAddFunc   add,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_auto(GStrv) groups = NULL;

  if (!g_key_file_load_from_data (kf, data, length, G_KEY_FILE_NONE, error))
    return FALSE;
  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      GrmRuleFileEntry entry = { .id = g_strdup (groups[i]) };
      gboolean ok = read_entry (kf, groups[i], kind, &entry, error)
                    && add (&entry, user_data, error);

      entry_clear (&entry);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}
