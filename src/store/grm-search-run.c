/* grm-search-run.c: running a search on a reader connection.
 *
 * FTS5 ranks every match with bm25 (title and reference count eight times),
 * the join with search_doc drops orphans and applies the filters. Only the
 * hits that are shown are read in full and get a snippet, because a
 * snippet folds the original text again.
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
/* Best rows looked at, to fill up to per_kind hits of each kind. */
#define RANKED_ROWS 600
#define FILTERED_ROWS 2000

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

/* Bytes @from.. of File.text of the file with rowid @oid, at most @len:
 * read in place, because substr() would load the whole text of a long
 * document for every page shown. NULL when the text is shorter now. */
char *
grm_search_read_text (GrmDb  *db,
                      gint64  oid,
                      gint64  from,
                      gint64  len,
                      gsize  *out_len)
{
  sqlite3_blob *blob = NULL;
  char *bytes = NULL;

  *out_len = 0;
  if (from < 0 || len < 0
      || sqlite3_blob_open (grm_db_get_handle (db), "main", "file", "text", oid, 0, &blob) != SQLITE_OK)
    {
      sqlite3_blob_close (blob);
      return NULL;
    }
  if (from + len <= sqlite3_blob_bytes (blob))
    {
      bytes = g_malloc (len + 1);
      if (sqlite3_blob_read (blob, bytes, (int) len, (int) from) == SQLITE_OK)
        {
          bytes[len] = '\0';
          *out_len = len;
        }
      else
        g_clear_pointer (&bytes, g_free);
    }
  sqlite3_blob_close (blob);
  return bytes;
}

typedef struct
{
  gint64 docid;
  double rank;
} Ranked;

/* grm_bm25() is bm25(search_index, 8.0, 1.0) (a word in the title or the
 * reference counts eight times) that skips rows which cannot be among the
 * best LIMIT: see grm-search-rank.c. Its first argument is that LIMIT,
 * the second where it counts the rows when it leaves the IDF to us. */
#define RANKED_SQL \
  "SELECT d.docid, r.score, d.kind " \
  "FROM (SELECT rowid, grm_bm25 (search_index, " G_STRINGIFY (RANKED_ROWS) ", ?2, 8.0, 1.0) AS score " \
  "      FROM search_index WHERE search_index MATCH ?1 " \
  "      ORDER BY score LIMIT " G_STRINGIFY (RANKED_ROWS) ") r " \
  "JOIN search_doc d ON d.docid = r.rowid ORDER BY r.score"
/* With filters, rows are ranked after the filters dropped theirs. */
#define FILTERED_SQL \
  "SELECT d.docid, grm_bm25 (search_index, " G_STRINGIFY (FILTERED_ROWS) ", NULL, 8.0, 1.0) AS score, " \
  "  d.kind " \
  "FROM search_index JOIN search_doc d ON d.docid = search_index.rowid " \
  "WHERE search_index MATCH ?1 " \
  "  AND (?2 IS NULL OR instr (' ' || d.committees || ' ', ' ' || ?2 || ' ') > 0) " \
  "  AND (?3 IS NULL OR d.date >= ?3) AND (?4 IS NULL OR d.date <= ?4) " \
  "  AND (?5 IS NULL OR d.paper_type = ?5) " \
  "ORDER BY score LIMIT " G_STRINGIFY (FILTERED_ROWS)

/* The best rows of each kind, best first: ranks every match (bm25 over
 * the whole index, so results do not depend on the order of indexing),
 * but reads only docid, rank and kind of the rows it looks at. */
static GArray *
rank_rows (GrmDb                  *db,
           const GrmSearchRequest *request,
           const char             *match,
           guint                   per_kind,
           GError                **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Ranked));
  guint counts[GRM_SEARCH_N_KINDS] = { 0 };
  guint full = 0;
  gboolean filtered = request->committee || request->date_from || request->date_to
                      || request->paper_type;
  GrmSearchRankCount count = { 0, 0, FALSE };
  const char *sql;
  sqlite3_stmt *stmt;
  int rc;

  sql = filtered ? FILTERED_SQL : RANKED_SQL;
  stmt = grm_db_prepare (db, sql, NULL);
  if (stmt == NULL)
    {
      /* A connection's first search: grm_bm25() is not there yet. The
       * index is read through a memory map from now on, because the
       * doclists of a common word span many pages, each otherwise a
       * pread() into SQLite's small page cache. */
      if (!grm_search_register_rank (db, error)
          || !grm_db_exec (db, "PRAGMA mmap_size = " G_STRINGIFY (GRM_SEARCH_MMAP_SIZE), error))
        return NULL;
      stmt = grm_db_prepare (db, sql, error);
    }
  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, match);
  if (!filtered)
    sqlite3_bind_pointer (stmt, 2, &count, "grm-search-rank-count", NULL);
  else
    {
      grm_db_bind_text (stmt, 2, request->committee);
      grm_db_bind_text (stmt, 3, request->date_from);
      grm_db_bind_text (stmt, 4, request->date_to);
      grm_db_bind_text (stmt, 5, request->paper_type);
    }

  while (full < GRM_SEARCH_N_KINDS && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GrmSearchKind kind;
      Ranked r;

      if (!grm_search_kind_from_string (grm_db_column_text (stmt, 2), &kind)
          || counts[kind] >= per_kind)
        continue;
      if (++counts[kind] == per_kind)
        full++;
      r.docid = sqlite3_column_int64 (stmt, 0);
      r.rank = sqlite3_column_double (stmt, 1);
      g_array_append_val (rows, r);
    }
  if (full == GRM_SEARCH_N_KINDS)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (grm_db_set_error (db, rc, error), NULL);
  /* The ranking read every match before the first row came out, so the
   * count is complete. */
  if (count.deferred)
    {
      double idf = grm_search_rank_idf (&count);

      for (guint i = 0; i < rows->len; i++)
        g_array_index (rows, Ranked, i).rank *= idf;
    }
  return g_steal_pointer (&rows);
}

static void
add_snippet (GrmDb                *db,
             const GrmSearchQuery *query,
             sqlite3_stmt         *row,
             GrmSearchHit         *hit)
{
  g_autofree char *slice = NULL;
  const char *body = NULL;
  gsize len = 0;

  if (sqlite3_column_type (row, 8) != SQLITE_NULL)
    {
      body = grm_db_column_text (row, 8);
      len = sqlite3_column_bytes (row, 8);
    }
  else if (sqlite3_column_type (row, 9) != SQLITE_NULL && sqlite3_column_type (row, 11) != SQLITE_NULL)
    body = slice = grm_search_read_text (db, sqlite3_column_int64 (row, 11),
                                         sqlite3_column_int64 (row, 9),
                                         MIN (sqlite3_column_int64 (row, 10), SNIPPET_MAX_BYTES),
                                         &len);

  hit->snippet_markup = grm_search_query_snippet (query, body ? body : "",
                                                  MIN (len, SNIPPET_MAX_BYTES),
                                                  SNIPPET_WIDTH, &hit->words);
}

/* The hit for one ranked row, with its snippet. */
static GrmSearchHit *
make_hit (GrmDb                *db,
          const GrmSearchQuery *query,
          const Ranked         *r,
          GError              **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT d.kind, d.target, d.page, d.owner, d.date, d.ref, d.title, d.context, "
      "  d.body, d.text_from, d.text_len, "
      "  CASE WHEN d.body IS NULL THEN (SELECT oid FROM object WHERE id = d.target) END "
      "FROM search_doc d WHERE d.docid = ?", error);
  GrmSearchHit *hit;
  const char *ref, *title;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, r->docid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      /* Done: removed since it was ranked (another connection wrote). */
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        grm_db_set_error (db, rc, error);
      return NULL;
    }

  hit = g_new0 (GrmSearchHit, 1);
  grm_search_kind_from_string (grm_db_column_text (stmt, 0), &hit->kind);
  hit->target = grm_db_column_dup (stmt, 1);
  hit->page = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
  hit->owner = grm_db_column_dup (stmt, 3);
  hit->date = grm_db_column_dup (stmt, 4);
  ref = grm_db_column_text (stmt, 5);
  title = grm_db_column_text (stmt, 6);
  if (hit->kind == GRM_SEARCH_KIND_AGENDA_ITEM && ref && *ref)
    hit->title = g_strconcat (ref, " ", title ? title : "", NULL);
  else
    hit->title = g_strdup (title ? title : "");
  hit->title_markup = grm_search_query_highlight (query, hit->title, -1);
  hit->context = grm_db_column_dup (stmt, 7);
  hit->score = r->rank;
  add_snippet (db, query, stmt, hit);
  sqlite3_reset (stmt);
  return hit;
}

GPtrArray *
grm_search_run (GrmDb                  *db,
                const GrmSearchRequest *request,
                GError                **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_hit_free);
  g_autoptr(GrmSearchQuery) query = grm_search_query_new (request->text);
  g_autoptr(GArray) rows = NULL;
  guint per_kind = request->per_kind ? request->per_kind : 10;
  GError *local = NULL;

  if (query->match == NULL)
    return g_steal_pointer (&hits);

  if (request->cancellable)
    sqlite3_progress_handler (grm_db_get_handle (db), 2000, progress_cb, request->cancellable);
  rows = rank_rows (db, request, query->match, per_kind, &local);
  for (guint i = 0; rows && i < rows->len && local == NULL; i++)
    {
      GrmSearchHit *hit = make_hit (db, query, &g_array_index (rows, Ranked, i), &local);

      if (hit)
        g_ptr_array_add (hits, hit);
    }
  if (request->cancellable)
    sqlite3_progress_handler (grm_db_get_handle (db), 0, NULL, NULL);

  if (local)
    {
      if (request->cancellable && g_cancellable_is_cancelled (request->cancellable))
        {
          g_error_free (local);
          g_cancellable_set_error_if_cancelled (request->cancellable, error);
          return NULL;
        }
      g_propagate_error (error, local);
      return NULL;
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
