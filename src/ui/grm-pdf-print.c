/* grm-pdf-print.c: printing a document through GtkPrintOperation.
 *
 * GTK asks for each page on the main thread; the page is drawn by the
 * document's worker (Poppler never runs on the main thread), with drawing
 * deferred until the worker is done with the print context's cairo.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-print"

#include <glib/gi18n-lib.h>

#include "grm-pdf-print.h"

static void
page_printed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkPrintOperation) operation = user_data;
  g_autoptr(GError) error = NULL;

  if (!grm_pdf_document_print_page_finish (GRM_PDF_DOCUMENT (source), result, &error))
    g_warning ("Cannot print a page: %s", error->message);
  gtk_print_operation_draw_page_finish (operation);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              GrmPdfDocument    *document)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double pw, ph, cw, ch, scale;

  grm_pdf_document_get_page_size (document, page, &pw, &ph);
  cw = gtk_print_context_get_width (context);
  ch = gtk_print_context_get_height (context);
  /* Fit the page to the paper, centred, never enlarged. */
  scale = MIN (1.0, MIN (cw / pw, ch / ph));
  cairo_translate (cr, (cw - pw * scale) / 2, (ch - ph * scale) / 2);
  cairo_scale (cr, scale, scale);

  gtk_print_operation_set_defer_drawing (operation);
  grm_pdf_document_print_page_async (document, page, cr, NULL, page_printed_cb,
                                     g_object_ref (operation));
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         gpointer                 user_data)
{
  g_object_unref (operation);
}

/**
 * grm_pdf_print_run:
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for the user;
 *   GTK_PRINT_OPERATION_ACTION_EXPORT with @export_filename writes a PDF
 *   and returns when it is written (used by the tests)
 */
GtkPrintOperationResult
grm_pdf_print_run (GrmPdfDocument          *document,
                   const char              *title,
                   GtkWindow               *parent,
                   GtkPrintOperationAction  action,
                   const char              *export_filename,
                   GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  GtkPrintOperationResult result;

  gtk_print_operation_set_n_pages (operation, grm_pdf_document_get_n_pages (document));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, title != NULL ? title : _("Document"));
  gtk_print_operation_set_allow_async (operation, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  /* The operation outlives this call when it runs asynchronously. */
  g_object_set_data_full (G_OBJECT (operation), "grm-document", g_object_ref (document),
                          g_object_unref);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), document);
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), NULL);
  g_object_ref (operation);
  result = gtk_print_operation_run (operation, action, parent, error);
  return result;
}

void
grm_pdf_print (GrmPdfDocument *document,
               const char     *title,
               GtkWindow      *parent)
{
  g_autoptr(GError) error = NULL;

  if (grm_pdf_print_run (document, title, parent, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL,
                         &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Cannot print: %s", error->message);
}
