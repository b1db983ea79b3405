/* test-search-fold.c: German folding, query escaping and snippets (pure).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "grm-fold.h"
#include "grm-search-query.h"

static void
assert_fold (const char *in,
             const char *expected)
{
  g_autofree char *out = grm_fold (in, -1);

  g_assert_cmpstr (out, ==, expected);
}

static void
test_fold_german (void)
{
  assert_fold ("Straße", "strasse");
  assert_fold ("Strasse", "strasse");
  assert_fold ("STRASSE", "strasse");
  assert_fold ("München", "munchen");
  assert_fold ("Muenchen", "munchen");
  assert_fold ("MÜNCHEN", "munchen");
  assert_fold ("Grötzingen", "grotzingen");
  assert_fold ("Groetzingen", "grotzingen");
  assert_fold ("Ärger Äpfel", "arger apfel");
  assert_fold ("Aepfel", "apfel");
  /* Decomposed umlauts, as some PDFs carry them. */
  assert_fold ("Mu\xcc\x88nchen", "munchen");
  assert_fold ("Café Noël", "cafe nol");
  assert_fold ("Noel", "nol");
  assert_fold ("ﬁnanzen", "finanzen");
  assert_fold ("ẞ", "ss");
  /* A transcription 'e' is dropped once: "Feuer" and "Feür" agree. */
  assert_fold ("Feuer", "feur");
  assert_fold ("Feüer", "feur");
}

static void
test_fold_separators (void)
{
  assert_fold ("  Radweg,  Südstadt!\n", "radweg sudstadt ");
  assert_fold ("„Zitat“ – Ende…", "zitat ende ");
  assert_fold ("snake_case", "snake case");
  assert_fold ("Karl-Weysser-Straße", "karl weysser strasse");
  /* A word broken at the end of a line is one word again. */
  assert_fold ("wün-\nschenswert", "wunschenswert");
  assert_fold ("Radwege-\n  planung", "radwegeplanung");
  /* A capital after the line break is a real hyphen. */
  assert_fold ("Karl-\nWeysser", "karl weysser");
  assert_fold ("Ent\xc2\xadwurf", "entwurf");
  assert_fold ("\xff\xfe broken", "broken");
  assert_fold ("", "");
}

static void
test_fold_references (void)
{
  assert_fold ("0123/2020", "0123_2020");
  assert_fold ("Vorlage V-4/2007 neu", "vorlage v_4_2007 neu");
  assert_fold ("Nr. 2013/0140.", "nr 2013_0140 ");
  assert_fold ("GR/2015/123", "gr_2015_123");
  /* Without a digit or a slash it is not a reference. */
  assert_fold ("Straße/Ecke", "strasse ecke");
  assert_fold ("km/h", "km h");
  assert_fold ("A-4", "a 4");
  /* Inside a word it is not a reference either. */
  assert_fold ("Maß2/3", "mass2 3");
}

static void
test_fold_map (void)
{
  const char *text = "Ä ß x";
  g_autoptr(GArray) map = g_array_new (FALSE, FALSE, sizeof (guint32));
  GString *out = g_string_new (NULL);

  grm_fold_append (out, text, -1, map);
  g_assert_cmpstr (out->str, ==, "a ss x");
  g_assert_cmpuint (map->len, ==, out->len);
  g_assert_cmpuint (g_array_index (map, guint32, 0), ==, 0);
  g_assert_cmpuint (g_array_index (map, guint32, 2), ==, 3);
  g_assert_cmpuint (g_array_index (map, guint32, 3), ==, 3);
  g_assert_cmpuint (g_array_index (map, guint32, 5), ==, 6);
  g_string_free (out, TRUE);
}

static void
test_query_escaping (void)
{
  struct { const char *in; const char *match; } cases[] = {
    { "Radweg Südstadt", "\"radweg\"* \"sudstadt\"*" },
    { "Straße", "\"strasse\"*" },
    { "0123/2020", "\"0123_2020\"*" },
    { "\"Radweg Süd\" Plan", "\"radweg sud\" \"plan\"*" },
    { "a OR b", "\"a\" \"or\" \"b\"" },
    { "NEAR(a b)", "\"near\"* \"a\" \"b\"" },
    { "x' OR 1=1; DROP TABLE search_doc; --", "\"x\" \"or\" \"1\" \"1\" \"drop\"* \"table\"* \"search\"* \"doc\"*" },
    { "\"unclosed", "\"unclosed\"" },
    { "*", NULL },
    { "   ", NULL },
    { "\"\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GrmSearchQuery) q = grm_search_query_new (cases[i].in);

      g_assert_cmpstr (q->match, ==, cases[i].match);
    }
}

static void
test_query_limit (void)
{
  GString *many = g_string_new (NULL);
  g_autoptr(GrmSearchQuery) q = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append_printf (many, "wort%d ", i);
  q = grm_search_query_new (many->str);
  g_assert_cmpuint (q->terms->len, ==, GRM_SEARCH_QUERY_MAX_TERMS);
  g_string_free (many, TRUE);
}

static void
test_snippet (void)
{
  g_autoptr(GrmSearchQuery) q = grm_search_query_new ("strasse radweg");
  g_autofree char *words = NULL;
  g_autofree char *s = NULL;
  g_autofree char *h = NULL;
  GString *text = g_string_new (NULL);

  for (int i = 0; i < 40; i++)
    g_string_append (text, "Füllwort ");
  g_string_append (text, "Der <Radwegeplanung> an der Weingartner Straße & mehr.\n\n");
  for (int i = 0; i < 40; i++)
    g_string_append (text, "Nachwort ");

  s = grm_search_query_snippet (q, text->str, -1, 120, &words);
  g_assert_nonnull (strstr (s, "<b>Radwegeplanung</b>"));
  g_assert_nonnull (strstr (s, "<b>Straße</b> &amp; mehr"));
  g_assert_true (g_str_has_prefix (s, "…"));
  g_assert_true (g_str_has_suffix (s, "…"));
  g_assert_null (strstr (s, "<Radweg"));
  g_assert_null (strchr (s, '\n'));
  g_assert_cmpstr (words, ==, "Radwegeplanung Straße");
  g_assert_true (pango_parse_markup (s, -1, 0, NULL, NULL, NULL, NULL));

  h = grm_search_query_highlight (q, "Muenchener <i>Strasse</i>", -1);
  g_assert_cmpstr (h, ==, "Muenchener &lt;i&gt;<b>Strasse</b>&lt;/i&gt;");
  g_string_free (text, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/search/fold/german", test_fold_german);
  g_test_add_func ("/search/fold/separators", test_fold_separators);
  g_test_add_func ("/search/fold/references", test_fold_references);
  g_test_add_func ("/search/fold/map", test_fold_map);
  g_test_add_func ("/search/query/escaping", test_query_escaping);
  g_test_add_func ("/search/query/limit", test_query_limit);
  g_test_add_func ("/search/query/snippet", test_snippet);
  return g_test_run ();
}
