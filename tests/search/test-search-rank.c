/* test-search-rank.c: grm_bm25() gives exactly the rows and scores of
 * FTS5's bm25() for the best K, whether it skips rows or defers the IDF;
 * and ranking does not depend on the order in which pages were indexed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "grm-search.h"
#include "grm-search-private.h"
#include "grm-text-extract.h"
#include "search-test-data.h"

static GrmStore *store;

typedef struct
{
  const char *match;
  guint       k;
  gboolean    defer;
  gboolean    one_phrase;
  GArray     *expected;   /* Row: what bm25() gives */
  GArray     *got;        /* Row: what grm_bm25() gives */
} Compare;

typedef struct
{
  gint64 rowid;
  double score;
} Row;

static gboolean
collect (GrmDb        *db,
         const char   *sql,
         const char   *match,
         GrmSearchRankCount *count,
         GArray       *rows,
         GError      **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  grm_db_bind_text (stmt, 1, match);
  if (count)
    sqlite3_bind_pointer (stmt, 2, count, "grm-search-rank-count", NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Row r = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (rows, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}

static gboolean
compare_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Compare *c = data;
  g_autofree char *expected_sql = g_strdup_printf (
      "SELECT rowid, bm25 (search_index, 8.0, 1.0) AS s FROM search_index "
      "WHERE search_index MATCH ?1 ORDER BY s, rowid LIMIT %u", c->k);
  g_autofree char *got_sql = g_strdup_printf (
      "SELECT rowid, grm_bm25 (search_index, %u, ?2, 8.0, 1.0) AS s FROM search_index "
      "WHERE search_index MATCH ?1 ORDER BY s, rowid LIMIT %u", c->k, c->k);
  GrmSearchRankCount count = { 0, 0, FALSE };

  if (!grm_search_register_rank (db, error))
    return FALSE;
  if (!collect (db, expected_sql, c->match, NULL, c->expected, error)
      || !collect (db, got_sql, c->match, c->defer ? &count : NULL, c->got, error))
    return FALSE;
  /* Deferred only when it can be: one phrase, and asked to. */
  g_assert_true (count.deferred == (c->defer && c->one_phrase));
  if (count.deferred)
    for (guint i = 0; i < c->got->len; i++)
      g_array_index (c->got, Row, i).score *= grm_search_rank_idf (&count);
  return TRUE;
}

/* With a filter on search_doc, only rows that pass it may set the bar. */
static gboolean
filtered_job (GrmDb     *db,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  Compare *c = data;
  const char *filter =
      "FROM search_index JOIN search_doc d ON d.docid = search_index.rowid "
      "WHERE search_index MATCH ?1 AND d.kind = 'file' AND d.date < '2014-06-01' ";
  g_autofree char *expected_sql = g_strdup_printf (
      "SELECT d.docid, bm25 (search_index, 8.0, 1.0) AS s %s ORDER BY s, d.docid LIMIT %u",
      filter, c->k);
  g_autofree char *got_sql = g_strdup_printf (
      "SELECT d.docid, grm_bm25 (search_index, %u, NULL, 8.0, 1.0) AS s %s "
      "ORDER BY s, d.docid LIMIT %u", c->k, filter, c->k);

  if (!grm_search_register_rank (db, error))
    return FALSE;
  return collect (db, expected_sql, c->match, NULL, c->expected, error)
         && collect (db, got_sql, c->match, NULL, c->got, error);
}

static void
assert_same (GArray *expected,
             GArray *got)
{
  g_assert_cmpuint (got->len, ==, expected->len);
  for (guint i = 0; i < got->len; i++)
    {
      Row *e = &g_array_index (expected, Row, i), *g = &g_array_index (got, Row, i);

      g_assert_cmpint (g->rowid, ==, e->rowid);
      g_assert_cmpfloat_with_epsilon (g->score, e->score, 1e-9 * fabs (e->score) + 1e-12);
    }
}

static void
test_filtered (void)
{
  const char *matches[] = { "\"gemeinderat\"", "\"stadt\"*", "\"der\"" };
  const guint ks[] = { 1, 5, 50 };

  for (guint m = 0; m < G_N_ELEMENTS (matches); m++)
    for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
      {
        g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Row));
        g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Row));
        g_autoptr(GError) error = NULL;
        Compare c = { matches[m], ks[k], FALSE, FALSE, expected, got };

        g_assert_true (grm_store_read_sync (store, filtered_job, &c, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (expected->len, >, 0);
        assert_same (expected, got);
      }
}

static void
test_same_as_bm25 (void)
{
  const struct { const char *match; gboolean one_phrase; } matches[] = {
    { "\"gemeinderat\"", TRUE }, { "\"stadt\"*", TRUE }, { "\"haushalt\"*", TRUE },
    { "\"karlsruhe\"*", TRUE }, { "\"radweg\"* \"sudstadt\"*", FALSE },
    { "\"karlsruher zoo\"", TRUE }, { "\"der\"", TRUE }, { "\"2013_0140\"*", TRUE },
    { "\"stadt\"* \"rat\"*", FALSE },
  };
  const guint ks[] = { 1, 5, 50, 600 };

  for (guint m = 0; m < G_N_ELEMENTS (matches); m++)
    for (guint k = 0; k < G_N_ELEMENTS (ks); k++)
      for (int defer = 0; defer < 2; defer++)
        {
          g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (Row));
          g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (Row));
          g_autoptr(GError) error = NULL;
          Compare c = { matches[m].match, ks[k], defer, matches[m].one_phrase, expected, got };

          g_test_message ("%s, K = %u, IDF %s", c.match, ks[k], defer ? "deferred" : "first");
          g_assert_true (grm_store_read_sync (store, compare_job, &c, NULL, &error));
          g_assert_no_error (error);
          assert_same (expected, got);
        }
}

/* The page that fits best was indexed first, before 3,000 others that
 * contain the word once: it still comes first. */
static void
test_independent_of_order (void)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (search_test_text_free);
  g_autoptr(GrmSearchIndexer) indexer = grm_text_extract_indexer_new (store, NULL);
  g_autoptr(GrmSearchRequest) request = grm_search_request_new ("Zebrastreifen");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  SearchTestText *t;
  GrmSearchHit *hit = NULL;

  t = g_new0 (SearchTestText, 1);
  t->id = g_strdup ("urn:test:rank/best");
  t->text = g_strdup ("Zebrastreifen vor der Schule: ein Zebrastreifen, noch ein Zebrastreifen.");
  g_ptr_array_add (texts, t);
  for (guint i = 0; i < 3000; i++)
    {
      t = g_new0 (SearchTestText, 1);
      t->id = g_strdup_printf ("urn:test:rank/%u", i);
      t->text = g_strdup_printf ("Sitzung %u des Ausschusses. Beraten wurde über die Sanierung "
                                 "der Gehwege, die Beleuchtung, die Bänke am Spielplatz und "
                                 "einen Zebrastreifen in der Nebenstraße %u.", i, i);
      g_ptr_array_add (texts, t);
    }
  search_test_load (store, texts, 0, 0);
  g_assert_true (grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  request->per_kind = 3;
  g_assert_true (grm_store_read_sync (store, grm_search_run_job, request,
                                      (gpointer *) &hits, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < hits->len && hit == NULL; i++)
    if (((GrmSearchHit *) g_ptr_array_index (hits, i))->kind == GRM_SEARCH_KIND_FILE)
      hit = g_ptr_array_index (hits, i);
  g_assert_nonnull (hit);
  g_assert_cmpstr (hit->target, ==, "urn:test:rank/best");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GrmSearchIndexer) indexer = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("grm-search-rank-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (dir, "gremium.db", NULL);
  store = grm_store_open (db, &error);
  g_assert_no_error (error);
  texts = search_test_read_texts (300, NULL);
  search_test_load (store, texts, 100, 30);
  indexer = grm_text_extract_indexer_new (store, NULL);
  g_assert_true (grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/search/rank/same-as-bm25", test_same_as_bm25);
  g_test_add_func ("/search/rank/filtered", test_filtered);
  g_test_add_func ("/search/rank/independent-of-order", test_independent_of_order);
  ret = g_test_run ();

  g_clear_object (&indexer);
  g_clear_object (&store);
  search_test_remove_tree (dir);
  return ret;
}
