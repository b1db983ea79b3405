/* grm-pdf-document-private.h: the worker queue shared by the files that
 * implement GrmPdfDocument.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-pdf-document.h"
#include "grm-pdf-poppler.h"

G_BEGIN_DECLS

/* Runs on the worker; must return a result on @task. */
typedef void (*GrmPdfJobFunc) (GTask           *task,
                               PopplerDocument *poppler);

void         _grm_pdf_document_push          (GrmPdfDocument *self,
                                              GTask          *task,
                                              GrmPdfJobFunc   func,
                                              int             io_priority);
PopplerPage *_grm_pdf_document_get_page      (PopplerDocument *poppler,
                                              GTask           *task,
                                              guint            page);

/* Blocking calls for threads other than the main thread and the worker:
 * push a private main context, start the async call with _grm_pdf_sync_cb
 * and &slot, then _grm_pdf_sync_wait returns the result (owned). */
GMainContext *_grm_pdf_sync_push             (void);
void          _grm_pdf_sync_cb               (GObject         *object,
                                              GAsyncResult    *result,
                                              gpointer         slot);
GAsyncResult *_grm_pdf_sync_wait             (GMainContext    *context,
                                              GAsyncResult   **slot);

G_END_DECLS
