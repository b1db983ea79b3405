/* grm-meetings-page.c: every meeting, newest first, past and future,
 * filtered by committee and by month.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-meetings-page"

#include <glib/gi18n-lib.h>

#include "grm-browse-filters.h"
#include "grm-browse-list.h"
#include "grm-meetings-page.h"

#define REFILL_DELAY_MS 1000

struct _GrmMeetingsPage
{
  GtkWidget       parent_instance;

  GtkWidget      *filter_bar;
  GrmBrowseList  *list;
  GtkWidget      *committee_filter;
  GtkWidget      *month_filter;

  GrmStore       *store;
  GrmBrowseModel *model;
  GCancellable   *cancellable;
  gulong          changed_handler;
  guint           refill_source;
};

G_DEFINE_FINAL_TYPE (GrmMeetingsPage, grm_meetings_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static void
filter_changed_cb (GrmMeetingsPage *self)
{
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_MEETINGS);

  query->committee = g_strdup (grm_browse_filter_get_value (self->committee_filter));
  query->month = g_strdup (grm_browse_filter_get_value (self->month_filter));
  grm_browse_model_set_query (self->model, query);
}

static gboolean
refill_cb (gpointer user_data)
{
  GrmMeetingsPage *self = user_data;

  self->refill_source = 0;
  grm_browse_filter_load (self->committee_filter, self->store, self->cancellable);
  grm_browse_filter_load (self->month_filter, self->store, self->cancellable);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (GrmMeetingsPage *self)
{
  if (self->refill_source == 0)
    self->refill_source = g_timeout_add (REFILL_DELAY_MS, refill_cb, self);
}

static void
grm_meetings_page_dispose (GObject *object)
{
  GrmMeetingsPage *self = GRM_MEETINGS_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->refill_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_MEETINGS_PAGE);
  /* The separator has no id, so the template does not dispose of it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (grm_meetings_page_parent_class)->dispose (object);
}

static void
grm_meetings_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Meetings"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_meetings_page_class_init (GrmMeetingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_meetings_page_dispose;
  object_class->get_property = grm_meetings_page_get_property;
  g_object_class_install_property (object_class, PROP_TITLE,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_type_ensure (GRM_TYPE_BROWSE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-meetings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmMeetingsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmMeetingsPage, list);
}

static void
grm_meetings_page_init (GrmMeetingsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->committee_filter = grm_browse_filter_new (GRM_FILTER_COMMITTEE);
  self->month_filter = grm_browse_filter_new (GRM_FILTER_MONTH);
  gtk_widget_set_hexpand (self->committee_filter, TRUE);
  gtk_box_append (GTK_BOX (self->filter_bar), self->committee_filter);
  gtk_box_append (GTK_BOX (self->filter_bar), self->month_filter);
  g_signal_connect_swapped (self->committee_filter, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);
  g_signal_connect_swapped (self->month_filter, "notify::selected",
                            G_CALLBACK (filter_changed_cb), self);

  grm_browse_list_set_empty (self->list, "x-office-calendar-symbolic",
                             _("No Meetings"),
                             _("No meeting matches the chosen committee and month."));
}

GtkWidget *
grm_meetings_page_new (GrmStore *store)
{
  GrmMeetingsPage *self = g_object_new (GRM_TYPE_MEETINGS_PAGE, NULL);
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_MEETINGS);

  self->store = g_object_ref (store);
  self->model = grm_browse_model_new (store, query);
  grm_browse_list_set_model (self->list, self->model);
  self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  refill_cb (self);
  return GTK_WIDGET (self);
}
