/* grm-search-page.h: full-text search over everything the store holds.
 *
 * Activates, on the widget it is in:
 *   win.open-paper (s), win.open-meeting (s), win.open-committee (s),
 *   win.open-person (s) with the object's id (an agenda item opens its
 *   meeting), and win.open-file-page (sis) with (File id, 0-based page,
 *   the matching words as written on that page, space-separated) for a hit
 *   inside a document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-search-indexer.h"
#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_SEARCH_PAGE (grm_search_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmSearchPage, grm_search_page, GRM, SEARCH_PAGE, GtkWidget)

GtkWidget *grm_search_page_new        (GrmStore      *store);
/* Starts the background indexer of @store if it is not running yet (the
 * page does this too); the app calls it when the store opens so that the
 * index is filled before anyone searches. Returns it (borrowed): the
 * application owns it until it shuts down or another store's indexer is
 * started (without an application, the process does). It holds @store,
 * not the other way round. */
GrmSearchIndexer *grm_search_page_start_indexer (GrmStore *store);
/* Sets the text of the search entry (a search starts after the delay). */
void       grm_search_page_set_text   (GrmSearchPage *self,
                                       const char    *text);
/* How many hits the last finished search showed (for tests). */
guint      grm_search_page_get_n_hits (GrmSearchPage *self);

G_END_DECLS
