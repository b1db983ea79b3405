/* grm-push-collect-local.c: the outbox entries of a meeting created here
 * (urn:uuid: id). It has no JSON from a server, so it is built from its
 * typed columns, with its agenda and the records of grm-push-collect.c. The
 * first push creates it (POST; the server's ids then replace the urn ids
 * everywhere, see grm-store-outbox-ids.c); later changes are PUTs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <json-glib/json-glib.h>

#include "grm-push-private.h"

#define PREP(sql) stmt = grm_db_prepare (db, sql, error); if (stmt == NULL) return FALSE

#define OPARL_TYPE "https://schema.oparl.org/1.1/"

/* The server's id of @id when it created the object, else @id. */
static char *
remote_id (GrmDb       *db,
           const char  *id,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *remote = grm_store_outbox_dup_remote (db, id, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return remote ? remote : g_strdup (id);
}

/* A meeting created here has no JSON from a server: it is built from the
 * typed columns, with its agenda. The first push creates it (POST, local
 * urn ids that the server replaces); later ones change it (PUT). */
gboolean
grm_push_collect_local_meeting (GrmDb        *db,
                                const char   *meeting,
                                guint        *n_enqueued,
                                GError      **error)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(GPtrArray) item_objs = g_ptr_array_new ();
  g_autofree char *digest = NULL;
  g_autofree char *label = NULL;
  g_autofree char *remote = NULL;
  sqlite3_stmt *stmt;
  int rc;

  PREP ("SELECT m.name, m.start, (SELECT target FROM object_ref r WHERE r.oid = o.oid AND "
        "r.rel = 'organization' LIMIT 1) FROM meeting m JOIN object o ON o.oid = m.oid "
        "WHERE o.id = ? AND o.deleted = 0");
  grm_db_bind_text (stmt, 1, meeting);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_object_set_string_member (obj, "id", meeting);
      json_object_set_string_member (obj, "type", OPARL_TYPE "Meeting");
      json_object_set_string_member (obj, "name", grm_db_column_text (stmt, 0));
      json_object_set_string_member (obj, "start", grm_db_column_text (stmt, 1));
      if (grm_db_column_text (stmt, 2) != NULL)
        {
          JsonArray *orgs = json_array_new ();

          json_array_add_string_element (orgs, grm_db_column_text (stmt, 2));
          json_object_set_array_member (obj, "organization", orgs);
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);

  PREP ("SELECT o.id, a.number, a.ord, a.name, a.public FROM agenda_item a "
        "JOIN object o ON o.oid = a.oid WHERE a.meeting = ? AND o.deleted = 0 ORDER BY a.ord");
  grm_db_bind_text (stmt, 1, meeting);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "id", grm_db_column_text (stmt, 0));
      json_object_set_string_member (item, "type", OPARL_TYPE "AgendaItem");
      if (grm_db_column_text (stmt, 1) != NULL)
        json_object_set_string_member (item, "number", grm_db_column_text (stmt, 1));
      json_object_set_int_member (item, "order", sqlite3_column_int64 (stmt, 2));
      json_object_set_string_member (item, "name", grm_db_column_text (stmt, 3));
      json_object_set_boolean_member (item, "public", sqlite3_column_int (stmt, 4) != 0);
      json_array_add_object_element (items, item);
      g_ptr_array_add (item_objs, item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  {
    g_autoptr(JsonObject) records = json_object_new ();

    if (!grm_push_build_session (db, meeting, records, error))
      return FALSE;
    grm_push_apply_records (obj, records);
  }
  for (guint i = 0; i < item_objs->len; i++)
    {
      JsonObject *item = g_ptr_array_index (item_objs, i);
      g_autoptr(JsonObject) records = json_object_new ();

      if (!grm_push_build_item (db, json_object_get_string_member (item, "id"), records, error))
        return FALSE;
      grm_push_apply_records (item, records);
    }
  json_object_set_array_member (obj, "agendaItem", json_array_ref (items));
  digest = grm_push_digest_of (obj);
  label = grm_push_label_new_meeting (json_object_get_string_member (obj, "name"));

  /* Once created on the server, the same content goes to the server's ids
   * (since migration 0005 the local ids are replaced by them). */
  remote = remote_id (db, meeting, error);
  if (remote == NULL)
    return FALSE;
  if (g_str_equal (remote, meeting) && g_str_has_prefix (meeting, "urn:"))
    return grm_push_enqueue_target (db, "POST", meeting, meeting, obj, digest, label, n_enqueued, error);

  g_free (label);
  label = grm_push_label_records (json_object_get_string_member (obj, "name"));
  json_object_set_string_member (obj, "id", remote);
  for (guint i = 0; i < item_objs->len; i++)
    {
      JsonObject *item = g_ptr_array_index (item_objs, i);
      g_autofree char *item_remote = remote_id (db, json_object_get_string_member (item, "id"),
                                                error);

      if (item_remote == NULL)
        return FALSE;
      json_object_set_string_member (item, "id", item_remote);
    }
  return grm_push_enqueue_target (db, "PUT", meeting, remote, obj, digest, label, n_enqueued, error);
}
