/* grm-pdf-types.h: plain results of the PDF worker (rectangles, matches,
 * links, outline entries, selections).
 *
 * All rectangles are in page space: PDF points at scale 1, origin top-left,
 * the page's own /Rotate already applied (what the reader sees at zero extra
 * rotation). The worker converts Poppler's bottom-left results into this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} GrmPdfRect;

typedef struct
{
  guint page;
  GrmPdfRect rect;
} GrmPdfMatch;

typedef struct
{
  GrmPdfRect area;
  int dest_page;   /* 0-based target page, or -1 for an external link */
  double dest_y;   /* top of the target in page space, or -1 if unknown */
  char *uri;       /* external target, or NULL */
} GrmPdfLink;

typedef struct _GrmPdfOutlineItem GrmPdfOutlineItem;
struct _GrmPdfOutlineItem
{
  char *title;
  int page;              /* 0-based, or -1 when the entry has no target */
  GPtrArray *children;   /* GrmPdfOutlineItem, never NULL */
};

typedef struct
{
  GArray *rects;   /* GrmPdfRect */
  char *text;
} GrmPdfSelection;

void               grm_pdf_link_free          (GrmPdfLink        *link);
GrmPdfOutlineItem *grm_pdf_outline_item_new   (const char        *title,
                                               int                page);
void               grm_pdf_outline_item_free  (GrmPdfOutlineItem *item);
void               grm_pdf_selection_free     (GrmPdfSelection   *selection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmPdfLink, grm_pdf_link_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmPdfOutlineItem, grm_pdf_outline_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmPdfSelection, grm_pdf_selection_free)

G_END_DECLS
