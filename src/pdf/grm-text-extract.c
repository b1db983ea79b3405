/* grm-text-extract.c: the text of every page of a PDF, for the indexer.
 *
 * The file is mapped, not copied, and each page's text is taken in reading
 * order as pdftotext gives it. Poppler's errors become GRM_ERROR here, at
 * the boundary, so the indexer can report a skipped file in plain words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-text-extract"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-error.h"
#include "grm-pdf-poppler.h"
#include "grm-text-extract.h"

static GError *
translate_error (const GError *error,
                 GBytes       *bytes)
{
  gsize n = 0;
  const char *data = g_bytes_get_data (bytes, &n);

  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    return g_error_new (GRM_ERROR, GRM_ERROR_PDF_ENCRYPTED,
                        _("This file is protected by a password"));
  if (data == NULL || g_strstr_len (data, MIN (n, 1024), "%PDF-") == NULL)
    return g_error_new (GRM_ERROR, GRM_ERROR_PDF_NOT_PDF, _("This file is not a PDF"));
  return g_error_new (GRM_ERROR, GRM_ERROR_PDF_DAMAGED, _("This file is damaged"));
}

static GPtrArray *
extract_pages (PopplerDocument  *document,
               int               n_pages,
               GCancellable     *cancellable,
               GError          **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_full (n_pages, g_free);

  for (int i = 0; i < n_pages; i++)
    {
      PopplerPage *page;
      char *text = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      grm_pdf_poppler_lock ();
      page = poppler_document_get_page (document, i);
      if (page != NULL)
        text = poppler_page_get_text (page);
      g_clear_object (&page);
      grm_pdf_poppler_unlock ();
      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        {
          char *valid = g_utf8_make_valid (text, -1);

          g_free (text);
          text = valid;
        }
      g_ptr_array_add (pages, text ? text : g_strdup (""));
    }

  return g_steal_pointer (&pages);
}

GPtrArray *
grm_text_extract_pages (const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PopplerDocument *document = NULL;
  GPtrArray *pages = NULL;
  g_autoptr(GError) local = NULL;
  int n_pages;

  g_return_val_if_fail (path != NULL, NULL);

  mapped = g_mapped_file_new (path, FALSE, &local);
  if (mapped == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND, _("This file does not exist"));
      else
        g_set_error (error, GRM_ERROR, GRM_ERROR_FAILED,
                     _("This file could not be read: %s"), local->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (mapped);
  if (g_bytes_get_size (bytes) == 0)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_PDF_NOT_PDF, _("This file is not a PDF"));
      return NULL;
    }

  /* Poppler is used one page at a time under the process-wide lock, so an
   * open viewer renders between two pages of a long document. */
  grm_pdf_poppler_lock ();
  document = poppler_document_new_from_bytes (bytes, NULL, &local);
  n_pages = document != NULL ? poppler_document_get_n_pages (document) : 0;
  grm_pdf_poppler_unlock ();
  if (document == NULL)
    {
      g_propagate_error (error, translate_error (local, bytes));
      return NULL;
    }

  pages = n_pages > 0 ? extract_pages (document, n_pages, cancellable, error) : NULL;
  if (n_pages <= 0)
    g_set_error (error, GRM_ERROR, GRM_ERROR_PDF_NO_PAGES, _("This file has no pages"));

  grm_pdf_poppler_lock ();
  g_clear_object (&document);
  grm_pdf_poppler_unlock ();

  return pages;
}

static GPtrArray *
extract_cb (const char   *path,
            GCancellable *cancellable,
            gpointer      user_data,
            GError      **error)
{
  return grm_text_extract_pages (path, cancellable, error);
}

GrmSearchIndexer *
grm_text_extract_indexer_new (GrmStore   *store,
                              const char *files_dir)
{
  GrmSearchIndexer *indexer = grm_search_indexer_new (store, files_dir);

  grm_search_indexer_set_extractor (indexer, extract_cb, NULL, NULL);
  return indexer;
}
