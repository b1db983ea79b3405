/* grm-browse-filters.c: drop-downs that filter browse lists.
 *
 * Each drop-down keeps a GtkStringList of labels and, beside it, the values
 * they stand for; entry 0 is "all" with the value NULL.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-browse-filters"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-browse-filters.h"
#include "grm-store-browse.h"

#define VALUES_KEY "grm-filter-values"
#define KIND_KEY "grm-filter-kind"

typedef struct
{
  GStrv labels;
  GStrv values;
} Choices;

static void
choices_free (gpointer data)
{
  Choices *choices = data;

  g_strfreev (choices->labels);
  g_strfreev (choices->values);
  g_free (choices);
}

static const char *
all_label (GrmFilterKind kind)
{
  switch (kind)
    {
    case GRM_FILTER_COMMITTEE:
      return _("All committees");
    case GRM_FILTER_MONTH:
      return _("All months");
    case GRM_FILTER_PAPER_TYPE:
    default:
      return _("All types");
    }
}

static char *
month_label (const char *month)
{
  g_autofree char *iso = g_strconcat (month, "-01T12:00:00Z", NULL);
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (iso, NULL);

  if (date == NULL)
    return g_strdup (month);
  /* Translators: a month and year, as in "November 2021"; see g_date_time_format(). */
  return g_date_time_format (date, _("%B %Y"));
}

/* Runs on a store reader thread. */
static gboolean
load_choices_func (GrmDb     *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  GrmFilterKind kind = GPOINTER_TO_INT (data);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  Choices *choices;

  if (kind == GRM_FILTER_COMMITTEE)
    {
      g_autoptr(GPtrArray) rows = grm_browse_list_committees (db, error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          const char *title = grm_browse_row_get_title (rows->pdata[i]);

          g_strv_builder_add (labels, title != NULL ? title : "?");
          g_strv_builder_add (values, grm_browse_row_get_id (rows->pdata[i]));
        }
    }
  else
    {
      g_auto(GStrv) strings = kind == GRM_FILTER_MONTH
                              ? grm_browse_list_months (db, error)
                              : grm_browse_list_paper_types (db, error);

      if (strings == NULL)
        return FALSE;
      for (guint i = 0; strings[i] != NULL; i++)
        {
          g_autofree char *label = kind == GRM_FILTER_MONTH
                                   ? month_label (strings[i]) : g_strdup (strings[i]);

          g_strv_builder_add (labels, label);
          g_strv_builder_add (values, strings[i]);
        }
    }

  choices = g_new0 (Choices, 1);
  choices->labels = g_strv_builder_end (labels);
  choices->values = g_strv_builder_end (values);
  *result = choices;
  return TRUE;
}

static void
load_choices_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkDropDown) dropdown = user_data;
  g_autoptr(GError) error = NULL;
  Choices *choices = grm_store_read_finish (GRM_STORE (object), result, &error);
  g_autofree char *current = NULL;
  g_autoptr(GtkStringList) strings = NULL;
  GrmFilterKind kind;
  guint selected = 0;

  if (choices == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read filter choices: %s", error->message);
      return;
    }

  current = g_strdup (grm_browse_filter_get_value (GTK_WIDGET (dropdown)));
  kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dropdown), KIND_KEY));
  strings = gtk_string_list_new (NULL);
  gtk_string_list_append (strings, all_label (kind));
  for (guint i = 0; choices->labels[i] != NULL; i++)
    {
      gtk_string_list_append (strings, choices->labels[i]);
      if (g_strcmp0 (choices->values[i], current) == 0)
        selected = i + 1;
    }

  /* Set the values first: notify::selected handlers read them. */
  g_object_set_data_full (G_OBJECT (dropdown), VALUES_KEY,
                          g_steal_pointer (&choices->values), (GDestroyNotify) g_strfreev);
  g_signal_handlers_block_matched (dropdown, G_SIGNAL_MATCH_DETAIL,
                                   g_signal_lookup ("notify", G_TYPE_OBJECT),
                                   g_quark_from_static_string ("selected"),
                                   NULL, NULL, NULL);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, selected);
  g_signal_handlers_unblock_matched (dropdown, G_SIGNAL_MATCH_DETAIL,
                                     g_signal_lookup ("notify", G_TYPE_OBJECT),
                                     g_quark_from_static_string ("selected"),
                                     NULL, NULL, NULL);
  choices_free (choices);
}

/* The button shows the choice shortened to the room it has (committee
 * names run long); the list shows each choice whole. */
#define CHOICE_UI(ellipsize) \
  "<interface><template class='GtkListItem'><property name='child'>" \
  "<object class='GtkLabel'><property name='xalign'>0</property>" \
  "<property name='use-markup'>False</property>" \
  "<property name='ellipsize'>" ellipsize "</property>" \
  "<binding name='label'><lookup name='string' type='GtkStringObject'>" \
  "<lookup name='item'>GtkListItem</lookup></lookup></binding>" \
  "</object></property></template></interface>"

static GtkListItemFactory *
choice_factory (const char *ui)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (ui, strlen (ui));

  return gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
}

GtkWidget *
grm_browse_filter_new (GrmFilterKind kind)
{
  g_autoptr(GtkListItemFactory) factory = choice_factory (CHOICE_UI ("end"));
  g_autoptr(GtkListItemFactory) list_factory = choice_factory (CHOICE_UI ("none"));
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  gtk_string_list_append (strings, all_label (kind));
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&strings)), NULL);
  g_object_set_data (G_OBJECT (dropdown), KIND_KEY, GINT_TO_POINTER (kind));
  if (kind != GRM_FILTER_MONTH)
    {
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown),
                                    gtk_property_expression_new (GTK_TYPE_STRING_OBJECT,
                                                                 NULL, "string"));
    }
  gtk_drop_down_set_factory (GTK_DROP_DOWN (dropdown), factory);
  gtk_drop_down_set_list_factory (GTK_DROP_DOWN (dropdown), list_factory);
  gtk_widget_set_tooltip_text (dropdown, all_label (kind));
  return dropdown;
}

void
grm_browse_filter_load (GtkWidget    *filter,
                        GrmStore     *store,
                        GCancellable *cancellable)
{
  gpointer kind = g_object_get_data (G_OBJECT (filter), KIND_KEY);

  grm_store_read_async (store, load_choices_func, kind, NULL, choices_free,
                        cancellable, load_choices_cb, g_object_ref (filter));
}

const char *
grm_browse_filter_get_value (GtkWidget *filter)
{
  char **values = g_object_get_data (G_OBJECT (filter), VALUES_KEY);
  guint selected = gtk_drop_down_get_selected (GTK_DROP_DOWN (filter));

  if (values == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION
      || selected > g_strv_length (values))
    return NULL;
  return values[selected - 1];
}
