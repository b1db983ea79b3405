/* grm-pdf-print.h: printing a document through GtkPrintOperation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-pdf-document.h"

G_BEGIN_DECLS

void                    grm_pdf_print     (GrmPdfDocument          *document,
                                           const char              *title,
                                           GtkWindow               *parent);
GtkPrintOperationResult grm_pdf_print_run (GrmPdfDocument          *document,
                                           const char              *title,
                                           GtkWindow               *parent,
                                           GtkPrintOperationAction  action,
                                           const char              *export_filename,
                                           GError                 **error);

G_END_DECLS
