/* grm-upcoming-page.h: the "Upcoming" section: the next meetings of the
 * committees the user follows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-list-page.h"

G_BEGIN_DECLS

#define GRM_TYPE_UPCOMING_PAGE (grm_upcoming_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmUpcomingPage, grm_upcoming_page, GRM, UPCOMING_PAGE, GrmListPage)

GtkWidget *grm_upcoming_page_new (GrmStore  *store,
                                  GSettings *settings);

G_END_DECLS
