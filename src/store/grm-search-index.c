/* grm-search-index.c: writing the full-text index (runs on the writer).
 *
 * The indexer folds text on its own thread; a write job only inserts. The
 * index is contentless, so deleting a row means giving FTS5 the same folded
 * text again: it is re-created from the original kept in search_doc, or
 * from file.text when that still holds the same bytes. When it does not
 * (the server changed File.text), the row becomes an orphan: invisible,
 * because every query joins search_doc, and counted, so that the indexer
 * rebuilds the index once orphans are many.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <string.h>

#include "grm-fold.h"
#include "grm-search-private.h"

GrmSearchDoc *
grm_search_doc_new (const char *kind)
{
  GrmSearchDoc *doc = g_new0 (GrmSearchDoc, 1);

  doc->kind = kind;
  doc->page = -1;
  return doc;
}

void
grm_search_doc_free (GrmSearchDoc *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->owner);
  g_free (doc->date);
  g_free (doc->paper_type);
  g_free (doc->committees);
  g_free (doc->ref);
  g_free (doc->title);
  g_free (doc->context);
  g_free (doc->body);
  g_free (doc->folded_title);
  g_free (doc->folded_body);
  g_free (doc);
}

GrmSearchSource *
grm_search_source_new (const char *target,
                       const char *kind,
                       const char *stamp,
                       const char *source)
{
  GrmSearchSource *src = g_new0 (GrmSearchSource, 1);

  src->target = g_strdup (target);
  src->kind = kind;
  src->stamp = g_strdup (stamp);
  src->source = source;
  src->state = "done";
  src->docs = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_doc_free);
  return src;
}

void
grm_search_source_free (GrmSearchSource *source)
{
  if (source == NULL)
    return;
  g_free (source->target);
  g_free (source->stamp);
  g_free (source->error);
  g_clear_pointer (&source->docs, g_ptr_array_unref);
  g_free (source);
}

gint64
grm_search_hash (const char *text,
                 gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (14695981039346656037);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) text[i];
      h *= G_GUINT64_CONSTANT (1099511628211);
    }
  return (gint64) (h >> 1);
}

char *
grm_search_index_title (const char *ref,
                        const char *title)
{
  GString *out = g_string_new (NULL);

  grm_fold_append (out, ref, -1, NULL);
  g_string_append_c (out, ' ');
  grm_fold_append (out, title, -1, NULL);
  return g_string_free (out, FALSE);
}

void
grm_search_doc_fold (GrmSearchDoc *doc,
                     const char   *body_text,
                     gsize         body_len)
{
  g_free (doc->folded_title);
  g_free (doc->folded_body);
  doc->folded_title = grm_search_index_title (doc->ref, doc->title);
  doc->folded_body = grm_fold (body_text ? body_text : "", body_text ? (gssize) body_len : 0);
}

static gboolean
add_orphans (GrmDb   *db,
             int      n,
             GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "INSERT INTO search_meta (key, value) VALUES ('orphans', ?1) "
      "ON CONFLICT (key) DO UPDATE SET value = value + ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, n);
  return grm_db_step_done (db, stmt, error);
}

/* Deletes every row that the index holds for @target. */
static gboolean
delete_target (GrmDb      *db,
               const char *target,
               GError    **error)
{
  sqlite3_stmt *rows, *del_fts, *del_doc, *slice;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int orphans = 0;
  int rc;

  rows = grm_db_prepare (db,
      "SELECT docid, ref, title, body, text_from, text_len, text_hash "
      "FROM search_doc WHERE target = ?", error);
  if (rows == NULL)
    return FALSE;
  grm_db_bind_text (rows, 1, target);

  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    {
      gint64 docid = sqlite3_column_int64 (rows, 0);
      g_autofree char *title = grm_search_index_title (grm_db_column_text (rows, 1),
                                                       grm_db_column_text (rows, 2));
      g_autofree char *body = NULL;

      if (sqlite3_column_type (rows, 3) != SQLITE_NULL)
        body = grm_fold (grm_db_column_text (rows, 3), sqlite3_column_bytes (rows, 3));
      else if (sqlite3_column_type (rows, 5) == SQLITE_NULL)
        body = g_strdup ("");
      else
        {
          gint64 hash = sqlite3_column_int64 (rows, 6);

          slice = grm_db_prepare (db,
              "SELECT substr (CAST (f.text AS BLOB), ?2 + 1, ?3) "
              "FROM object o JOIN file f ON f.oid = o.oid WHERE o.id = ?1", error);
          if (slice == NULL)
            {
              sqlite3_reset (rows);
              return FALSE;
            }
          grm_db_bind_text (slice, 1, target);
          sqlite3_bind_int64 (slice, 2, sqlite3_column_int64 (rows, 4));
          sqlite3_bind_int64 (slice, 3, sqlite3_column_int64 (rows, 5));
          if (sqlite3_step (slice) == SQLITE_ROW)
            {
              const char *bytes = sqlite3_column_blob (slice, 0);
              int n = sqlite3_column_bytes (slice, 0);

              if (bytes != NULL && n == sqlite3_column_int64 (rows, 5)
                  && grm_search_hash (bytes, n) == hash)
                body = grm_fold (bytes, n);
            }
          sqlite3_reset (slice);
        }

      g_array_append_val (ids, docid);
      if (body == NULL)
        {
          /* The text changed under us: leave the index row as an orphan. */
          orphans++;
          continue;
        }

      del_fts = grm_db_prepare (db,
          "INSERT INTO search_index (search_index, rowid, title, body) "
          "VALUES ('delete', ?, ?, ?)", error);
      if (del_fts == NULL)
        {
          sqlite3_reset (rows);
          return FALSE;
        }
      sqlite3_bind_int64 (del_fts, 1, docid);
      sqlite3_bind_text (del_fts, 2, title, -1, SQLITE_STATIC);
      sqlite3_bind_text (del_fts, 3, body, -1, SQLITE_STATIC);
      if (!grm_db_step_done (db, del_fts, error))
        {
          sqlite3_reset (rows);
          return FALSE;
        }
    }
  sqlite3_reset (rows);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  for (guint i = 0; i < ids->len; i++)
    {
      del_doc = grm_db_prepare (db, "DELETE FROM search_doc WHERE docid = ?", error);
      if (del_doc == NULL)
        return FALSE;
      sqlite3_bind_int64 (del_doc, 1, g_array_index (ids, gint64, i));
      if (!grm_db_step_done (db, del_doc, error))
        return FALSE;
    }

  return orphans == 0 || add_orphans (db, orphans, error);
}

/* The last docids given, read once per job and written back at its end. */
typedef struct
{
  gint64 page;
  gint64 object;
  gboolean changed;
} Docids;

static gboolean
docids_load (GrmDb   *db,
             Docids  *ids,
             GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT coalesce ((SELECT value FROM search_meta WHERE key = 'page_docid'), 0), "
      "  coalesce ((SELECT value FROM search_meta WHERE key = 'object_docid'), ?)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, GRM_SEARCH_OBJECT_DOCIDS + 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ids->page = sqlite3_column_int64 (stmt, 0);
      ids->object = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  ids->changed = FALSE;
  return rc == SQLITE_ROW || grm_db_set_error (db, rc, error);
}

static gboolean
docids_save (GrmDb   *db,
             Docids  *ids,
             GError **error)
{
  sqlite3_stmt *stmt;

  if (!ids->changed)
    return TRUE;
  stmt = grm_db_prepare (db,
      "INSERT OR REPLACE INTO search_meta (key, value) "
      "VALUES ('page_docid', ?1), ('object_docid', ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ids->page);
  sqlite3_bind_int64 (stmt, 2, ids->object);
  return grm_db_step_done (db, stmt, error);
}

static gboolean
insert_doc (GrmDb              *db,
            const GrmSearchSource *source,
            const GrmSearchDoc *doc,
            Docids             *ids,
            GError            **error)
{
  sqlite3_stmt *stmt;
  gint64 docid;

  /* Pages of files count up from 1, everything else down from
   * GRM_SEARCH_OBJECT_DOCIDS. Never reused, so that an orphan row of the
   * index can never be taken for a new one. */
  docid = g_str_equal (doc->kind, "file") ? ++ids->page : --ids->object;
  ids->changed = TRUE;

  stmt = grm_db_prepare (db,
      "INSERT INTO search_doc (kind, target, page, owner, date, paper_type, committees, "
      "  ref, title, context, body, text_from, text_len, text_hash, docid) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 15, docid);
  grm_db_bind_text (stmt, 1, doc->kind);
  grm_db_bind_text (stmt, 2, source->target);
  if (doc->page >= 0)
    sqlite3_bind_int (stmt, 3, doc->page);
  grm_db_bind_text (stmt, 4, doc->owner);
  grm_db_bind_text (stmt, 5, doc->date);
  grm_db_bind_text (stmt, 6, doc->paper_type);
  grm_db_bind_text (stmt, 7, doc->committees);
  grm_db_bind_text (stmt, 8, doc->ref);
  grm_db_bind_text (stmt, 9, doc->title);
  grm_db_bind_text (stmt, 10, doc->context);
  grm_db_bind_text (stmt, 11, doc->body);
  if (doc->body == NULL)
    {
      sqlite3_bind_int64 (stmt, 12, doc->text_from);
      sqlite3_bind_int64 (stmt, 13, doc->text_len);
      sqlite3_bind_int64 (stmt, 14, doc->text_hash);
    }
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  stmt = grm_db_prepare (db,
      "INSERT INTO search_index (rowid, title, body) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, docid);
  sqlite3_bind_text (stmt, 2, doc->folded_title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, doc->folded_body, -1, SQLITE_STATIC);
  return grm_db_step_done (db, stmt, error);
}

gboolean
grm_search_apply_job (GrmDb     *db,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  GPtrArray *sources = data;
  Docids ids = { 0, 0, FALSE };

  /* FTS5 merges read back the segments they merge: with SQLite's default
   * 2 MB cache they come from the WAL and the disk again and again. */
  if (!grm_db_exec (db, "PRAGMA cache_size = -32768", error))
    return FALSE;
  if (!docids_load (db, &ids, error))
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      GrmSearchSource *source = g_ptr_array_index (sources, i);
      sqlite3_stmt *stmt;

      if (!delete_target (db, source->target, error))
        return FALSE;

      if (source->docs == NULL)
        {
          stmt = grm_db_prepare (db, "DELETE FROM search_source WHERE target = ?", error);
          if (stmt == NULL)
            return FALSE;
          grm_db_bind_text (stmt, 1, source->target);
          if (!grm_db_step_done (db, stmt, error))
            return FALSE;
          continue;
        }

      for (guint j = 0; j < source->docs->len; j++)
        if (!insert_doc (db, source, g_ptr_array_index (source->docs, j), &ids, error))
          return FALSE;

      stmt = grm_db_prepare (db,
          "INSERT OR REPLACE INTO search_source "
          "  (target, kind, stamp, source, state, pages, error, indexed) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, strftime ('%s', 'now'))", error);
      if (stmt == NULL)
        return FALSE;
      grm_db_bind_text (stmt, 1, source->target);
      grm_db_bind_text (stmt, 2, source->kind);
      grm_db_bind_text (stmt, 3, source->stamp);
      grm_db_bind_text (stmt, 4, source->source);
      grm_db_bind_text (stmt, 5, source->state);
      if (source->pages > 0)
        sqlite3_bind_int (stmt, 6, source->pages);
      grm_db_bind_text (stmt, 7, source->error);
      if (!grm_db_step_done (db, stmt, error))
        return FALSE;
    }

  return docids_save (db, &ids, error);
}

gboolean
grm_search_reset_job (GrmDb     *db,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  g_autofree char *sql = g_strdup_printf (
      "INSERT INTO search_index (search_index) VALUES ('delete-all');"
      "DELETE FROM search_doc;"
      "DELETE FROM search_source;"
      "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('orphans', 0);"
      "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('fold_version', %d);",
      GRM_SEARCH_FOLD_VERSION);

  return grm_db_exec (db, sql, error);
}
