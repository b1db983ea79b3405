/* grm-store-browse-people.c: the reads behind the page of a committee and of
 * a person (memberships, roles, voting rights), and the one write that
 * browsing needs: asking for a file to be kept offline.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-browse"

#include <glib/gi18n-lib.h>

#include "grm-store-browse.h"
#include "grm-store-browse-detail.h"

static gboolean
is_past (const char *iso_date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return iso_date != NULL && iso_date[0] != '\0' && g_strcmp0 (iso_date, today) < 0;
}

/* "Chair · voting" / "Member · advisory"; "until 3 May 2020" for former ones. */
static void
describe_membership (GrmBrowseRow *row,
                     sqlite3_stmt *stmt,
                     int           role_col)
{
  const char *role = grm_db_column_text (stmt, role_col);
  int voting_type = sqlite3_column_type (stmt, role_col + 1);
  gboolean voting = sqlite3_column_int (stmt, role_col + 1) != 0;
  const char *end = grm_db_column_text (stmt, role_col + 3);
  g_autofree char *since = grm_browse_format_date (grm_db_column_text (stmt, role_col + 2));
  GString *subtitle = g_string_new (role != NULL && role[0] != '\0' ? role : _("Member"));

  if (voting_type != SQLITE_NULL)
    g_string_append_printf (subtitle, " · %s", voting ? _("voting") : _("advisory"));

  if (is_past (end))
    {
      g_autofree char *until = grm_browse_format_date (end);

      /* Translators: a membership that ended; %s is a date. */
      g_autofree char *badge = g_strdup_printf (_("until %s"), until);

      grm_browse_row_set_badge (row, badge);
      grm_browse_row_set_cancelled (row, TRUE);
    }
  else if (since != NULL)
    {
      g_string_append (subtitle, " · ");
      /* Translators: a membership's start; %s is a date. */
      g_string_append_printf (subtitle, _("since %s"), since);
    }
  grm_browse_row_set_subtitle (row, subtitle->str);
  g_string_free (subtitle, TRUE);
}

/* The memberships of a committee or of a person: @sql selects, for @id,
 * the other side's id and name, then role, voting right, start and end. */
static gboolean
load_memberships (GrmDb            *db,
                  GrmBrowseDetail  *detail,
                  const char       *sql,
                  const char       *id,
                  GrmBrowseRowKind  kind,
                  const char       *unknown,
                  GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db, sql, GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      GrmBrowseRow *row = grm_browse_row_new (kind, grm_db_column_text (stmt, 0));
      const char *name = grm_db_column_text (stmt, 1);

      grm_browse_row_set_title (row, name != NULL ? name : unknown);
      grm_browse_row_set_target (row, grm_db_column_text (stmt, 0));
      describe_membership (row, stmt, 2);
      g_ptr_array_add (detail->memberships, row);
    }
  return step == GRM_DB_DONE;
}

GrmBrowseDetail *
grm_browse_load_organization (GrmDb       *db,
                              const char  *id,
                              GError     **error)
{
  g_autoptr(GrmBrowseDetail) detail = grm_browse_detail_new ();
  sqlite3_stmt *stmt = grm_browse_prepare_one (db,
    "SELECT g.name, g.short_name, g.organization_type, g.classification,"
    " g.start_date, g.end_date"
    " FROM object o JOIN organization g ON g.oid = o.oid WHERE o.id = ?1", id, error);
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (stmt == NULL)
    return NULL;

  start = grm_browse_format_date (grm_db_column_text (stmt, 4));
  end = grm_browse_format_date (grm_db_column_text (stmt, 5));
  detail->header = grm_browse_row_new (GRM_BROWSE_ROW_ORGANIZATION, id);
  grm_browse_row_set_title (detail->header, grm_db_column_text (stmt, 0) != NULL
                                            ? grm_db_column_text (stmt, 0) : _("Committee"));
  grm_browse_row_set_subtitle (detail->header, grm_db_column_text (stmt, 3) != NULL
                                               ? grm_db_column_text (stmt, 3)
                                               : grm_db_column_text (stmt, 2));
  grm_browse_detail_add_fact (detail, _("Short name"), grm_db_column_text (stmt, 1));
  grm_browse_detail_add_fact (detail, _("Kind"), grm_db_column_text (stmt, 2));
  grm_browse_detail_add_fact (detail, _("Since"), start);
  grm_browse_detail_add_fact (detail, _("Until"), end);
  sqlite3_reset (stmt);

  if (!load_memberships (db, detail,
    "SELECT ms.person, pe.name, ms.role, ms.voting_right, ms.start_date, ms.end_date"
    " FROM membership ms JOIN object mo ON mo.oid = ms.oid AND mo.deleted = 0"
    " LEFT JOIN object po ON po.id = ms.person LEFT JOIN person pe ON pe.oid = po.oid"
    " WHERE ms.organization = ?1"
    " ORDER BY (ms.end_date IS NOT NULL AND ms.end_date != '' AND ms.end_date < date ('now')),"
    "   pe.family_name COLLATE NOCASE, pe.name COLLATE NOCASE",
    id, GRM_BROWSE_ROW_PERSON, _("Unknown person"), error))
    return NULL;
  return g_steal_pointer (&detail);
}

GrmBrowseDetail *
grm_browse_load_person (GrmDb       *db,
                        const char  *id,
                        GError     **error)
{
  g_autoptr(GrmBrowseDetail) detail = grm_browse_detail_new ();
  sqlite3_stmt *stmt = grm_browse_prepare_one (db,
    "SELECT pe.name, pe.title, pe.form_of_address"
    " FROM object o JOIN person pe ON pe.oid = o.oid WHERE o.id = ?1", id, error);

  if (stmt == NULL)
    return NULL;

  detail->header = grm_browse_row_new (GRM_BROWSE_ROW_PERSON, id);
  grm_browse_row_set_title (detail->header, grm_db_column_text (stmt, 0) != NULL
                                            ? grm_db_column_text (stmt, 0) : _("Person"));
  grm_browse_row_set_subtitle (detail->header, grm_db_column_text (stmt, 1));
  grm_browse_detail_add_fact (detail, _("Title"), grm_db_column_text (stmt, 1));
  grm_browse_detail_add_fact (detail, _("Form of address"), grm_db_column_text (stmt, 2));
  sqlite3_reset (stmt);

  if (!load_memberships (db, detail,
    "SELECT ms.organization, og.name, ms.role, ms.voting_right, ms.start_date, ms.end_date"
    " FROM membership ms JOIN object mo ON mo.oid = ms.oid AND mo.deleted = 0"
    " LEFT JOIN object oo ON oo.id = ms.organization"
    " LEFT JOIN organization og ON og.oid = oo.oid"
    " WHERE ms.person = ?1"
    " ORDER BY (ms.end_date IS NOT NULL AND ms.end_date != '' AND ms.end_date < date ('now')),"
    "   ms.start_date DESC",
    id, GRM_BROWSE_ROW_ORGANIZATION, _("Unknown committee"), error))
    return NULL;
  return g_steal_pointer (&detail);
}

gboolean
grm_browse_keep_offline_func (GrmDb     *db,
                              gpointer   data,
                              gpointer  *result,
                              GError   **error)
{
  return grm_db_run (db,
    "INSERT INTO file_blob (file_id, state) VALUES (?1, 'wanted')"
    " ON CONFLICT (file_id) DO UPDATE SET state = 'wanted', error = NULL"
    " WHERE state IN ('skipped', 'failed')",
    GRM_DB_VALUES (GRM_DB_TEXT (data)), error);
}
