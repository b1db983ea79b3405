/* grm-minutes-layout.c: page flow for generated PDFs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-doc"

#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-minutes-layout.h"

/* A4 in points, with margins a printer and a binder can live with. */
#define PAGE_W 595.28
#define PAGE_H 841.89
#define MARGIN_L 70.0
#define MARGIN_R 60.0
#define MARGIN_T 72.0
#define MARGIN_B 68.0
#define CONTENT_W (PAGE_W - MARGIN_L - MARGIN_R)
#define LABEL_W 165.0

struct _GrmDoc
{
  cairo_t              *cr;
  PangoFontDescription *fonts[GRM_DOC_N_STYLES];
  const char           *header_left;
  const char           *header_right;
  double                y;
  int                   page;
  int                   total;      /* 0 while counting */
  gboolean              fresh;      /* nothing drawn on this page yet */
};

static const char *font_specs[GRM_DOC_N_STYLES] = {
  "DejaVu Serif 10",
  "DejaVu Serif Bold 10",
  "Cantarell Bold 20",
  "Cantarell Bold 13",
  "Cantarell Bold 11",
  "DejaVu Sans 8",
  "DejaVu Sans Mono 7.5",
};

static cairo_status_t
write_fd (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n;

      if (fd < 0)
        return CAIRO_STATUS_SUCCESS; /* counting pass: discard */
      n = write (fd, data, length);
      if (n < 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
make_layout (GrmDoc      *doc,
             GrmDocStyle  style,
             const char  *text,
             double       width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);

  pango_layout_set_font_description (layout, doc->fonts[style]);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  /* Plain text, never markup: names and decisions may contain anything. */
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static void
draw_furniture (GrmDoc *doc)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autoptr(PangoLayout) foot = NULL;
  g_autofree char *page = NULL;

  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.35, 0.35, 0.35);
  left = make_layout (doc, GRM_DOC_SMALL, doc->header_left, CONTENT_W * 0.65);
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  cairo_move_to (doc->cr, MARGIN_L, MARGIN_T - 32);
  pango_cairo_show_layout (doc->cr, left);
  right = make_layout (doc, GRM_DOC_SMALL, doc->header_right, CONTENT_W * 0.35);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  cairo_move_to (doc->cr, MARGIN_L + CONTENT_W * 0.65, MARGIN_T - 32);
  pango_cairo_show_layout (doc->cr, right);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN_L, MARGIN_T - 18);
  cairo_line_to (doc->cr, PAGE_W - MARGIN_R, MARGIN_T - 18);
  cairo_stroke (doc->cr);

  if (doc->total > 0)
    page = g_strdup_printf (_("Page %d of %d"), doc->page, doc->total);
  else
    page = g_strdup_printf (_("Page %d"), doc->page);
  foot = make_layout (doc, GRM_DOC_SMALL, page, CONTENT_W);
  pango_layout_set_alignment (foot, PANGO_ALIGN_CENTER);
  cairo_move_to (doc->cr, MARGIN_L, PAGE_H - MARGIN_B + 28);
  pango_cairo_show_layout (doc->cr, foot);
  cairo_restore (doc->cr);
}

void
grm_doc_new_page (GrmDoc *doc)
{
  if (doc->page > 0)
    cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN_T;
  doc->fresh = TRUE;
  draw_furniture (doc);
}

void
grm_doc_keep (GrmDoc *doc,
              double  needed)
{
  if (!doc->fresh && doc->y + needed > PAGE_H - MARGIN_B)
    grm_doc_new_page (doc);
}

void
grm_doc_text (GrmDoc      *doc,
              GrmDocStyle  style,
              const char  *text,
              double       indent,
              double       space_before)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoLayoutIter *iter;

  if (text == NULL || *text == '\0')
    return;
  if (!doc->fresh)
    doc->y += space_before;
  layout = make_layout (doc, style, text, CONTENT_W - indent);
  /* A heading stays in one piece, and not alone at the foot of a page. */
  if (style == GRM_DOC_HEADING || style == GRM_DOC_SUBHEADING)
    {
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      grm_doc_keep (doc, height + 50);
    }

  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      double height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      if (!doc->fresh && doc->y + height > PAGE_H - MARGIN_B)
        grm_doc_new_page (doc);
      cairo_move_to (doc->cr, MARGIN_L + indent, doc->y + baseline);
      pango_cairo_show_layout_line (doc->cr, line);
      doc->y += height;
      doc->fresh = FALSE;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

void
grm_doc_pair (GrmDoc     *doc,
              const char *label,
              const char *value,
              double      label_width)
{
  double lw = label_width > 0 ? label_width : LABEL_W;
  g_autoptr(PangoLayout) l = make_layout (doc, GRM_DOC_BOLD, label, lw - 10);
  g_autoptr(PangoLayout) v = make_layout (doc, GRM_DOC_BODY, value, CONTENT_W - lw);
  int lh, vh;

  pango_layout_get_pixel_size (l, NULL, &lh);
  pango_layout_get_pixel_size (v, NULL, &vh);
  grm_doc_keep (doc, MAX (lh, vh) + 3);
  doc->y += doc->fresh ? 0 : 3;
  cairo_move_to (doc->cr, MARGIN_L, doc->y);
  pango_cairo_show_layout (doc->cr, l);
  cairo_move_to (doc->cr, MARGIN_L + lw, doc->y);
  pango_cairo_show_layout (doc->cr, v);
  doc->y += MAX (lh, vh);
  doc->fresh = FALSE;
}

void
grm_doc_rule (GrmDoc *doc)
{
  doc->y += 8;
  grm_doc_keep (doc, 20);
  cairo_save (doc->cr);
  cairo_set_source_rgb (doc->cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN_L, doc->y);
  cairo_line_to (doc->cr, PAGE_W - MARGIN_R, doc->y);
  cairo_stroke (doc->cr);
  cairo_restore (doc->cr);
  doc->y += 8;
}

static int
render_pass (int              fd,
             int              total,
             const char      *header_left,
             const char      *header_right,
             GrmDocDrawFunc   draw,
             gpointer         data,
             GError         **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  GrmDoc doc = { 0 };

  surface = cairo_pdf_surface_create_for_stream (write_fd, GINT_TO_POINTER (fd), PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, header_left);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Gremium");
  doc.cr = cairo_create (surface);
  doc.total = total;
  doc.header_left = header_left;
  doc.header_right = header_right;
  for (int i = 0; i < GRM_DOC_N_STYLES; i++)
    doc.fonts[i] = pango_font_description_from_string (font_specs[i]);

  grm_doc_new_page (&doc);
  cairo_set_source_rgb (doc.cr, 0, 0, 0);
  draw (&doc, data);
  cairo_show_page (doc.cr);

  for (int i = 0; i < GRM_DOC_N_STYLES; i++)
    pango_font_description_free (doc.fonts[i]);
  cairo_destroy (doc.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_FAILED, _("Cannot write the PDF: %s"),
                   cairo_status_to_string (status));
      return -1;
    }
  return doc.page;
}

gboolean
grm_doc_render (int              fd,
                const char      *header_left,
                const char      *header_right,
                GrmDocDrawFunc   draw,
                gpointer         data,
                GError         **error)
{
  int pages = render_pass (-1, 0, header_left, header_right, draw, data, error);

  return pages > 0 &&
         render_pass (fd, pages, header_left, header_right, draw, data, error) > 0;
}
