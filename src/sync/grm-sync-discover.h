/* grm-sync-discover.h: a first look at a server before it becomes an
 * account: is the address an OParl System, what is it called, which
 * bodies (councils, districts) does it offer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char *id;           /* the Body's id URL */
  char *name;
  char *short_name;   /* NULL when the server gives none */
} GrmSyncDiscoveredBody;

typedef struct
{
  char      *system_url;     /* as given */
  char      *name;           /* the System's name, NULL when it has none */
  char      *oparl_version;  /* e.g. "https://schema.oparl.org/1.1/" */
  GPtrArray *bodies;         /* GrmSyncDiscoveredBody, in the server's order */
} GrmSyncDiscovery;

void grm_sync_discovery_free (GrmSyncDiscovery *discovery);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSyncDiscovery, grm_sync_discovery_free)

/* "1.0" or "1.1" from the oparlVersion URL, else NULL. */
const char       *grm_sync_discovery_get_version (GrmSyncDiscovery *discovery);

/* Fetches the System at @system_url and its body list, on a thread of its
 * own. Fails with GRM_ERROR_NOT_OPARL when the address answers with
 * something that is not an OParl System, GRM_ERROR_NOT_FOUND on 404,
 * GRM_ERROR_NETWORK / GRM_ERROR_SERVER when it cannot be reached. */
void              grm_sync_discover_async  (const char          *system_url,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
GrmSyncDiscovery *grm_sync_discover_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
