/* live-fixture.h: a store in a temporary directory, filled with the real
 * Hürtgenwald council (persons, memberships, organizations) and its meeting
 * of 16 September 2021 (Gemeinderat, 8. Sitzung, 33 agenda items).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-store.h"

G_BEGIN_DECLS

#define LIVE_MEETING "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/body/1/meeting/2531"
#define LIVE_PERSON(n) "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/body/1/person/" n

/* Creates a new temporary directory with a database in it. */
GrmStore *live_fixture_open    (char       **dir_out);
/* Loads the shared Hürtgenwald data into @store (with SQL, as the sync
 * would). The meeting is LIVE_MEETING. */
gboolean  live_fixture_load    (GrmStore    *store,
                                GError     **error);
/* Runs an op synchronously; returns the state when @reload. */
gboolean  live_fixture_run     (GrmStore    *store,
                                gpointer     op,
                                GError     **error);
void      live_fixture_remove  (const char  *dir);

G_END_DECLS
