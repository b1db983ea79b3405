/* grm-session-audit.h: appending to and verifying the audit log table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "grm-db.h"

G_BEGIN_DECLS

/* Appends an entry (inside the caller's write transaction). Takes @payload. */
gboolean grm_session_audit_append (GrmDb       *db,
                                   const char  *meeting,
                                   const char  *actor,
                                   const char  *action,
                                   JsonNode    *payload,
                                   GError     **error);

gboolean grm_session_audit_verify (GrmDb       *db,
                                   gint64      *n_entries,
                                   GError     **error);

G_END_DECLS
