/* grm-store-outbox.h: local changes waiting to be pushed through the write
 * extension (docs/write-extension.md).
 *
 * Each entry is one request (POST, PUT or DELETE of one object) with an
 * idempotency key made once when it is enqueued, so that sending it again
 * after a lost answer never applies it twice. Entries are sent in the order
 * of their sequence number.
 *
 * The functions take the GrmDb of a store job: the changing ones run inside
 * a write job (one transaction), the listing ones in any job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "grm-db.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_OUTBOX_PENDING,    /* waiting to be sent (again) */
  GRM_OUTBOX_SENT,       /* the server applied it */
  GRM_OUTBOX_CONFLICT,   /* the object changed on the server: the user decides */
  GRM_OUTBOX_FAILED,     /* refused for good (a bug, or the object is gone) */
  GRM_OUTBOX_DROPPED,    /* the user took the server's version instead */
} GrmOutboxState;

typedef struct
{
  gint64          seq;
  char           *idempotency_key;
  char           *method;          /* "POST", "PUT", "DELETE" */
  char           *target;          /* the object's id URL */
  char           *base_version;    /* sent as If-Match; NULL: not known yet */
  char           *body;            /* JSON, NULL for DELETE */
  GrmOutboxState  state;
  guint           attempts;
  char           *last_error;
  gint64          created;         /* unix time */
  char           *label;           /* what the change is, for the user */
  char           *base_modified;   /* `modified` of the local copy the body came from */
  char           *server_version;  /* ETag of the server's object on conflict */
  char           *server_object;   /* the server's current object on conflict */
} GrmOutboxEntry;

void            grm_outbox_entry_free        (GrmOutboxEntry *entry);
GrmOutboxEntry *grm_outbox_entry_copy        (const GrmOutboxEntry *entry);
const char     *grm_outbox_state_to_string   (GrmOutboxState  state);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmOutboxEntry, grm_outbox_entry_free)

/* Adds a pending entry with a new idempotency key; *@seq gets its number. */
gboolean        grm_store_outbox_enqueue     (GrmDb          *db,
                                              const char     *method,
                                              const char     *target,
                                              const char     *base_version,
                                              const char     *body,
                                              const char     *base_modified,
                                              const char     *label,
                                              gint64         *seq,
                                              GError        **error);
/* Replaces the body of an entry that was never sent (attempts = 0); FALSE
 * without error when the entry was already tried (then enqueue anew). */
gboolean        grm_store_outbox_replace_body (GrmDb         *db,
                                               gint64         seq,
                                               const char    *body,
                                               const char    *base_modified,
                                               const char    *label,
                                               GError       **error);

/* Entries in @state (or all when @state < 0), oldest first: GrmOutboxEntry. */
GPtrArray      *grm_store_outbox_list        (GrmDb          *db,
                                              int             state,
                                              GError        **error);
/* NULL with GRM_ERROR_NOT_FOUND when there is no such entry. */
GrmOutboxEntry *grm_store_outbox_get         (GrmDb          *db,
                                              gint64          seq,
                                              GError        **error);
guint           grm_store_outbox_count       (GrmDb          *db,
                                              GrmOutboxState  state,
                                              GError        **error);

/* Records the version the entry is based on (sent as If-Match from now on,
 * also by every retry). */
gboolean        grm_store_outbox_set_base    (GrmDb          *db,
                                              gint64          seq,
                                              const char     *base_version,
                                              GError        **error);
/* Counts @n more attempts to send the entry; @message (may be NULL) says
 * why the last one did not get through. */
gboolean        grm_store_outbox_add_attempts (GrmDb         *db,
                                               gint64         seq,
                                               guint          n,
                                               const char    *message,
                                               GError       **error);
/* The server applied the entry: it stored version @version of the object,
 * modified at @modified. Later writes of the target are based on it. */
gboolean        grm_store_outbox_mark_sent   (GrmDb          *db,
                                              gint64          seq,
                                              const char     *version,
                                              const char     *modified,
                                              GError        **error);
/* The object changed on the server: keeps its current version and JSON. */
gboolean        grm_store_outbox_mark_conflict (GrmDb        *db,
                                                gint64        seq,
                                                const char   *server_version,
                                                const char   *server_object,
                                                const char   *message,
                                                GError      **error);
gboolean        grm_store_outbox_mark_failed (GrmDb          *db,
                                              gint64          seq,
                                              const char     *message,
                                              GError        **error);

/* The version of @target our last write stored (both NULL if none). */
gboolean        grm_store_outbox_get_target_version (GrmDb   *db,
                                                     const char *target,
                                                     char   **version,
                                                     char   **modified,
                                                     GError **error);

/* The server created @local (a urn:uuid: id) as @remote, at @version:
 * later writes go to @remote, based on that version. */
gboolean        grm_store_outbox_set_remote  (GrmDb          *db,
                                              const char     *local,
                                              const char     *remote,
                                              const char     *version,
                                              const char     *modified,
                                              GError        **error);
/* The server's id of @local, or NULL. */
char           *grm_store_outbox_dup_remote  (GrmDb          *db,
                                              const char     *local,
                                              GError        **error);

/* Replaces the local id @local by the server's @remote in every table
 * that refers to it (grm-store-outbox-ids.c) and records the mapping. */
gboolean        grm_store_outbox_replace_id  (GrmDb          *db,
                                              const char     *local,
                                              const char     *remote,
                                              GError        **error);
/* The server created an object made here: @pairs holds local id, server
 * id, … (the object first, then its embedded agenda items); @created is
 * the stored object the server answered (may be NULL), at @version. */
gboolean        grm_store_outbox_adopt_created (GrmDb        *db,
                                                GPtrArray    *pairs,
                                                const char   *created,
                                                const char   *version,
                                                const char   *modified,
                                                GError      **error);

typedef enum
{
  GRM_OUTBOX_KEEP_MINE,      /* send mine again, based on the server's version */
  GRM_OUTBOX_TAKE_SERVER,    /* drop mine, keep the server's version */
} GrmOutboxResolution;

/* Resolves an entry in conflict. Keep mine: the entry becomes pending with
 * a new idempotency key (the old one stays bound to the 409) and If-Match
 * the server's version. Take the server's: the entry is dropped, the
 * server's object replaces the local copy, and later writes of the target
 * are based on the server's version. */
gboolean        grm_store_outbox_resolve     (GrmDb              *db,
                                              gint64              seq,
                                              GrmOutboxResolution resolution,
                                              GError            **error);

/* An entry the server refused: pending again with a new idempotency key,
 * or, with @give_up, dropped (the local records are kept). */
gboolean        grm_store_outbox_retry_failed (GrmDb             *db,
                                               gint64             seq,
                                               gboolean           give_up,
                                               GError           **error);

G_END_DECLS
