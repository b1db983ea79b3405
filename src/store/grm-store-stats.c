/* grm-store-stats.c: counts of what a store holds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include "grm-store-stats.h"

static const char * const oparl_types[] = {
  "System", "Body", "LegislativeTerm", "Organization", "Person", "Membership",
  "Meeting", "AgendaItem", "Paper", "Consultation", "File", "Location",
};

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  return dt ? g_date_time_format_iso8601 (dt) : NULL;
}

static gboolean
add_object_counts (GrmDb       *db,
                   JsonBuilder *builder,
                   GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT sum(deleted = 0 AND placeholder = 0), sum(deleted = 1),"
    "       sum(deleted = 0 AND placeholder = 1)"
    "  FROM object WHERE type = ?", error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (oparl_types); i++)
    {
      int rc;

      sqlite3_reset (stmt);
      grm_db_bind_text (stmt, 1, oparl_types[i]);
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        return grm_db_set_error (db, rc, error);

      json_builder_set_member_name (builder, oparl_types[i]);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "live");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 1));
      json_builder_set_member_name (builder, "missing");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 2));
      json_builder_end_object (builder);
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
add_file_counts (GrmDb       *db,
                 JsonBuilder *builder,
                 GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT count(*), total(bytes) FROM file_blob WHERE state = 'stored'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);

  json_builder_set_member_name (builder, "files");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stored");
  json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 0));
  json_builder_set_member_name (builder, "bytes");
  json_builder_add_int_value (builder, (gint64) sqlite3_column_double (stmt, 1));
  json_builder_end_object (builder);
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
add_lists (GrmDb       *db,
           JsonBuilder *builder,
           GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
    "SELECT list_url, last_success, last_error FROM sync_state ORDER BY list_url", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  json_builder_set_member_name (builder, "lists");
  json_builder_begin_object (builder);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *last = NULL;

      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        last = format_time (sqlite3_column_int64 (stmt, 1));

      json_builder_set_member_name (builder, grm_db_column_text (stmt, 0));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "last_success");
      if (last != NULL)
        json_builder_add_string_value (builder, last);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "last_error");
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        json_builder_add_string_value (builder, grm_db_column_text (stmt, 2));
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

gboolean
grm_store_stats_read (GrmDb     *db,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  if (!add_object_counts (db, builder, error) ||
      !add_file_counts (db, builder, error) ||
      !add_lists (db, builder, error))
    return FALSE;
  json_builder_end_object (builder);

  *result = json_builder_get_root (builder);
  return TRUE;
}
