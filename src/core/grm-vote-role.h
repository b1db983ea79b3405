/* grm-vote-role.h: reading a membership's role for the roll call.
 *
 * OParl carries the role as free text. A deputy member (stellvertretendes
 * Mitglied) is on the roll without a vote until standing in for someone;
 * servers write "stellv. Mitglied", "Stellvertreter", "stellvertretendes
 * Mitglied", "Vertreterin", "Persönlicher Vertreter des Sachkundigen
 * Bürgers", in any case. A deputy *office* held by a full member ("1. stellv.
 * Bürgermeisterin", "stellvertretender Ausschussvorsitzender", "stellv.
 * Fraktionsvorsitzender") is not a deputy membership: that member votes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @role (free text, any case, may be NULL) names a deputy member. */
gboolean grm_vote_role_is_deputy (const char *role);

G_END_DECLS
