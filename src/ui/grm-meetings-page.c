/* grm-meetings-page.c: every meeting, newest first, past and future,
 * filtered by committee and by month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-meetings-page"

#include <glib/gi18n-lib.h>

#include "grm-browse-filters.h"
#include "grm-meetings-page.h"

struct _GrmMeetingsPage
{
  GrmListPage     parent_instance;

  GtkWidget      *committee_filter;
  GtkWidget      *month_filter;
};

G_DEFINE_FINAL_TYPE (GrmMeetingsPage, grm_meetings_page, GRM_TYPE_LIST_PAGE)

static GrmBrowseQuery *
grm_meetings_page_build_query (GrmListPage *page)
{
  GrmMeetingsPage *self = GRM_MEETINGS_PAGE (page);
  GrmBrowseQuery *query = grm_browse_query_new (GRM_BROWSE_MEETINGS);

  query->committee = g_strdup (grm_browse_filter_get_value (self->committee_filter));
  query->month = g_strdup (grm_browse_filter_get_value (self->month_filter));
  return query;
}

static void
grm_meetings_page_refill (GrmListPage  *page,
                          GrmStore     *store,
                          GCancellable *cancellable)
{
  GrmMeetingsPage *self = GRM_MEETINGS_PAGE (page);

  grm_browse_filter_load (self->committee_filter, store, cancellable);
  grm_browse_filter_load (self->month_filter, store, cancellable);
}

static void
grm_meetings_page_class_init (GrmMeetingsPageClass *klass)
{
  GrmListPageClass *page_class = GRM_LIST_PAGE_CLASS (klass);

  page_class->title = N_("Meetings");
  page_class->build_query = grm_meetings_page_build_query;
  page_class->refill = grm_meetings_page_refill;
}

static void
grm_meetings_page_init (GrmMeetingsPage *self)
{
  GrmListPage *page = GRM_LIST_PAGE (self);
  GtkWidget *filter_bar = grm_list_page_get_filter_bar (page);

  self->committee_filter = grm_browse_filter_new (GRM_FILTER_COMMITTEE);
  self->month_filter = grm_browse_filter_new (GRM_FILTER_MONTH);
  gtk_widget_set_hexpand (self->committee_filter, TRUE);
  gtk_box_append (GTK_BOX (filter_bar), self->committee_filter);
  gtk_box_append (GTK_BOX (filter_bar), self->month_filter);
  g_signal_connect_swapped (self->committee_filter, "notify::selected",
                            G_CALLBACK (grm_list_page_update_query), self);
  g_signal_connect_swapped (self->month_filter, "notify::selected",
                            G_CALLBACK (grm_list_page_update_query), self);

  grm_browse_list_set_empty (grm_list_page_get_list (page), "x-office-calendar-symbolic",
                             _("No Meetings"),
                             _("No meeting matches the chosen committee and month."));
}

GtkWidget *
grm_meetings_page_new (GrmStore *store)
{
  GrmListPage *page = g_object_new (GRM_TYPE_MEETINGS_PAGE, NULL);

  grm_list_page_set_store (page, store);
  return GTK_WIDGET (page);
}
