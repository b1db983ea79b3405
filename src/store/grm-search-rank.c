/* grm-search-rank.c: bm25 for the top rows of a search, without reading
 * the length of every row that cannot be among them.
 *
 * FTS5's bm25() reads the length of every matching row from the docsize
 * table, one B-tree lookup each: for a word on half of all pages that is
 * most of the time a search takes. grm_bm25(search_index, K, weights…)
 * computes exactly the same score (the formula and constants of FTS5's
 * fts5_aux.c), but first an upper bound from the row's term frequencies
 * and the shortest length the row can have (each column at least as long
 * as its last match reaches). Once it has seen K rows, it remembers the
 * K best exact scores; a row whose bound is below the K-th of them cannot
 * be among the K best, so it gets its bound (which is also worse than the
 * K-th best) instead of a lookup. A query that orders by it with LIMIT K
 * therefore gets the same rows, with the same scores, as bm25().
 *
 * bm25() also counts, before the first row, the rows that contain each
 * phrase (for its IDF): a second pass over the doclists, merged again for
 * a prefix. With one phrase and no filter, the rows the query visits are
 * exactly those, so when the caller passes a GrmSearchRankCount the score
 * is computed with an IDF of 1 (the order is the same: the IDF is a
 * positive factor) and the caller multiplies by the real IDF, which it
 * computes from the count, afterwards: grm_search_rank_idf().
 *
 * Scores are negative like bm25()'s: lower is better.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <math.h>
#include <string.h>

#include "grm-search-private.h"

typedef struct
{
  int     n_phrases;
  double  avgdl;
  double *idf;
  double *freq;
  guint   k;        /* the LIMIT of the query */
  guint   n_best;
  double *best;     /* min-heap of the n_best best exact (positive) scores */
  gboolean       pushed;
  sqlite3_int64  last_rowid;  /* a row scored twice counts once */
  GrmSearchRankCount *count;  /* IDF deferred to the caller, or NULL */
  gboolean       counted;
  sqlite3_int64  counted_rowid;
} RankData;

static void
rank_data_free (gpointer data)
{
  RankData *p = data;

  g_free (p->idf);
  g_free (p->freq);
  g_free (p->best);
  g_free (p);
}

static int
count_cb (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          void                   *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/* As fts5Bm25GetData() in SQLite's fts5_aux.c. */
static int
get_data (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          guint                   k,
          GrmSearchRankCount     *count,
          RankData              **out)
{
  RankData *p = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int rc;

  if (p != NULL)
    {
      *out = p;
      return SQLITE_OK;
    }

  p = g_new0 (RankData, 1);
  p->n_phrases = api->xPhraseCount (fts);
  p->idf = g_new0 (double, p->n_phrases);
  p->freq = g_new0 (double, p->n_phrases);
  p->k = MAX (k, 1);
  p->best = g_new (double, p->k);

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  if (rc == SQLITE_OK)
    p->avgdl = n_rows > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  if (count && p->n_phrases == 1)
    {
      p->count = count;
      count->n_rows = n_rows;
      count->n_hits = 0;
      count->deferred = TRUE;
      p->idf[0] = 1.0;
    }
  for (int i = 0; rc == SQLITE_OK && p->count == NULL && i < p->n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;

      rc = api->xQueryPhrase (fts, i, &n_hits, count_cb);
      if (rc == SQLITE_OK)
        {
          GrmSearchRankCount c = { n_rows, n_hits, FALSE };

          p->idf[i] = grm_search_rank_idf (&c);
        }
    }
  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, p, rank_data_free);
  if (rc != SQLITE_OK)
    {
      rank_data_free (p);
      return rc;
    }
  *out = p;
  return SQLITE_OK;
}

static double
score (const RankData *p,
       double          length)
{
  const double k1 = 1.2, b = 0.75;
  double s = 0.0;

  for (int i = 0; i < p->n_phrases; i++)
    s += p->idf[i] * ((p->freq[i] * (k1 + 1.0))
                      / (p->freq[i] + k1 * (1 - b + b * length / p->avgdl)));
  return s;
}

static void
heap_push (RankData *p,
           double    s)
{
  guint i;

  if (p->n_best < p->k)
    {
      i = p->n_best++;
      while (i > 0 && p->best[(i - 1) / 2] > s)
        {
          p->best[i] = p->best[(i - 1) / 2];
          i = (i - 1) / 2;
        }
      p->best[i] = s;
      return;
    }

  /* Full: @s replaces the smallest, if it is larger, and sinks. */
  if (s <= p->best[0])
    return;
  i = 0;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      double v = s;

      if (l < p->n_best && p->best[l] < v)
        v = p->best[m = l];
      if (r < p->n_best && p->best[r] < v)
        v = p->best[m = r];
      if (m == i)
        break;
      p->best[i] = v;
      i = m;
    }
  p->best[i] = s;
}

static void
grm_bm25 (const Fts5ExtensionApi *api,
          Fts5Context            *fts,
          sqlite3_context        *context,
          int                     n_args,
          sqlite3_value         **args)
{
  RankData *p = NULL;
  int rc, n_inst = 0, n_tokens = 0;
  int ends[8] = { 0 };
  double shortest = 0;
  double bound, exact;

  if (n_args < 2)
    {
      sqlite3_result_error (context, "grm_bm25: (table, K, count pointer, weights…)", -1);
      return;
    }
  rc = get_data (api, fts, (guint) sqlite3_value_int (args[0]),
                 sqlite3_value_pointer (args[1], "grm-search-rank-count"), &p);
  if (rc == SQLITE_OK)
    {
      memset (p->freq, 0, sizeof (double) * p->n_phrases);
      rc = api->xInstCount (fts, &n_inst);
    }
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK)
        {
          /* Weights follow, as in bm25() they follow the table. */
          p->freq[phrase] += (n_args > column + 2) ? sqlite3_value_double (args[column + 2]) : 1.0;
          /* A column is at least as long as its last match reaches. */
          if (column >= 0 && column < (int) G_N_ELEMENTS (ends))
            ends[column] = MAX (ends[column], offset + 1);
        }
    }
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  if (p->count && (!p->counted || api->xRowid (fts) != p->counted_rowid))
    p->count->n_hits++;
  p->counted = TRUE;
  p->counted_rowid = api->xRowid (fts);

  for (guint c = 0; c < G_N_ELEMENTS (ends); c++)
    shortest += ends[c];
  bound = score (p, shortest);
  if (p->n_best == p->k && bound < p->best[0])
    {
      sqlite3_result_double (context, -bound);
      return;
    }

  rc = api->xColumnSize (fts, -1, &n_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }
  exact = score (p, n_tokens);
  if (!p->pushed || api->xRowid (fts) != p->last_rowid)
    heap_push (p, exact);
  p->pushed = TRUE;
  p->last_rowid = api->xRowid (fts);
  sqlite3_result_double (context, -exact);
}

double
grm_search_rank_idf (const GrmSearchRankCount *count)
{
  double idf = log ((count->n_rows - count->n_hits + 0.5) / (count->n_hits + 0.5));

  return idf <= 0.0 ? 1e-6 : idf;
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5(?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
grm_search_register_rank (GrmDb   *db,
                          GError **error)
{
  fts5_api *api = get_fts5_api (grm_db_get_handle (db));
  int rc;

  if (api == NULL)
    return grm_db_set_error (db, SQLITE_ERROR, error);
  rc = api->xCreateFunction (api, "grm_bm25", NULL, grm_bm25, NULL);
  if (rc != SQLITE_OK)
    return grm_db_set_error (db, rc, error);
  return TRUE;
}
