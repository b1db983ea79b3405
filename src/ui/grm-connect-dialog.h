/* grm-connect-dialog.h: "Connect to your council's server": the user
 * pastes the OParl System URL, the dialog looks at the server (off the
 * main thread), says plainly when the address is not an OParl system,
 * lets the user pick a body when the server has several, and saves the
 * account.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-application.h"

G_BEGIN_DECLS

#define GRM_TYPE_CONNECT_DIALOG (grm_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (GrmConnectDialog, grm_connect_dialog, GRM, CONNECT_DIALOG, AdwWindow)

GrmConnectDialog *grm_connect_dialog_new       (GrmApplication   *application,
                                                GtkWindow        *parent);
/* "address", "checking" or "bodies". */
const char       *grm_connect_dialog_get_stage (GrmConnectDialog *self);
/* The message shown under the address, or NULL. */
const char       *grm_connect_dialog_get_error (GrmConnectDialog *self);

G_END_DECLS
