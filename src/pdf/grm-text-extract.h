/* grm-text-extract.h: the text of every page of a PDF, for the search
 * indexer. Runs on the indexer's worker thread, one document at a time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-search-indexer.h"

G_BEGIN_DECLS

/* The text of each page (GPtrArray of char *, UTF-8, "" for a page without
 * text), or NULL with a GRM_ERROR (PDF_NOT_PDF, PDF_DAMAGED, PDF_ENCRYPTED,
 * PDF_NO_PAGES, NOT_FOUND) a council member understands. */
GPtrArray        *grm_text_extract_pages       (const char   *path,
                                                GCancellable *cancellable,
                                                GError      **error);

/* An indexer that extracts downloaded files with grm_text_extract_pages(). */
GrmSearchIndexer *grm_text_extract_indexer_new (GrmStore     *store,
                                                const char   *files_dir);

G_END_DECLS
