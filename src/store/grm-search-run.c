/* grm-search-run.c: running a search on a reader connection.
 *
 * FTS5 ranks every match with bm25 (title and reference count eight times),
 * the join with search_doc drops orphans and applies the filters, and only
 * the hits that are shown get a snippet, because a snippet folds the
 * original text again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <string.h>

#include "grm-search-private.h"
#include "grm-search-query.h"

/* Snippets look at the first part of very long pages only. */
#define SNIPPET_MAX_BYTES (256 * 1024)
#define SNIPPET_WIDTH 180
/* Rows ranked per part of a query without filters. */
#define RANKED_ROWS 600
/* bm25 must look at every row a query matches. For words on more pages
 * than this, only the most recently indexed pages are ranked, which keeps
 * a search as you type fast on a council's whole archive. */
#define MAX_RANKED_PAGES 2500

static const char * const kind_names[GRM_SEARCH_N_KINDS] = {
  "paper", "agenda_item", "meeting", "file", "organization", "person",
};

const char *
grm_search_kind_to_string (GrmSearchKind kind)
{
  g_return_val_if_fail (kind < GRM_SEARCH_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
grm_search_kind_from_string (const char    *name,
                             GrmSearchKind *kind)
{
  for (guint i = 0; i < GRM_SEARCH_N_KINDS; i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

GrmSearchRequest *
grm_search_request_new (const char *text)
{
  GrmSearchRequest *request = g_new0 (GrmSearchRequest, 1);

  request->text = g_strdup (text);
  return request;
}

GrmSearchRequest *
grm_search_request_copy (const GrmSearchRequest *request)
{
  GrmSearchRequest *copy = grm_search_request_new (request->text);

  copy->committee = g_strdup (request->committee);
  copy->date_from = g_strdup (request->date_from);
  copy->date_to = g_strdup (request->date_to);
  copy->paper_type = g_strdup (request->paper_type);
  copy->per_kind = request->per_kind;
  g_set_object (&copy->cancellable, request->cancellable);
  return copy;
}

void
grm_search_request_free (GrmSearchRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->text);
  g_free (request->committee);
  g_free (request->date_from);
  g_free (request->date_to);
  g_free (request->paper_type);
  g_clear_object (&request->cancellable);
  g_free (request);
}

void
grm_search_hit_free (GrmSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->target);
  g_free (hit->owner);
  g_free (hit->date);
  g_free (hit->title);
  g_free (hit->title_markup);
  g_free (hit->context);
  g_free (hit->snippet_markup);
  g_free (hit->words);
  g_free (hit);
}

static int
progress_cb (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

static void
add_snippet (GrmDb                *db,
             const GrmSearchQuery *query,
             sqlite3_stmt         *row,
             GrmSearchHit         *hit)
{
  const char *body = NULL;
  gsize len = 0;
  sqlite3_stmt *slice = NULL;

  if (sqlite3_column_type (row, 9) != SQLITE_NULL)
    {
      body = grm_db_column_text (row, 9);
      len = sqlite3_column_bytes (row, 9);
    }
  else if (sqlite3_column_type (row, 10) != SQLITE_NULL)
    {
      slice = grm_db_prepare (db,
          "SELECT substr (CAST (f.text AS BLOB), ?2 + 1, ?3) "
          "FROM object o JOIN file f ON f.oid = o.oid WHERE o.id = ?1", NULL);
      if (slice)
        {
          grm_db_bind_text (slice, 1, hit->target);
          sqlite3_bind_int64 (slice, 2, sqlite3_column_int64 (row, 10));
          sqlite3_bind_int64 (slice, 3, MIN (sqlite3_column_int64 (row, 11), SNIPPET_MAX_BYTES));
          if (sqlite3_step (slice) == SQLITE_ROW)
            {
              body = sqlite3_column_blob (slice, 0);
              len = sqlite3_column_bytes (slice, 0);
            }
        }
    }

  hit->snippet_markup = grm_search_query_snippet (query, body ? body : "",
                                                  MIN (len, SNIPPET_MAX_BYTES),
                                                  SNIPPET_WIDTH, &hit->words);
  if (slice)
    sqlite3_reset (slice);
}

/* The docid from which pages are ranked (1: all of them). */
static gboolean
page_floor (GrmDb      *db,
            const char *match,
            gint64     *floor,
            GError    **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT rowid FROM search_index WHERE search_index MATCH ?1 AND rowid < ?2 "
      "ORDER BY rowid DESC LIMIT 1 OFFSET " G_STRINGIFY (MAX_RANKED_PAGES), error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, match);
  sqlite3_bind_int64 (stmt, 2, GRM_SEARCH_PAGE_DOCIDS_END);
  rc = sqlite3_step (stmt);
  *floor = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) + 1 : 1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

GPtrArray *
grm_search_run (GrmDb                  *db,
                const GrmSearchRequest *request,
                GError                **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_hit_free);
  g_autoptr(GrmSearchQuery) query = grm_search_query_new (request->text);
  guint per_kind = request->per_kind ? request->per_kind : 10;
  guint counts[GRM_SEARCH_N_KINDS] = { 0 };
  guint full = 0;
  sqlite3_stmt *stmt;
  int rc;

  if (query->match == NULL)
    return g_steal_pointer (&hits);

  if (request->committee || request->date_from || request->date_to || request->paper_type)
    stmt = grm_db_prepare (db,
        "SELECT d.kind, d.target, d.page, d.owner, d.date, d.ref, d.title, d.context, "
        "  search_index.rank, d.body, d.text_from, d.text_len "
        "FROM search_index JOIN search_doc d ON d.docid = search_index.rowid "
        "WHERE search_index MATCH ?1 "
        "  AND (?2 IS NULL OR instr (' ' || d.committees || ' ', ' ' || ?2 || ' ') > 0) "
        "  AND (?3 IS NULL OR d.date >= ?3) AND (?4 IS NULL OR d.date <= ?4) "
        "  AND (?5 IS NULL OR d.paper_type = ?5) "
        "ORDER BY search_index.rank LIMIT 2000", error);
  else
    /* Without filters, rank first and look up only the best rows: every
     * object, and the pages from ?2 on (see page_floor()). One FTS5 query,
     * because each one merges the doclists of all words a prefix finds. */
    stmt = grm_db_prepare (db,
        "SELECT d.kind, d.target, d.page, d.owner, d.date, d.ref, d.title, d.context, "
        "  r.rank, d.body, d.text_from, d.text_len "
        "FROM (SELECT rowid, rank FROM search_index "
        "      WHERE search_index MATCH ?1 AND rowid >= ?2 "
        "      ORDER BY rank LIMIT " G_STRINGIFY (RANKED_ROWS) ") r "
        "JOIN search_doc d ON d.docid = r.rowid ORDER BY r.rank", error);
  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, query->match);
  if (sqlite3_bind_parameter_count (stmt) == 2)
    {
      gint64 floor = 1;

      if (!page_floor (db, query->match, &floor, error))
        return NULL;
      sqlite3_bind_int64 (stmt, 2, floor);
    }
  else
    {
      grm_db_bind_text (stmt, 2, request->committee);
      grm_db_bind_text (stmt, 3, request->date_from);
      grm_db_bind_text (stmt, 4, request->date_to);
      grm_db_bind_text (stmt, 5, request->paper_type);
    }

  if (request->cancellable)
    sqlite3_progress_handler (grm_db_get_handle (db), 2000, progress_cb, request->cancellable);

  while (full < GRM_SEARCH_N_KINDS && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrmSearchKind kind;
      GrmSearchHit *hit;
      const char *ref, *title;

      if (!grm_search_kind_from_string (grm_db_column_text (stmt, 0), &kind)
          || counts[kind] >= per_kind)
        continue;
      if (++counts[kind] == per_kind)
        full++;

      hit = g_new0 (GrmSearchHit, 1);
      hit->kind = kind;
      hit->target = grm_db_column_dup (stmt, 1);
      hit->page = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
      hit->owner = grm_db_column_dup (stmt, 3);
      hit->date = grm_db_column_dup (stmt, 4);
      ref = grm_db_column_text (stmt, 5);
      title = grm_db_column_text (stmt, 6);
      if (kind == GRM_SEARCH_KIND_AGENDA_ITEM && ref && *ref)
        hit->title = g_strconcat (ref, " ", title ? title : "", NULL);
      else
        hit->title = g_strdup (title ? title : "");
      hit->title_markup = grm_search_query_highlight (query, hit->title, -1);
      hit->context = grm_db_column_dup (stmt, 7);
      hit->score = sqlite3_column_double (stmt, 8);
      add_snippet (db, query, stmt, hit);
      g_ptr_array_add (hits, hit);
    }
  if (full == GRM_SEARCH_N_KINDS)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);

  if (request->cancellable)
    sqlite3_progress_handler (grm_db_get_handle (db), 0, NULL, NULL);

  if (rc != SQLITE_DONE)
    {
      if (request->cancellable && g_cancellable_set_error_if_cancelled (request->cancellable, error))
        return NULL;
      return (grm_db_set_error (db, rc, error), NULL);
    }
  return g_steal_pointer (&hits);
}

gboolean
grm_search_run_job (GrmDb     *db,
                    gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  GPtrArray *hits = grm_search_run (db, data, error);

  if (hits == NULL)
    return FALSE;
  *result = hits;
  return TRUE;
}

static gboolean
list_job (GrmDb       *db,
          const char  *sql,
          int          columns,
          gpointer    *result,
          GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < columns; c++)
      g_ptr_array_add (list, g_strdup (grm_db_column_text (stmt, c) ? grm_db_column_text (stmt, c) : ""));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  *result = g_steal_pointer (&list);
  return TRUE;
}

gboolean
grm_search_list_paper_types_job (GrmDb     *db,
                                 gpointer   data,
                                 gpointer  *result,
                                 GError   **error)
{
  return list_job (db,
      "SELECT DISTINCT paper_type FROM paper WHERE paper_type IS NOT NULL AND paper_type != '' "
      "ORDER BY paper_type", 1, result, error);
}

gboolean
grm_search_list_committees_job (GrmDb     *db,
                                gpointer   data,
                                gpointer  *result,
                                GError   **error)
{
  return list_job (db,
      "SELECT o.id, g.name FROM object o JOIN organization g ON g.oid = o.oid "
      "WHERE o.deleted = 0 AND g.name IS NOT NULL AND g.name != '' "
      "ORDER BY g.name COLLATE NOCASE", 2, result, error);
}
