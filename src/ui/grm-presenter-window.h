/* grm-presenter-window.h: the second screen for the projector: the agenda
 * item being dealt with and, once the vote is closed, its result in large
 * type. It follows a session page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _GrmSessionPage GrmSessionPage;

#define GRM_TYPE_PRESENTER_WINDOW (grm_presenter_window_get_type ())

G_DECLARE_FINAL_TYPE (GrmPresenterWindow, grm_presenter_window, GRM, PRESENTER_WINDOW,
                      AdwWindow)

GtkWidget *grm_presenter_window_new (GrmSessionPage *page);

G_END_DECLS
