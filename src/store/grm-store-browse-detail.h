/* grm-store-browse-detail.h: what the page of one meeting, paper, committee
 * or person shows, read in one go on a store reader thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-db.h"
#include "grm-store-browse-row.h"

G_BEGIN_DECLS

typedef struct
{
  /* title = name, subtitle = kind of object or reference, meta = date,
   * badge = state, cancelled, id. */
  GrmBrowseRow *header;
  /* Each list is a GPtrArray of GrmBrowseRow, never NULL (maybe empty). */
  GPtrArray    *facts;          /* title = label, subtitle = value */
  GPtrArray    *committees;     /* ORGANIZATION */
  GPtrArray    *files;          /* FILE; path set when stored offline */
  GPtrArray    *agenda;         /* AGENDA_ITEM and HEADER, in order */
  GPtrArray    *consultations;  /* CONSULTATION; target = meeting */
  GPtrArray    *papers;         /* PAPER; badge = relation */
  GPtrArray    *people;         /* PERSON or ORGANIZATION (originators) */
  GPtrArray    *memberships;    /* PERSON (of a committee) or ORGANIZATION (of a person) */
} GrmBrowseDetail;

GrmBrowseDetail  *grm_browse_detail_new         (void);
void              grm_browse_detail_free        (GrmBrowseDetail *detail);
/* Adds a label/value pair to facts; nothing when @value is empty. */
void              grm_browse_detail_add_fact    (GrmBrowseDetail *detail,
                                                 const char      *label,
                                                 const char      *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmBrowseDetail, grm_browse_detail_free)

/* @files_dir is where stored file bytes live (see grm_browse_blob_path()). */
GrmBrowseDetail  *grm_browse_load_meeting       (GrmDb       *db,
                                                 const char  *id,
                                                 const char  *files_dir,
                                                 GError     **error);
GrmBrowseDetail  *grm_browse_load_paper         (GrmDb       *db,
                                                 const char  *id,
                                                 const char  *files_dir,
                                                 GError     **error);
GrmBrowseDetail  *grm_browse_load_organization  (GrmDb       *db,
                                                 const char  *id,
                                                 GError     **error);
GrmBrowseDetail  *grm_browse_load_person        (GrmDb       *db,
                                                 const char  *id,
                                                 GError     **error);

/* One File as a FILE row: title = its name, path set when stored offline. */
GrmBrowseRow     *grm_browse_load_file          (GrmDb       *db,
                                                 const char  *id,
                                                 const char  *files_dir,
                                                 GError     **error);

/* The local path of the bytes with the SHA-256 @sha256 (lowercase hex). */
char             *grm_browse_blob_path          (const char  *files_dir,
                                                 const char  *sha256);

/* For the loaders: prepares @sql with @id bound to ?1 and steps it to its
 * first row (reset the statement when done with the row). NULL with
 * GRM_ERROR_NOT_FOUND when there is no row. */
sqlite3_stmt     *grm_browse_prepare_one        (GrmDb       *db,
                                                 const char  *sql,
                                                 const char  *id,
                                                 GError     **error);
/* Marks a File as wanted offline, for the sync engine's file phase. A
 * GrmStoreFunc for grm_store_write_async(); @data is the File id. */
gboolean          grm_browse_keep_offline_func  (GrmDb       *db,
                                                 gpointer     data,
                                                 gpointer    *result,
                                                 GError     **error);

G_END_DECLS
