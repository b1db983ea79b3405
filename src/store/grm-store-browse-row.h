/* grm-store-browse-row.h: one row of a browsing list (a meeting, a paper, an
 * agenda item, a file, a member …), with every text already formatted for
 * display on the reader thread, so that list rows only bind properties.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  GRM_BROWSE_ROW_MEETING,
  GRM_BROWSE_ROW_PAPER,
  GRM_BROWSE_ROW_ORGANIZATION,
  GRM_BROWSE_ROW_PERSON,
  GRM_BROWSE_ROW_AGENDA_ITEM,
  GRM_BROWSE_ROW_FILE,
  GRM_BROWSE_ROW_CONSULTATION,
  GRM_BROWSE_ROW_MEMBERSHIP,
  GRM_BROWSE_ROW_HEADER,
} GrmBrowseRowKind;

#define GRM_TYPE_BROWSE_ROW (grm_browse_row_get_type ())

G_DECLARE_FINAL_TYPE (GrmBrowseRow, grm_browse_row, GRM, BROWSE_ROW, GObject)

/* A row that is still being loaded: every text is empty. */
GrmBrowseRow     *grm_browse_row_new_loading (void);
GrmBrowseRow     *grm_browse_row_new         (GrmBrowseRowKind  kind,
                                              const char       *id);

GrmBrowseRowKind  grm_browse_row_get_kind     (GrmBrowseRow *self);
gboolean          grm_browse_row_get_loading  (GrmBrowseRow *self);
/* The OParl id of the object the row shows. */
const char       *grm_browse_row_get_id       (GrmBrowseRow *self);
/* The id of the object a click opens (the paper of an agenda item, the
 * meeting of a consultation, the person of a membership …); may be NULL. */
const char       *grm_browse_row_get_target   (GrmBrowseRow *self);
const char       *grm_browse_row_get_title    (GrmBrowseRow *self);
const char       *grm_browse_row_get_subtitle (GrmBrowseRow *self);
const char       *grm_browse_row_get_meta     (GrmBrowseRow *self);
const char       *grm_browse_row_get_badge    (GrmBrowseRow *self);
const char       *grm_browse_row_get_body     (GrmBrowseRow *self);
/* For files: the local path of the stored bytes, NULL when not offline. */
const char       *grm_browse_row_get_path     (GrmBrowseRow *self);
/* For files: "stored", "wanted" (download pending) or NULL. */
const char       *grm_browse_row_get_state    (GrmBrowseRow *self);
gboolean          grm_browse_row_get_cancelled (GrmBrowseRow *self);
gboolean          grm_browse_row_get_public   (GrmBrowseRow *self);

/* Setters take ownership-free copies; only for the store's reader threads,
 * before the row reaches the main thread. */
void              grm_browse_row_set_target   (GrmBrowseRow *self,
                                               const char   *target);
void              grm_browse_row_set_title    (GrmBrowseRow *self,
                                               const char   *title);
void              grm_browse_row_set_subtitle (GrmBrowseRow *self,
                                               const char   *subtitle);
void              grm_browse_row_set_meta     (GrmBrowseRow *self,
                                               const char   *meta);
void              grm_browse_row_set_badge    (GrmBrowseRow *self,
                                               const char   *badge);
void              grm_browse_row_set_body     (GrmBrowseRow *self,
                                               const char   *body);
void              grm_browse_row_set_path     (GrmBrowseRow *self,
                                               const char   *path);
void              grm_browse_row_set_state    (GrmBrowseRow *self,
                                               const char   *state);
void              grm_browse_row_set_cancelled (GrmBrowseRow *self,
                                                gboolean      cancelled);
void              grm_browse_row_set_public   (GrmBrowseRow *self,
                                               gboolean      is_public);

G_END_DECLS
