/* grm-detail-page.h: the page of one meeting, paper, committee or person,
 * read from the store on a reader thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-store.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_DETAIL_MEETING,
  GRM_DETAIL_PAPER,
  GRM_DETAIL_COMMITTEE,
  GRM_DETAIL_PERSON,
} GrmDetailKind;

#define GRM_TYPE_DETAIL_PAGE (grm_detail_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmDetailPage, grm_detail_page, GRM, DETAIL_PAGE, GtkWidget)

/* @settings holds the followed committees; @files_dir the stored files. */
GtkWidget     *grm_detail_page_new      (GrmStore      *store,
                                         GSettings     *settings,
                                         const char    *files_dir,
                                         GrmDetailKind  kind,
                                         const char    *id);
GrmDetailKind  grm_detail_page_get_kind (GrmDetailPage *self);
const char    *grm_detail_page_get_id   (GrmDetailPage *self);
/* FALSE until the content has been read (or failed to). */
gboolean       grm_detail_page_get_loaded (GrmDetailPage *self);

G_END_DECLS
