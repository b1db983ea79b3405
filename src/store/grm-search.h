/* grm-search.h: full-text search over papers, meetings, agenda items,
 * committees, people and every page of the files kept offline.
 *
 * Queries run on a store reader (grm_store_read_async with
 * grm_search_run_job); the index is filled by GrmSearchIndexer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-db.h"

G_BEGIN_DECLS

/* The groups of the results, in the order the search page shows them. */
typedef enum
{
  GRM_SEARCH_KIND_PAPER,
  GRM_SEARCH_KIND_AGENDA_ITEM,
  GRM_SEARCH_KIND_MEETING,
  GRM_SEARCH_KIND_FILE,
  GRM_SEARCH_KIND_ORGANIZATION,
  GRM_SEARCH_KIND_PERSON,
  GRM_SEARCH_N_KINDS
} GrmSearchKind;

typedef struct
{
  char  *text;         /* what the user typed, as typed */
  char  *committee;    /* Organization id, or NULL for all */
  char  *date_from;    /* YYYY-MM-DD or NULL */
  char  *date_to;      /* YYYY-MM-DD or NULL (inclusive) */
  char  *paper_type;   /* or NULL */
  guint  per_kind;     /* most hits per kind; 0 = 10 */
  GCancellable *cancellable;  /* interrupts the query when cancelled */
} GrmSearchRequest;

typedef struct
{
  GrmSearchKind  kind;
  char          *target;          /* id URL (the File for documents) */
  int            page;            /* 0-based page of a file, else -1 */
  char          *owner;           /* paper/meeting it belongs to, or NULL */
  char          *date;            /* YYYY-MM-DD or NULL */
  char          *title;           /* plain text */
  char          *title_markup;    /* escaped, matching words in <b> */
  char          *context;         /* plain text: reference, meeting, file name */
  char          *snippet_markup;  /* escaped, matching words in <b>; may be "" */
  char          *words;           /* matching words as written, space-separated */
  double         score;           /* bm25: lower is better */
} GrmSearchHit;

GrmSearchRequest *grm_search_request_new   (const char       *text);
GrmSearchRequest *grm_search_request_copy  (const GrmSearchRequest *request);
void              grm_search_request_free  (GrmSearchRequest *request);
void              grm_search_hit_free      (GrmSearchHit     *hit);

const char       *grm_search_kind_to_string   (GrmSearchKind  kind);
gboolean          grm_search_kind_from_string (const char    *name,
                                               GrmSearchKind *kind);

/* Runs @request on @db. Returns GrmSearchHit* ranked best first (at most
 * per_kind of each kind). Never fails because of what the user typed; an
 * empty query gives no hits. */
GPtrArray        *grm_search_run   (GrmDb                  *db,
                                    const GrmSearchRequest *request,
                                    GError                **error);

/* A GrmStoreFunc for grm_store_read_async: @data is a GrmSearchRequest
 * (free it with grm_search_request_free), the result a GPtrArray of hits
 * (free it with g_ptr_array_unref). */
gboolean          grm_search_run_job (GrmDb     *db,
                                      gpointer   data,
                                      gpointer  *result,
                                      GError   **error);

/* The paper types and the committees that occur, for the filters: a
 * GrmStoreFunc whose result is a GPtrArray of strings; for committees
 * pairs of (id, name) one after the other. @data is unused. */
gboolean          grm_search_list_paper_types_job (GrmDb     *db,
                                                   gpointer   data,
                                                   gpointer  *result,
                                                   GError   **error);
gboolean          grm_search_list_committees_job  (GrmDb     *db,
                                                   gpointer   data,
                                                   gpointer  *result,
                                                   GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSearchRequest, grm_search_request_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSearchHit, grm_search_hit_free)

G_END_DECLS
