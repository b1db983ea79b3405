/* ots-pdfgen.c: makes an A4 PDF from a file's extracted text, with cairo and
 * pango, for bodies whose real PDFs are not at hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bytes depend on the input only (fixed creation date, no clock, no
 * random ids), so ETags and checksums stay stable across runs. Very long
 * texts are cut to keep one file under a second of work.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ots-private.h"

#define PAGE_WIDTH 595.276   /* A4 in points */
#define PAGE_HEIGHT 841.890
#define MARGIN 70.87         /* 2.5 cm */
#define FOOTER 30.0
#define MAX_TEXT_BYTES (120 * 1024)

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *font,
             const char *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (PAGE_WIDTH - 2 * MARGIN));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_font_description_free (desc);

  return layout;
}

static void
draw_footer (cairo_t *cr,
             guint    page)
{
  g_autofree char *label = g_strdup_printf ("Seite %u", page);
  g_autoptr(PangoLayout) layout = make_layout (cr, "DejaVu Sans 8", label);

  cairo_move_to (cr, MARGIN, PAGE_HEIGHT - MARGIN + FOOTER / 2);
  pango_cairo_show_layout (cr, layout);
}

/* Text as valid UTF-8 without control characters other than newline/tab,
 * cut at a character boundary. */
static char *
clean_text (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text ? text : "", -1);
  GString *out = g_string_sized_new (MIN (strlen (valid), MAX_TEXT_BYTES) + 64);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (out->len >= MAX_TEXT_BYTES)
        {
          g_string_append (out, "\n\n[… gekürzt]");
          break;
        }
      if (c == '\n' || c == '\t' || !g_unichar_iscntrl (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

GBytes *
ots_pdf_generate (const char *title,
                  const char *subtitle,
                  const char *text)
{
  GByteArray *bytes = g_byte_array_new ();
  g_autofree char *clean = clean_text (text);
  g_autofree char *clean_title = g_utf8_make_valid (title ? title : "Dokument", -1);
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(PangoLayout) head = NULL;
  g_autoptr(PangoLayout) body = NULL;
  PangoLayoutIter *iter;
  double top, y_offset = 0;
  double bottom = PAGE_HEIGHT - MARGIN;
  guint page = 1;
  int w, h;

  surface = cairo_pdf_surface_create_for_stream (write_cb, bytes, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, clean_title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "oparl-test-server");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, "2021-09-06T00:00:00Z");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, "2021-09-06T00:00:00Z");
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);

  head = make_layout (cr, "DejaVu Sans Bold 14", clean_title);
  cairo_move_to (cr, MARGIN, MARGIN);
  pango_cairo_show_layout (cr, head);
  pango_layout_get_size (head, &w, &h);
  top = MARGIN + pango_units_to_double (h) + 6;
  if (subtitle != NULL && *subtitle != '\0')
    {
      g_autofree char *clean_sub = g_utf8_make_valid (subtitle, -1);
      g_autoptr(PangoLayout) sub = make_layout (cr, "DejaVu Sans 9", clean_sub);

      cairo_move_to (cr, MARGIN, top);
      pango_cairo_show_layout (cr, sub);
      pango_layout_get_size (sub, &w, &h);
      top += pango_units_to_double (h) + 12;
    }

  /* One layout for the whole text; its lines are placed page by page. */
  body = make_layout (cr, "DejaVu Serif 10.5", clean);
  iter = pango_layout_get_iter (body);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      double line_top, line_bottom;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line_top = pango_units_to_double (logical.y) - y_offset + top;
      line_bottom = line_top + pango_units_to_double (logical.height);
      if (line_bottom > bottom)
        {
          draw_footer (cr, page);
          cairo_show_page (cr);
          page++;
          top = MARGIN;
          y_offset = pango_units_to_double (logical.y);
          line_top = top;
        }
      cairo_move_to (cr, MARGIN + pango_units_to_double (logical.x),
                     line_top + pango_units_to_double (baseline - logical.y));
      pango_cairo_show_layout_line (cr, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  draw_footer (cr, page);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  return g_byte_array_free_to_bytes (bytes);
}
