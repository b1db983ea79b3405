/* grm-store-browse.h: the read queries behind browsing (Upcoming, Meetings,
 * Papers, Committees, and the pages of a meeting, paper, committee and
 * person).
 *
 * Every function here runs on a store reader thread (inside a GrmStoreFunc)
 * and returns rows already formatted for display. Long lists are read in
 * pages (count, then offset/limit), so no caller ever holds every row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-db.h"
#include "grm-store-browse-row.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_BROWSE_UPCOMING,    /* meetings from now on, soonest first */
  GRM_BROWSE_MEETINGS,    /* all meetings, newest first */
  GRM_BROWSE_PAPERS,      /* all papers, newest first */
  GRM_BROWSE_COMMITTEES,  /* organizations by name */
} GrmBrowseKind;

typedef struct
{
  GrmBrowseKind   kind;
  /* Filters; NULL means "all". */
  char           *committee;    /* an Organization id */
  char          **committees;   /* UPCOMING: followed Organization ids (empty: all) */
  char           *person;       /* MEETINGS: meetings of this Person's committees */
  char           *month;        /* MEETINGS: "YYYY-MM" */
  char           *paper_type;   /* PAPERS */
  char           *text;         /* PAPERS, COMMITTEES: part of reference or name */
  gint64          now;          /* UPCOMING: unix time taken as "now" */
} GrmBrowseQuery;

GrmBrowseQuery *grm_browse_query_new   (GrmBrowseKind         kind);
GrmBrowseQuery *grm_browse_query_copy  (const GrmBrowseQuery *query);
void            grm_browse_query_free  (GrmBrowseQuery       *query);
/* Whether @a and @b select the same rows. */
gboolean        grm_browse_query_equal (const GrmBrowseQuery *a,
                                        const GrmBrowseQuery *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmBrowseQuery, grm_browse_query_free)

gboolean   grm_browse_count (GrmDb                 *db,
                             const GrmBrowseQuery  *query,
                             guint                 *n_rows,
                             GError               **error);
/* A GPtrArray of GrmBrowseRow (owned, with a free func). */
GPtrArray *grm_browse_fetch (GrmDb                 *db,
                             const GrmBrowseQuery  *query,
                             guint                  offset,
                             guint                  limit,
                             GError               **error);

/* Choices for filters: rows of kind ORGANIZATION (committees that have
 * meetings or members, by name) and plain strings (paper types, months). */
GPtrArray *grm_browse_list_committees  (GrmDb   *db,
                                        GError **error);
GStrv      grm_browse_list_paper_types (GrmDb   *db,
                                        GError **error);
/* Months that have meetings, "YYYY-MM", newest first. */
GStrv      grm_browse_list_months      (GrmDb   *db,
                                        GError **error);

/* Whether the store holds anything to browse yet (a synced body). */
gboolean   grm_browse_has_data         (GrmDb     *db,
                                        gboolean  *has_data,
                                        GError   **error);

/* Shared formatting, also used by the detail queries. */
char      *grm_browse_format_date_time (const char *iso_start,
                                        const char *iso_end);
char      *grm_browse_format_date      (const char *iso_date);

G_END_DECLS
