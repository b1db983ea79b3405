/* grm-search-page.c: search as you type over papers, meetings, agenda
 * items, committees, people and every page of the offline documents.
 *
 * Each search runs on a store reader; a newer search cancels the older
 * one, and a result that arrives for an older search is dropped. Hits come
 * grouped by kind, with the query's words in bold in escaped text. The
 * page also shows the background indexer's progress, with a pause button.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search-page"

#include <adwaita.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "grm-search.h"
#include "grm-search-page.h"
#include "grm-store-browse.h"
#include "grm-text-extract.h"

struct _GrmSearchPage
{
  GtkWidget         parent_instance;

  GtkWidget        *entry;
  GtkWidget        *filter_button;
  GtkWidget        *committee_drop;
  GtkWidget        *type_drop;
  GtkWidget        *from_entry;
  GtkWidget        *to_entry;
  GtkWidget        *index_revealer;
  GtkWidget        *index_label;
  GtkWidget        *index_progress;
  GtkWidget        *pause_button;
  GtkWidget        *stack;
  GtkWidget        *scroller;
  GtkWidget        *results_box;

  GrmStore         *store;
  GrmSearchIndexer *indexer;
  gulong            progress_id;
  GCancellable     *cancellable;     /* the page's: filters, lifetime */
  GCancellable     *search_cancellable;
  guint             generation;
  guint             n_hits;
  GPtrArray        *committee_ids;   /* index in committee_drop → id; 0 = all */
  GPtrArray        *paper_types;
};

G_DEFINE_FINAL_TYPE (GrmSearchPage, grm_search_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_TITLE, N_PROPS };

static const char *
group_title (GrmSearchKind kind)
{
  switch (kind)
    {
    case GRM_SEARCH_KIND_PAPER: return _("Papers");
    case GRM_SEARCH_KIND_AGENDA_ITEM: return _("Agenda Items");
    case GRM_SEARCH_KIND_MEETING: return _("Meetings");
    case GRM_SEARCH_KIND_FILE: return _("Documents");
    case GRM_SEARCH_KIND_ORGANIZATION: return _("Committees");
    case GRM_SEARCH_KIND_PERSON: return _("People");
    case GRM_SEARCH_N_KINDS:
    default: return "";
    }
}

/* Who owns the background indexer: the application, which drops it when
 * it shuts down, or without one (tests) the process. There is one at a
 * time, for the store that is open; asking for another store's replaces it.
 * The indexer holds its store while it runs, the store never holds the
 * indexer, so once the owner lets go both are freed: the indexer first
 * (dispose cancels and joins its thread), then the store. */
#define INDEXER_KEY "grm-search-indexer"

static GrmSearchIndexer *process_indexer;

/* Stops the worker even while a page still holds the indexer: it reads
 * PDFs with Poppler, which must be idle before the process exits. */
static void
drop_indexer (gpointer indexer)
{
  g_object_run_dispose (G_OBJECT (indexer));
  g_object_unref (indexer);
}

static void
app_shutdown_cb (GApplication *app,
                 gpointer      user_data)
{
  g_object_set_data (G_OBJECT (app), INDEXER_KEY, NULL);
}

GrmSearchIndexer *
grm_search_page_start_indexer (GrmStore *store)
{
  GApplication *app = g_application_get_default ();
  GrmSearchIndexer *indexer;
  g_autofree char *dir = NULL;
  g_autofree char *files_dir = NULL;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);

  indexer = app ? g_object_get_data (G_OBJECT (app), INDEXER_KEY) : process_indexer;
  if (indexer != NULL && grm_search_indexer_get_store (indexer) == store)
    return indexer;

  /* Files live next to the database, as GrmApplication keeps them. */
  dir = g_path_get_dirname (grm_store_get_path (store));
  files_dir = g_build_filename (dir, "files", NULL);
  indexer = grm_text_extract_indexer_new (store, files_dir);
  grm_search_indexer_start (indexer);
  if (app)
    {
      if (g_object_get_data (G_OBJECT (app), INDEXER_KEY "-shutdown") == NULL)
        {
          g_signal_connect (app, "shutdown", G_CALLBACK (app_shutdown_cb), NULL);
          g_object_set_data (G_OBJECT (app), INDEXER_KEY "-shutdown", GINT_TO_POINTER (TRUE));
        }
      /* Replacing the old one stops it. */
      g_object_set_data_full (G_OBJECT (app), INDEXER_KEY, indexer, drop_indexer);
    }
  else
    {
      g_clear_pointer (&process_indexer, drop_indexer);
      process_indexer = indexer;
    }
  return indexer;
}

static void
progress_cb (GrmSearchPage *self)
{
  gint64 done = 0, total = 0, failed = 0;
  gboolean paused = grm_search_indexer_get_paused (self->indexer);
  gboolean busy = grm_search_indexer_get_busy (self->indexer);
  g_autofree char *text = NULL;

  grm_search_indexer_get_progress (self->indexer, &done, &total, &failed);
  /* Plain %d: xgettext cannot see through G_GINT64_FORMAT. */
  if (paused)
    text = g_strdup_printf (_("Indexing paused: %d of %d done"), (int) done, (int) total);
  else if (failed > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Indexing for search: %d of %d (%d file could not be read)",
                                         "Indexing for search: %d of %d (%d files could not be read)",
                                         failed),
                            (int) done, (int) total, (int) failed);
  else
    text = g_strdup_printf (_("Indexing for search: %d of %d"), (int) done, (int) total);
  gtk_label_set_text (GTK_LABEL (self->index_label), text);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->index_progress),
                                 total > 0 ? (double) done / total : 0);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->index_revealer),
                                 paused || (busy && total > done));
}

static void
pause_toggled_cb (GrmSearchPage *self)
{
  gboolean paused = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->pause_button));

  grm_search_indexer_set_paused (self->indexer, paused);
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic"
                                   : "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (self->pause_button,
                               paused ? _("Resume indexing") : _("Pause indexing"));
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *row,
                  GrmSearchPage *self)
{
  GrmSearchHit *hit = g_object_get_data (G_OBJECT (row), "grm-hit");

  switch (hit->kind)
    {
    case GRM_SEARCH_KIND_FILE:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-file-page", "(sis)",
                                  hit->target, MAX (hit->page, 0), hit->words ? hit->words : "");
      break;
    case GRM_SEARCH_KIND_PAPER:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-paper", "s", hit->target);
      break;
    case GRM_SEARCH_KIND_MEETING:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-meeting", "s", hit->target);
      break;
    case GRM_SEARCH_KIND_AGENDA_ITEM:
      if (hit->owner)
        gtk_widget_activate_action (GTK_WIDGET (self), "win.open-meeting", "s", hit->owner);
      break;
    case GRM_SEARCH_KIND_ORGANIZATION:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-committee", "s", hit->target);
      break;
    case GRM_SEARCH_KIND_PERSON:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-person", "s", hit->target);
      break;
    case GRM_SEARCH_N_KINDS:
    default:
      break;
    }
}

static GtkWidget *
make_label (const char *text,
            gboolean    markup,
            const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
make_row (GrmSearchHit *hit)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  /* Not bold as a whole, so that the matching words stand out. */
  GtkWidget *title = make_label (hit->title_markup, TRUE, NULL);
  GString *context = g_string_new (hit->context);
  GtkWidget *context_label;
  g_autofree char *date = hit->date ? grm_browse_format_date (hit->date) : NULL;

  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), title);

  if (hit->page >= 0)
    {
      if (context->len > 0)
        g_string_append (context, " · ");
      g_string_append_printf (context, _("page %d"), hit->page + 1);
    }
  if (hit->date && hit->kind != GRM_SEARCH_KIND_AGENDA_ITEM)
    {
      if (context->len > 0)
        g_string_append (context, " · ");
      g_string_append (context, date ? date : hit->date);
    }
  /* Server text keeps its line breaks; the context is one line. */
  g_strdelimit (context->str, "\r\n\t", ' ');
  if (context->len > 0)
    {
      context_label = make_label (context->str, FALSE, "caption");
      gtk_widget_add_css_class (context_label, "dim-label");
      gtk_label_set_lines (GTK_LABEL (context_label), 1);
      gtk_label_set_ellipsize (GTK_LABEL (context_label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), context_label);
    }
  if (hit->snippet_markup && hit->snippet_markup[0] != '\0')
    {
      GtkWidget *snippet = make_label (hit->snippet_markup, TRUE, NULL);

      gtk_label_set_lines (GTK_LABEL (snippet), 3);
      gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (box), snippet);
    }

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_string_free (context, TRUE);
  return row;
}

static void
clear_results (GrmSearchPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->results_box)))
    gtk_box_remove (GTK_BOX (self->results_box), child);
  self->n_hits = 0;
}

static void
show_hits (GrmSearchPage *self,
           GPtrArray     *hits)
{
  GtkWidget *lists[GRM_SEARCH_N_KINDS] = { NULL };

  clear_results (self);
  for (guint k = 0; k < GRM_SEARCH_N_KINDS; k++)
    for (guint i = 0; i < hits->len; i++)
      {
        GrmSearchHit *hit = g_ptr_array_index (hits, i);
        GtkWidget *row;

        if (hit == NULL || hit->kind != k)
          continue;
        if (lists[k] == NULL)
          {
            GtkWidget *heading = gtk_label_new (group_title (k));

            gtk_label_set_xalign (GTK_LABEL (heading), 0);
            gtk_widget_add_css_class (heading, "heading");
            gtk_widget_set_margin_top (heading, 18);
            gtk_box_append (GTK_BOX (self->results_box), heading);
            lists[k] = gtk_list_box_new ();
            gtk_list_box_set_selection_mode (GTK_LIST_BOX (lists[k]), GTK_SELECTION_NONE);
            gtk_widget_add_css_class (lists[k], "boxed-list");
            g_signal_connect (lists[k], "row-activated", G_CALLBACK (row_activated_cb), self);
            gtk_box_append (GTK_BOX (self->results_box), lists[k]);
          }
        row = make_row (hit);
        /* The row owns its hit from now on. */
        g_object_set_data_full (G_OBJECT (row), "grm-hit", hit, (GDestroyNotify) grm_search_hit_free);
        hits->pdata[i] = NULL;
        gtk_list_box_append (GTK_LIST_BOX (lists[k]), row);
        self->n_hits++;
      }

  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), self->n_hits > 0 ? "results" : "none");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller)), 0);
}

typedef struct
{
  GrmSearchPage *self;
  guint          generation;
} SearchData;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SearchData *data = user_data;
  g_autoptr(GrmSearchPage) self = data->self;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  guint generation = data->generation;

  g_free (data);
  hits = grm_store_read_finish (GRM_STORE (source), result, &error);
  /* A newer search is running or the page is gone: drop this one. */
  if (generation != self->generation || self->store == NULL)
    return;
  if (hits == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Search failed: %s", error ? error->message : "?");
      return;
    }
  g_ptr_array_set_free_func (hits, (GDestroyNotify) grm_search_hit_free);
  show_hits (self, hits);
}

/* "2020" → 2020-01-01 (or -12-31 for the end), "2020-05-17" as it is. */
static char *
parse_date (const char *text,
            gboolean    end)
{
  g_autofree char *t = g_strstrip (g_strdup (text));
  int y, m, d;
  char extra;

  if (sscanf (t, "%4d-%2d-%2d%c", &y, &m, &d, &extra) == 3 && g_date_valid_dmy (d, m, y))
    return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
  if (sscanf (t, "%4d%c", &y, &extra) == 1 && y > 1000)
    return g_strdup_printf (end ? "%04d-12-31" : "%04d-01-01", y);
  return NULL;
}

static void
run_search (GrmSearchPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GrmSearchRequest) request = NULL;
  guint committee = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->committee_drop));
  guint type = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type_drop));
  SearchData *data;

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->generation++;

  if (text[strspn (text, " \t")] == '\0')
    {
      clear_results (self);
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "empty");
      return;
    }

  self->search_cancellable = g_cancellable_new ();
  request = grm_search_request_new (text);
  request->per_kind = 10;
  if (committee != GTK_INVALID_LIST_POSITION && committee > 0 && committee < self->committee_ids->len)
    request->committee = g_strdup (g_ptr_array_index (self->committee_ids, committee));
  if (type != GTK_INVALID_LIST_POSITION && type > 0 && type < self->paper_types->len)
    request->paper_type = g_strdup (g_ptr_array_index (self->paper_types, type));
  request->date_from = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), FALSE);
  request->date_to = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), TRUE);
  request->cancellable = g_object_ref (self->search_cancellable);

  data = g_new0 (SearchData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;
  grm_store_read_async (self->store, grm_search_run_job, g_steal_pointer (&request),
                        (GDestroyNotify) grm_search_request_free, (GDestroyNotify) g_ptr_array_unref,
                        self->search_cancellable, search_done_cb, data);
}

static void
search_changed_cb (GrmSearchPage *self)
{
  run_search (self);
}

static void
filters_changed_cb (GrmSearchPage *self)
{
  g_autofree char *from = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_entry)), FALSE);
  g_autofree char *to = parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_entry)), TRUE);
  guint committee = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->committee_drop));
  guint type = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->type_drop));
  gboolean active = (committee != GTK_INVALID_LIST_POSITION && committee > 0)
                    || (type != GTK_INVALID_LIST_POSITION && type > 0)
                    || from != NULL || to != NULL;

  if (active)
    gtk_widget_add_css_class (self->filter_button, "accent");
  else
    gtk_widget_remove_css_class (self->filter_button, "accent");
  run_search (self);
}

/* Gives @drop the choice "all" (@all) and then those of @list without
 * searching again; @values gets the value of each choice in the same
 * order. @list holds value and label in turn when @pairs, else values
 * that are their own labels. */
static void
set_choices (GrmSearchPage *self,
             GtkWidget     *drop,
             GPtrArray     *values,
             const char    *all,
             GPtrArray     *list,
             gboolean       pairs)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint step = pairs ? 2 : 1;

  gtk_string_list_append (names, all);
  g_ptr_array_set_size (values, 1);
  for (guint i = 0; i + step - 1 < list->len; i += step)
    {
      g_ptr_array_add (values, g_strdup (g_ptr_array_index (list, i)));
      gtk_string_list_append (names, g_ptr_array_index (list, i + step - 1));
    }
  g_signal_handlers_block_by_func (drop, filters_changed_cb, self);
  gtk_drop_down_set_model (GTK_DROP_DOWN (drop), G_LIST_MODEL (names));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), 0);
  g_signal_handlers_unblock_by_func (drop, filters_changed_cb, self);
}

static void
committees_loaded_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GrmSearchPage) self = user_data;
  g_autoptr(GPtrArray) list = grm_store_read_finish (GRM_STORE (source), result, NULL);

  if (list != NULL && self->store != NULL)
    set_choices (self, self->committee_drop, self->committee_ids, _("All committees"), list,
                 TRUE);
}

static void
types_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GrmSearchPage) self = user_data;
  g_autoptr(GPtrArray) list = grm_store_read_finish (GRM_STORE (source), result, NULL);

  if (list != NULL && self->store != NULL)
    set_choices (self, self->type_drop, self->paper_types, _("All paper types"), list, FALSE);
}

static void
grm_search_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Search"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_search_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (grm_search_page_parent_class)->map (widget);
  gtk_widget_grab_focus (GRM_SEARCH_PAGE (widget)->entry);
}

static void
grm_search_page_dispose (GObject *object)
{
  GrmSearchPage *self = GRM_SEARCH_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->search_cancellable);
  if (self->indexer)
    g_clear_signal_handler (&self->progress_id, self->indexer);
  g_clear_object (&self->indexer);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_SEARCH_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (grm_search_page_parent_class)->dispose (object);
}

static void
grm_search_page_finalize (GObject *object)
{
  GrmSearchPage *self = GRM_SEARCH_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->search_cancellable);
  g_ptr_array_unref (self->committee_ids);
  g_ptr_array_unref (self->paper_types);

  G_OBJECT_CLASS (grm_search_page_parent_class)->finalize (object);
}

static void
grm_search_page_class_init (GrmSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = grm_search_page_get_property;
  object_class->dispose = grm_search_page_dispose;
  object_class->finalize = grm_search_page_finalize;
  widget_class->map = grm_search_page_map;

  g_object_class_install_property (object_class, PROP_TITLE,
      g_param_spec_string ("title", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, entry);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, committee_drop);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, type_drop);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, index_revealer);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, index_label);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, index_progress);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, pause_button);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, GrmSearchPage, results_box);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pause_toggled_cb);
}

static void
grm_search_page_init (GrmSearchPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->committee_ids = g_ptr_array_new_with_free_func (g_free);
  self->paper_types = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
grm_search_page_new (GrmStore *store)
{
  GrmSearchPage *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);

  self = g_object_new (GRM_TYPE_SEARCH_PAGE, NULL);
  self->store = g_object_ref (store);
  self->indexer = g_object_ref (grm_search_page_start_indexer (store));
  self->progress_id = g_signal_connect_swapped (self->indexer, "progress",
                                                G_CALLBACK (progress_cb), self);
  progress_cb (self);

  grm_store_read_async (store, grm_search_list_committees_job, NULL, NULL,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                        committees_loaded_cb, g_object_ref (self));
  grm_store_read_async (store, grm_search_list_paper_types_job, NULL, NULL,
                        (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                        types_loaded_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

void
grm_search_page_set_text (GrmSearchPage *self,
                          const char    *text)
{
  g_return_if_fail (GRM_IS_SEARCH_PAGE (self));
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

guint
grm_search_page_get_n_hits (GrmSearchPage *self)
{
  g_return_val_if_fail (GRM_IS_SEARCH_PAGE (self), 0);
  return self->n_hits;
}
