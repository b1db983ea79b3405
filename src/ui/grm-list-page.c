/* grm-list-page.c: what the browsing sections share: the template (filter
 * bar, separator, list), the model over the subclass's query, the title
 * property, and rereading the filters after the store has changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-list-page"

#include "grm-list-page.h"

/* A sync changes the store many times in a row: reread the filters once
 * it has been quiet this long. */
#define REFILL_DELAY_MS 1000

typedef struct
{
  GtkWidget      *filter_bar;
  GrmBrowseList  *list;

  GrmStore       *store;
  GrmBrowseModel *model;
  GCancellable   *cancellable;
  gulong          changed_handler;
  guint           refill_source;
} GrmListPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GrmListPage, grm_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
refill_cb (gpointer user_data)
{
  GrmListPage *self = user_data;
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);

  priv->refill_source = 0;
  GRM_LIST_PAGE_GET_CLASS (self)->refill (self, priv->store, priv->cancellable);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (GrmListPage *self)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);

  if (priv->refill_source == 0)
    priv->refill_source = g_timeout_add (REFILL_DELAY_MS, refill_cb, self);
}

static void
grm_list_page_dispose (GObject *object)
{
  GrmListPage *self = GRM_LIST_PAGE (object);
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);
  GtkWidget *child;

  g_cancellable_cancel (priv->cancellable);
  g_clear_handle_id (&priv->refill_source, g_source_remove);
  if (priv->store != NULL)
    g_clear_signal_handler (&priv->changed_handler, priv->store);
  /* GTK 4.8's gtk_widget_dispose_template () looks for the template on the
   * class of the instance, a subclass without one, and refuses. Every
   * object of the template is a child of the page, so unparenting them all
   * disposes of the template. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  priv->filter_bar = NULL;
  priv->list = NULL;
  g_clear_object (&priv->model);
  g_clear_object (&priv->store);
  g_clear_object (&priv->cancellable);

  G_OBJECT_CLASS (grm_list_page_parent_class)->dispose (object);
}

static void
grm_list_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GrmListPageClass *klass = GRM_LIST_PAGE_GET_CLASS (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, klass->title != NULL
                                 ? g_dgettext (GETTEXT_PACKAGE, klass->title) : NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_list_page_class_init (GrmListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_list_page_dispose;
  object_class->get_property = grm_list_page_get_property;
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GRM_TYPE_BROWSE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-list-page.ui");
  gtk_widget_class_bind_template_child_private (widget_class, GrmListPage, filter_bar);
  gtk_widget_class_bind_template_child_private (widget_class, GrmListPage, list);
}

static void
grm_list_page_init (GrmListPage *self)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->cancellable = g_cancellable_new ();
}

GtkWidget *
grm_list_page_get_filter_bar (GrmListPage *self)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);

  g_return_val_if_fail (GRM_IS_LIST_PAGE (self), NULL);
  return priv->filter_bar;
}

GrmBrowseList *
grm_list_page_get_list (GrmListPage *self)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);

  g_return_val_if_fail (GRM_IS_LIST_PAGE (self), NULL);
  return priv->list;
}

void
grm_list_page_set_store (GrmListPage *self,
                         GrmStore    *store)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);
  g_autoptr(GrmBrowseQuery) query = NULL;

  g_return_if_fail (GRM_IS_LIST_PAGE (self));
  g_return_if_fail (GRM_IS_STORE (store));
  g_return_if_fail (priv->store == NULL);

  priv->store = g_object_ref (store);
  query = GRM_LIST_PAGE_GET_CLASS (self)->build_query (self);
  priv->model = grm_browse_model_new (store, query);
  grm_browse_list_set_model (priv->list, priv->model);
  if (GRM_LIST_PAGE_GET_CLASS (self)->refill != NULL)
    {
      priv->changed_handler = g_signal_connect_swapped (store, "changed",
                                                        G_CALLBACK (store_changed_cb), self);
      refill_cb (self);
    }
}

void
grm_list_page_update_query (GrmListPage *self)
{
  GrmListPagePrivate *priv = grm_list_page_get_instance_private (self);
  g_autoptr(GrmBrowseQuery) query = NULL;

  g_return_if_fail (GRM_IS_LIST_PAGE (self));

  /* Filters may fire while the subclass builds them, before the store. */
  if (priv->model == NULL)
    return;
  query = GRM_LIST_PAGE_GET_CLASS (self)->build_query (self);
  grm_browse_model_set_query (priv->model, query);
}
