/* grm-pdf-document-text.c: what GrmPdfDocument knows about a page's
 * content besides its pixels: text, find, selection, links and the outline.
 *
 * Poppler answers find and link queries with the PDF origin at the bottom
 * left; everything leaving this file is in page space (origin top-left),
 * which is what the viewer draws in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-pdf-document-private.h"

/* Selections are computed at this scale because Poppler returns integer
 * rectangles; a point is too coarse for a caret-sized highlight. */
#define SELECTION_SCALE 4.0

typedef struct
{
  int page;
  char *text;
  GrmPdfRect area;
} PageQuery;

static void
page_query_free (PageQuery *query)
{
  g_free (query->text);
  g_free (query);
}

static GTask *
new_page_task (GrmPdfDocument      *self,
               int                  page,
               const char          *text,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  PageQuery *query = g_new0 (PageQuery, 1);

  g_task_set_source_tag (task, source_tag);
  query->page = page;
  query->text = g_strdup (text);
  g_task_set_task_data (task, query, (GDestroyNotify) page_query_free);
  return task;
}

/* Text */

static void
text_job (GTask           *task,
          PopplerDocument *poppler)
{
  PageQuery *query = g_task_get_task_data (task);
  g_autoptr(PopplerPage) page = _grm_pdf_document_get_page (poppler, task, query->page);

  if (page != NULL)
    g_task_return_pointer (task, poppler_page_get_text (page), g_free);
}

void
grm_pdf_document_get_text_async (GrmPdfDocument      *self,
                                 guint                page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  task = new_page_task (self, page, NULL, cancellable, callback, user_data,
                        grm_pdf_document_get_text_async);
  _grm_pdf_document_push (self, task, text_job, G_PRIORITY_LOW);
}

char *
grm_pdf_document_get_text_finish (GrmPdfDocument *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
grm_pdf_document_get_text (GrmPdfDocument *self,
                           guint           page,
                           GCancellable   *cancellable,
                           GError        **error)
{
  GAsyncResult *slot = NULL;
  GMainContext *context = _grm_pdf_sync_push ();
  g_autoptr(GAsyncResult) result = NULL;

  grm_pdf_document_get_text_async (self, page, cancellable, _grm_pdf_sync_cb, &slot);
  result = _grm_pdf_sync_wait (context, &slot);
  return grm_pdf_document_get_text_finish (self, result, error);
}

/* Find */

static void
find_on_page (PopplerPage *page,
              guint        index,
              const char  *text,
              GArray      *matches)
{
  GList *found = poppler_page_find_text_with_options (page, text, POPPLER_FIND_DEFAULT);
  double height;
  GList *l;

  poppler_page_get_size (page, NULL, &height);
  for (l = found; l != NULL; l = l->next)
    {
      PopplerRectangle *r = l->data;
      GrmPdfMatch match;

      match.page = index;
      match.rect.x = MIN (r->x1, r->x2);
      match.rect.width = ABS (r->x2 - r->x1);
      match.rect.y = height - MAX (r->y1, r->y2);
      match.rect.height = ABS (r->y2 - r->y1);
      g_array_append_val (matches, match);
    }
  g_list_free_full (found, (GDestroyNotify) poppler_rectangle_free);
}

static void
find_job (GTask           *task,
          PopplerDocument *poppler)
{
  PageQuery *query = g_task_get_task_data (task);
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (GrmPdfMatch));
  int n_pages = poppler_document_get_n_pages (poppler);
  int first = query->page < 0 ? 0 : query->page;
  int last = query->page < 0 ? n_pages - 1 : query->page;
  int i;

  if (query->page >= n_pages)
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                               _("This page does not exist"));
      return;
    }

  for (i = first; i <= last; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (poppler, i);

      if (g_task_return_error_if_cancelled (task))
        return;
      if (page != NULL)
        find_on_page (page, i, query->text, matches);
    }
  g_task_return_pointer (task, g_steal_pointer (&matches), (GDestroyNotify) g_array_unref);
}

void
grm_pdf_document_find_async (GrmPdfDocument      *self,
                             const char          *text,
                             int                  page,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  g_return_if_fail (text != NULL);
  task = new_page_task (self, page, text, cancellable, callback, user_data,
                        grm_pdf_document_find_async);
  _grm_pdf_document_push (self, task, find_job, G_PRIORITY_DEFAULT);
}

GArray *
grm_pdf_document_find_finish (GrmPdfDocument *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Selection */

static void
select_job (GTask           *task,
            PopplerDocument *poppler)
{
  PageQuery *query = g_task_get_task_data (task);
  g_autoptr(PopplerPage) page = _grm_pdf_document_get_page (poppler, task, query->page);
  PopplerRectangle area;
  cairo_region_t *region;
  GrmPdfSelection *selection;
  int i, n;

  if (page == NULL)
    return;

  area.x1 = query->area.x;
  area.y1 = query->area.y;
  area.x2 = query->area.x + query->area.width;
  area.y2 = query->area.y + query->area.height;

  selection = g_new0 (GrmPdfSelection, 1);
  selection->rects = g_array_new (FALSE, FALSE, sizeof (GrmPdfRect));
  selection->text = poppler_page_get_selected_text (page, POPPLER_SELECTION_GLYPH, &area);
  region = poppler_page_get_selected_region (page, SELECTION_SCALE, POPPLER_SELECTION_GLYPH,
                                             &area);
  n = region != NULL ? cairo_region_num_rectangles (region) : 0;
  for (i = 0; i < n; i++)
    {
      cairo_rectangle_int_t r;
      GrmPdfRect rect;

      cairo_region_get_rectangle (region, i, &r);
      rect.x = r.x / SELECTION_SCALE;
      rect.y = r.y / SELECTION_SCALE;
      rect.width = r.width / SELECTION_SCALE;
      rect.height = r.height / SELECTION_SCALE;
      g_array_append_val (selection->rects, rect);
    }
  g_clear_pointer (&region, cairo_region_destroy);
  g_task_return_pointer (task, selection, (GDestroyNotify) grm_pdf_selection_free);
}

void
grm_pdf_document_select_async (GrmPdfDocument      *self,
                               guint                page,
                               const GrmPdfRect    *area,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PageQuery *query;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  g_return_if_fail (area != NULL);
  task = new_page_task (self, page, NULL, cancellable, callback, user_data,
                        grm_pdf_document_select_async);
  query = g_task_get_task_data (task);
  query->area = *area;
  _grm_pdf_document_push (self, task, select_job, G_PRIORITY_HIGH);
}

GrmPdfSelection *
grm_pdf_document_select_finish (GrmPdfDocument *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Links and outline: both resolve destinations to page numbers. */

static void
resolve_dest (PopplerDocument *poppler,
              PopplerDest     *dest,
              int             *page_out,
              double          *y_out)
{
  g_autoptr(PopplerDest) named = NULL;

  *page_out = -1;
  *y_out = -1;
  if (dest == NULL)
    return;
  if (dest->type == POPPLER_DEST_NAMED)
    {
      named = poppler_document_find_dest (poppler, dest->named_dest);
      dest = named;
      if (dest == NULL)
        return;
    }
  if (dest->page_num < 1 || dest->page_num > poppler_document_get_n_pages (poppler))
    return;
  *page_out = dest->page_num - 1;
  if (dest->change_top)
    {
      g_autoptr(PopplerPage) target = poppler_document_get_page (poppler, *page_out);
      double height = 0;

      if (target != NULL)
        poppler_page_get_size (target, NULL, &height);
      *y_out = MAX (0, height - dest->top);
    }
}

static void
links_job (GTask           *task,
           PopplerDocument *poppler)
{
  PageQuery *query = g_task_get_task_data (task);
  g_autoptr(PopplerPage) page = _grm_pdf_document_get_page (poppler, task, query->page);
  g_autoptr(GPtrArray) links = NULL;
  GList *mapping, *l;
  double height;

  if (page == NULL)
    return;

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_pdf_link_free);
  poppler_page_get_size (page, NULL, &height);
  mapping = poppler_page_get_link_mapping (page);
  for (l = mapping; l != NULL; l = l->next)
    {
      PopplerLinkMapping *m = l->data;
      GrmPdfLink *link;

      if (m->action == NULL)
        continue;
      link = g_new0 (GrmPdfLink, 1);
      link->dest_page = -1;
      link->dest_y = -1;
      link->area.x = MIN (m->area.x1, m->area.x2);
      link->area.width = ABS (m->area.x2 - m->area.x1);
      link->area.y = height - MAX (m->area.y1, m->area.y2);
      link->area.height = ABS (m->area.y2 - m->area.y1);

      /* Launch and remote-document actions are ignored on purpose: a
       * council PDF must not be able to start programs. */
      if (m->action->type == POPPLER_ACTION_GOTO_DEST)
        resolve_dest (poppler, m->action->goto_dest.dest, &link->dest_page, &link->dest_y);
      else if (m->action->type == POPPLER_ACTION_URI && m->action->uri.uri != NULL)
        link->uri = g_strdup (m->action->uri.uri);

      if (link->dest_page < 0 && link->uri == NULL)
        grm_pdf_link_free (link);
      else
        g_ptr_array_add (links, link);
    }
  poppler_page_free_link_mapping (mapping);
  g_task_return_pointer (task, g_steal_pointer (&links), (GDestroyNotify) g_ptr_array_unref);
}

void
grm_pdf_document_get_links_async (GrmPdfDocument      *self,
                                  guint                page,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  task = new_page_task (self, page, NULL, cancellable, callback, user_data,
                        grm_pdf_document_get_links_async);
  _grm_pdf_document_push (self, task, links_job, G_PRIORITY_DEFAULT);
}

GPtrArray *
grm_pdf_document_get_links_finish (GrmPdfDocument *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
walk_outline (PopplerDocument  *poppler,
              PopplerIndexIter *iter,
              GPtrArray        *items,
              guint             depth)
{
  do
    {
      g_autoptr(PopplerAction) action = poppler_index_iter_get_action (iter);
      g_autoptr(PopplerIndexIter) child = NULL;
      GrmPdfOutlineItem *item;
      int page = -1;
      double y;

      if (action == NULL)
        continue;
      if (action->type == POPPLER_ACTION_GOTO_DEST)
        resolve_dest (poppler, action->goto_dest.dest, &page, &y);
      item = grm_pdf_outline_item_new (action->any.title, page);
      g_ptr_array_add (items, item);

      /* The depth limit guards against outlines that loop. */
      child = poppler_index_iter_get_child (iter);
      if (child != NULL && depth < 32)
        walk_outline (poppler, child, item->children, depth + 1);
    }
  while (poppler_index_iter_next (iter));
}

static void
outline_job (GTask           *task,
             PopplerDocument *poppler)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(PopplerIndexIter) iter = poppler_index_iter_new (poppler);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_pdf_outline_item_free);
  if (iter != NULL)
    walk_outline (poppler, iter, items, 0);
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

void
grm_pdf_document_get_outline_async (GrmPdfDocument      *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  task = new_page_task (self, 0, NULL, cancellable, callback, user_data,
                        grm_pdf_document_get_outline_async);
  _grm_pdf_document_push (self, task, outline_job, G_PRIORITY_LOW);
}

GPtrArray *
grm_pdf_document_get_outline_finish (GrmPdfDocument *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
