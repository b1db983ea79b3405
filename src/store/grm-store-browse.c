/* grm-store-browse.c: paged list queries for browsing, and the formatting of
 * dates for display.
 *
 * Every statement has a constant text (optional filters are written as
 * "?N IS NULL OR …"), so the connection's statement cache serves each one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-browse"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-store-browse.h"

/* The committees of a meeting, by name, as one string. */
#define MEETING_COMMITTEES \
  "(SELECT group_concat (og.name, ', ') FROM object_ref r" \
  "   JOIN object oo ON oo.id = r.target" \
  "   JOIN organization og ON og.oid = oo.oid" \
  "  WHERE r.oid = o.oid AND r.rel = 'organization')"

#define MEETING_LOCATION \
  "(SELECT coalesce (nullif (l.description, ''), nullif (l.room, ''), l.street_address)" \
  "   FROM object lo JOIN location l ON l.oid = lo.oid WHERE lo.id = m.location)"

/* CROSS JOIN keeps the typed table outside, so that ORDER BY walks its
 * index and reads the (large) object rows only for the rows of the page. */
#define MEETING_COLUMNS \
  "SELECT o.id, m.name, m.start, m.end, m.cancelled, m.meeting_state, " \
  MEETING_COMMITTEES ", " MEETING_LOCATION \
  " FROM meeting m CROSS JOIN object o ON o.oid = m.oid WHERE o.deleted = 0"

/* Counting through the covering index object_type, not the object rows. */
#define LIVE(alias, type) \
  " WHERE " alias ".oid IN (SELECT oid FROM object WHERE type = '" type "' AND deleted = 0)"

#define MEETING_HAS_COMMITTEE(n) \
  " AND (?" #n " IS NULL OR EXISTS (SELECT 1 FROM object_ref r" \
  "  WHERE r.oid = m.oid AND r.rel = 'organization' AND r.target = ?" #n "))"

#define MEETING_OF_PERSON(n) \
  " AND (?" #n " IS NULL OR EXISTS (SELECT 1 FROM object_ref r" \
  "  JOIN membership ms ON ms.organization = r.target" \
  "  JOIN object mo ON mo.oid = ms.oid AND mo.deleted = 0" \
  "  WHERE r.oid = m.oid AND r.rel = 'organization' AND ms.person = ?" #n "))"

#define MEETINGS_WHERE \
  MEETING_HAS_COMMITTEE (1) MEETING_OF_PERSON (2) \
  " AND (?3 IS NULL OR substr (m.start, 1, 7) = ?3)"

/* Followed committees come as a JSON array; an empty array means "all". */
#define UPCOMING_WHERE \
  " AND m.start_utc >= ?1" \
  " AND (json_array_length (?2) = 0 OR EXISTS (SELECT 1 FROM object_ref r" \
  "  WHERE r.oid = m.oid AND r.rel = 'organization'" \
  "    AND r.target IN (SELECT value FROM json_each (?2))))"

#define PAPER_COLUMNS \
  "SELECT o.id, p.name, p.reference, p.paper_type, p.date" \
  " FROM paper p CROSS JOIN object o ON o.oid = p.oid WHERE o.deleted = 0"

#define PAPERS_WHERE \
  " AND (?1 IS NULL OR p.paper_type = ?1)" \
  " AND (?2 IS NULL OR EXISTS (SELECT 1 FROM consultation c" \
  "  JOIN object_ref r ON r.oid = c.oid AND r.rel = 'organization'" \
  "  WHERE c.paper = (SELECT id FROM object WHERE oid = p.oid) AND r.target = ?2))" \
  " AND (?3 IS NULL OR p.reference LIKE ?3 ESCAPE '\\' OR p.name LIKE ?3 ESCAPE '\\')"

#define COMMITTEE_COLUMNS \
  "SELECT o.id, g.name, g.organization_type, g.classification, g.end_date," \
  " (SELECT count (*) FROM membership ms JOIN object mo ON mo.oid = ms.oid" \
  "   WHERE ms.organization = o.id AND mo.deleted = 0" \
  "     AND (ms.end_date IS NULL OR ms.end_date = '' OR ms.end_date >= date ('now')))" \
  " FROM organization g JOIN object o ON o.oid = g.oid WHERE o.deleted = 0"

#define COMMITTEES_WHERE \
  " AND (?1 IS NULL OR g.name LIKE ?1 ESCAPE '\\' OR g.short_name LIKE ?1 ESCAPE '\\')"

GrmBrowseQuery *
grm_browse_query_new (GrmBrowseKind kind)
{
  GrmBrowseQuery *query = g_new0 (GrmBrowseQuery, 1);

  query->kind = kind;
  query->now = g_get_real_time () / G_USEC_PER_SEC;
  return query;
}

GrmBrowseQuery *
grm_browse_query_copy (const GrmBrowseQuery *query)
{
  GrmBrowseQuery *copy = g_new0 (GrmBrowseQuery, 1);

  copy->kind = query->kind;
  copy->committee = g_strdup (query->committee);
  copy->committees = g_strdupv (query->committees);
  copy->person = g_strdup (query->person);
  copy->month = g_strdup (query->month);
  copy->paper_type = g_strdup (query->paper_type);
  copy->text = g_strdup (query->text);
  copy->now = query->now;
  return copy;
}

void
grm_browse_query_free (GrmBrowseQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->committee);
  g_strfreev (query->committees);
  g_free (query->person);
  g_free (query->month);
  g_free (query->paper_type);
  g_free (query->text);
  g_free (query);
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

gboolean
grm_browse_query_equal (const GrmBrowseQuery *a,
                        const GrmBrowseQuery *b)
{
  return a->kind == b->kind
         && g_strcmp0 (a->committee, b->committee) == 0
         && strv_equal0 (a->committees, b->committees)
         && g_strcmp0 (a->person, b->person) == 0
         && g_strcmp0 (a->month, b->month) == 0
         && g_strcmp0 (a->paper_type, b->paper_type) == 0
         && g_strcmp0 (a->text, b->text) == 0
         && (a->kind != GRM_BROWSE_UPCOMING || a->now == b->now);
}

/* "%text%" for LIKE, with the pattern characters of @text escaped. */
static char *
like_pattern (const char *text)
{
  GString *pattern;

  if (text == NULL || text[0] == '\0')
    return NULL;

  pattern = g_string_new ("%");
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

static char *
committees_json (char **committees)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; committees != NULL && committees[i] != NULL; i++)
    {
      g_autofree char *escaped = g_strescape (committees[i], NULL);

      g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", escaped);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static const char *
query_sql (GrmBrowseKind kind,
           gboolean      count)
{
  switch (kind)
    {
    case GRM_BROWSE_UPCOMING:
      return count
        ? "SELECT count (*) FROM meeting m" LIVE ("m", "Meeting") UPCOMING_WHERE
        : MEETING_COLUMNS UPCOMING_WHERE
          " ORDER BY m.start_utc ASC, m.oid ASC LIMIT ?8 OFFSET ?9";
    case GRM_BROWSE_MEETINGS:
      return count
        ? "SELECT count (*) FROM meeting m" LIVE ("m", "Meeting") MEETINGS_WHERE
        : MEETING_COLUMNS MEETINGS_WHERE
          " ORDER BY m.start_utc DESC, m.oid DESC LIMIT ?8 OFFSET ?9";
    case GRM_BROWSE_PAPERS:
      return count
        ? "SELECT count (*) FROM paper p" LIVE ("p", "Paper") PAPERS_WHERE
        : PAPER_COLUMNS PAPERS_WHERE
          " ORDER BY p.date DESC, p.oid DESC LIMIT ?8 OFFSET ?9";
    case GRM_BROWSE_COMMITTEES:
      return count
        ? "SELECT count (*) FROM organization g" LIVE ("g", "Organization") COMMITTEES_WHERE
        : COMMITTEE_COLUMNS COMMITTEES_WHERE
          /* Committees that meet first, then departments and groups;
           * dissolved ones last. */
          " ORDER BY (g.end_date IS NOT NULL AND g.end_date != ''"
          "           AND g.end_date < date ('now')),"
          " NOT EXISTS (SELECT 1 FROM object_ref r JOIN object mo ON mo.oid = r.oid"
          "   WHERE r.target = o.id AND r.rel = 'organization' AND mo.type = 'Meeting'),"
          " g.name COLLATE NOCASE, o.oid LIMIT ?8 OFFSET ?9";
    default:
      g_assert_not_reached ();
    }
}

static sqlite3_stmt *
prepare_query (GrmDb                 *db,
               const GrmBrowseQuery  *query,
               gboolean               count,
               GError               **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, query_sql (query->kind, count), error);
  g_autofree char *like = NULL;
  g_autofree char *json = NULL;

  if (stmt == NULL)
    return NULL;

  switch (query->kind)
    {
    case GRM_BROWSE_UPCOMING:
      json = committees_json (query->committees);
      sqlite3_bind_int64 (stmt, 1, query->now);
      sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
      break;
    case GRM_BROWSE_MEETINGS:
      grm_db_bind_text (stmt, 1, query->committee);
      grm_db_bind_text (stmt, 2, query->person);
      grm_db_bind_text (stmt, 3, query->month);
      break;
    case GRM_BROWSE_PAPERS:
      like = like_pattern (query->text);
      grm_db_bind_text (stmt, 1, query->paper_type);
      grm_db_bind_text (stmt, 2, query->committee);
      grm_db_bind_text (stmt, 3, like);
      break;
    case GRM_BROWSE_COMMITTEES:
      like = like_pattern (query->text);
      grm_db_bind_text (stmt, 1, like);
      break;
    default:
      g_assert_not_reached ();
    }
  return stmt;
}

gboolean
grm_browse_count (GrmDb                 *db,
                  const GrmBrowseQuery  *query,
                  guint                 *n_rows,
                  GError               **error)
{
  sqlite3_stmt *stmt = prepare_query (db, query, TRUE, error);
  gint64 count;

  if (stmt == NULL || !grm_db_step_int64 (db, stmt, &count, error))
    return FALSE;
  *n_rows = (guint) count;
  return TRUE;
}

static GrmBrowseRow *
meeting_row (sqlite3_stmt *stmt)
{
  GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_MEETING,
                                          grm_db_column_text (stmt, 0));
  g_autofree char *when = grm_browse_format_date_time (grm_db_column_text (stmt, 2),
                                                       grm_db_column_text (stmt, 3));
  const char *committees = grm_db_column_text (stmt, 6);
  const char *place = grm_db_column_text (stmt, 7);
  const char *name = grm_db_column_text (stmt, 1);
  g_autofree char *subtitle = NULL;

  if (name == NULL || name[0] == '\0')
    name = committees != NULL ? committees : _("Meeting without a name");
  if (committees != NULL && place != NULL && g_strcmp0 (committees, name) != 0)
    subtitle = g_strdup_printf ("%s · %s", committees, place);
  else
    subtitle = g_strdup (place != NULL ? place : committees);

  grm_browse_row_set_title (row, name);
  grm_browse_row_set_subtitle (row, subtitle);
  grm_browse_row_set_meta (row, when);
  grm_browse_row_set_badge (row, grm_db_column_text (stmt, 5));
  grm_browse_row_set_cancelled (row, sqlite3_column_int (stmt, 4) != 0);
  return row;
}

static GrmBrowseRow *
paper_row (sqlite3_stmt *stmt)
{
  GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_PAPER,
                                          grm_db_column_text (stmt, 0));
  g_autofree char *date = grm_browse_format_date (grm_db_column_text (stmt, 4));
  const char *type = grm_db_column_text (stmt, 3);
  g_autofree char *subtitle = NULL;

  if (type != NULL && date != NULL)
    subtitle = g_strdup_printf ("%s · %s", type, date);
  else
    subtitle = g_strdup (type != NULL ? type : date);

  grm_browse_row_set_title (row, grm_db_column_text (stmt, 1));
  grm_browse_row_set_subtitle (row, subtitle);
  grm_browse_row_set_meta (row, grm_db_column_text (stmt, 2));
  return row;
}

static GrmBrowseRow *
committee_row (sqlite3_stmt *stmt)
{
  GrmBrowseRow *row = grm_browse_row_new (GRM_BROWSE_ROW_ORGANIZATION,
                                          grm_db_column_text (stmt, 0));
  const char *type = grm_db_column_text (stmt, 2);
  const char *classification = grm_db_column_text (stmt, 3);
  const char *end = grm_db_column_text (stmt, 4);
  int members = sqlite3_column_int (stmt, 5);
  g_autofree char *count = NULL;
  g_autofree char *ended = NULL;

  if (members > 0)
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d member", "%d members", members),
                             members);
  grm_browse_row_set_title (row, grm_db_column_text (stmt, 1));
  grm_browse_row_set_subtitle (row, classification != NULL ? classification : type);
  grm_browse_row_set_meta (row, count);
  if (end != NULL && end[0] != '\0')
    {
      g_autofree char *date = grm_browse_format_date (end);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      if (g_strcmp0 (end, today) < 0 && date != NULL)
        {
          /* Translators: a committee that no longer exists; %s is a date. */
          ended = g_strdup_printf (_("Dissolved on %s"), date);
        }
    }
  grm_browse_row_set_badge (row, ended);
  return row;
}

GPtrArray *
grm_browse_fetch (GrmDb                 *db,
                  const GrmBrowseQuery  *query,
                  guint                  offset,
                  guint                  limit,
                  GError               **error)
{
  sqlite3_stmt *stmt = prepare_query (db, query, FALSE, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GrmDbStep step;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 8, limit);
  sqlite3_bind_int64 (stmt, 9, offset);
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    {
      switch (query->kind)
        {
        case GRM_BROWSE_UPCOMING:
        case GRM_BROWSE_MEETINGS:
          g_ptr_array_add (rows, meeting_row (stmt));
          break;
        case GRM_BROWSE_PAPERS:
          g_ptr_array_add (rows, paper_row (stmt));
          break;
        case GRM_BROWSE_COMMITTEES:
          g_ptr_array_add (rows, committee_row (stmt));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return step == GRM_DB_DONE ? g_steal_pointer (&rows) : NULL;
}

GPtrArray *
grm_browse_list_committees (GrmDb   *db,
                            GError **error)
{
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_COMMITTEES);

  return grm_browse_fetch (db, query, 0, G_MAXINT, error);
}

static GStrv
list_strings (GrmDb       *db,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GrmDbStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    g_strv_builder_add (builder, grm_db_column_text (stmt, 0));
  return step == GRM_DB_DONE ? g_strv_builder_end (builder) : NULL;
}

GStrv
grm_browse_list_paper_types (GrmDb   *db,
                             GError **error)
{
  return list_strings (db,
                       "SELECT DISTINCT p.paper_type FROM paper p" LIVE ("p", "Paper")
                       " AND p.paper_type IS NOT NULL AND p.paper_type != ''"
                       " ORDER BY p.paper_type COLLATE NOCASE",
                       error);
}

GStrv
grm_browse_list_months (GrmDb   *db,
                        GError **error)
{
  return list_strings (db,
                       "SELECT DISTINCT substr (m.start, 1, 7) AS month"
                       " FROM meeting m" LIVE ("m", "Meeting")
                       " AND length (m.start) >= 7"
                       " ORDER BY month DESC",
                       error);
}

gboolean
grm_browse_has_data (GrmDb     *db,
                     gboolean  *has_data,
                     GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
                                       "SELECT EXISTS (SELECT 1 FROM object"
                                       " WHERE type IN ('Meeting', 'Paper', 'Organization')"
                                       " AND deleted = 0)",
                                       error);
  gint64 exists;

  if (stmt == NULL || !grm_db_step_int64 (db, stmt, &exists, error))
    return FALSE;
  *has_data = exists != 0;
  return TRUE;
}

static GDateTime *
parse_iso (const char *iso)
{
  g_autofree char *with_time = NULL;

  if (iso == NULL || strlen (iso) < 10)
    return NULL;
  if (strlen (iso) == 10)
    {
      /* A plain date: noon avoids any shift across midnight. */
      with_time = g_strconcat (iso, "T12:00:00Z", NULL);
      return g_date_time_new_from_iso8601 (with_time, NULL);
    }
  return g_date_time_new_from_iso8601 (iso, NULL);
}

char *
grm_browse_format_date (const char *iso_date)
{
  g_autoptr(GDateTime) date = parse_iso (iso_date);

  if (date == NULL)
    return NULL;
  /* Translators: a date as in "23 January 2007"; see g_date_time_format(). */
  return g_date_time_format (date, _("%-d %B %Y"));
}

char *
grm_browse_format_date_time (const char *iso_start,
                             const char *iso_end)
{
  g_autoptr(GDateTime) start = parse_iso (iso_start);
  g_autoptr(GDateTime) end = parse_iso (iso_end);
  g_autofree char *day = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;

  if (start == NULL)
    return g_strdup (_("Date not set"));

  /* Translators: a weekday and date, as in "Tue, 23 January 2007". */
  day = g_date_time_format (start, _("%a, %-d %B %Y"));
  /* Translators: a time of day, as in "18:00". */
  from = g_date_time_format (start, _("%H:%M"));

  /* Some servers send an end before the start: show no end then. */
  if (end != NULL && g_date_time_compare (end, start) > 0
      && g_date_time_get_year (end) == g_date_time_get_year (start)
      && g_date_time_get_day_of_year (end) == g_date_time_get_day_of_year (start))
    until = g_date_time_format (end, _("%H:%M"));

  if (until != NULL)
    /* Translators: date, start time, end time: "Tue, 23 January 2007, 18:00–19:00". */
    return g_strdup_printf (_("%s, %s–%s"), day, from, until);
  /* Translators: date and start time: "Tue, 23 January 2007, 18:00". */
  return g_strdup_printf (_("%s, %s"), day, from);
}
