/* grm-application.h: the Gremium application: opens the local store once,
 * owns the app-wide actions and opens windows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_APPLICATION (grm_application_get_type ())

G_DECLARE_FINAL_TYPE (GrmApplication, grm_application, GRM, APPLICATION, AdwApplication)

GrmApplication *grm_application_new            (void);
/* The path of the database: $GREMIUM_DB, else the user data dir. */
char           *grm_application_dup_db_path    (void);
/* Where stored file bytes live, next to the database. */
char           *grm_application_dup_files_dir  (GrmApplication *self);
/* NULL until the store is open (or when it failed to open). */
GrmStore       *grm_application_get_store      (GrmApplication *self);
/* The error the store failed with, or NULL. */
const GError   *grm_application_get_store_error (GrmApplication *self);
GSettings      *grm_application_get_settings   (GrmApplication *self);

G_END_DECLS
