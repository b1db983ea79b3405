/* grm-test-data.h: fills a store with the real Hürtgenwald crawl for the UI
 * tests and the startup benchmark, through the project's own OParl
 * normaliser and object writer (no network needed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-store.h"

G_BEGIN_DECLS

/* Loads every list page of the crawl in @crawl_dir (…/oparl/huertgenwald). */
gboolean grm_test_load_crawl  (GrmStore    *store,
                               const char  *crawl_dir,
                               GError     **error);
/* Loads the large Karlsruhe body (papers, meetings, organizations as JSON
 * lines) in @body_dir (…/oparl/karlsruhe). */
gboolean grm_test_load_body   (GrmStore    *store,
                               const char  *body_dir,
                               GError     **error);
/* Marks @file_id as stored offline with the bytes of @pdf_path, copied to
 * @files_dir under their SHA-256, as the sync engine's file phase does. */
gboolean grm_test_store_file  (GrmStore    *store,
                               const char  *files_dir,
                               const char  *file_id,
                               const char  *pdf_path,
                               GError     **error);

G_END_DECLS
