/* search-test-data.h: fills a temporary store with real Karlsruhe data for
 * the search tests and the benchmark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-store.h"

G_BEGIN_DECLS

/* One line of texts.jsonl.gz. */
typedef struct
{
  char *id;
  char *text;
} SearchTestText;

/* Reads the first @max texts (all when 0). GPtrArray of SearchTestText. */
GPtrArray *search_test_read_texts   (guint       max,
                                     gsize      *total_bytes);
/* Upserts (through the real OParl normaliser) the papers that own one of
 * @texts plus the first @extra_papers papers, the first @meetings meetings
 * and all organizations; then stores every text as File.text (creating a
 * bare File for texts whose paper is not loaded). */
void       search_test_load         (GrmStore   *store,
                                     GPtrArray  *texts,
                                     guint       extra_papers,
                                     guint       meetings);
/* Runs @sql (no rows) in a write job, with up to two text parameters. */
void       search_test_exec         (GrmStore   *store,
                                     const char *sql,
                                     const char *p1,
                                     const char *p2);
void       search_test_text_free    (gpointer    data);
char      *search_test_data_path    (const char *relative);
void       search_test_remove_tree  (const char *dir);

G_END_DECLS
