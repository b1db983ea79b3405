/* grm-pdf-types.c: constructors and destructors of the PDF worker's results.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf"

#include "grm-pdf-types.h"

void
grm_pdf_link_free (GrmPdfLink *link)
{
  if (link == NULL)
    return;
  g_free (link->uri);
  g_free (link);
}

GrmPdfOutlineItem *
grm_pdf_outline_item_new (const char *title,
                          int         page)
{
  GrmPdfOutlineItem *item = g_new0 (GrmPdfOutlineItem, 1);

  item->title = g_strdup (title != NULL ? title : "");
  item->page = page;
  item->children = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_pdf_outline_item_free);
  return item;
}

void
grm_pdf_outline_item_free (GrmPdfOutlineItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_ptr_array_unref (item->children);
  g_free (item);
}

void
grm_pdf_selection_free (GrmPdfSelection *selection)
{
  if (selection == NULL)
    return;
  g_clear_pointer (&selection->rects, g_array_unref);
  g_free (selection->text);
  g_free (selection);
}
