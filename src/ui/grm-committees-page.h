/* grm-committees-page.h: the "Committees" section of the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-list-page.h"

G_BEGIN_DECLS

#define GRM_TYPE_COMMITTEES_PAGE (grm_committees_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmCommitteesPage, grm_committees_page, GRM, COMMITTEES_PAGE, GrmListPage)

GtkWidget *grm_committees_page_new (GrmStore *store);

G_END_DECLS
