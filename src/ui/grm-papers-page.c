/* grm-papers-page.c: every paper (Drucksache), newest first, filtered by
 * type and by the committee that consults it, with a quick filter on the
 * reference and the title.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-papers-page"

#include <glib/gi18n-lib.h>

#include "grm-browse-filters.h"
#include "grm-papers-page.h"

struct _GrmPapersPage
{
  GrmListPage     parent_instance;

  GtkWidget      *committee_filter;
  GtkWidget      *type_filter;
  GtkWidget      *search_entry;
};

G_DEFINE_FINAL_TYPE (GrmPapersPage, grm_papers_page, GRM_TYPE_LIST_PAGE)

static GrmBrowseQuery *
grm_papers_page_build_query (GrmListPage *page)
{
  GrmPapersPage *self = GRM_PAPERS_PAGE (page);
  GrmBrowseQuery *query = grm_browse_query_new (GRM_BROWSE_PAPERS);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  query->committee = g_strdup (grm_browse_filter_get_value (self->committee_filter));
  query->paper_type = g_strdup (grm_browse_filter_get_value (self->type_filter));
  query->text = text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
  return query;
}

static void
grm_papers_page_refill (GrmListPage  *page,
                        GrmStore     *store,
                        GCancellable *cancellable)
{
  GrmPapersPage *self = GRM_PAPERS_PAGE (page);

  grm_browse_filter_load (self->committee_filter, store, cancellable);
  grm_browse_filter_load (self->type_filter, store, cancellable);
}

/* Below this width the quick filter gets a line of its own, above the
 * drop-downs: side by side they would squeeze it to nothing. */
#define NARROW_WIDTH 600

/* The page stacks the filter bar, a separator and the list; the filter
 * bar turns vertical in a narrow window. */
static void
page_measure (GtkWidget      *widget,
              GtkOrientation  orientation,
              int             for_size,
              int            *minimum,
              int            *natural,
              int            *minimum_baseline,
              int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, orientation == GTK_ORIENTATION_VERTICAL ? for_size : -1,
                          &min, &nat, NULL, NULL);
      if (orientation == GTK_ORIENTATION_VERTICAL)
        {
          *minimum += min;
          *natural += nat;
        }
      else
        {
          *minimum = MAX (*minimum, min);
          *natural = MAX (*natural, nat);
        }
    }
}

static void
page_allocate (GtkWidget *widget,
               int        width,
               int        height,
               int        baseline)
{
  GtkWidget *filter_bar = grm_list_page_get_filter_bar (GRM_LIST_PAGE (widget));
  GtkOrientation orientation = width < NARROW_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                    : GTK_ORIENTATION_HORIZONTAL;
  int y = 0;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (filter_bar)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (filter_bar), orientation);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &min, &nat, NULL, NULL);
      /* The list, last, takes the rest. */
      if (gtk_widget_get_next_sibling (child) == NULL)
        nat = MAX (min, height - y);
      gtk_widget_size_allocate (child, &(GtkAllocation) { 0, y, width, nat }, -1);
      y += nat;
    }
}

static void
grm_papers_page_class_init (GrmPapersPageClass *klass)
{
  GrmListPageClass *page_class = GRM_LIST_PAGE_CLASS (klass);

  page_class->title = N_("Papers");
  page_class->build_query = grm_papers_page_build_query;
  page_class->refill = grm_papers_page_refill;
}

static void
grm_papers_page_init (GrmPapersPage *self)
{
  GrmListPage *page = GRM_LIST_PAGE (self);
  GtkWidget *drops;

  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, page_measure, page_allocate));

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text",
                                         _("Reference or title"), NULL);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  self->type_filter = grm_browse_filter_new (GRM_FILTER_PAPER_TYPE);
  self->committee_filter = grm_browse_filter_new (GRM_FILTER_COMMITTEE);
  drops = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_set_homogeneous (GTK_BOX (drops), TRUE);
  gtk_box_append (GTK_BOX (drops), self->type_filter);
  gtk_box_append (GTK_BOX (drops), self->committee_filter);
  gtk_box_append (GTK_BOX (grm_list_page_get_filter_bar (page)), self->search_entry);
  gtk_box_append (GTK_BOX (grm_list_page_get_filter_bar (page)), drops);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (grm_list_page_update_query), self);
  g_signal_connect_swapped (self->committee_filter, "notify::selected",
                            G_CALLBACK (grm_list_page_update_query), self);
  g_signal_connect_swapped (self->type_filter, "notify::selected",
                            G_CALLBACK (grm_list_page_update_query), self);

  grm_browse_list_set_empty (grm_list_page_get_list (page), "x-office-document-symbolic",
                             _("No Papers"),
                             _("No paper matches the filter. Try fewer words or another type."));
}

GtkWidget *
grm_papers_page_new (GrmStore *store)
{
  GrmListPage *page = g_object_new (GRM_TYPE_PAPERS_PAGE, NULL);

  grm_list_page_set_store (page, store);
  return GTK_WIDGET (page);
}
