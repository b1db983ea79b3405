/* grm-audit.h: the hash chain of the audit log (pure part).
 *
 * Every change made in a live session is an entry: sequence number, time,
 * actor, action and a canonical JSON payload. Its hash is SHA-256 over the
 * previous entry's hash and its own fields, so an edited, removed or
 * reordered entry breaks the chain. The head (the last hash) is printed in
 * the minutes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* prev_hash of the first entry: 64 zeros. */
#define GRM_AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

typedef struct
{
  gint64      seq;
  gint64      at;
  const char *actor;
  const char *action;
  const char *payload;
  const char *prev_hash;
  const char *hash;
} GrmAuditEntry;

/* JSON with object members sorted by name, no whitespace, integers as
 * integers: the same value always gives the same bytes. */
char     *grm_audit_canonical_json (JsonNode             *node);

/* Lower-case hex SHA-256 over the length-prefixed fields. */
char     *grm_audit_compute_hash   (const char           *prev_hash,
                                    gint64                seq,
                                    gint64                at,
                                    const char           *actor,
                                    const char           *action,
                                    const char           *payload);

/* Checks @entries (in stored order) against each other and, when
 * @expected_head is given, against the head recorded elsewhere. On failure
 * sets GRM_ERROR_AUDIT_BROKEN and *@bad_index to the first entry at fault
 * (n for a missing tail). */
gboolean  grm_audit_verify         (const GrmAuditEntry  *entries,
                                    gsize                 n,
                                    const char           *expected_head,
                                    gsize                *bad_index,
                                    GError              **error);

G_END_DECLS
