/* grm-store-outbox-ids.c: a locally created object takes the server's id.
 *
 * When the server created a meeting that was made here (urn:uuid: id), its
 * id and the ids of its agenda items replace the local ones in every table
 * that refers to them, in the transaction that records the server's answer
 * (migration 0005 lets the frozen records change exactly that). Then the
 * reader, the live session, later PUTs and the next pull all see one object
 * under the server's id. The audit log keeps the ids it was written with.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include "grm-oparl.h"
#include "grm-store-objects.h"
#include "grm-store-outbox.h"

/* Every column that holds the id of a Meeting or an AgendaItem (or of any
 * object a local one could be referred to as). */
static const struct
{
  const char *table;
  const char *column;
} id_columns[] = {
  { "object", "parent" },
  { "object_ref", "target" },
  { "agenda_item", "meeting" },
  { "agenda_item", "consultation" },
  { "consultation", "meeting" },
  { "consultation", "agenda_item" },
  { "consultation", "paper" },
  { "meeting", "location" },
  { "membership", "organization" },
  { "annotation", "target" },
  { "search_doc", "target" },
  { "search_doc", "owner" },
  /* Minutes first: while they still name the local id, the decisions'
   * seal check looks for them under it. */
  { "minutes", "meeting" },
  { "session", "meeting" },
  { "session", "current_item" },
  { "session_item", "meeting" },
  { "session_item", "agenda_item" },
  { "session_member", "meeting" },
  { "attendance", "meeting" },
  { "session_event", "meeting" },
  { "exclusion", "meeting" },
  { "exclusion", "agenda_item" },
  { "vote", "meeting" },
  { "vote", "agenda_item" },
  { "decision", "meeting" },
  { "decision", "agenda_item" },
  { "correction", "for_meeting" },
  { "outbox", "target" },
};

static gboolean
exec_pair (GrmDb       *db,
           const char  *sql,
           const char  *local,
           const char  *remote,
           GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, local);
  grm_db_bind_text (stmt, 2, remote);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_store_outbox_replace_id (GrmDb       *db,
                             const char  *local,
                             const char  *remote,
                             GError     **error)
{
  g_return_val_if_fail (local != NULL && remote != NULL, FALSE);

  if (g_str_equal (local, remote))
    return TRUE;
  /* The mapping first: the frozen records' triggers look for it. */
  if (!grm_store_outbox_set_remote (db, local, remote, NULL, NULL, error))
    return FALSE;

  /* A pull may have stored the server's copy already: ours, with the
   * records pointing at it, takes its place (the server's JSON follows). */
  if (!exec_pair (db, "DELETE FROM object WHERE id = ?2 AND EXISTS "
                      "(SELECT 1 FROM object WHERE id = ?1)", local, remote, error) ||
      !exec_pair (db, "UPDATE object SET id = ?2 WHERE id = ?1", local, remote, error) ||
      !exec_pair (db, "DELETE FROM search_source WHERE target = ?2", local, remote, error) ||
      !exec_pair (db, "UPDATE search_source SET target = ?2 WHERE target = ?1", local, remote,
                  error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (id_columns); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = ?2 WHERE %s = ?1",
                                              id_columns[i].table, id_columns[i].column,
                                              id_columns[i].column);

      if (!exec_pair (db, sql, local, remote, error))
        return FALSE;
    }

  /* What was last enqueued for the local id is what the server has now. */
  return exec_pair (db, "DELETE FROM push_target WHERE target = ?2 AND EXISTS "
                        "(SELECT 1 FROM push_target WHERE target = ?1)", local, remote, error) &&
         exec_pair (db, "UPDATE push_target SET target = ?2 WHERE target = ?1", local, remote,
                    error);
}

gboolean
grm_store_outbox_adopt_created (GrmDb       *db,
                                GPtrArray   *pairs,
                                const char  *created,
                                const char  *version,
                                const char  *modified,
                                GError     **error)
{
  g_autoptr(GrmOparlObject) object = NULL;
  guint n_written = 0;

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    if (!grm_store_outbox_replace_id (db, pairs->pdata[i], pairs->pdata[i + 1], error))
      return FALSE;
  /* Later writes of the object are based on the version we created. */
  if (pairs->len >= 2 && version != NULL &&
      !grm_store_outbox_set_remote (db, pairs->pdata[0], pairs->pdata[1], version, modified,
                                    error))
    return FALSE;

  /* The server's object, as a pull would store it, so the reader shows
   * what the server has and the next pull finds nothing new. */
  object = created ? grm_oparl_parse_object (created, -1, GRM_OPARL_UNKNOWN, NULL) : NULL;
  if (object == NULL || pairs->len < 2 || g_strcmp0 (object->id, pairs->pdata[1]) != 0)
    return TRUE;

  return grm_store_objects_upsert (db, object, 0, g_get_real_time () / G_USEC_PER_SEC,
                                   &n_written, error);
}
