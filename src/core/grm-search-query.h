/* grm-search-query.h: what the user typed, made into a safe FTS5 query,
 * and the snippets and highlights of the hits it finds.
 *
 * Any input is a search, never an error: everything the user types is
 * folded (see grm-fold.h) into plain words, and each word becomes a quoted
 * FTS5 string, so quotes, '*', '-', NEAR, AND, parentheses and SQL cannot
 * reach the FTS5 parser as syntax. Text inside double quotes is a phrase;
 * every other word of three or more characters also finds the words it
 * begins (compounds: "Radweg" finds "Radwegeplanung"). All words must occur.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char      *match;    /* the FTS5 MATCH expression; NULL: nothing to search */
  GPtrArray *terms;    /* folded words (char *), for highlighting */
  GArray    *prefix;   /* gboolean per term: also matches longer words */
} GrmSearchQuery;

/* The longest query that is still honoured; further words are ignored. */
#define GRM_SEARCH_QUERY_MAX_TERMS 16

GrmSearchQuery *grm_search_query_new    (const char           *input);
void            grm_search_query_free   (GrmSearchQuery       *query);

/* Whether the folded word @word (@len bytes) is one the query looks for. */
gboolean        grm_search_query_matches_word (const GrmSearchQuery *query,
                                               const char           *word,
                                               gsize                 len);
/* The index of the first term that matches @word (as above), or -1. */
int             grm_search_query_find_term    (const GrmSearchQuery *query,
                                               const char           *word,
                                               gsize                 len);

/* Pango markup of @text (escaped) with every matching word in <b>. */
char           *grm_search_query_highlight (const GrmSearchQuery *query,
                                            const char           *text,
                                            gssize                len);

/* Pango markup of a window of about @width characters of @text around the
 * place where most query words occur, escaped, matching words in <b>,
 * "…" where text was cut; whitespace is collapsed. When @words is not NULL
 * it receives the distinct matching words of the whole text as they are
 * written there, separated by spaces (for highlighting in a viewer). */
char           *grm_search_query_snippet   (const GrmSearchQuery *query,
                                            const char           *text,
                                            gssize                len,
                                            guint                 width,
                                            char                **words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSearchQuery, grm_search_query_free)

G_END_DECLS
