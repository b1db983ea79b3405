/* grm-browse-list.h: a lazily loaded list of browse rows with a loading
 * spinner and an empty state; activating a row opens what it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-browse-model.h"

G_BEGIN_DECLS

#define GRM_TYPE_BROWSE_LIST (grm_browse_list_get_type ())

G_DECLARE_FINAL_TYPE (GrmBrowseList, grm_browse_list, GRM, BROWSE_LIST, GtkWidget)

GtkWidget      *grm_browse_list_new       (void);
void            grm_browse_list_set_model (GrmBrowseList *self,
                                           GrmBrowseModel *model);
GrmBrowseModel *grm_browse_list_get_model (GrmBrowseList *self);
/* What the list says when the query selects no row. */
void            grm_browse_list_set_empty (GrmBrowseList *self,
                                           const char    *icon_name,
                                           const char    *title,
                                           const char    *description);
/* The status page shown when empty, to add buttons to. */
AdwStatusPage  *grm_browse_list_get_empty_page (GrmBrowseList *self);
GtkListView    *grm_browse_list_get_list_view  (GrmBrowseList *self);

/* Opens what @row shows (meeting, paper, committee, person) through the
 * window's actions, from @widget. */
void            grm_browse_row_activate   (GtkWidget     *widget,
                                           GrmBrowseRow  *row);

G_END_DECLS
