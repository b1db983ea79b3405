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
#include "grm-browse-list.h"
#include "grm-papers-page.h"

#define REFILL_DELAY_MS 1000

struct _GrmPapersPage
{
  GtkWidget       parent_instance;

  GtkWidget      *filter_bar;
  GrmBrowseList  *list;
  GtkWidget      *committee_filter;
  GtkWidget      *type_filter;
  GtkWidget      *search_entry;

  GrmStore       *store;
  GrmBrowseModel *model;
  GCancellable   *cancellable;
  gulong          changed_handler;
  guint           refill_source;
};

G_DEFINE_FINAL_TYPE (GrmPapersPage, grm_papers_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static void
filter_changed_cb (GrmPapersPage *self)
{
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_PAPERS);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  query->committee = g_strdup (grm_browse_filter_get_value (self->committee_filter));
  query->paper_type = g_strdup (grm_browse_filter_get_value (self->type_filter));
  query->text = text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
  grm_browse_model_set_query (self->model, query);
}

static gboolean
refill_cb (gpointer user_data)
{
  GrmPapersPage *self = user_data;

  self->refill_source = 0;
  grm_browse_filter_load (self->committee_filter, self->store, self->cancellable);
  grm_browse_filter_load (self->type_filter, self->store, self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (GrmPapersPage *self)
{
  if (self->refill_source == 0)
    self->refill_source = g_timeout_add (REFILL_DELAY_MS, refill_cb, self);
}

static void
grm_papers_page_dispose (GObject *object)
{
  GrmPapersPage *self = GRM_PAPERS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refill_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_PAPERS_PAGE);
  /* The separator has no id, so the template does not dispose of it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (grm_papers_page_parent_class)->dispose (object);
}

static void
grm_papers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Papers"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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
  GrmPapersPage *self = GRM_PAPERS_PAGE (widget);
  GtkOrientation orientation = width < NARROW_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                    : GTK_ORIENTATION_HORIZONTAL;
  int y = 0;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->filter_bar)) != orientation)
    gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_bar), orientation);
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
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_papers_page_dispose;
  object_class->get_property = grm_papers_page_get_property;
  g_object_class_install_property (object_class, PROP_TITLE,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_type_ensure (GRM_TYPE_BROWSE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-papers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmPapersPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmPapersPage, list);
}

static void
grm_papers_page_init (GrmPapersPage *self)
{
  GtkWidget *drops;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, page_measure, page_allocate));
  self->cancellable = g_cancellable_new ();

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
  gtk_box_append (GTK_BOX (self->filter_bar), self->search_entry);
  gtk_box_append (GTK_BOX (self->filter_bar), drops);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->committee_filter, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->type_filter, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);

  grm_browse_list_set_empty (self->list, "x-office-document-symbolic",
                             _("No Papers"),
                             _("No paper matches the filter. Try fewer words or another type."));
}

GtkWidget *
grm_papers_page_new (GrmStore *store)
{
  GrmPapersPage *self = g_object_new (GRM_TYPE_PAPERS_PAGE, NULL);
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_PAPERS);

  self->store = g_object_ref (store);
  self->model = grm_browse_model_new (store, query);
  grm_browse_list_set_model (self->list, self->model);
  self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  refill_cb (self);
  return GTK_WIDGET (self);
}
