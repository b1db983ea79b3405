/* grm-meetings-page.h: the "Meetings" section of the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-list-page.h"

G_BEGIN_DECLS

#define GRM_TYPE_MEETINGS_PAGE (grm_meetings_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmMeetingsPage, grm_meetings_page, GRM, MEETINGS_PAGE, GrmListPage)

GtkWidget *grm_meetings_page_new (GrmStore *store);

G_END_DECLS
