/* grm-committees-page.c: every committee (and other organization) of the
 * council by name, current ones first; a click shows its members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-committees-page"

#include <glib/gi18n-lib.h>

#include "grm-committees-page.h"

struct _GrmCommitteesPage
{
  GrmListPage     parent_instance;

  GtkWidget      *search_entry;
};

G_DEFINE_FINAL_TYPE (GrmCommitteesPage, grm_committees_page, GRM_TYPE_LIST_PAGE)

static GrmBrowseQuery *
grm_committees_page_build_query (GrmListPage *page)
{
  GrmCommitteesPage *self = GRM_COMMITTEES_PAGE (page);
  GrmBrowseQuery *query = grm_browse_query_new (GRM_BROWSE_COMMITTEES);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  query->text = text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
  return query;
}

static void
grm_committees_page_class_init (GrmCommitteesPageClass *klass)
{
  GrmListPageClass *page_class = GRM_LIST_PAGE_CLASS (klass);

  page_class->title = N_("Committees");
  page_class->build_query = grm_committees_page_build_query;
}

static void
grm_committees_page_init (GrmCommitteesPage *self)
{
  GrmListPage *page = GRM_LIST_PAGE (self);

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text",
                                         _("Name of the committee"), NULL);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_box_append (GTK_BOX (grm_list_page_get_filter_bar (page)), self->search_entry);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (grm_list_page_update_query), self);

  grm_browse_list_set_empty (grm_list_page_get_list (page), "system-users-symbolic",
                             _("No Committees"),
                             _("No committee matches the name."));
}

GtkWidget *
grm_committees_page_new (GrmStore *store)
{
  GrmListPage *page = g_object_new (GRM_TYPE_COMMITTEES_PAGE, NULL);

  grm_list_page_set_store (page, store);
  return GTK_WIDGET (page);
}
