/* grm-store-private.h: what the store's own files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-db.h"

G_BEGIN_DECLS

/* Brings the schema of @db up to the newest migration, each migration in its
 * own transaction. Refuses a database newer than this build. */
gboolean grm_store_migrate             (GrmDb   *db,
                                        GError **error);
/* Applies the migrations up to and including number @target (for tests of
 * the upgrade from every earlier version). */
gboolean grm_store_migrate_up_to       (GrmDb   *db,
                                        int      target,
                                        GError **error);
int      grm_store_migrate_get_latest  (void);
/* Fails, without writing anything, when @db is not a readable database or
 * is newer than this build. */
gboolean grm_store_migrate_check       (GrmDb   *db,
                                        GError **error);

G_END_DECLS
