/* grm-minutes-layout.h: a small page-flow engine on cairo + pango for
 * generated documents: paragraphs that break across pages line by line,
 * label/value rows, a running header and "page N of M" footers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef enum
{
  GRM_DOC_BODY,
  GRM_DOC_BOLD,
  GRM_DOC_TITLE,
  GRM_DOC_HEADING,
  GRM_DOC_SUBHEADING,
  GRM_DOC_SMALL,
  GRM_DOC_MONO,
  GRM_DOC_N_STYLES
} GrmDocStyle;

typedef struct _GrmDoc GrmDoc;

/* Renders through @draw twice: once to count the pages, once to @out
 * (an open, writable file descriptor). @draw adds the content. */
typedef void (*GrmDocDrawFunc) (GrmDoc *doc, gpointer data);

gboolean grm_doc_render        (int              fd,
                                const char      *header_left,
                                const char      *header_right,
                                GrmDocDrawFunc   draw,
                                gpointer         data,
                                GError         **error);

void     grm_doc_text          (GrmDoc          *doc,
                                GrmDocStyle      style,
                                const char      *text,
                                double           indent,
                                double           space_before);
/* A label/value row; @label_width 0 takes the default column. */
void     grm_doc_pair          (GrmDoc          *doc,
                                const char      *label,
                                const char      *value,
                                double           label_width);
void     grm_doc_rule          (GrmDoc          *doc);
/* Starts a new page unless at least @needed points are left. */
void     grm_doc_keep          (GrmDoc          *doc,
                                double           needed);
void     grm_doc_new_page      (GrmDoc          *doc);

G_END_DECLS
