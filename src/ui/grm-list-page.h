/* grm-list-page.h: the base of the browsing sections (Upcoming, Meetings,
 * Committees, Papers): a filter bar above a lazily loaded list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-browse-list.h"
#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_LIST_PAGE (grm_list_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (GrmListPage, grm_list_page, GRM, LIST_PAGE, GtkWidget)

struct _GrmListPageClass
{
  GtkWidgetClass parent_class;

  /* The "title" property, marked with N_() and translated when read. */
  const char     *title;

  /* The query the filters select now (required). */
  GrmBrowseQuery *(*build_query) (GrmListPage  *self);
  /* Rereads the filters' choices (optional); called at first and again a
   * second after the store has changed. */
  void            (*refill)      (GrmListPage  *self,
                                  GrmStore     *store,
                                  GCancellable *cancellable);
};

/* The horizontal box above the list, for the subclass's filters. */
GtkWidget     *grm_list_page_get_filter_bar (GrmListPage *self);
GrmBrowseList *grm_list_page_get_list       (GrmListPage *self);
/* Binds the page to @store once: builds the model from build_query(). */
void           grm_list_page_set_store      (GrmListPage *self,
                                             GrmStore    *store);
/* Applies build_query() to the model; filters call it when they change. */
void           grm_list_page_update_query   (GrmListPage *self);

G_END_DECLS
