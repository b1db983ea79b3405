/* grm-store-browse-detail.c: the reads behind the page of one meeting, paper,
 * committee or person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-browse"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-store-browse.h"
#include "grm-store-browse-detail.h"
#include "grm-store-files.h"

#define COMMITTEE_NAMES(oid) \
  "(SELECT group_concat (og.name, ', ') FROM object_ref r" \
  "   JOIN object oo ON oo.id = r.target JOIN organization og ON og.oid = oo.oid" \
  "  WHERE r.oid = " oid " AND r.rel = 'organization')"

GrmBrowseDetail *
grm_browse_detail_new (void)
{
  GrmBrowseDetail *detail = g_new0 (GrmBrowseDetail, 1);

  detail->facts = g_ptr_array_new_with_free_func (g_object_unref);
  detail->committees = g_ptr_array_new_with_free_func (g_object_unref);
  detail->files = g_ptr_array_new_with_free_func (g_object_unref);
  detail->agenda = g_ptr_array_new_with_free_func (g_object_unref);
  detail->consultations = g_ptr_array_new_with_free_func (g_object_unref);
  detail->papers = g_ptr_array_new_with_free_func (g_object_unref);
  detail->people = g_ptr_array_new_with_free_func (g_object_unref);
  detail->memberships = g_ptr_array_new_with_free_func (g_object_unref);
  return detail;
}

void
grm_browse_detail_free (GrmBrowseDetail *detail)
{
  if (detail == NULL)
    return;
  g_clear_object (&detail->header);
  g_ptr_array_unref (detail->facts);
  g_ptr_array_unref (detail->committees);
  g_ptr_array_unref (detail->files);
  g_ptr_array_unref (detail->agenda);
  g_ptr_array_unref (detail->consultations);
  g_ptr_array_unref (detail->papers);
  g_ptr_array_unref (detail->people);
  g_ptr_array_unref (detail->memberships);
  g_free (detail);
}

char *
grm_browse_blob_path (const char *files_dir,
                      const char *sha256)
{
  /* The layout the sync engine writes and the search indexer reads. */
  return grm_store_files_blob_path (files_dir, sha256);
}

void
grm_browse_detail_add_fact (GrmBrowseDetail *detail,
                            const char      *label,
                            const char      *value)
{
  GrmBrowseRow *row;

  if (value == NULL || value[0] == '\0')
    return;
  row = grm_browse_row_new (GRM_BROWSE_ROW_HEADER, NULL);
  grm_browse_row_set_title (row, label);
  grm_browse_row_set_subtitle (row, value);
  g_ptr_array_add (detail->facts, row);
}

sqlite3_stmt *
grm_browse_prepare_one (GrmDb       *db,
                        const char  *sql,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db, sql, GRM_DB_VALUES (GRM_DB_TEXT (id)), error);

  switch (stmt != NULL ? grm_db_step (db, stmt, error) : GRM_DB_FAILED)
    {
    case GRM_DB_ROW:
      return stmt;
    case GRM_DB_DONE:
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                   _("This item is not in the local database (yet)."));
      return NULL;
    default:
      return NULL;
    }
}

/* Some servers fill empty fields with a word ("ohne", "(kein Text
 * vorhanden)", "-"): show nothing rather than that. */
static const char *
meaningful (const char *text)
{
  static const char * const empty[] = {
    "ohne", "ohne.", "keine", "(kein text vorhanden)", "kein text vorhanden", "-", "--", "n/a",
    "unbekannt", NULL
  };
  g_autofree char *folded = NULL;

  if (text == NULL)
    return NULL;
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  if (folded[0] == '\0' || g_strv_contains (empty, folded))
    return NULL;
  return text;
}

static const char *
file_role_label (const char *rel)
{
  if (g_strcmp0 (rel, "mainFile") == 0)
    return _("Main document");
  if (g_strcmp0 (rel, "invitation") == 0)
    return _("Invitation");
  if (g_strcmp0 (rel, "resultsProtocol") == 0)
    return _("Minutes (results)");
  if (g_strcmp0 (rel, "verbatimProtocol") == 0)
    return _("Verbatim minutes");
  if (g_strcmp0 (rel, "resolutionFile") == 0)
    return _("Resolution");
  return _("Attachment");
}

static gboolean
load_files (GrmDb            *db,
            GrmBrowseDetail  *detail,
            const char       *id,
            const char       *files_dir,
            GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db,
    "SELECT r.rel, r.target, f.name, f.file_name, f.date, b.state, b.sha256"
    " FROM object o JOIN object_ref r ON r.oid = o.oid"
    " LEFT JOIN object fo ON fo.id = r.target"
    " LEFT JOIN file f ON f.oid = fo.oid"
    " LEFT JOIN file_blob b ON b.file_id = r.target"
    " WHERE o.id = ?1 AND coalesce (fo.deleted, 0) = 0"
    "   AND r.rel IN ('mainFile', 'invitation', 'resultsProtocol', 'verbatimProtocol',"
    "                 'auxiliaryFile')"
    " ORDER BY CASE r.rel WHEN 'mainFile' THEN 0 WHEN 'invitation' THEN 1"
    "   WHEN 'resultsProtocol' THEN 2 WHEN 'verbatimProtocol' THEN 3 ELSE 4 END,"
    "   r.position",
    GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_FILE, grm_db_column_text (stmt, 1));
      const char *name = grm_db_column_text (stmt, 2);
      const char *state = grm_db_column_text (stmt, 5);
      g_autofree char *date = grm_browse_format_date (grm_db_column_text (stmt, 4));
      g_autofree char *subtitle = NULL;
      g_autofree char *path = NULL;

      if (name == NULL || name[0] == '\0')
        name = grm_db_column_text (stmt, 3);
      if (name == NULL || name[0] == '\0')
        name = file_role_label (grm_db_column_text (stmt, 0));
      if (g_strcmp0 (state, "stored") == 0)
        path = grm_browse_blob_path (files_dir, grm_db_column_text (stmt, 6));
      subtitle = date != NULL
        ? g_strdup_printf ("%s · %s", file_role_label (grm_db_column_text (stmt, 0)), date)
        : g_strdup (file_role_label (grm_db_column_text (stmt, 0)));

      grm_browse_row_set_title (row, name);
      grm_browse_row_set_subtitle (row, subtitle);
      grm_browse_row_set_path (row, path);
      grm_browse_row_set_state (row, path != NULL ? "stored"
                                     : g_strcmp0 (state, "wanted") == 0 ? "wanted" : NULL);
      /* Whether the file can be read on the train tonight. */
      if (path != NULL)
        grm_browse_row_set_badge (row, _("On this computer"));
      else if (g_strcmp0 (state, "wanted") == 0)
        grm_browse_row_set_badge (row, _("Download pending"));
      else if (g_strcmp0 (state, "failed") == 0)
        grm_browse_row_set_badge (row, _("Download failed"));
      else if (g_strcmp0 (state, "deleted") == 0)
        grm_browse_row_set_badge (row, _("Removed from the server"));
      else
        grm_browse_row_set_badge (row, _("Not on this computer"));
      g_ptr_array_add (detail->files, row);
    }
  return step == GRM_DB_DONE;
}

GrmBrowseRow *
grm_browse_load_file (GrmDb       *db,
                      const char  *id,
                      const char  *files_dir,
                      GError     **error)
{
  sqlite3_stmt *stmt = grm_browse_prepare_one (db,
    "SELECT f.name, f.file_name FROM object o JOIN file f ON f.oid = o.oid WHERE o.id = ?1",
    id, error);
  g_autofree char *path = NULL;
  GrmBrowseRow *row;
  const char *name;

  if (stmt == NULL)
    return NULL;
  row = grm_browse_row_new (GRM_BROWSE_ROW_FILE, id);
  name = grm_db_column_text (stmt, 0);
  if (name == NULL || name[0] == '\0')
    name = grm_db_column_text (stmt, 1);
  grm_browse_row_set_title (row, name != NULL ? name : _("Document"));
  sqlite3_reset (stmt);

  path = grm_store_files_dup_path_db (db, files_dir, id, error);
  if (path == NULL && error != NULL && *error != NULL)
    {
      g_object_unref (row);
      return NULL;
    }
  grm_browse_row_set_path (row, path);
  return row;
}

static gboolean
load_committees (GrmDb            *db,
                 GrmBrowseDetail  *detail,
                 const char       *id,
                 GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db,
    "SELECT r.target, og.name, og.classification FROM object o"
    " JOIN object_ref r ON r.oid = o.oid AND r.rel = 'organization'"
    " LEFT JOIN object oo ON oo.id = r.target"
    " LEFT JOIN organization og ON og.oid = oo.oid"
    " WHERE o.id = ?1 ORDER BY r.position",
    GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_ORGANIZATION,
                                              grm_db_column_text (stmt, 0));
      const char *name = grm_db_column_text (stmt, 1);

      grm_browse_row_set_title (row, name != NULL ? name : _("Unknown committee"));
      grm_browse_row_set_subtitle (row, grm_db_column_text (stmt, 2));
      grm_browse_row_set_target (row, grm_db_column_text (stmt, 0));
      g_ptr_array_add (detail->committees, row);
    }
  return step == GRM_DB_DONE;
}

/* Servers without AgendaItem.public mark the parts with heading items such
 * as "A Öffentliche Sitzung" and "B Nichtöffentliche Sitzung". */
static int
part_heading (const char *name,
              const char *paper)
{
  g_autofree char *folded = NULL;

  if (name == NULL || paper != NULL || g_utf8_strlen (name, -1) > 40)
    return -1;
  folded = g_utf8_casefold (name, -1);
  if (strstr (folded, "nichtöffentlich") != NULL || strstr (folded, "nicht öffentlich") != NULL)
    return 0;
  if (g_str_has_prefix (folded, "öffentliche sitzung") || g_strcmp0 (folded, "öffentlicher teil") == 0)
    return 1;
  return -1;
}

static gboolean
load_agenda (GrmDb            *db,
             GrmBrowseDetail  *detail,
             const char       *id,
             GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db,
    "SELECT ao.id, a.number, a.name, a.public, a.result, a.resolution_text, pp.id, p.reference"
    " FROM agenda_item a JOIN object ao ON ao.oid = a.oid"
    " LEFT JOIN object pp ON pp.deleted = 0 AND pp.id = coalesce ("
    "   (SELECT c.paper FROM object co JOIN consultation c ON c.oid = co.oid"
    "     WHERE co.id = a.consultation),"
    "   (SELECT c.paper FROM consultation c WHERE c.meeting = ?1 AND c.agenda_item = ao.id))"
    " LEFT JOIN paper p ON p.oid = pp.oid"
    " WHERE a.meeting = ?1 AND ao.deleted = 0"
    " ORDER BY a.ord, ao.position, ao.oid",
    GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  gboolean in_public = TRUE;
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      const char *name = grm_db_column_text (stmt, 2);
      const char *paper = grm_db_column_text (stmt, 6);
      int heading = part_heading (name, paper);
      GrmBrowseRow *row;

      if (heading >= 0 && sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        {
          in_public = heading == 1;
          continue;
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        in_public = sqlite3_column_int (stmt, 3) != 0;

      row = grm_browse_row_new (GRM_BROWSE_ROW_AGENDA_ITEM, grm_db_column_text (stmt, 0));
      grm_browse_row_set_meta (row, grm_db_column_text (stmt, 1));
      grm_browse_row_set_title (row, name != NULL ? name : _("Item without a name"));
      grm_browse_row_set_subtitle (row, meaningful (grm_db_column_text (stmt, 4)));
      grm_browse_row_set_body (row, meaningful (grm_db_column_text (stmt, 5)));
      grm_browse_row_set_target (row, paper);
      grm_browse_row_set_badge (row, grm_db_column_text (stmt, 7));
      grm_browse_row_set_public (row, in_public);
      g_ptr_array_add (detail->agenda, row);
    }
  return step == GRM_DB_DONE;
}

/* Room, street and town joined with commas, leaving out the parts the
 * server left empty (no "Bürgersaal, , "). NULL when all are empty. */
static char *
join_present (sqlite3_stmt *stmt,
              const int    *columns)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (; *columns >= 0; columns++)
    {
      const char *part = grm_db_column_text (stmt, *columns);

      if (part == NULL || part[0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, part);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

GrmBrowseDetail *
grm_browse_load_meeting (GrmDb       *db,
                         const char  *id,
                         const char  *files_dir,
                         GError     **error)
{
  g_autoptr(GrmBrowseDetail) detail = grm_browse_detail_new ();
  sqlite3_stmt *stmt = grm_browse_prepare_one (db,
    "SELECT o.id, m.name, m.start, m.end, m.cancelled, m.meeting_state,"
    " l.description, l.room, l.street_address, l.postal_code, l.locality, "
    COMMITTEE_NAMES ("o.oid")
    " FROM object o JOIN meeting m ON m.oid = o.oid"
    " LEFT JOIN object lo ON lo.id = m.location LEFT JOIN location l ON l.oid = lo.oid"
    " WHERE o.id = ?1", id, error);
  g_autofree char *when = NULL;
  g_autofree char *place = NULL;
  const char *name;

  if (stmt == NULL)
    return NULL;

  name = grm_db_column_text (stmt, 1);
  if (name == NULL || name[0] == '\0')
    name = grm_db_column_text (stmt, 11);
  when = grm_browse_format_date_time (grm_db_column_text (stmt, 2), grm_db_column_text (stmt, 3));
  detail->header = grm_browse_row_new (GRM_BROWSE_ROW_MEETING, id);
  grm_browse_row_set_title (detail->header, name != NULL ? name : _("Meeting"));
  grm_browse_row_set_subtitle (detail->header, grm_db_column_text (stmt, 11));
  grm_browse_row_set_meta (detail->header, when);
  grm_browse_row_set_badge (detail->header, grm_db_column_text (stmt, 5));
  grm_browse_row_set_cancelled (detail->header, sqlite3_column_int (stmt, 4) != 0);

  if (grm_db_column_text (stmt, 6) != NULL)
    place = g_strdup (grm_db_column_text (stmt, 6));
  else
    place = join_present (stmt, (const int[]) { 7, 8, 10, -1 });
  grm_browse_detail_add_fact (detail, _("Place"), place);
  grm_browse_detail_add_fact (detail, _("State"), grm_db_column_text (stmt, 5));
  sqlite3_reset (stmt);

  if (!load_committees (db, detail, id, error)
      || !load_files (db, detail, id, files_dir, error)
      || !load_agenda (db, detail, id, error))
    return NULL;
  return g_steal_pointer (&detail);
}

static const char *
paper_relation_label (const char *rel)
{
  if (g_strcmp0 (rel, "superordinatedPaper") == 0)
    return _("Parent paper");
  if (g_strcmp0 (rel, "subordinatedPaper") == 0)
    return _("Follow-up paper");
  return _("Related paper");
}

static gboolean
load_paper_refs (GrmDb            *db,
                 GrmBrowseDetail  *detail,
                 const char       *id,
                 GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db,
    "SELECT r.rel, r.target, p.name, p.reference, p.date, pe.name, og.name"
    " FROM object o JOIN object_ref r ON r.oid = o.oid"
    " LEFT JOIN object t ON t.id = r.target"
    " LEFT JOIN paper p ON p.oid = t.oid"
    " LEFT JOIN person pe ON pe.oid = t.oid"
    " LEFT JOIN organization og ON og.oid = t.oid"
    " WHERE o.id = ?1 AND coalesce (t.deleted, 0) = 0 AND r.rel IN ('relatedPaper',"
    "   'superordinatedPaper', 'subordinatedPaper', 'originatorPerson',"
    "   'originatorOrganization', 'underDirectionOf')"
    " ORDER BY r.rel, r.position",
    GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      const char *rel = grm_db_column_text (stmt, 0);
      const char *target = grm_db_column_text (stmt, 1);
      GrmBrowseRow *row;

      if (g_str_has_suffix (rel, "Paper"))
        {
          g_autofree char *date = grm_browse_format_date (grm_db_column_text (stmt, 4));

          row = grm_browse_row_new (GRM_BROWSE_ROW_PAPER, target);
          grm_browse_row_set_title (row, grm_db_column_text (stmt, 2) != NULL
                                         ? grm_db_column_text (stmt, 2) : _("Paper not synced"));
          grm_browse_row_set_meta (row, grm_db_column_text (stmt, 3));
          grm_browse_row_set_subtitle (row, date);
          grm_browse_row_set_badge (row, paper_relation_label (rel));
          grm_browse_row_set_target (row, target);
          g_ptr_array_add (detail->papers, row);
        }
      else
        {
          gboolean is_person = g_strcmp0 (rel, "originatorPerson") == 0;
          const char *name = grm_db_column_text (stmt, is_person ? 5 : 6);

          row = grm_browse_row_new (is_person ? GRM_BROWSE_ROW_PERSON
                                              : GRM_BROWSE_ROW_ORGANIZATION, target);
          grm_browse_row_set_title (row, name != NULL ? name : _("Unknown"));
          grm_browse_row_set_subtitle (row, g_strcmp0 (rel, "underDirectionOf") == 0
                                            ? _("In charge") : _("Submitted by"));
          grm_browse_row_set_target (row, name != NULL ? target : NULL);
          g_ptr_array_add (detail->people, row);
        }
    }
  return step == GRM_DB_DONE;
}

static gboolean
load_consultations (GrmDb            *db,
                    GrmBrowseDetail  *detail,
                    const char       *id,
                    GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db,
    "SELECT co.id, c.meeting, c.role, c.authoritative, m.start, m.end, a.result, a.number,"
    " coalesce (" COMMITTEE_NAMES ("c.oid") ", " COMMITTEE_NAMES ("mo.oid") "), m.name"
    " FROM consultation c JOIN object co ON co.oid = c.oid AND co.deleted = 0"
    " LEFT JOIN object mo ON mo.id = c.meeting LEFT JOIN meeting m ON m.oid = mo.oid"
    " LEFT JOIN object ao ON ao.id = c.agenda_item LEFT JOIN agenda_item a ON a.oid = ao.oid"
    " WHERE c.paper = ?1"
    " ORDER BY m.start_utc IS NULL, m.start_utc, co.position",
    GRM_DB_VALUES (GRM_DB_TEXT (id)), error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_CONSULTATION,
                                              grm_db_column_text (stmt, 0));
      const char *committee = grm_db_column_text (stmt, 8);
      const char *role = grm_db_column_text (stmt, 2);
      const char *number = grm_db_column_text (stmt, 7);
      g_autofree char *when = NULL;
      g_autofree char *meta = NULL;
      g_autofree char *result = NULL;
      GString *how = g_string_new (NULL);

      if (grm_db_column_text (stmt, 4) != NULL)
        when = grm_browse_format_date_time (grm_db_column_text (stmt, 4), NULL);
      else if (grm_db_column_text (stmt, 1) == NULL)
        when = g_strdup (_("Not scheduled yet"));
      else
        when = g_strdup (_("Meeting not synced"));
      if (number != NULL)
        /* Translators: the agenda item number within a meeting, as in "Item 4." */
        meta = g_strdup_printf (_("%s · item %s"), when, number);

      /* The role the committee plays for the paper, and whether it takes
       * the decision (OParl's "authoritative"). */
      if (meaningful (role) != NULL)
        g_string_append (how, role);
      if (sqlite3_column_int (stmt, 3) != 0)
        {
          if (how->len > 0)
            g_string_append (how, " · ");
          g_string_append (how, _("Takes the decision"));
        }
      if (meaningful (grm_db_column_text (stmt, 6)) != NULL)
        {
          /* Translators: the outcome of a paper in one meeting, as the
           * server states it, e.g. "Result: einstimmig beschlossen". */
          result = g_strdup_printf (_("Result: %s"), grm_db_column_text (stmt, 6));
        }

      grm_browse_row_set_title (row, committee != NULL ? committee
                                     : grm_db_column_text (stmt, 9) != NULL
                                     ? grm_db_column_text (stmt, 9) : _("Unknown committee"));
      grm_browse_row_set_meta (row, meta != NULL ? meta : when);
      grm_browse_row_set_subtitle (row, how->str);
      grm_browse_row_set_body (row, result);
      grm_browse_row_set_target (row, grm_db_column_text (stmt, 4) != NULL
                                      ? grm_db_column_text (stmt, 1) : NULL);
      g_string_free (how, TRUE);
      g_ptr_array_add (detail->consultations, row);
    }
  return step == GRM_DB_DONE;
}

GrmBrowseDetail *
grm_browse_load_paper (GrmDb       *db,
                       const char  *id,
                       const char  *files_dir,
                       GError     **error)
{
  g_autoptr(GrmBrowseDetail) detail = grm_browse_detail_new ();
  sqlite3_stmt *stmt = grm_browse_prepare_one (db,
    "SELECT p.name, p.reference, p.paper_type, p.date, o.deleted"
    " FROM object o JOIN paper p ON p.oid = o.oid WHERE o.id = ?1", id, error);
  g_autofree char *date = NULL;

  if (stmt == NULL)
    return NULL;

  date = grm_browse_format_date (grm_db_column_text (stmt, 3));
  detail->header = grm_browse_row_new (GRM_BROWSE_ROW_PAPER, id);
  grm_browse_row_set_title (detail->header, grm_db_column_text (stmt, 0) != NULL
                                            ? grm_db_column_text (stmt, 0) : _("Paper"));
  grm_browse_row_set_meta (detail->header, grm_db_column_text (stmt, 1));
  grm_browse_row_set_cancelled (detail->header, sqlite3_column_int (stmt, 4) != 0);
  grm_browse_detail_add_fact (detail, _("Reference"), grm_db_column_text (stmt, 1));
  grm_browse_detail_add_fact (detail, _("Type"), grm_db_column_text (stmt, 2));
  grm_browse_detail_add_fact (detail, _("Date"), date);
  sqlite3_reset (stmt);

  if (!load_paper_refs (db, detail, id, error)
      || !load_consultations (db, detail, id, error)
      || !load_files (db, detail, id, files_dir, error))
    return NULL;
  return g_steal_pointer (&detail);
}
