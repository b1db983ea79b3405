/* grm-papers-page.h: the "Papers" section of the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-list-page.h"

G_BEGIN_DECLS

#define GRM_TYPE_PAPERS_PAGE (grm_papers_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmPapersPage, grm_papers_page, GRM, PAPERS_PAGE, GrmListPage)

GtkWidget *grm_papers_page_new (GrmStore *store);

G_END_DECLS
