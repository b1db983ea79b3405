/* grm-window.h: the main window: a sidebar of sections and a content area
 * with a stack of pages that the user walks into and back out of.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-application.h"

G_BEGIN_DECLS

#define GRM_TYPE_WINDOW (grm_window_get_type ())

G_DECLARE_FINAL_TYPE (GrmWindow, grm_window, GRM, WINDOW, AdwApplicationWindow)

GrmWindow  *grm_window_new            (GrmApplication *application);

/* Adds a section to the sidebar (the browse sections are added by the
 * window itself; live sessions add theirs). @page needs a "title". */
void        grm_window_add_section    (GrmWindow      *self,
                                       const char     *name,
                                       const char     *title,
                                       const char     *icon_name,
                                       GtkWidget      *page);
void        grm_window_show_section   (GrmWindow      *self,
                                       const char     *name);
/* Shows @page on top of the current one; Back returns. */
void        grm_window_push_page      (GrmWindow      *self,
                                       GtkWidget      *page);
gboolean    grm_window_go_back        (GrmWindow      *self);
/* The page the content area shows now. */
GtkWidget  *grm_window_get_visible_page (GrmWindow    *self);
const char *grm_window_get_section    (GrmWindow      *self);

void        grm_window_open_file      (GrmWindow      *self,
                                       GFile          *file,
                                       const char     *title);
void        grm_window_show_toast     (GrmWindow      *self,
                                       const char     *message);

G_END_DECLS
