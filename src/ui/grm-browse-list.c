/* grm-browse-list.c: a GtkListView over a GrmBrowseModel, with a spinner
 * until the first count arrives and a status page when nothing matches.
 *
 * Rows are bound in grm-browse-row.ui with expressions; no bind handler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-browse-list"

#include "grm-browse-list.h"

struct _GrmBrowseList
{
  GtkWidget        parent_instance;

  GtkStack        *stack;
  GtkSpinner      *spinner;
  GtkListView     *list_view;
  AdwStatusPage   *empty_page;

  GrmBrowseModel  *model;
  gulong           n_items_handler;
  gulong           loaded_handler;
};

G_DEFINE_FINAL_TYPE (GrmBrowseList, grm_browse_list, GTK_TYPE_WIDGET)

void
grm_browse_row_activate (GtkWidget    *widget,
                         GrmBrowseRow *row)
{
  const char *action = NULL;
  const char *id;

  if (grm_browse_row_get_loading (row))
    return;

  id = grm_browse_row_get_target (row);
  if (id == NULL)
    id = grm_browse_row_get_id (row);

  switch (grm_browse_row_get_kind (row))
    {
    case GRM_BROWSE_ROW_MEETING:
    case GRM_BROWSE_ROW_CONSULTATION:
      action = "win.open-meeting";
      break;
    case GRM_BROWSE_ROW_PAPER:
    case GRM_BROWSE_ROW_AGENDA_ITEM:
      action = "win.open-paper";
      id = grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_AGENDA_ITEM
           ? grm_browse_row_get_target (row) : id;
      break;
    case GRM_BROWSE_ROW_ORGANIZATION:
      action = "win.open-committee";
      break;
    case GRM_BROWSE_ROW_PERSON:
      action = "win.open-person";
      break;
    case GRM_BROWSE_ROW_FILE:
      if (grm_browse_row_get_path (row) != NULL)
        gtk_widget_activate_action (widget, "win.open-file", "(ss)",
                                    grm_browse_row_get_path (row),
                                    grm_browse_row_get_title (row));
      else
        gtk_widget_activate_action (widget, "win.keep-offline", "s", grm_browse_row_get_id (row));
      return;
    case GRM_BROWSE_ROW_MEMBERSHIP:
    case GRM_BROWSE_ROW_HEADER:
    default:
      return;
    }

  if (id != NULL)
    gtk_widget_activate_action (widget, action, "s", id);
}

static void
list_activate_cb (GrmBrowseList *self,
                  guint          position)
{
  g_autoptr(GrmBrowseRow) row = NULL;

  if (self->model == NULL)
    return;
  row = g_list_model_get_item (G_LIST_MODEL (self->model), position);
  if (row != NULL)
    grm_browse_row_activate (GTK_WIDGET (self), row);
}

static void
update_state (GrmBrowseList *self)
{
  const char *page = "loading";

  if (self->model != NULL && grm_browse_model_get_loaded (self->model))
    page = g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0 ? "list" : "empty";
  gtk_spinner_set_spinning (self->spinner, g_str_equal (page, "loading"));
  gtk_stack_set_visible_child_name (self->stack, page);
}

void
grm_browse_list_set_model (GrmBrowseList  *self,
                           GrmBrowseModel *model)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (GRM_IS_BROWSE_LIST (self));

  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->n_items_handler, self->model);
      g_clear_signal_handler (&self->loaded_handler, self->model);
    }
  g_set_object (&self->model, model);
  if (model != NULL)
    {
      self->n_items_handler = g_signal_connect_swapped (model, "notify::n-items",
                                                        G_CALLBACK (update_state), self);
      self->loaded_handler = g_signal_connect_swapped (model, "notify::loaded",
                                                       G_CALLBACK (update_state), self);
      selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (model)));
    }
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  update_state (self);
}

GrmBrowseModel *
grm_browse_list_get_model (GrmBrowseList *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_LIST (self), NULL);
  return self->model;
}

void
grm_browse_list_set_empty (GrmBrowseList *self,
                           const char    *icon_name,
                           const char    *title,
                           const char    *description)
{
  g_return_if_fail (GRM_IS_BROWSE_LIST (self));

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
}

AdwStatusPage *
grm_browse_list_get_empty_page (GrmBrowseList *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_LIST (self), NULL);
  return self->empty_page;
}

GtkListView *
grm_browse_list_get_list_view (GrmBrowseList *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_LIST (self), NULL);
  return self->list_view;
}

static void
grm_browse_list_dispose (GObject *object)
{
  GrmBrowseList *self = GRM_BROWSE_LIST (object);

  if (self->model != NULL)
    {
      g_clear_signal_handler (&self->n_items_handler, self->model);
      g_clear_signal_handler (&self->loaded_handler, self->model);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_BROWSE_LIST);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (grm_browse_list_parent_class)->dispose (object);
}

static void
grm_browse_list_class_init (GrmBrowseListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_browse_list_dispose;

  g_type_ensure (GRM_TYPE_BROWSE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-browse-list.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmBrowseList, stack);
  gtk_widget_class_bind_template_child (widget_class, GrmBrowseList, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrmBrowseList, list_view);
  gtk_widget_class_bind_template_child (widget_class, GrmBrowseList, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grm_browse_list_init (GrmBrowseList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  update_state (self);
}

GtkWidget *
grm_browse_list_new (void)
{
  return g_object_new (GRM_TYPE_BROWSE_LIST, NULL);
}
