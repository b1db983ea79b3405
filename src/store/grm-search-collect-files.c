/* grm-search-collect-files.c: the files the index lacks: File.text sent by
 * the server (split into pages at form feeds), and downloaded files without
 * it, whose pages the indexer extracts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <string.h>

#include "grm-search-private.h"

#define OBJECT_STAMP "coalesce (o.modified, '') || '|' || coalesce (o.synced_at, '')"
/* Not the length of the text: that would read every text on every batch. */
#define TEXT_STAMP "'t' || coalesce (o.modified, '') || '|' || coalesce (o.synced_at, '')"

#define PENDING_TEXTS \
  "FROM object o JOIN file f ON f.oid = o.oid " \
  "LEFT JOIN search_source s ON s.target = o.id " \
  "WHERE o.deleted = 0 AND f.text IS NOT NULL AND f.text != '' " \
  "  AND (s.target IS NULL OR s.source != 'text' OR s.stamp IS NOT " TEXT_STAMP ") "

#define PENDING_BLOBS \
  "FROM file_blob b JOIN object o ON o.id = b.file_id JOIN file f ON f.oid = o.oid " \
  "LEFT JOIN search_source s ON s.target = b.file_id " \
  "WHERE b.state = 'stored' AND b.sha256 IS NOT NULL AND o.deleted = 0 " \
  "  AND (f.text IS NULL OR f.text = '') AND (s.target IS NULL OR s.stamp IS NOT b.sha256) "

#define PENDING_OBJECTS(table) \
  "(SELECT count(*) FROM object o JOIN " table " t ON t.oid = o.oid " \
  " LEFT JOIN search_source s ON s.target = o.id " \
  " WHERE o.deleted = 0 AND (s.target IS NULL OR s.stamp IS NOT " OBJECT_STAMP "))"

/* What a file's pages share: the paper or meeting it belongs to. */
static gboolean
file_template (GrmDb        *db,
               const char   *file_id,
               const char   *name,
               const char   *date,
               GrmSearchDoc *doc,
               GError      **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT coalesce (a.meeting, p.id), p.type, coalesce (pp.reference, ''), "
      "  coalesce (pp.name, m.name, am.name), pp.paper_type, "
      "  coalesce (pp.date, substr (m.start, 1, 10), substr (am.start, 1, 10)) "
      "FROM (SELECT * FROM ("
      "        SELECT q.id, q.oid, q.type FROM object f JOIN object q ON q.id = f.parent "
      "        WHERE f.id = ?1 AND q.type IN ('Paper', 'Meeting', 'AgendaItem') "
      "        UNION ALL "
      "        SELECT q.id, q.oid, q.type FROM object_ref r JOIN object q ON q.oid = r.oid "
      "        WHERE r.target = ?1 AND q.type IN ('Paper', 'Meeting', 'AgendaItem')) "
      "      LIMIT 1) p "
      "LEFT JOIN paper pp ON pp.oid = p.oid "
      "LEFT JOIN meeting m ON m.oid = p.oid "
      "LEFT JOIN agenda_item a ON a.oid = p.oid "
      "LEFT JOIN object amo ON amo.id = a.meeting LEFT JOIN meeting am ON am.oid = amo.oid",
      error);
  g_autofree char *type = NULL;
  GError *local = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  doc->title = g_strdup (name);
  doc->date = g_strndup (date, 10);
  grm_db_bind_text (stmt, 1, file_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *ref = grm_db_column_text (stmt, 2);
      const char *title = grm_db_column_text (stmt, 3);

      doc->owner = grm_db_column_dup (stmt, 0);
      type = grm_db_column_dup (stmt, 1);
      if (ref && *ref && title)
        doc->context = g_strconcat (ref, " · ", title, NULL);
      else
        doc->context = g_strdup (title);
      doc->paper_type = grm_db_column_dup (stmt, 4);
      if (doc->date == NULL)
        doc->date = grm_db_column_dup (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  if (g_strcmp0 (type, "Paper") == 0)
    doc->committees = grm_search_paper_committees (db, doc->owner, &local);
  else if (doc->owner)
    doc->committees = grm_search_meeting_committees (db, doc->owner, &local);
  if (local)
    return (g_propagate_error (error, local), FALSE);
  return TRUE;
}

static GrmSearchDoc *
page_doc (const GrmSearchDoc *tmpl,
          int                 page)
{
  GrmSearchDoc *doc = grm_search_doc_new ("file");

  doc->page = page;
  doc->owner = g_strdup (tmpl->owner);
  doc->date = g_strdup (tmpl->date);
  doc->paper_type = g_strdup (tmpl->paper_type);
  doc->committees = g_strdup (tmpl->committees);
  doc->context = g_strdup (tmpl->context);
  /* The name is indexed once, with the first page. */
  doc->title = page == 0 ? g_strdup (tmpl->title) : NULL;
  return doc;
}

GPtrArray *
grm_search_collect_texts (GrmDb   *db,
                          gsize    max_bytes,
                          gint64  *cursor,
                          GError **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_source_free);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT o.id, " TEXT_STAMP ", coalesce (f.name, f.file_name), f.date, f.text, o.oid "
      PENDING_TEXTS "AND o.oid > ? ORDER BY o.oid LIMIT 500", error);
  gsize bytes = 0;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, *cursor);
  while (bytes < max_bytes && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = grm_db_column_text (stmt, 4);
      gsize len = sqlite3_column_bytes (stmt, 4);
      GrmSearchSource *src = grm_search_source_new (grm_db_column_text (stmt, 0), "file",
                                                    grm_db_column_text (stmt, 1), "text");
      g_autoptr(GrmSearchDoc) tmpl = grm_search_doc_new ("file");
      gsize from = 0;
      int page = 0;

      g_ptr_array_add (sources, src);
      *cursor = sqlite3_column_int64 (stmt, 5);
      if (!file_template (db, src->target, grm_db_column_text (stmt, 2),
                          grm_db_column_text (stmt, 3), tmpl, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      while (from <= len)
        {
          const char *ff = memchr (text + from, '\f', len - from);
          gsize end = ff ? (gsize) (ff - text) : len;
          GrmSearchDoc *doc = page_doc (tmpl, page);

          doc->text_from = from;
          doc->text_len = end - from;
          doc->text_hash = grm_search_hash (text + from, end - from);
          grm_search_doc_fold (doc, text + from, end - from);
          if (page == 0 || doc->folded_body[0] != '\0')
            g_ptr_array_add (src->docs, doc);
          else
            grm_search_doc_free (doc);
          page++;
          from = end + 1;
        }
      src->pages = page;
      bytes += len;
    }
  sqlite3_reset (stmt);
  if (bytes < max_bytes && rc != SQLITE_DONE)
    return (grm_db_set_error (db, rc, error), NULL);
  return g_steal_pointer (&sources);
}

gboolean
grm_search_next_blob (GrmDb          *db,
                      GrmSearchBlob  *blob,
                      GError        **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT b.file_id, b.sha256 " PENDING_BLOBS "ORDER BY o.oid LIMIT 1", error);
  int rc;

  memset (blob, 0, sizeof *blob);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      blob->file_id = grm_db_column_dup (stmt, 0);
      blob->sha256 = grm_db_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

GrmSearchSource *
grm_search_source_for_pages (GrmDb               *db,
                             const GrmSearchBlob *blob,
                             GPtrArray           *pages,
                             const char          *error_message,
                             GError             **error)
{
  g_autoptr(GrmSearchDoc) tmpl = grm_search_doc_new ("file");
  GrmSearchSource *src = grm_search_source_new (blob->file_id, "file", blob->sha256, "pdf");
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT coalesce (f.name, f.file_name), f.date FROM object o "
      "JOIN file f ON f.oid = o.oid WHERE o.id = ?", error);
  gboolean ok;

  if (stmt == NULL)
    return (grm_search_source_free (src), NULL);
  grm_db_bind_text (stmt, 1, blob->file_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = file_template (db, blob->file_id, grm_db_column_text (stmt, 0),
                        grm_db_column_text (stmt, 1), tmpl, error);
  else
    ok = file_template (db, blob->file_id, NULL, NULL, tmpl, error);
  sqlite3_reset (stmt);
  if (!ok)
    return (grm_search_source_free (src), NULL);

  if (pages == NULL)
    {
      src->state = "failed";
      src->error = g_strdup (error_message);
      return src;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      const char *text = g_ptr_array_index (pages, i);
      GrmSearchDoc *doc = page_doc (tmpl, i);

      doc->body = g_strdup (text ? text : "");
      grm_search_doc_fold (doc, doc->body, strlen (doc->body));
      if (i == 0 || doc->folded_body[0] != '\0')
        g_ptr_array_add (src->docs, doc);
      else
        grm_search_doc_free (doc);
    }
  src->pages = pages->len;
  return src;
}

gboolean
grm_search_count_pending (GrmDb   *db,
                          gint64  *pending,
                          GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT " PENDING_OBJECTS ("paper") " + " PENDING_OBJECTS ("meeting")
      " + " PENDING_OBJECTS ("agenda_item") " + " PENDING_OBJECTS ("organization")
      " + " PENDING_OBJECTS ("person")
      " + (SELECT count(*) " PENDING_TEXTS ") + (SELECT count(*) " PENDING_BLOBS ")"
      " + (SELECT count(*) FROM search_source s LEFT JOIN object o ON o.id = s.target "
      "    WHERE o.oid IS NULL OR o.deleted = 1)", error);

  *pending = 0;
  return stmt != NULL && grm_db_step_int64 (db, stmt, pending, error);
}

gboolean
grm_search_needs_reset (GrmDb    *db,
                        gboolean *reset,
                        GError  **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT (SELECT value FROM search_meta WHERE key = 'fold_version'), "
      "  coalesce ((SELECT value FROM search_meta WHERE key = 'orphans'), 0), "
      "  (SELECT count(*) FROM search_doc)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      gint64 orphans = sqlite3_column_int64 (stmt, 1);
      gint64 docs = sqlite3_column_int64 (stmt, 2);

      *reset = sqlite3_column_type (stmt, 0) == SQLITE_NULL
               || sqlite3_column_int (stmt, 0) != GRM_SEARCH_FOLD_VERSION
               || (orphans > 100 && orphans * 10 > docs);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}
