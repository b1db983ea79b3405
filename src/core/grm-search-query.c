/* grm-search-query.c: user input → safe FTS5 expression.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search-query"

#include <string.h>

#include "grm-fold.h"
#include "grm-search-query.h"

/* Shorter words are matched exactly: a prefix of one or two letters would
 * expand to a large part of the vocabulary and make typing slow. */
#define MIN_PREFIX_LEN 3

static gboolean
is_quote (gunichar c)
{
  return c == '"' || c == 0x201C || c == 0x201D || c == 0x201E
         || c == 0x00AB || c == 0x00BB;
}

static void
append_quoted (GString    *expr,
               const char *token)
{
  g_string_append_c (expr, '"');
  for (const char *p = token; *p; p++)
    {
      /* The fold never leaves a quote; doubling it keeps that promise even
       * if the fold changes. */
      if (*p == '"')
        g_string_append_c (expr, '"');
      g_string_append_c (expr, *p);
    }
  g_string_append_c (expr, '"');
}

static void
add_segment (GrmSearchQuery *query,
             GString        *expr,
             const char     *segment,
             gsize           len,
             gboolean        phrase)
{
  g_autofree char *folded = grm_fold (segment, len);
  g_auto(GStrv) tokens = g_strsplit (folded, " ", -1);
  guint n = 0;
  GString *joined = g_string_new (NULL);

  for (guint i = 0; tokens[i]; i++)
    {
      gboolean prefix;

      if (tokens[i][0] == '\0')
        continue;
      if (query->terms->len >= GRM_SEARCH_QUERY_MAX_TERMS)
        break;
      prefix = !phrase && strlen (tokens[i]) >= MIN_PREFIX_LEN;
      g_ptr_array_add (query->terms, g_strdup (tokens[i]));
      g_array_append_val (query->prefix, prefix);

      if (phrase)
        {
          if (n > 0)
            g_string_append_c (joined, ' ');
          g_string_append (joined, tokens[i]);
        }
      else
        {
          if (expr->len > 0)
            g_string_append_c (expr, ' ');
          append_quoted (expr, tokens[i]);
          if (prefix)
            g_string_append_c (expr, '*');
        }
      n++;
    }

  if (phrase && n > 0)
    {
      if (expr->len > 0)
        g_string_append_c (expr, ' ');
      append_quoted (expr, joined->str);
    }
  g_string_free (joined, TRUE);
}

GrmSearchQuery *
grm_search_query_new (const char *input)
{
  GrmSearchQuery *query = g_new0 (GrmSearchQuery, 1);
  GString *expr = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *p, *start;
  gboolean in_quote = FALSE;

  query->terms = g_ptr_array_new_with_free_func (g_free);
  query->prefix = g_array_new (FALSE, FALSE, sizeof (gboolean));

  valid = g_utf8_make_valid (input ? input : "", -1);
  start = p = valid;
  while (*p)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_quote (c))
        {
          add_segment (query, expr, start, p - start, in_quote);
          in_quote = !in_quote;
          start = next;
        }
      p = next;
    }
  add_segment (query, expr, start, p - start, in_quote);

  if (expr->len > 0)
    query->match = g_string_free (expr, FALSE);
  else
    g_string_free (expr, TRUE);
  return query;
}

void
grm_search_query_free (GrmSearchQuery *query)
{
  if (query == NULL)
    return;
  g_free (query->match);
  g_ptr_array_unref (query->terms);
  g_array_unref (query->prefix);
  g_free (query);
}

int
grm_search_query_find_term (const GrmSearchQuery *query,
                            const char           *word,
                            gsize                 len)
{
  for (guint i = 0; i < query->terms->len; i++)
    {
      const char *term = g_ptr_array_index (query->terms, i);
      gsize tlen = strlen (term);

      if (g_array_index (query->prefix, gboolean, i) ? len < tlen : len != tlen)
        continue;
      if (memcmp (word, term, tlen) == 0)
        return i;
    }
  return -1;
}

gboolean
grm_search_query_matches_word (const GrmSearchQuery *query,
                               const char           *word,
                               gsize                 len)
{
  return grm_search_query_find_term (query, word, len) >= 0;
}
