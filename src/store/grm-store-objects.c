/* grm-store-objects.c: upserts, tombstones and placeholders of OParl
 * objects, and the sync_state bookkeeping (see grm-store-objects.h).
 *
 * Every function runs on the writer thread inside the caller's transaction.
 * An object whose raw JSON is unchanged is skipped, so a sync in which
 * nothing changed writes nothing but its bookkeeping.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-objects"

#include "grm-store-objects.h"

#include <string.h>

#include "grm-error.h"

static const char * const typed_tables[GRM_OPARL_N_TYPES] = {
  [GRM_OPARL_SYSTEM] = "system",
  [GRM_OPARL_BODY] = "body",
  [GRM_OPARL_LEGISLATIVE_TERM] = "legislative_term",
  [GRM_OPARL_ORGANIZATION] = "organization",
  [GRM_OPARL_PERSON] = "person",
  [GRM_OPARL_MEMBERSHIP] = "membership",
  [GRM_OPARL_MEETING] = "meeting",
  [GRM_OPARL_AGENDA_ITEM] = "agenda_item",
  [GRM_OPARL_PAPER] = "paper",
  [GRM_OPARL_CONSULTATION] = "consultation",
  [GRM_OPARL_FILE] = "file",
  [GRM_OPARL_LOCATION] = "location",
};

static void
bind_tristate (sqlite3_stmt *stmt,
               int           index,
               int           value)
{
  if (value < 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int (stmt, index, value);
}

static void
bind_texts (sqlite3_stmt *stmt,
            int           first,
            const char   *const *values,
            int           n)
{
  for (int i = 0; i < n; i++)
    grm_db_bind_text (stmt, first + i, values[i]);
}

/* One row in the type's own table, replacing what was there. */
static gboolean
write_typed_row (GrmDb          *db,
                 gint64          oid,
                 GrmOparlObject *o,
                 GError        **error)
{
  sqlite3_stmt *stmt = NULL;

#define PREP(sql) G_STMT_START { stmt = grm_db_prepare (db, sql, error); if (!stmt) return FALSE; } G_STMT_END
  switch (o->type)
    {
    case GRM_OPARL_SYSTEM:
      PREP ("INSERT OR REPLACE INTO system (oid, name, oparl_version, vendor, product, write_api)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      bind_texts (stmt, 2, (const char *[]) { o->name, o->oparl_version, o->vendor, o->product,
                                              o->write_api }, 5);
      break;
    case GRM_OPARL_BODY:
      PREP ("INSERT OR REPLACE INTO body (oid, system, name, short_name, website)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
      bind_texts (stmt, 2, (const char *[]) { o->system, o->name, o->short_name, o->website }, 4);
      break;
    case GRM_OPARL_LEGISLATIVE_TERM:
      PREP ("INSERT OR REPLACE INTO legislative_term (oid, body, name, start_date, end_date)"
            " VALUES (?1, ?2, ?3, ?4, ?5)");
      bind_texts (stmt, 2, (const char *[]) { o->body, o->name, o->start_date, o->end_date }, 4);
      break;
    case GRM_OPARL_ORGANIZATION:
      PREP ("INSERT OR REPLACE INTO organization (oid, body, name, short_name, organization_type,"
            " classification, start_date, end_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      bind_texts (stmt, 2, (const char *[]) { o->body, o->name, o->short_name,
                                              o->organization_type, o->classification,
                                              o->start_date, o->end_date }, 7);
      break;
    case GRM_OPARL_PERSON:
      PREP ("INSERT OR REPLACE INTO person (oid, body, name, family_name, given_name,"
            " form_of_address, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      bind_texts (stmt, 2, (const char *[]) { o->body, o->name, o->family_name, o->given_name,
                                              o->form_of_address, o->title }, 6);
      break;
    case GRM_OPARL_MEMBERSHIP:
      PREP ("INSERT OR REPLACE INTO membership (oid, person, organization, role, voting_right,"
            " start_date, end_date, on_behalf_of) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      bind_texts (stmt, 2, (const char *[]) { o->person, o->organization, o->role }, 3);
      bind_tristate (stmt, 5, o->voting_right);
      bind_texts (stmt, 6, (const char *[]) { o->start_date, o->end_date, o->on_behalf_of }, 3);
      break;
    case GRM_OPARL_LOCATION:
      PREP ("INSERT OR REPLACE INTO location (oid, description, street_address, room,"
            " postal_code, locality) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      bind_texts (stmt, 2, (const char *[]) { o->description, o->street_address, o->room,
                                              o->postal_code, o->locality }, 5);
      break;
    case GRM_OPARL_MEETING:
      PREP ("INSERT OR REPLACE INTO meeting (oid, name, meeting_state, cancelled, start, end,"
            " start_utc, end_utc, location) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      bind_texts (stmt, 2, (const char *[]) { o->name, o->meeting_state }, 2);
      sqlite3_bind_int (stmt, 4, o->cancelled ? 1 : 0);
      bind_texts (stmt, 5, (const char *[]) { o->start, o->end }, 2);
      if (o->has_start_utc)
        sqlite3_bind_int64 (stmt, 7, o->start_utc);
      if (o->has_end_utc)
        sqlite3_bind_int64 (stmt, 8, o->end_utc);
      grm_db_bind_text (stmt, 9, o->location);
      break;
    case GRM_OPARL_AGENDA_ITEM:
      PREP ("INSERT OR REPLACE INTO agenda_item (oid, meeting, number, ord, name, public, result,"
            " resolution_text, consultation, start, end)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
      bind_texts (stmt, 2, (const char *[]) { o->meeting, o->number }, 2);
      /* Order by `order`, else by the position in the meeting, never by number. */
      if (o->has_order)
        sqlite3_bind_int64 (stmt, 4, o->order);
      else if (o->position >= 0)
        sqlite3_bind_int64 (stmt, 4, o->position);
      grm_db_bind_text (stmt, 5, o->name);
      bind_tristate (stmt, 6, o->public_);
      bind_texts (stmt, 7, (const char *[]) { o->result, o->resolution_text, o->consultation,
                                              o->start, o->end }, 5);
      break;
    case GRM_OPARL_PAPER:
      PREP ("INSERT OR REPLACE INTO paper (oid, body, name, reference, paper_type, date)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      bind_texts (stmt, 2, (const char *[]) { o->body, o->name, o->reference, o->paper_type,
                                              o->date }, 5);
      break;
    case GRM_OPARL_CONSULTATION:
      PREP ("INSERT OR REPLACE INTO consultation (oid, paper, meeting, agenda_item, authoritative,"
            " role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
      bind_texts (stmt, 2, (const char *[]) { o->paper, o->meeting, o->agenda_item }, 3);
      bind_tristate (stmt, 5, o->authoritative);
      grm_db_bind_text (stmt, 6, o->role);
      break;
    case GRM_OPARL_FILE:
      PREP ("INSERT OR REPLACE INTO file (oid, name, file_name, mime_type, date, size, access_url,"
            " download_url, sha512_checksum, sha1_checksum, text)"
            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
      bind_texts (stmt, 2, (const char *[]) { o->name, o->file_name, o->mime_type, o->date }, 4);
      if (o->size >= 0)
        sqlite3_bind_int64 (stmt, 6, o->size);
      bind_texts (stmt, 7, (const char *[]) { o->access_url, o->download_url, o->sha512_checksum,
                                              o->sha1_checksum, o->text }, 5);
      break;
    default:
      return TRUE;
    }
#undef PREP
  sqlite3_bind_int64 (stmt, 1, oid);
  return grm_db_step_done (db, stmt, error);
}

static gboolean
write_refs (GrmDb          *db,
            gint64          oid,
            GrmOparlObject *o,
            GError        **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "DELETE FROM object_ref WHERE oid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, oid);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  for (guint i = 0; i < o->refs->len; i++)
    {
      GrmOparlRef *ref = g_ptr_array_index (o->refs, i);

      stmt = grm_db_prepare (db, "INSERT OR REPLACE INTO object_ref (oid, rel, position, target,"
                                 " target_type, owned) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, ref->rel);
      sqlite3_bind_int (stmt, 3, ref->position);
      grm_db_bind_text (stmt, 4, ref->target);
      grm_db_bind_text (stmt, 5, grm_oparl_type_to_string (ref->target_type));
      sqlite3_bind_int (stmt, 6, ref->owned ? 1 : 0);
      if (!grm_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A child that arrives from its own list learns its parent from the
 * object that embeds (or, with omit_internal, names) it. The first owner
 * by id, and there its first place, wins, so the result does not depend on
 * the order of arrival. */
static gboolean
lookup_owner (GrmDb       *db,
              const char  *id,
              char       **parent,
              int         *position,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, "SELECT o.id, r.position FROM object_ref r"
                             " JOIN object o ON o.oid = r.oid"
                             " WHERE r.target = ?1 AND r.owned = 1 AND o.deleted = 0"
                             " ORDER BY o.id, r.position LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *parent = grm_db_column_dup (stmt, 0);
      *position = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

/* Sets the parent of a stored child (NULL to detach it). An agenda item
 * without `order` is ordered by its position. */
static gboolean
set_parent (GrmDb       *db,
            const char  *id,
            const char  *parent,
            int          position,
            GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = grm_db_prepare (db, "UPDATE object SET parent = ?2, position = ?3 WHERE id = ?1"
                             " AND (parent IS NOT ?2 OR position IS NOT ?3)", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  grm_db_bind_text (stmt, 2, parent);
  if (parent != NULL)
    sqlite3_bind_int (stmt, 3, position);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;
  if (grm_db_changes (db) == 0)
    return TRUE;
  stmt = grm_db_prepare (db, "UPDATE agenda_item SET ord = ?2 WHERE oid ="
                             " (SELECT oid FROM object WHERE id = ?1"
                             "  AND json_valid (raw) AND json_extract (raw, '$.order') IS NULL)",
                         error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  if (parent != NULL)
    sqlite3_bind_int (stmt, 2, position);
  return grm_db_step_done (db, stmt, error);
}

/* The owned children of @o are the targets of its owned references. Those
 * it embeds and that have no list of their own are upserted; the others
 * only learn their parent. Stored children that are no longer named are
 * tombstoned (OParl 1.0 let children vanish with their parent's change),
 * unless another object still embeds them. */
static gboolean
update_children (GrmDb          *db,
                 GrmOparlObject *o,
                 guint           external_types,
                 gint64          now,
                 guint          *n_written,
                 GError        **error)
{
  g_autoptr(GHashTable) present = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) upserted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) vanished = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) vanished_types = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < o->children->len; i++)
    {
      GrmOparlObject *child = g_ptr_array_index (o->children, i);

      if (external_types & (1u << child->type))
        continue;
      if (!grm_store_objects_upsert (db, child, external_types, now, n_written, error))
        return FALSE;
      if (child->parent != NULL)
        g_hash_table_add (upserted, child->id);
    }

  for (guint i = 0; i < o->refs->len; i++)
    {
      GrmOparlRef *ref = g_ptr_array_index (o->refs, i);

      g_autofree char *owner = NULL;
      int position = 0;

      if (!ref->owned || o->deleted || g_hash_table_contains (present, ref->target))
        continue;
      g_hash_table_add (present, ref->target);
      if (g_hash_table_contains (upserted, ref->target))
        continue;
      /* Another object may embed it too: the same rule as lookup_owner ()
       * for a child that arrives later, so the order does not matter. */
      if (!lookup_owner (db, ref->target, &owner, &position, error)
          || !set_parent (db, ref->target, owner, position, error))
        return FALSE;
    }

  stmt = grm_db_prepare (db, "SELECT id, type FROM object WHERE parent = ?1 AND deleted = 0",
                         error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, o->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *id = grm_db_column_text (stmt, 0);
      int type = grm_oparl_type_from_string (grm_db_column_text (stmt, 1));

      if (!g_hash_table_contains (present, id))
        {
          g_ptr_array_add (vanished, g_strdup (id));
          g_array_append_val (vanished_types, type);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  for (guint i = 0; i < vanished->len; i++)
    {
      const char *id = g_ptr_array_index (vanished, i);
      int type = g_array_index (vanished_types, int, i);

      g_autofree char *owner = NULL;
      int position = 0;

      /* Still embedded elsewhere: it only moves. */
      if ((external_types & (1u << type))
          && !lookup_owner (db, id, &owner, &position, error))
        return FALSE;
      if (owner != NULL)
        {
          if (!set_parent (db, id, owner, position, error))
            return FALSE;
        }
      else if (!grm_store_objects_tombstone (db, id, now, error))
        return FALSE;
    }
  return TRUE;
}

/* Drops the typed row of an object whose type changed. */
static gboolean
drop_typed_row (GrmDb       *db,
                const char  *id,
                const char  *old_type,
                GError     **error)
{
  GrmOparlType t = grm_oparl_type_from_string (old_type);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (typed_tables[t] == NULL)
    return TRUE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE oid = (SELECT oid FROM object WHERE id = ?1)",
                         typed_tables[t]);
  stmt = grm_db_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_store_objects_upsert (GrmDb           *db,
                          GrmOparlObject  *o,
                          guint            external_types,
                          gint64           now,
                          guint           *n_written,
                          GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gint64 oid;
  g_autofree char *old_type = NULL;
  g_autofree char *owner = NULL;
  const char *parent = o->parent;
  int position = o->position;

  if (parent == NULL)
    {
      if (!lookup_owner (db, o->id, &owner, &position, error))
        return FALSE;
      parent = owner;
    }

  stmt = grm_db_prepare (db, "SELECT oid, type, raw, deleted, placeholder, parent, position"
                             " FROM object WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, o->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gboolean same_parent = g_strcmp0 (grm_db_column_text (stmt, 5), parent) == 0
                             && (parent == NULL || sqlite3_column_int (stmt, 6) == position);

      old_type = grm_db_column_dup (stmt, 1);
      if (g_strcmp0 (grm_db_column_text (stmt, 2), o->raw) == 0
          && sqlite3_column_int (stmt, 3) == (o->deleted ? 1 : 0)
          && sqlite3_column_int (stmt, 4) == 0
          && same_parent)
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  if (old_type != NULL && g_strcmp0 (old_type, grm_oparl_type_to_string (o->type)) != 0
      && !drop_typed_row (db, o->id, old_type, error))
    return FALSE;

  stmt = grm_db_prepare (db,
                         "INSERT INTO object (id, type, parent, position, created, modified,"
                         " deleted, placeholder, raw, synced_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9)"
                         " ON CONFLICT (id) DO UPDATE SET type = excluded.type,"
                         " parent = excluded.parent, position = excluded.position,"
                         " created = excluded.created, modified = excluded.modified,"
                         " deleted = excluded.deleted, placeholder = 0, raw = excluded.raw,"
                         " synced_at = excluded.synced_at"
                         " RETURNING oid", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, o->id);
  grm_db_bind_text (stmt, 2, grm_oparl_type_to_string (o->type));
  grm_db_bind_text (stmt, 3, parent);
  if (parent != NULL)
    sqlite3_bind_int (stmt, 4, position);
  grm_db_bind_text (stmt, 5, o->created);
  grm_db_bind_text (stmt, 6, o->modified);
  sqlite3_bind_int (stmt, 7, o->deleted ? 1 : 0);
  grm_db_bind_text (stmt, 8, o->raw);
  sqlite3_bind_int64 (stmt, 9, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return grm_db_set_error (db, rc, error);
    }
  oid = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* The typed row orders an agenda item by its effective position. */
  o->position = parent != NULL ? position : -1;
  if (!write_typed_row (db, oid, o, error) || !write_refs (db, oid, o, error))
    return FALSE;
  if (n_written)
    (*n_written)++;
  return update_children (db, o, external_types, now, n_written, error);
}

gboolean
grm_store_objects_tombstone (GrmDb       *db,
                             const char  *id,
                             gint64       now,
                             GError     **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, "UPDATE object SET deleted = 1, synced_at = ?2"
                             " WHERE id = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  stmt = grm_db_prepare (db, "SELECT id FROM object WHERE parent = ?1 AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (children, grm_db_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  for (guint i = 0; i < children->len; i++)
    if (!grm_store_objects_tombstone (db, g_ptr_array_index (children, i), now, error))
      return FALSE;
  return TRUE;
}

gboolean
grm_store_objects_add_placeholder (GrmDb         *db,
                                   const char    *id,
                                   GrmOparlType   type,
                                   gint64         now,
                                   GError       **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "INSERT OR IGNORE INTO object (id, type, placeholder,"
                                           " synced_at) VALUES (?1, ?2, 1, ?3)", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, id);
  grm_db_bind_text (stmt, 2, grm_oparl_type_to_string (type));
  sqlite3_bind_int64 (stmt, 3, now);
  return grm_db_step_done (db, stmt, error);
}

GPtrArray *
grm_store_objects_dup_unresolved (GrmDb   *db,
                                  guint    limit,
                                  GError **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = grm_db_prepare (db, "SELECT r.target, MIN (r.target_type) FROM object_ref r"
                             " WHERE NOT EXISTS (SELECT 1 FROM object o WHERE o.id = r.target)"
                             " GROUP BY r.target ORDER BY r.target LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_ref_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrmOparlRef *ref = g_new0 (GrmOparlRef, 1);

      ref->target = grm_db_column_dup (stmt, 0);
      ref->target_type = grm_oparl_type_from_string (grm_db_column_text (stmt, 1));
      g_ptr_array_add (result, ref);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

void
grm_sync_state_free (GrmSyncState *state)
{
  if (state == NULL)
    return;
  g_free (state->list_url);
  g_free (state->body);
  g_free (state->list_type);
  g_free (state->watermark);
  g_free (state->next_url);
  g_free (state->crawl_started);
  g_free (state->last_error);
  g_free (state);
}

#define STATE_COLUMNS "list_url, body, list_type, watermark, next_url, crawl_started," \
                      " last_success, last_error, last_attempt"

static GrmSyncState *
state_from_row (sqlite3_stmt *stmt)
{
  GrmSyncState *state = g_new0 (GrmSyncState, 1);

  state->list_url = grm_db_column_dup (stmt, 0);
  state->body = grm_db_column_dup (stmt, 1);
  state->list_type = grm_db_column_dup (stmt, 2);
  state->watermark = grm_db_column_dup (stmt, 3);
  state->next_url = grm_db_column_dup (stmt, 4);
  state->crawl_started = grm_db_column_dup (stmt, 5);
  state->last_success = sqlite3_column_int64 (stmt, 6);
  state->last_error = grm_db_column_dup (stmt, 7);
  state->last_attempt = sqlite3_column_int64 (stmt, 8);
  return state;
}

GrmSyncState *
grm_store_sync_state_get (GrmDb       *db,
                          const char  *list_url,
                          GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT " STATE_COLUMNS " FROM sync_state"
                                           " WHERE list_url = ?1", error);
  GrmSyncState *state = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, list_url);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    state = state_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    grm_db_set_error (db, rc, error);
  return state;
}

GPtrArray *
grm_store_sync_state_list (GrmDb   *db,
                           GError **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_sync_state_free);
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT " STATE_COLUMNS " FROM sync_state"
                                           " ORDER BY list_url", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (result, state_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&result);
}

gboolean
grm_store_sync_state_begin (GrmDb       *db,
                            const char  *list_url,
                            const char  *body,
                            const char  *list_type,
                            const char  *crawl_started,
                            gint64       now,
                            GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT INTO sync_state (list_url, body, list_type, crawl_started, last_attempt)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (list_url) DO UPDATE SET"
    " body = excluded.body, list_type = excluded.list_type,"
    " crawl_started = COALESCE (sync_state.crawl_started, excluded.crawl_started),"
    " last_attempt = excluded.last_attempt", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, list_url);
  grm_db_bind_text (stmt, 2, body);
  grm_db_bind_text (stmt, 3, list_type);
  grm_db_bind_text (stmt, 4, crawl_started);
  sqlite3_bind_int64 (stmt, 5, now);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_store_sync_state_set_next (GrmDb       *db,
                               const char  *list_url,
                               const char  *next_url,
                               GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "UPDATE sync_state SET next_url = ?2"
                                           " WHERE list_url = ?1", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, list_url);
  grm_db_bind_text (stmt, 2, next_url);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_store_sync_state_finish (GrmDb       *db,
                             const char  *list_url,
                             gint64       now,
                             GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "UPDATE sync_state SET watermark = COALESCE (crawl_started, watermark),"
    " crawl_started = NULL, next_url = NULL, last_success = ?2, last_error = NULL"
    " WHERE list_url = ?1", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, list_url);
  sqlite3_bind_int64 (stmt, 2, now);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_store_sync_state_fail (GrmDb       *db,
                           const char  *list_url,
                           const char  *message,
                           gint64       now,
                           GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "INSERT INTO sync_state (list_url, last_error, last_attempt) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (list_url) DO UPDATE SET last_error = excluded.last_error,"
    " last_attempt = excluded.last_attempt", error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, list_url);
  grm_db_bind_text (stmt, 2, message);
  sqlite3_bind_int64 (stmt, 3, now);
  return grm_db_step_done (db, stmt, error);
}
