/* grm-pdf-document.h: an open PDF, served by its own worker thread.
 *
 * Every Poppler call for a document happens on that document's worker, one
 * job at a time, never on the main thread. The async calls queue a job on
 * the worker (urgent ones first, by io_priority) and complete in the
 * caller's thread-default main context. Facts known after loading (page
 * count, page sizes, title) are cached and can be read from any thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "grm-pdf-types.h"

G_BEGIN_DECLS

#define GRM_TYPE_PDF_DOCUMENT (grm_pdf_document_get_type ())

G_DECLARE_FINAL_TYPE (GrmPdfDocument, grm_pdf_document, GRM, PDF_DOCUMENT, GObject)

void               grm_pdf_document_load_async          (GFile               *file,
                                                         const char          *password,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GrmPdfDocument    *grm_pdf_document_load_finish         (GAsyncResult        *result,
                                                         GError             **error);
GrmPdfDocument    *grm_pdf_document_load                (GFile               *file,
                                                         const char          *password,
                                                         GCancellable        *cancellable,
                                                         GError             **error);

GFile             *grm_pdf_document_get_file            (GrmPdfDocument      *self);
guint              grm_pdf_document_get_n_pages         (GrmPdfDocument      *self);
void               grm_pdf_document_get_page_size       (GrmPdfDocument      *self,
                                                         guint                page,
                                                         double              *width,
                                                         double              *height);
const char        *grm_pdf_document_get_title           (GrmPdfDocument      *self);
const char        *grm_pdf_document_get_author          (GrmPdfDocument      *self);
gboolean           grm_pdf_document_is_encrypted        (GrmPdfDocument      *self);

/* Render @page into a new ARGB32 image surface, white background. @scale
 * is device pixels per PDF point; @rotation is 0, 90, 180 or 270 degrees
 * clockwise, on top of the page's own rotation. */
void               grm_pdf_document_render_async        (GrmPdfDocument      *self,
                                                         guint                page,
                                                         double               scale,
                                                         int                  rotation,
                                                         int                  io_priority,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
cairo_surface_t   *grm_pdf_document_render_finish       (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
cairo_surface_t   *grm_pdf_document_render              (GrmPdfDocument      *self,
                                                         guint                page,
                                                         double               scale,
                                                         int                  rotation,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
GBytes            *grm_pdf_surface_get_bytes            (cairo_surface_t     *surface);

/* Draw @page for printing onto @cr (a print context's cairo), on the worker.
 * The caller must not touch @cr until the call completes. */
void               grm_pdf_document_print_page_async    (GrmPdfDocument      *self,
                                                         guint                page,
                                                         cairo_t             *cr,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
gboolean           grm_pdf_document_print_page_finish   (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

void               grm_pdf_document_get_text_async      (GrmPdfDocument      *self,
                                                         guint                page,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
char              *grm_pdf_document_get_text_finish     (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);
char              *grm_pdf_document_get_text            (GrmPdfDocument      *self,
                                                         guint                page,
                                                         GCancellable        *cancellable,
                                                         GError             **error);

/* Find @text (case-insensitive) on @page, or on every page when @page is
 * -1. Returns a GArray of GrmPdfMatch, in page order. */
void               grm_pdf_document_find_async          (GrmPdfDocument      *self,
                                                         const char          *text,
                                                         int                  page,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GArray            *grm_pdf_document_find_finish         (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* The text selected by dragging across @area (page space) on @page. */
void               grm_pdf_document_select_async        (GrmPdfDocument      *self,
                                                         guint                page,
                                                         const GrmPdfRect    *area,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GrmPdfSelection   *grm_pdf_document_select_finish       (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Returns a GPtrArray of GrmPdfLink. */
void               grm_pdf_document_get_links_async     (GrmPdfDocument      *self,
                                                         guint                page,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray         *grm_pdf_document_get_links_finish    (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* Returns a GPtrArray of top-level GrmPdfOutlineItem (empty: no outline). */
void               grm_pdf_document_get_outline_async   (GrmPdfDocument      *self,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GPtrArray         *grm_pdf_document_get_outline_finish  (GrmPdfDocument      *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

G_END_DECLS
