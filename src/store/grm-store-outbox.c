/* grm-store-outbox.c: the outbox of local changes for the write extension,
 * with the bookkeeping of migration 0004 (push_entry, push_target).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-oparl.h"
#include "grm-store-objects.h"
#include "grm-store-outbox.h"

static const char * const state_names[] = { "pending", "sent", "conflict", "failed", "dropped" };

const char *
grm_outbox_state_to_string (GrmOutboxState state)
{
  g_return_val_if_fail (state <= GRM_OUTBOX_DROPPED, "pending");
  return state_names[state];
}

static GrmOutboxState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return i;

  return GRM_OUTBOX_PENDING;
}

void
grm_outbox_entry_free (GrmOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->idempotency_key);
  g_free (entry->method);
  g_free (entry->target);
  g_free (entry->base_version);
  g_free (entry->body);
  g_free (entry->last_error);
  g_free (entry->label);
  g_free (entry->base_modified);
  g_free (entry->server_version);
  g_free (entry->server_object);
  g_free (entry);
}

GrmOutboxEntry *
grm_outbox_entry_copy (const GrmOutboxEntry *entry)
{
  GrmOutboxEntry *copy = g_memdup2 (entry, sizeof *entry);

  copy->idempotency_key = g_strdup (entry->idempotency_key);
  copy->method = g_strdup (entry->method);
  copy->target = g_strdup (entry->target);
  copy->base_version = g_strdup (entry->base_version);
  copy->body = g_strdup (entry->body);
  copy->last_error = g_strdup (entry->last_error);
  copy->label = g_strdup (entry->label);
  copy->base_modified = g_strdup (entry->base_modified);
  copy->server_version = g_strdup (entry->server_version);
  copy->server_object = g_strdup (entry->server_object);

  return copy;
}

gboolean
grm_store_outbox_enqueue (GrmDb       *db,
                          const char  *method,
                          const char  *target,
                          const char  *base_version,
                          const char  *body,
                          const char  *base_modified,
                          const char  *label,
                          gint64      *seq,
                          GError     **error)
{
  g_autofree char *key = g_uuid_string_random ();
  gint64 new_seq;

  if (!grm_db_run (db, "INSERT INTO outbox (idempotency_key, method, target, base_version, "
                       "body, state, created) VALUES (?, ?, ?, ?, ?, 'pending', ?)",
                   GRM_DB_VALUES (GRM_DB_TEXT (key), GRM_DB_TEXT (method), GRM_DB_TEXT (target),
                                  GRM_DB_TEXT (base_version), GRM_DB_TEXT (body),
                                  GRM_DB_INT (g_get_real_time () / G_USEC_PER_SEC)),
                   error))
    return FALSE;
  new_seq = grm_db_last_insert_rowid (db);

  if (!grm_db_run (db, "INSERT INTO push_entry (seq, label, base_modified) VALUES (?, ?, ?)",
                   GRM_DB_VALUES (GRM_DB_INT (new_seq), GRM_DB_TEXT (label),
                                  GRM_DB_TEXT (base_modified)),
                   error))
    return FALSE;

  if (seq != NULL)
    *seq = new_seq;
  return TRUE;
}

gboolean
grm_store_outbox_replace_body (GrmDb       *db,
                               gint64       seq,
                               const char  *body,
                               const char  *base_modified,
                               const char  *label,
                               GError     **error)
{
  if (!grm_db_run (db, "UPDATE outbox SET body = ?2 WHERE seq = ?1 AND state = 'pending' "
                       "AND attempts = 0 AND base_version IS NULL",
                   GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (body)), error))
    return FALSE;
  if (grm_db_changes (db) == 0)
    return FALSE;

  return grm_db_run (db, "UPDATE push_entry SET base_modified = ?2, label = ?3 WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (base_modified),
                                    GRM_DB_TEXT (label)),
                     error);
}

#define ENTRY_COLUMNS \
  "SELECT o.seq, o.idempotency_key, o.method, o.target, o.base_version, o.body, o.state, " \
  "o.attempts, o.last_error, o.created, p.label, p.base_modified, p.server_version, " \
  "p.server_object FROM outbox o LEFT JOIN push_entry p ON p.seq = o.seq "

static GrmOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  GrmOutboxEntry *entry = g_new0 (GrmOutboxEntry, 1);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->idempotency_key = grm_db_column_dup (stmt, 1);
  entry->method = grm_db_column_dup (stmt, 2);
  entry->target = grm_db_column_dup (stmt, 3);
  entry->base_version = grm_db_column_dup (stmt, 4);
  entry->body = grm_db_column_dup (stmt, 5);
  entry->state = state_from_string (grm_db_column_text (stmt, 6));
  entry->attempts = sqlite3_column_int (stmt, 7);
  entry->last_error = grm_db_column_dup (stmt, 8);
  entry->created = sqlite3_column_int64 (stmt, 9);
  entry->label = grm_db_column_dup (stmt, 10);
  entry->base_modified = grm_db_column_dup (stmt, 11);
  entry->server_version = grm_db_column_dup (stmt, 12);
  entry->server_object = grm_db_column_dup (stmt, 13);

  return entry;
}

GPtrArray *
grm_store_outbox_list (GrmDb   *db,
                       int      state,
                       GError **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_outbox_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, ENTRY_COLUMNS "WHERE ?1 IS NULL OR o.state = ?1 ORDER BY o.seq", error);
  if (stmt == NULL)
    return NULL;
  if (state >= 0)
    grm_db_bind_text (stmt, 1, grm_outbox_state_to_string (state));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

GrmOutboxEntry *
grm_store_outbox_get (GrmDb   *db,
                      gint64   seq,
                      GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, ENTRY_COLUMNS "WHERE o.seq = ?", error);
  GrmOutboxEntry *entry = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = entry_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND, _("The change to publish no longer exists"));
  else if (rc != SQLITE_ROW)
    grm_db_set_error (db, rc, error);

  return entry;
}

guint
grm_store_outbox_count (GrmDb           *db,
                        GrmOutboxState   state,
                        GError         **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT count(*) FROM outbox WHERE state = ?", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  grm_db_bind_text (stmt, 1, grm_outbox_state_to_string (state));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  else
    grm_db_set_error (db, rc, error);
  sqlite3_reset (stmt);

  return n;
}

gboolean
grm_store_outbox_set_base (GrmDb       *db,
                           gint64       seq,
                           const char  *base_version,
                           GError     **error)
{
  return grm_db_run (db, "UPDATE outbox SET base_version = ?2 WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (base_version)), error);
}

static gboolean
set_state (GrmDb           *db,
           gint64           seq,
           GrmOutboxState   state,
           const char      *message,
           GError         **error)
{
  return grm_db_run (db, "UPDATE outbox SET state = ?2, last_error = ?3 WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq),
                                    GRM_DB_TEXT (grm_outbox_state_to_string (state)),
                                    GRM_DB_TEXT (message)),
                     error);
}

gboolean
grm_store_outbox_add_attempts (GrmDb       *db,
                               gint64       seq,
                               guint        n,
                               const char  *message,
                               GError     **error)
{
  return grm_db_run (db, "UPDATE outbox SET attempts = attempts + ?2, last_error = ?3 "
                         "WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_INT (n), GRM_DB_TEXT (message)),
                     error);
}

static gboolean
set_target_version (GrmDb       *db,
                    const char  *target,
                    const char  *version,
                    const char  *modified,
                    GError     **error)
{
  return grm_db_run (db, "INSERT INTO push_target (target, version, modified) VALUES (?1, ?2, ?3) "
                         "ON CONFLICT (target) DO UPDATE SET version = ?2, modified = ?3",
                     GRM_DB_VALUES (GRM_DB_TEXT (target), GRM_DB_TEXT (version),
                                    GRM_DB_TEXT (modified)),
                     error);
}

static gboolean
set_server (GrmDb       *db,
            gint64       seq,
            const char  *version,
            const char  *object,
            GError     **error)
{
  return grm_db_run (db, "UPDATE push_entry SET server_version = ?2, server_object = ?3 "
                         "WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (version), GRM_DB_TEXT (object)),
                     error);
}

gboolean
grm_store_outbox_mark_sent (GrmDb       *db,
                            gint64       seq,
                            const char  *version,
                            const char  *modified,
                            GError     **error)
{
  g_autoptr(GrmOutboxEntry) entry = grm_store_outbox_get (db, seq, error);

  return entry != NULL &&
         set_state (db, seq, GRM_OUTBOX_SENT, NULL, error) &&
         set_server (db, seq, version, NULL, error) &&
         (version == NULL || set_target_version (db, entry->target, version, modified, error));
}

gboolean
grm_store_outbox_mark_conflict (GrmDb       *db,
                                gint64       seq,
                                const char  *server_version,
                                const char  *server_object,
                                const char  *message,
                                GError     **error)
{
  return set_state (db, seq, GRM_OUTBOX_CONFLICT, message, error) &&
         set_server (db, seq, server_version, server_object, error);
}

gboolean
grm_store_outbox_mark_failed (GrmDb       *db,
                              gint64       seq,
                              const char  *message,
                              GError     **error)
{
  return set_state (db, seq, GRM_OUTBOX_FAILED, message, error);
}

gboolean
grm_store_outbox_get_target_version (GrmDb       *db,
                                     const char  *target,
                                     char       **version,
                                     char       **modified,
                                     GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT version, modified FROM push_target "
                                           "WHERE target = ?", error);
  int rc;

  *version = *modified = NULL;
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, target);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *version = grm_db_column_dup (stmt, 0);
      *modified = grm_db_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

gboolean
grm_store_outbox_set_remote (GrmDb       *db,
                             const char  *local,
                             const char  *remote,
                             const char  *version,
                             const char  *modified,
                             GError     **error)
{
  if (!grm_db_run (db, "INSERT OR REPLACE INTO push_remote (local, remote) VALUES (?, ?)",
                   GRM_DB_VALUES (GRM_DB_TEXT (local), GRM_DB_TEXT (remote)), error))
    return FALSE;

  return version == NULL || set_target_version (db, remote, version, modified, error);
}

char *
grm_store_outbox_dup_remote (GrmDb       *db,
                             const char  *local,
                             GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT remote FROM push_remote WHERE local = ?", error);
  char *remote = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, local);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    remote = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    grm_db_set_error (db, rc, error);

  return remote;
}

/* Puts the server's object in place of the local copy, keeping where the
 * local copy sits (its parent and position). */
static gboolean
take_server_object (GrmDb       *db,
                    const char  *target,
                    const char  *json,
                    GError     **error)
{
  g_autoptr(GrmOparlObject) object = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint n_written = 0;
  int rc;

  object = grm_oparl_parse_object (json, -1, GRM_OPARL_UNKNOWN, &local_error);
  if (object == NULL || g_strcmp0 (object->id, target) != 0)
    {
      g_debug ("Keeping the local copy of %s: the server's object is unusable", target);
      return TRUE;
    }

  stmt = grm_db_prepare (db, "SELECT parent, position FROM object WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, target);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    {
      g_free (object->parent);
      object->parent = grm_db_column_dup (stmt, 0);
      object->position = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;   /* no local copy to replace */
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);

  return grm_store_objects_upsert (db, object, 0, g_get_real_time () / G_USEC_PER_SEC,
                                   &n_written, error);
}

static char *
modified_of (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                               "modified", NULL));
}

gboolean
grm_store_outbox_resolve (GrmDb               *db,
                          gint64               seq,
                          GrmOutboxResolution  resolution,
                          GError             **error)
{
  g_autoptr(GrmOutboxEntry) entry = grm_store_outbox_get (db, seq, error);
  g_autofree char *key = g_uuid_string_random ();
  g_autofree char *modified = NULL;

  if (entry == NULL)
    return FALSE;
  if (entry->state != GRM_OUTBOX_CONFLICT)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("This change is not in conflict with the server"));
      return FALSE;
    }

  if (resolution == GRM_OUTBOX_TAKE_SERVER)
    {
      modified = modified_of (entry->server_object);
      return set_state (db, seq, GRM_OUTBOX_DROPPED, NULL, error) &&
             set_target_version (db, entry->target, entry->server_version, modified, error) &&
             (entry->server_object == NULL ||
              take_server_object (db, entry->target, entry->server_object, error));
    }

  /* Keep mine: the same body, a new key, based on the server's version. */
  return grm_db_run (db, "UPDATE outbox SET state = 'pending', idempotency_key = ?2, "
                         "base_version = ?3, last_error = NULL WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (key),
                                    GRM_DB_TEXT (entry->server_version)),
                     error);
}

/* A refused entry: the user tries it again (a new key: the old one stays
 * bound to the refusal) or gives it up (dropped; the records stay here). */
gboolean
grm_store_outbox_retry_failed (GrmDb       *db,
                               gint64       seq,
                               gboolean     give_up,
                               GError     **error)
{
  g_autoptr(GrmOutboxEntry) entry = grm_store_outbox_get (db, seq, error);
  g_autofree char *key = g_uuid_string_random ();

  if (entry == NULL)
    return FALSE;
  if (entry->state != GRM_OUTBOX_FAILED)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("The server did not refuse this change"));
      return FALSE;
    }
  if (give_up)
    return set_state (db, seq, GRM_OUTBOX_DROPPED, entry->last_error, error);

  return grm_db_run (db, "UPDATE outbox SET state = 'pending', idempotency_key = ?2, "
                         "last_error = NULL WHERE seq = ?1",
                     GRM_DB_VALUES (GRM_DB_INT (seq), GRM_DB_TEXT (key)), error);
}
