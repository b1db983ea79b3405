/* grm-preferences-window.h: server accounts, sync schedule, committees kept
 * offline and the disk limit, backed by GSettings (secrets by libsecret).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <libsecret/secret.h>

#include "grm-application.h"

G_BEGIN_DECLS

#define GRM_TYPE_PREFERENCES_WINDOW (grm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (GrmPreferencesWindow, grm_preferences_window, GRM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GrmPreferencesWindow *grm_preferences_window_new         (GrmApplication       *application);
/* Opens the dialog that adds a server account. */
void                  grm_preferences_window_add_account (GrmPreferencesWindow *self);

/* The libsecret schema of server passwords and tokens: attributes
 * "server" (the System URL) and "user". */
const SecretSchema   *grm_account_secret_schema          (void);

G_END_DECLS
