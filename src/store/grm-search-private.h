/* grm-search-private.h: what the search files of the store share: the rows
 * the indexer prepares on its worker and the write jobs that store them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-db.h"
#include "grm-search.h"

G_BEGIN_DECLS

/* Bump when grm_fold() changes its output or the index changes its layout:
 * the index is then rebuilt, because a contentless FTS5 table can only
 * delete what it can re-create. 3: objects
 * have docids counting down from GRM_SEARCH_OBJECT_DOCIDS. */
#define GRM_SEARCH_FOLD_VERSION 3

/* Docids of objects count down from here, pages of files count up from 1.
 * Ranking no longer depends on them (it once ranked only the newest pages
 * of a common word); the split stays so that indexes built since need no
 * rebuild. */
#define GRM_SEARCH_OBJECT_DOCIDS G_GINT64_CONSTANT (0x4000000000000000)

/* Bytes of the database that search connections map into memory. */
#define GRM_SEARCH_MMAP_SIZE 1073741824

/* One row of search_doc / search_index. */
typedef struct
{
  const char *kind;       /* static string */
  int         page;       /* -1: none */
  char       *owner;
  char       *date;
  char       *paper_type;
  char       *committees;
  char       *ref;
  char       *title;
  char       *context;
  char       *body;       /* NULL: a slice of file.text */
  gint64      text_from;
  gint64      text_len;
  gint64      text_hash;
  char       *folded_title;
  char       *folded_body;
} GrmSearchDoc;

/* One unit of work: all rows of one object or file, replacing what the
 * index holds for it. With @docs NULL the target is only removed. */
typedef struct
{
  char      *target;
  const char *kind;
  char      *stamp;
  const char *source;     /* object, text, pdf */
  const char *state;      /* done, failed */
  int        pages;
  char      *error;
  GPtrArray *docs;        /* GrmSearchDoc */
} GrmSearchSource;

GrmSearchDoc    *grm_search_doc_new     (const char   *kind);
void             grm_search_doc_free    (GrmSearchDoc *doc);
/* Fills folded_title and folded_body (folded_body from @body_text). */
void             grm_search_doc_fold    (GrmSearchDoc *doc,
                                         const char   *body_text,
                                         gsize         body_len);
GrmSearchSource *grm_search_source_new  (const char   *target,
                                         const char   *kind,
                                         const char   *stamp,
                                         const char   *source);
void             grm_search_source_free (GrmSearchSource *source);

gint64           grm_search_hash        (const char   *text,
                                         gsize         len);
char            *grm_search_index_title (const char   *ref,
                                         const char   *title);
/* Adds grm_bm25() to the FTS5 of @db (see grm-search-rank.c). */
gboolean         grm_search_register_rank (GrmDb      *db,
                                           GError    **error);
/* Bound with sqlite3_bind_pointer (type "grm-search-rank-count") as the
 * third argument of grm_bm25() in a query without filters: when deferred
 * comes back TRUE, the scores lack the IDF factor, grm_search_rank_idf(). */
typedef struct
{
  gint64   n_rows;
  gint64   n_hits;
  gboolean deferred;
} GrmSearchRankCount;
double           grm_search_rank_idf      (const GrmSearchRankCount *count);
/* Bytes @from.. (@len of them) of File.text of the file whose rowid is
 * @oid, read in place; NULL when the text is no longer that long. */
char            *grm_search_read_text   (GrmDb        *db,
                                         gint64        oid,
                                         gint64        from,
                                         gint64        len,
                                         gsize        *out_len);

/* A GrmStoreFunc: @data is a GPtrArray of GrmSearchSource, applied in one
 * transaction (old rows of each target deleted, new rows inserted). */
gboolean grm_search_apply_job     (GrmDb     *db,
                                   gpointer   data,
                                   gpointer  *result,
                                   GError   **error);
/* A GrmStoreFunc that empties the index (fold version change, too many
 * orphans); the indexer then indexes everything again. */
gboolean grm_search_reset_job     (GrmDb     *db,
                                   gpointer   data,
                                   gpointer  *result,
                                   GError   **error);

/* Reader side, on the indexer's own connection. Each returns the next
 * batch of work (GrmSearchSource with docs prepared, not yet folded), or
 * an empty array when there is none. */
GPtrArray *grm_search_collect_removed (GrmDb *db, guint limit, GError **error);
/* @cursors: GRM_SEARCH_N_OBJECT_KINDS oids, @cursor: an oid; both start at
 * 0 for a pass and move on, so that a pass never looks at a row twice. */
#define GRM_SEARCH_N_OBJECT_KINDS 5
GPtrArray *grm_search_collect_objects (GrmDb *db, guint limit, gint64 *cursors, GError **error);
GPtrArray *grm_search_collect_texts   (GrmDb *db, gsize max_bytes, gint64 *cursor, GError **error);
char      *grm_search_paper_committees   (GrmDb *db, const char *paper, GError **error);
char      *grm_search_meeting_committees (GrmDb *db, const char *meeting, GError **error);

typedef struct
{
  char *file_id;
  char *sha256;
} GrmSearchBlob;

/* The next stored file without File.text whose bytes are not indexed. */
gboolean   grm_search_next_blob       (GrmDb *db, GrmSearchBlob *blob, GError **error);
/* A source for a file's pages (@pages: char *, one per page) or its failure. */
GrmSearchSource *grm_search_source_for_pages (GrmDb *db, const GrmSearchBlob *blob,
                                              GPtrArray *pages, const char *error_message,
                                              GError **error);
/* How many objects and files wait for the indexer. */
gboolean   grm_search_count_pending   (GrmDb *db, gint64 *pending, GError **error);
/* Whether the index must be rebuilt (fold version, orphans). */
gboolean   grm_search_needs_reset     (GrmDb *db, gboolean *reset, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSearchDoc, grm_search_doc_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSearchSource, grm_search_source_free)

G_END_DECLS
