/* grm-search-collect.c: finding what the index lacks (indexer's reader).
 *
 * Every query compares the store with search_source, so the indexer needs
 * no memory of its own: after a crash or a kill it finds exactly the work
 * that did not commit. Objects are compared by modified|synced_at, File.text
 * by its length and modified, downloaded files by the sha256 of their bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <string.h>

#include "grm-search-private.h"

#define OBJECT_STAMP "coalesce (o.modified, '') || '|' || coalesce (o.synced_at, '')"
#define TEXT_STAMP "'t' || length (f.text) || '|' || coalesce (o.modified, '')"

/* Space-separated results of a one-column query with one text parameter. */
static char *
join_column (GrmDb      *db,
             const char *sql,
             const char *param,
             GError    **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);
  GString *out;
  int rc;

  if (stmt == NULL)
    return NULL;
  out = g_string_new (NULL);
  grm_db_bind_text (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, grm_db_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_string_free (out, TRUE);
      grm_db_set_error (db, rc, error);
      return NULL;
    }
  return g_string_free (out, out->len == 0);
}

char *
grm_search_paper_committees (GrmDb      *db,
                  const char *paper,
                  GError    **error)
{
  return join_column (db,
      "SELECT r.target FROM consultation c JOIN object_ref r ON r.oid = c.oid "
      "  WHERE c.paper = ?1 AND r.rel = 'organization' "
      "UNION SELECT r.target FROM consultation c JOIN object m ON m.id = c.meeting "
      "  JOIN object_ref r ON r.oid = m.oid WHERE c.paper = ?1 AND r.rel = 'organization'",
      paper, error);
}

char *
grm_search_meeting_committees (GrmDb      *db,
                    const char *meeting,
                    GError    **error)
{
  return join_column (db,
      "SELECT DISTINCT r.target FROM object o JOIN object_ref r ON r.oid = o.oid "
      "WHERE o.id = ? AND r.rel = 'organization'", meeting, error);
}

static char *
join_text (const char *a,
           const char *sep,
           const char *b)
{
  if (a == NULL || *a == '\0')
    return g_strdup (b && *b ? b : NULL);
  if (b == NULL || *b == '\0')
    return g_strdup (a);
  return g_strconcat (a, sep, b, NULL);
}

typedef gboolean (*RowFunc) (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error);

static gboolean
paper_row (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error)
{
  GError *local = NULL;

  doc->title = grm_db_column_dup (row, 2);
  doc->ref = grm_db_column_dup (row, 3);
  doc->paper_type = grm_db_column_dup (row, 4);
  doc->date = grm_db_column_dup (row, 5);
  doc->context = join_text (doc->ref, " · ", doc->paper_type);
  doc->committees = grm_search_paper_committees (db, grm_db_column_text (row, 0), &local);
  if (local)
    return (g_propagate_error (error, local), FALSE);
  return TRUE;
}

static gboolean
meeting_row (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error)
{
  GError *local = NULL;

  doc->title = grm_db_column_dup (row, 2);
  doc->date = g_strndup (grm_db_column_text (row, 3), 10);
  doc->context = grm_db_column_dup (row, 4);
  doc->committees = grm_search_meeting_committees (db, grm_db_column_text (row, 0), &local);
  if (local)
    return (g_propagate_error (error, local), FALSE);
  return TRUE;
}

static gboolean
agenda_item_row (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error)
{
  GError *local = NULL;

  doc->ref = grm_db_column_dup (row, 2);
  doc->title = grm_db_column_dup (row, 3);
  doc->body = join_text (grm_db_column_text (row, 4), "\n", grm_db_column_text (row, 5));
  doc->owner = grm_db_column_dup (row, 6);
  doc->date = g_strndup (grm_db_column_text (row, 7), 10);
  doc->context = join_text (grm_db_column_text (row, 8), " · ", doc->date);
  if (doc->owner)
    doc->committees = grm_search_meeting_committees (db, doc->owner, &local);
  if (local)
    return (g_propagate_error (error, local), FALSE);
  return TRUE;
}

static gboolean
organization_row (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error)
{
  doc->title = grm_db_column_dup (row, 2);
  doc->ref = grm_db_column_dup (row, 3);
  doc->context = grm_db_column_dup (row, 4);
  doc->committees = grm_db_column_dup (row, 0);
  return TRUE;
}

static gboolean
person_row (GrmDb *db, sqlite3_stmt *row, GrmSearchDoc *doc, GError **error)
{
  const char *name = grm_db_column_text (row, 2);

  if (name && *name)
    doc->title = g_strdup (name);
  else
    doc->title = join_text (grm_db_column_text (row, 3), " ", grm_db_column_text (row, 4));
  doc->context = grm_db_column_dup (row, 5);
  return TRUE;
}

static const struct
{
  const char *kind;
  const char *sql;
  RowFunc     row;
} object_kinds[] = {
  { "paper",
    "SELECT o.id, " OBJECT_STAMP ", p.name, p.reference, p.paper_type, p.date "
    ", o.oid FROM object o JOIN paper p ON p.oid = o.oid "
    "LEFT JOIN search_source s ON s.target = o.id "
    "WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP ") "
    "AND o.oid > ? ORDER BY o.oid LIMIT ?", paper_row },
  { "meeting",
    "SELECT o.id, " OBJECT_STAMP ", m.name, m.start, l.description "
    ", o.oid FROM object o JOIN meeting m ON m.oid = o.oid "
    "LEFT JOIN object lo ON lo.id = m.location LEFT JOIN location l ON l.oid = lo.oid "
    "LEFT JOIN search_source s ON s.target = o.id "
    "WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP ") "
    "AND o.oid > ? ORDER BY o.oid LIMIT ?", meeting_row },
  { "agenda_item",
    "SELECT o.id, " OBJECT_STAMP ", a.number, a.name, a.result, a.resolution_text, "
    "  a.meeting, m.start, m.name "
    ", o.oid FROM object o JOIN agenda_item a ON a.oid = o.oid "
    "LEFT JOIN object mo ON mo.id = a.meeting LEFT JOIN meeting m ON m.oid = mo.oid "
    "LEFT JOIN search_source s ON s.target = o.id "
    "WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP ") "
    "AND o.oid > ? ORDER BY o.oid LIMIT ?", agenda_item_row },
  { "organization",
    "SELECT o.id, " OBJECT_STAMP ", g.name, g.short_name, g.classification "
    ", o.oid FROM object o JOIN organization g ON g.oid = o.oid "
    "LEFT JOIN search_source s ON s.target = o.id "
    "WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP ") "
    "AND o.oid > ? ORDER BY o.oid LIMIT ?", organization_row },
  { "person",
    "SELECT o.id, " OBJECT_STAMP ", p.name, p.given_name, p.family_name, p.title "
    ", o.oid FROM object o JOIN person p ON p.oid = o.oid "
    "LEFT JOIN search_source s ON s.target = o.id "
    "WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP ") "
    "AND o.oid > ? ORDER BY o.oid LIMIT ?", person_row },
};

GPtrArray *
grm_search_collect_objects (GrmDb   *db,
                            guint    limit,
                            gint64  *cursors,
                            GError **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_source_free);

  for (guint k = 0; k < G_N_ELEMENTS (object_kinds) && sources->len < limit; k++)
    {
      sqlite3_stmt *stmt = grm_db_prepare (db, object_kinds[k].sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, cursors[k]);
      sqlite3_bind_int (stmt, 2, limit - sources->len);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          GrmSearchSource *src = grm_search_source_new (grm_db_column_text (stmt, 0),
                                                        object_kinds[k].kind,
                                                        grm_db_column_text (stmt, 1),
                                                        "object");
          GrmSearchDoc *doc = grm_search_doc_new (object_kinds[k].kind);

          g_ptr_array_add (src->docs, doc);
          g_ptr_array_add (sources, src);
          cursors[k] = sqlite3_column_int64 (stmt, sqlite3_column_count (stmt) - 1);
          if (!object_kinds[k].row (db, stmt, doc, error))
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          grm_search_doc_fold (doc, doc->body, doc->body ? strlen (doc->body) : 0);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return (grm_db_set_error (db, rc, error), NULL);
    }

  return g_steal_pointer (&sources);
}

GPtrArray *
grm_search_collect_removed (GrmDb   *db,
                            guint    limit,
                            GError **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_source_free);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT s.target, s.kind FROM search_source s LEFT JOIN object o ON o.id = s.target "
      "WHERE o.oid IS NULL OR o.deleted = 1 LIMIT ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrmSearchSource *src = grm_search_source_new (grm_db_column_text (stmt, 0), "removed",
                                                    NULL, "object");

      g_clear_pointer (&src->docs, g_ptr_array_unref);
      g_ptr_array_add (sources, src);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (grm_db_set_error (db, rc, error), NULL);
  return g_steal_pointer (&sources);
}
