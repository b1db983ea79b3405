/* grm-vote-role.c: deputy members told apart from deputy offices.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-vote"

#include <string.h>

#include "grm-vote-role.h"

/* Offices a full member holds; "stellvertretende(r) …" of these is still a
 * full member. Folded to lower case; both spellings of ü. */
static const char *offices[] = {
  "vorsitz", "bürgermeister", "buergermeister", "ortsvorsteher", "landrat", "sprecher",
  "präsident", "praesident", "obmann", "obfrau", "leiter",
};

/* What a deputy membership is called: "stellv…" at the start (also the
 * misspelt "stellvertetend…"), or a "Vertreter/in" anywhere ("Stellvertreter",
 * "Persönliche Vertreterin …"), or a "Vertretung", an "Ersatzmitglied". */
static const char *deputies[] = {
  "vertreter", "vertretung", "ersatzmitglied", "ersatz-mitglied", "deputy", "substitute",
};

gboolean
grm_vote_role_is_deputy (const char *role)
{
  g_autofree char *folded = NULL;
  gboolean deputy = FALSE;

  if (role == NULL || !g_utf8_validate (role, -1, NULL))
    return FALSE;
  folded = g_utf8_casefold (role, -1);
  g_strstrip (folded);
  for (guint k = 0; k < G_N_ELEMENTS (offices); k++)
    if (strstr (folded, offices[k]) != NULL)
      return FALSE;
  deputy = g_str_has_prefix (folded, "stellv");
  for (guint k = 0; !deputy && k < G_N_ELEMENTS (deputies); k++)
    deputy = strstr (folded, deputies[k]) != NULL;
  return deputy;
}
