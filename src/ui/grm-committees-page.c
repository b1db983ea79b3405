/* grm-committees-page.c: every committee (and other organization) of the
 * council by name, current ones first; a click shows its members.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-committees-page"

#include <glib/gi18n-lib.h>

#include "grm-browse-list.h"
#include "grm-committees-page.h"

struct _GrmCommitteesPage
{
  GtkWidget       parent_instance;

  GtkWidget      *filter_bar;
  GrmBrowseList  *list;
  GtkWidget      *search_entry;

  GrmStore       *store;
  GrmBrowseModel *model;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (GrmCommitteesPage, grm_committees_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static void
filter_changed_cb (GrmCommitteesPage *self)
{
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_COMMITTEES);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  query->text = text[0] != '\0' ? g_strstrip (g_strdup (text)) : NULL;
  grm_browse_model_set_query (self->model, query);
}

static void
grm_committees_page_dispose (GObject *object)
{
  GrmCommitteesPage *self = GRM_COMMITTEES_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_COMMITTEES_PAGE);
  /* The separator has no id, so the template does not dispose of it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (grm_committees_page_parent_class)->dispose (object);
}

static void
grm_committees_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Committees"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_committees_page_class_init (GrmCommitteesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_committees_page_dispose;
  object_class->get_property = grm_committees_page_get_property;
  g_object_class_install_property (object_class, PROP_TITLE,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_type_ensure (GRM_TYPE_BROWSE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-committees-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmCommitteesPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmCommitteesPage, list);
}

static void
grm_committees_page_init (GrmCommitteesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  self->search_entry = gtk_search_entry_new ();
  g_object_set (self->search_entry, "placeholder-text",
                                         _("Name of the committee"), NULL);
  gtk_widget_set_hexpand (self->search_entry, TRUE);
  gtk_box_append (GTK_BOX (self->filter_bar), self->search_entry);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (filter_changed_cb), self);

  grm_browse_list_set_empty (self->list, "system-users-symbolic",
                             _("No Committees"),
                             _("No committee matches the name."));
}

GtkWidget *
grm_committees_page_new (GrmStore *store)
{
  GrmCommitteesPage *self = g_object_new (GRM_TYPE_COMMITTEES_PAGE, NULL);
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_COMMITTEES);

  self->store = g_object_ref (store);
  self->model = grm_browse_model_new (store, query);
  grm_browse_list_set_model (self->list, self->model);
  return GTK_WIDGET (self);
}
