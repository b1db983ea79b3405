/* grm-store-stats.h: counts of what a store holds, for `gremium-cli stats`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "grm-db.h"

G_BEGIN_DECLS

/* A GrmStoreFunc for grm_store_read_*: puts a JsonNode (an object) into
 * *@result: per OParl type {"live", "deleted", "missing"}, "files":
 * {"stored", "bytes"} and "lists": {list URL: {"last_success", "last_error"}}. */
gboolean grm_store_stats_read (GrmDb     *db,
                               gpointer   data,
                               gpointer  *result,
                               GError   **error);

G_END_DECLS
