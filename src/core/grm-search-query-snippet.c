/* grm-search-query-snippet.c: snippets and highlights of search hits.
 *
 * The index holds folded text, but people read the original: the original
 * is folded again here with a map from every folded byte back to the
 * character it came from, so a match in the folded text marks the original
 * word. Server text is escaped before any markup is added.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search-query"

#include <string.h>

#include "grm-fold.h"
#include "grm-search-query.h"

typedef struct
{
  gsize start;   /* byte offsets in the original text */
  gsize end;
  guint term;
} Match;

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == 0x00AD;
}

/* The matching words of @text (valid UTF-8), in order. */
static GArray *
find_matches (const GrmSearchQuery *query,
              const char           *text,
              gsize                 len)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (Match));
  GArray *map = g_array_new (FALSE, FALSE, sizeof (guint32));
  GString *folded = g_string_sized_new (len);
  gsize i = 0;

  if (query->terms->len == 0)
    goto out;

  grm_fold_append (folded, text, len, map);
  while (i < folded->len)
    {
      gsize j;
      int term;

      if (folded->str[i] == ' ')
        {
          i++;
          continue;
        }
      for (j = i; j < folded->len && folded->str[j] != ' '; j++)
        ;
      term = grm_search_query_find_term (query, folded->str + i, j - i);
      if (term >= 0)
        {
          Match m;
          const char *end;

          m.term = term;
          m.start = g_array_index (map, guint32, i);
          end = g_utf8_next_char (text + g_array_index (map, guint32, j - 1));
          /* Mark the whole word as written, also what the fold dropped. */
          while ((gsize) (end - text) < len && is_word_char (g_utf8_get_char (end)))
            end = g_utf8_next_char (end);
          m.end = end - text;
          g_array_append_val (matches, m);
        }
      i = j;
    }

out:
  g_array_unref (map);
  g_string_free (folded, TRUE);
  return matches;
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c < 0x20;
}

/* Escaped for Pango, whitespace and control characters collapsed. */
static void
append_escaped (GString    *out,
                const char *text,
                gsize       len,
                gboolean   *last_space)
{
  const char *p = text, *end = text + len;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_space (c))
        {
          if (!*last_space)
            g_string_append_c (out, ' ');
          *last_space = TRUE;
          p = next;
          continue;
        }
      *last_space = FALSE;
      switch (c)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_len (out, p, next - p); break;
        }
      p = next;
    }
}

static char *
markup (const char *text,
        gsize       from,
        gsize       to,
        GArray     *matches)
{
  GString *out = g_string_new (NULL);
  gboolean last_space = TRUE;
  gsize pos = from;

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      if (m->start < pos || m->end > to)
        continue;
      append_escaped (out, text + pos, m->start - pos, &last_space);
      g_string_append (out, "<b>");
      last_space = FALSE;
      append_escaped (out, text + m->start, m->end - m->start, &last_space);
      g_string_append (out, "</b>");
      last_space = FALSE;
      pos = m->end;
    }
  append_escaped (out, text + pos, to - pos, &last_space);
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

char *
grm_search_query_highlight (const GrmSearchQuery *query,
                            const char           *text,
                            gssize                len)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) matches = NULL;

  g_return_val_if_fail (query != NULL, NULL);

  valid = g_utf8_make_valid (text ? text : "", len);
  matches = find_matches (query, valid, strlen (valid));
  return markup (valid, 0, strlen (valid), matches);
}

static gsize
char_start (const char *text,
            gsize       i)
{
  while (i > 0 && ((guchar) text[i] & 0xC0) == 0x80)
    i--;
  return i;
}

static char *
collect_words (const char *text,
               GArray     *matches)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GString *words = g_string_new (NULL);

  for (guint i = 0; i < matches->len && g_hash_table_size (seen) < 16; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);
      char *word = g_strndup (text + m->start, m->end - m->start);

      /* A word broken over two lines cannot be found as written. */
      if (strpbrk (word, " \t\r\n") || g_hash_table_contains (seen, word))
        {
          g_free (word);
          continue;
        }
      if (words->len > 0)
        g_string_append_c (words, ' ');
      g_string_append (words, word);
      g_hash_table_add (seen, word);
    }
  return g_string_free (words, FALSE);
}

char *
grm_search_query_snippet (const GrmSearchQuery *query,
                          const char           *text,
                          gssize                len,
                          guint                 width,
                          char                **words)
{
  g_autofree char *valid = NULL;
  g_autoptr(GArray) matches = NULL;
  gsize n, span, from = 0, to, best = 0;
  guint best_count = 0;
  GString *out;
  char *body;

  g_return_val_if_fail (query != NULL, NULL);

  valid = g_utf8_make_valid (text ? text : "", len);
  n = strlen (valid);
  matches = find_matches (query, valid, n);
  if (words)
    *words = collect_words (valid, matches);

  /* Bytes, not characters: German text is mostly ASCII. */
  span = MAX (width, 40) + MAX (width, 40) / 10;

  /* The window that starts at a match and holds the most distinct terms. */
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);
      guint64 seen = 0;
      guint count = 0;

      for (guint j = i; j < matches->len; j++)
        {
          const Match *o = &g_array_index (matches, Match, j);

          if (o->start >= m->start + span * 3 / 4)
            break;
          if (!(seen & (G_GUINT64_CONSTANT (1) << o->term)))
            count++;
          seen |= G_GUINT64_CONSTANT (1) << o->term;
        }
      if (count > best_count)
        {
          best_count = count;
          best = i;
        }
    }

  if (best_count > 0)
    {
      gsize at = g_array_index (matches, Match, best).start;

      from = at > span / 4 ? at - span / 4 : 0;
    }
  /* Skip leading whitespace and start on a word. */
  from = char_start (valid, from);
  if (from > 0)
    {
      const char *space = NULL;

      for (gsize k = from; k < n && k < from + 24; k++)
        if (valid[k] == ' ' || valid[k] == '\n')
          {
            space = valid + k;
            break;
          }
      if (space)
        from = space - valid + 1;
    }
  while (from < n && g_ascii_isspace (valid[from]))
    from++;

  to = MIN (n, from + span);
  to = char_start (valid, to);
  if (to < n)
    {
      gsize k = to;

      while (k > from + span / 2 && valid[k] != ' ' && valid[k] != '\n')
        k--;
      if (k > from + span / 2)
        to = k;
    }
  /* Never cut a match in two. */
  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = &g_array_index (matches, Match, i);

      if (m->start < to && m->end > to)
        to = m->end;
    }

  body = markup (valid, from, to, matches);
  out = g_string_new (NULL);
  if (from > 0)
    g_string_append (out, "…");
  g_string_append (out, body);
  if (to < n && body[0] != '\0')
    g_string_append (out, "…");
  g_free (body);
  return g_string_free (out, FALSE);
}
