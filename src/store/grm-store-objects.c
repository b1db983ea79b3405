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

/* An OParl boolean that may be missing: -1 binds NULL. */
#define TRISTATE(v) GRM_DB_INT_IF ((v) >= 0, (v))

/* One row in the type's own table, replacing what was there. */
static gboolean
write_typed_row (GrmDb          *db,
                 gint64          oid,
                 GrmOparlObject *o,
                 GError        **error)
{
/* Short, as these lists are long. */
#define T GRM_DB_TEXT
  switch (o->type)
    {
    case GRM_OPARL_SYSTEM:
      return grm_db_run (db, "INSERT OR REPLACE INTO system (oid, name, oparl_version, vendor,"
                             " product, write_api) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->name), T (o->oparl_version),
                                        T (o->vendor), T (o->product), T (o->write_api)),
                         error);
    case GRM_OPARL_BODY:
      return grm_db_run (db, "INSERT OR REPLACE INTO body (oid, system, name, short_name, website)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->system), T (o->name),
                                        T (o->short_name), T (o->website)),
                         error);
    case GRM_OPARL_LEGISLATIVE_TERM:
      return grm_db_run (db, "INSERT OR REPLACE INTO legislative_term (oid, body, name, start_date,"
                             " end_date) VALUES (?1, ?2, ?3, ?4, ?5)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->body), T (o->name),
                                        T (o->start_date), T (o->end_date)),
                         error);
    case GRM_OPARL_ORGANIZATION:
      return grm_db_run (db, "INSERT OR REPLACE INTO organization (oid, body, name, short_name,"
                             " organization_type, classification, start_date, end_date)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->body), T (o->name),
                                        T (o->short_name), T (o->organization_type),
                                        T (o->classification), T (o->start_date),
                                        T (o->end_date)),
                         error);
    case GRM_OPARL_PERSON:
      return grm_db_run (db, "INSERT OR REPLACE INTO person (oid, body, name, family_name,"
                             " given_name, form_of_address, title)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->body), T (o->name),
                                        T (o->family_name), T (o->given_name),
                                        T (o->form_of_address), T (o->title)),
                         error);
    case GRM_OPARL_MEMBERSHIP:
      return grm_db_run (db, "INSERT OR REPLACE INTO membership (oid, person, organization, role,"
                             " voting_right, start_date, end_date, on_behalf_of)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->person), T (o->organization),
                                        T (o->role), TRISTATE (o->voting_right),
                                        T (o->start_date), T (o->end_date),
                                        T (o->on_behalf_of)),
                         error);
    case GRM_OPARL_LOCATION:
      return grm_db_run (db, "INSERT OR REPLACE INTO location (oid, description, street_address,"
                             " room, postal_code, locality) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->description),
                                        T (o->street_address), T (o->room), T (o->postal_code),
                                        T (o->locality)),
                         error);
    case GRM_OPARL_MEETING:
      return grm_db_run (db, "INSERT OR REPLACE INTO meeting (oid, name, meeting_state, cancelled,"
                             " start, end, start_utc, end_utc, location)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->name), T (o->meeting_state),
                                        GRM_DB_BOOL (o->cancelled), T (o->start), T (o->end),
                                        GRM_DB_INT_IF (o->has_start_utc, o->start_utc),
                                        GRM_DB_INT_IF (o->has_end_utc, o->end_utc),
                                        T (o->location)),
                         error);
    case GRM_OPARL_AGENDA_ITEM:
      /* Order by `order`, else by the position in the meeting, never by number. */
      return grm_db_run (db, "INSERT OR REPLACE INTO agenda_item (oid, meeting, number, ord, name,"
                             " public, result, resolution_text, consultation, start, end)"
                             " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->meeting), T (o->number),
                                        o->has_order ? GRM_DB_INT (o->order)
                                                     : TRISTATE (o->position),
                                        T (o->name), TRISTATE (o->public_), T (o->result),
                                        T (o->resolution_text), T (o->consultation),
                                        T (o->start), T (o->end)),
                         error);
    case GRM_OPARL_PAPER:
      return grm_db_run (db, "INSERT OR REPLACE INTO paper (oid, body, name, reference, paper_type,"
                             " date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->body), T (o->name),
                                        T (o->reference), T (o->paper_type), T (o->date)),
                         error);
    case GRM_OPARL_CONSULTATION:
      return grm_db_run (db, "INSERT OR REPLACE INTO consultation (oid, paper, meeting, agenda_item,"
                             " authoritative, role) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->paper), T (o->meeting),
                                        T (o->agenda_item), TRISTATE (o->authoritative),
                                        T (o->role)),
                         error);
    case GRM_OPARL_FILE:
      return grm_db_run (db, "INSERT OR REPLACE INTO file (oid, name, file_name, mime_type, date,"
                             " size, access_url, download_url, sha512_checksum, sha1_checksum,"
                             " text) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                         GRM_DB_VALUES (GRM_DB_INT (oid), T (o->name), T (o->file_name),
                                        T (o->mime_type), T (o->date),
                                        GRM_DB_INT_IF (o->size >= 0, o->size),
                                        T (o->access_url), T (o->download_url),
                                        T (o->sha512_checksum), T (o->sha1_checksum),
                                        T (o->text)),
                         error);
    default:
      return TRUE;
    }
#undef T
}

static gboolean
write_refs (GrmDb          *db,
            gint64          oid,
            GrmOparlObject *o,
            GError        **error)
{
  if (!grm_db_run (db, "DELETE FROM object_ref WHERE oid = ?1",
                   GRM_DB_VALUES (GRM_DB_INT (oid)), error))
    return FALSE;
  for (guint i = 0; i < o->refs->len; i++)
    {
      GrmOparlRef *ref = g_ptr_array_index (o->refs, i);

      if (!grm_db_run (db, "INSERT OR REPLACE INTO object_ref (oid, rel, position, target,"
                           " target_type, owned) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       GRM_DB_VALUES (GRM_DB_INT (oid), GRM_DB_TEXT (ref->rel),
                                      GRM_DB_INT (ref->position), GRM_DB_TEXT (ref->target),
                                      GRM_DB_TEXT (grm_oparl_type_to_string (ref->target_type)),
                                      GRM_DB_BOOL (ref->owned)),
                       error))
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
  GrmDbStep step;

  stmt = grm_db_prepare_bind (db, "SELECT o.id, r.position FROM object_ref r"
                                  " JOIN object o ON o.oid = r.oid"
                                  " WHERE r.target = ?1 AND r.owned = 1 AND o.deleted = 0"
                                  " ORDER BY o.id, r.position LIMIT 1",
                              GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  if (stmt == NULL || (step = grm_db_step (db, stmt, error)) == GRM_DB_FAILED)
    return FALSE;
  if (step == GRM_DB_ROW)
    {
      *parent = grm_db_column_dup (stmt, 0);
      *position = sqlite3_column_int (stmt, 1);
      sqlite3_reset (stmt);
    }
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
  GrmDbValue at = GRM_DB_INT_IF (parent != NULL, position);

  if (!grm_db_run (db, "UPDATE object SET parent = ?2, position = ?3 WHERE id = ?1"
                       " AND (parent IS NOT ?2 OR position IS NOT ?3)",
                   GRM_DB_VALUES (GRM_DB_TEXT (id), GRM_DB_TEXT (parent), at), error))
    return FALSE;
  if (grm_db_changes (db) == 0)
    return TRUE;
  return grm_db_run (db, "UPDATE agenda_item SET ord = ?2 WHERE oid ="
                         " (SELECT oid FROM object WHERE id = ?1"
                         "  AND json_valid (raw) AND json_extract (raw, '$.order') IS NULL)",
                     GRM_DB_VALUES (GRM_DB_TEXT (id), at), error);
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
  GrmDbStep step;

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

  stmt = grm_db_prepare_bind (db, "SELECT id, type FROM object WHERE parent = ?1 AND deleted = 0",
                              GRM_DB_VALUES (GRM_DB_TEXT (o->id)), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      const char *id = grm_db_column_text (stmt, 0);
      int type = grm_oparl_type_from_string (grm_db_column_text (stmt, 1));

      if (!g_hash_table_contains (present, id))
        {
          g_ptr_array_add (vanished, g_strdup (id));
          g_array_append_val (vanished_types, type);
        }
    }
  if (step == GRM_DB_FAILED)
    return FALSE;

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

  if (typed_tables[t] == NULL)
    return TRUE;
  sql = g_strdup_printf ("DELETE FROM %s WHERE oid = (SELECT oid FROM object WHERE id = ?1)",
                         typed_tables[t]);
  return grm_db_run (db, sql, GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
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
  GrmDbStep step;
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

  stmt = grm_db_prepare_bind (db, "SELECT oid, type, raw, deleted, placeholder, parent, position"
                                  " FROM object WHERE id = ?1",
                              GRM_DB_VALUES (GRM_DB_TEXT (o->id)), error);
  if (stmt == NULL || (step = grm_db_step (db, stmt, error)) == GRM_DB_FAILED)
    return FALSE;
  if (step == GRM_DB_ROW)
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
      sqlite3_reset (stmt);
    }

  if (old_type != NULL && g_strcmp0 (old_type, grm_oparl_type_to_string (o->type)) != 0
      && !drop_typed_row (db, o->id, old_type, error))
    return FALSE;

  stmt = grm_db_prepare_bind (db,
                              "INSERT INTO object (id, type, parent, position, created, modified,"
                              " deleted, placeholder, raw, synced_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9)"
                              " ON CONFLICT (id) DO UPDATE SET type = excluded.type,"
                              " parent = excluded.parent, position = excluded.position,"
                              " created = excluded.created, modified = excluded.modified,"
                              " deleted = excluded.deleted, placeholder = 0, raw = excluded.raw,"
                              " synced_at = excluded.synced_at"
                              " RETURNING oid",
                              GRM_DB_VALUES (GRM_DB_TEXT (o->id),
                                             GRM_DB_TEXT (grm_oparl_type_to_string (o->type)),
                                             GRM_DB_TEXT (parent),
                                             GRM_DB_INT_IF (parent != NULL, position),
                                             GRM_DB_TEXT (o->created), GRM_DB_TEXT (o->modified),
                                             GRM_DB_BOOL (o->deleted), GRM_DB_TEXT (o->raw),
                                             GRM_DB_INT (now)),
                              error);
  if (stmt == NULL || !grm_db_step_int64 (db, stmt, &oid, error))
    return FALSE;

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
  GrmDbStep step;

  if (!grm_db_run (db, "UPDATE object SET deleted = 1, synced_at = ?2"
                       " WHERE id = ?1 AND deleted = 0",
                   GRM_DB_VALUES (GRM_DB_TEXT (id), GRM_DB_INT (now)), error))
    return FALSE;

  stmt = grm_db_prepare_bind (db, "SELECT id FROM object WHERE parent = ?1 AND deleted = 0",
                              GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    g_ptr_array_add (children, grm_db_column_dup (stmt, 0));
  if (step == GRM_DB_FAILED)
    return FALSE;
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
  return grm_db_run (db, "INSERT OR IGNORE INTO object (id, type, placeholder, synced_at)"
                         " VALUES (?1, ?2, 1, ?3)",
                     GRM_DB_VALUES (GRM_DB_TEXT (id),
                                    GRM_DB_TEXT (grm_oparl_type_to_string (type)),
                                    GRM_DB_INT (now)),
                     error);
}

GPtrArray *
grm_store_objects_dup_unresolved (GrmDb   *db,
                                  guint    limit,
                                  GError **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  GrmDbStep step;

  stmt = grm_db_prepare_bind (db, "SELECT r.target, MIN (r.target_type) FROM object_ref r"
                                  " WHERE NOT EXISTS (SELECT 1 FROM object o WHERE o.id = r.target)"
                                  " GROUP BY r.target ORDER BY r.target LIMIT ?1",
                              GRM_DB_VALUES (GRM_DB_INT (limit)), error);
  if (stmt == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_ref_free);
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      GrmOparlRef *ref = g_new0 (GrmOparlRef, 1);

      ref->target = grm_db_column_dup (stmt, 0);
      ref->target_type = grm_oparl_type_from_string (grm_db_column_text (stmt, 1));
      g_ptr_array_add (result, ref);
    }
  return step == GRM_DB_DONE ? g_steal_pointer (&result) : NULL;
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
  sqlite3_stmt *stmt = grm_db_prepare_bind (db, "SELECT " STATE_COLUMNS " FROM sync_state"
                                                " WHERE list_url = ?1",
                                            GRM_DB_VALUES (GRM_DB_TEXT (list_url)), error);
  GrmSyncState *state = NULL;

  if (stmt != NULL && grm_db_step (db, stmt, error) == GRM_DB_ROW)
    {
      state = state_from_row (stmt);
      sqlite3_reset (stmt);
    }
  return state;
}

GPtrArray *
grm_store_sync_state_list (GrmDb   *db,
                           GError **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_sync_state_free);
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT " STATE_COLUMNS " FROM sync_state"
                                           " ORDER BY list_url", error);
  GrmDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    g_ptr_array_add (result, state_from_row (stmt));
  return step == GRM_DB_DONE ? g_steal_pointer (&result) : NULL;
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
  return grm_db_run (db,
    "INSERT INTO sync_state (list_url, body, list_type, crawl_started, last_attempt)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (list_url) DO UPDATE SET"
    " body = excluded.body, list_type = excluded.list_type,"
    " crawl_started = COALESCE (sync_state.crawl_started, excluded.crawl_started),"
    " last_attempt = excluded.last_attempt",
    GRM_DB_VALUES (GRM_DB_TEXT (list_url), GRM_DB_TEXT (body), GRM_DB_TEXT (list_type),
                   GRM_DB_TEXT (crawl_started), GRM_DB_INT (now)),
    error);
}

gboolean
grm_store_sync_state_set_next (GrmDb       *db,
                               const char  *list_url,
                               const char  *next_url,
                               GError     **error)
{
  return grm_db_run (db, "UPDATE sync_state SET next_url = ?2 WHERE list_url = ?1",
                     GRM_DB_VALUES (GRM_DB_TEXT (list_url), GRM_DB_TEXT (next_url)), error);
}

gboolean
grm_store_sync_state_finish (GrmDb       *db,
                             const char  *list_url,
                             gint64       now,
                             GError     **error)
{
  return grm_db_run (db,
    "UPDATE sync_state SET watermark = COALESCE (crawl_started, watermark),"
    " crawl_started = NULL, next_url = NULL, last_success = ?2, last_error = NULL"
    " WHERE list_url = ?1",
    GRM_DB_VALUES (GRM_DB_TEXT (list_url), GRM_DB_INT (now)), error);
}

gboolean
grm_store_sync_state_fail (GrmDb       *db,
                           const char  *list_url,
                           const char  *message,
                           gint64       now,
                           GError     **error)
{
  return grm_db_run (db,
    "INSERT INTO sync_state (list_url, last_error, last_attempt) VALUES (?1, ?2, ?3)"
    " ON CONFLICT (list_url) DO UPDATE SET last_error = excluded.last_error,"
    " last_attempt = excluded.last_attempt",
    GRM_DB_VALUES (GRM_DB_TEXT (list_url), GRM_DB_TEXT (message), GRM_DB_INT (now)), error);
}
