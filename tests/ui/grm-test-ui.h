/* grm-test-ui.h: helpers for the in-process UI tests: start the app on a
 * given database, wait for conditions while the main loop runs, find
 * widgets, and save screenshots.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-application.h"
#include "grm-window.h"

G_BEGIN_DECLS

typedef gboolean (*GrmTestPredicate) (gpointer data);

/* Starts the application (not unique, so tests can run side by side) on
 * the database @db_path and returns its window. */
GrmWindow  *grm_test_start_app     (GrmApplication **app_out,
                                    const char      *db_path);
void        grm_test_stop_app      (GrmApplication  *app);
/* Runs the main loop until @predicate holds; fails the test after @seconds. */
void        grm_test_wait_for      (GrmTestPredicate predicate,
                                    gpointer         data,
                                    guint            seconds,
                                    const char      *what);
/* Lets pending layout and idle work run. */
void        grm_test_settle        (guint            ms);
/* Saves @widget as PNG under G_TEST_BUILDDIR; returns the path. */
char       *grm_test_screenshot    (GtkWidget       *widget,
                                    const char      *name);
/* The first visible label under @root whose text contains @text. */
GtkWidget  *grm_test_find_label    (GtkWidget       *root,
                                    const char      *text);
/* The first widget of @type under @root. */
GtkWidget  *grm_test_find_type     (GtkWidget       *root,
                                    GType            type);
/* The first list box row under @root whose browse row has @target (or id). */
GtkWidget  *grm_test_find_row      (GtkWidget       *root,
                                    const char      *target);

/* Walks the Tab chain of @window as the Tab key does, until it comes
 * round again, and checks every visible control under @root: each can be
 * reached from the keyboard (a row through its list, which the arrows
 * walk) and has a name a screen reader can say (a label, a tooltip or a
 * placeholder). Fails the test naming the control; returns how many
 * controls it checked. */
guint       grm_test_check_keyboard (GtkWidget      *window,
                                     GtkWidget      *root,
                                     const char     *screen);
/* Runs what @keyval with @mods is bound to on @widget or an ancestor (the
 * shortcuts of widget classes and shortcut controllers), as a key press
 * would; FALSE when nothing is bound. */
gboolean    grm_test_press_key      (GtkWidget      *widget,
                                     guint           keyval,
                                     GdkModifierType mods);

G_END_DECLS
