/* grm-session-store-meeting.c: meetings created locally, for a session that
 * the server does not know yet. Their ids are urn:uuid: until the server
 * assigns its own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-meeting"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-session-audit.h"
#include "grm-session-store-private.h"

static char *
new_urn (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

static gint64
insert_object (GrmDb       *db,
               const char  *id,
               const char  *type,
               const char  *parent,
               int          position,
               GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt;

  stmt = grm_session_prepare (db, error,
                              "INSERT INTO object (id, type, created, modified, parent, position) "
                              "VALUES (?1, ?2, ?3, ?3, ?4, ?5)", id, type, stamp, NULL);
  if (stmt == NULL)
    return -1;
  grm_db_bind_text (stmt, 4, parent);
  sqlite3_bind_int (stmt, 5, position);
  if (!grm_db_step_done (db, stmt, error))
    return -1;
  return grm_db_last_insert_rowid (db);
}

char *
grm_session_store_create_meeting (GrmDb              *db,
                                  const char         *name,
                                  const char         *start_iso,
                                  const char         *organization,
                                  const char * const *items,
                                  const char         *actor,
                                  GError            **error)
{
  g_autofree char *id = new_urn ();
  g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (start_iso, NULL);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  gint64 oid;

  if (start == NULL || name == NULL || *name == '\0')
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("A meeting needs a name and a valid start time"));
      return NULL;
    }
  oid = insert_object (db, id, "Meeting", NULL, 0, error);
  if (oid < 0)
    return NULL;
  stmt = grm_session_prepare (db, error, "INSERT INTO meeting (oid, name, start, start_utc) "
                                         "VALUES (?1, ?2, ?3, ?4)", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, oid);
  grm_db_bind_text (stmt, 2, name);
  grm_db_bind_text (stmt, 3, start_iso);
  sqlite3_bind_int64 (stmt, 4, g_date_time_to_unix (start));
  if (!grm_db_step_done (db, stmt, error))
    return NULL;
  if (organization != NULL)
    {
      stmt = grm_session_prepare (db, error, "INSERT INTO object_ref (oid, rel, position, target) "
                                             "VALUES (?1, 'organization', 0, ?2)", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, oid);
      grm_db_bind_text (stmt, 2, organization);
      if (!grm_db_step_done (db, stmt, error))
        return NULL;
    }

  for (int k = 0; items != NULL && items[k] != NULL; k++)
    {
      g_auto(GStrv) parts = g_strsplit (items[k], "|", 3);
      g_autofree char *item_id = new_urn ();
      gint64 item_oid;

      if (g_strv_length (parts) < 2)
        continue;
      item_oid = insert_object (db, item_id, "AgendaItem", id, k, error);
      if (item_oid < 0)
        return NULL;
      stmt = grm_session_prepare (db, error,
                                  "INSERT INTO agenda_item (oid, meeting, number, ord, name, public) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", NULL);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, item_oid);
      grm_db_bind_text (stmt, 2, id);
      grm_db_bind_text (stmt, 3, parts[0]);
      sqlite3_bind_int (stmt, 4, k);
      grm_db_bind_text (stmt, 5, parts[1]);
      sqlite3_bind_int (stmt, 6, parts[2] == NULL || g_strcmp0 (parts[2], "0") != 0);
      if (!grm_db_step_done (db, stmt, error))
        return NULL;
    }

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "meeting");
  json_builder_add_string_value (b, id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, name);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, start_iso);
  json_builder_end_object (b);
  if (!grm_session_audit_append (db, id, actor, "meeting.create", json_builder_get_root (b),
                                 error))
    return NULL;
  return g_steal_pointer (&id);
}
