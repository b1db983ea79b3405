/* test-search-index.c: the index finds real council text on the right
 * file and page, Drucksachen numbers, umlauts and compounds; hostile input
 * never fails; changes and deletions reach the index.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <pango/pango.h>
#include <string.h>

#include "grm-fold.h"
#include "grm-search.h"
#include "grm-text-extract.h"
#include "search-test-data.h"

typedef struct
{
  char      *dir;
  char      *files_dir;
  GrmStore  *store;
  GPtrArray *texts;
} Fixture;

/* Shared by all tests: loading and indexing takes a few seconds. */
static Fixture fx;

static GPtrArray *
search (const char *text,
        guint       per_kind)
{
  g_autoptr(GrmSearchRequest) request = grm_search_request_new (text);
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = NULL;

  request->per_kind = per_kind;
  g_assert_true (grm_store_read_sync (fx.store, grm_search_run_job, request,
                                      (gpointer *) &hits, &error));
  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static int
find_hit (GPtrArray    *hits,
          GrmSearchKind kind,
          const char   *target,
          int           page)
{
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == kind && g_strcmp0 (hit->target, target) == 0
          && (page < 0 || hit->page == page))
        return i;
    }
  return -1;
}

static void
index_now (void)
{
  g_autoptr(GrmSearchIndexer) indexer = grm_text_extract_indexer_new (fx.store, fx.files_dir);
  g_autoptr(GError) error = NULL;

  g_assert_true (grm_search_indexer_run_sync (indexer, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* Three consecutive folded words of five letters or more from @text, as a
 * quoted phrase, or NULL. */
static char *
pick_phrase (const char *text,
             gsize       len,
             guint       skip)
{
  g_autofree char *folded = grm_fold (text, len);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  guint n = g_strv_length (words);

  for (guint i = n / 3 + skip; i + 2 < n; i++)
    if (strlen (words[i]) >= 5 && strlen (words[i + 1]) >= 5 && strlen (words[i + 2]) >= 5
        && !strchr (words[i], '_') && g_ascii_isalpha (words[i][0]))
      return g_strdup_printf ("\"%s %s %s\"", words[i], words[i + 1], words[i + 2]);
  return NULL;
}

static void
test_texts_found (void)
{
  guint checked = 0;

  for (guint i = 0; i < fx.texts->len && checked < 40; i += 7)
    {
      SearchTestText *t = g_ptr_array_index (fx.texts, i);
      g_auto(GStrv) pages = g_strsplit (t->text, "\f", -1);
      guint page = g_strv_length (pages) / 2;
      g_autofree char *phrase = pick_phrase (pages[page], strlen (pages[page]), 0);
      g_autoptr(GPtrArray) hits = NULL;

      if (phrase == NULL)
        continue;
      hits = search (phrase, 50);
      g_test_message ("%s → %s page %u", phrase, t->id, page);
      g_assert_cmpint (find_hit (hits, GRM_SEARCH_KIND_FILE, t->id, page), >=, 0);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 30);
}

static char *
pdftotext_page (const char *pdf,
                int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page + 1);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", first, "-l", first, pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&out);
}

static void
test_pdf_pages_found (void)
{
  const struct { const char *file; const char *id; int pages[4]; } pdfs[] = {
    { "pdfs/text/tracemonkey.pdf", "urn:test:tracemonkey", { 0, 4, 9, 13 } },
    { "pdfs/text/GeoTopo-komprimiert.pdf", "urn:test:geotopo", { 2, 30, 77, 110 } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pdfs); i++)
    for (guint p = 0; p < 4; p++)
      {
        g_autofree char *path = search_test_data_path (pdfs[i].file);
        g_autofree char *text = pdftotext_page (path, pdfs[i].pages[p]);
        g_autofree char *phrase = pick_phrase (text, -1, 0);
        g_autoptr(GPtrArray) hits = NULL;
        int at;

        g_assert_nonnull (phrase);
        hits = search (phrase, 50);
        at = find_hit (hits, GRM_SEARCH_KIND_FILE, pdfs[i].id, pdfs[i].pages[p]);
        g_test_message ("%s → %s page %d: hit %d", phrase, pdfs[i].id, pdfs[i].pages[p], at);
        g_assert_cmpint (at, >=, 0);
        g_assert_nonnull (((GrmSearchHit *) g_ptr_array_index (hits, at))->words);
      }

  /* The umlauts of a PDF come out right and fold like typed ones. */
  {
    g_autoptr(GPtrArray) hits = search ("ÜÄ", 10);

    g_assert_cmpint (find_hit (hits, GRM_SEARCH_KIND_FILE, "urn:test:umlaut", 0), >=, 0);
  }
}

static void
test_unreadable_files_skipped (void)
{
  g_autoptr(GrmDb) db = grm_store_open_reader (fx.store, NULL);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT target, state, error FROM search_source WHERE source = 'pdf' ORDER BY target", NULL);
  guint failed = 0, done = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *target = grm_db_column_text (stmt, 0);
      const char *state = grm_db_column_text (stmt, 1);

      if (g_str_equal (target, "urn:test:bad") || g_str_equal (target, "urn:test:encrypted"))
        {
          g_assert_cmpstr (state, ==, "failed");
          g_assert_nonnull (grm_db_column_text (stmt, 2));
          failed++;
        }
      else
        {
          g_assert_cmpstr (state, ==, "done");
          done++;
        }
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (failed, ==, 2);
  g_assert_cmpuint (done, ==, 3);
}

static void
test_reference_first (void)
{
  g_autoptr(GrmDb) db = grm_store_open_reader (fx.store, NULL);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT o.id, p.reference FROM object o JOIN paper p ON p.oid = o.oid "
      "WHERE p.reference LIKE '%/%' ORDER BY o.oid LIMIT 20", NULL);
  guint checked = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *id = grm_db_column_text (stmt, 0);
      const char *reference = grm_db_column_text (stmt, 1);
      g_autoptr(GPtrArray) hits = search (reference, 10);
      GrmSearchHit *first;

      g_assert_cmpuint (hits->len, >, 0);
      first = g_ptr_array_index (hits, 0);
      g_test_message ("%s → %s (%s)", reference, first->target, first->title);
      g_assert_cmpint (first->kind, ==, GRM_SEARCH_KIND_PAPER);
      g_assert_cmpstr (first->target, ==, id);
      checked++;
    }
  sqlite3_reset (stmt);
  g_assert_cmpuint (checked, ==, 20);
}

static guint
count_files (const char *query)
{
  g_autoptr(GPtrArray) hits = search (query, 1000);
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    n += ((GrmSearchHit *) g_ptr_array_index (hits, i))->kind == GRM_SEARCH_KIND_FILE;
  return n;
}

static void
test_german (void)
{
  g_autoptr(GPtrArray) hits = NULL;
  guint strasse = count_files ("Straße");

  /* Umlauts, ß and their spellings without them find the same files. */
  g_assert_cmpuint (strasse, >, 5);
  g_assert_cmpuint (count_files ("Strasse"), ==, strasse);
  g_assert_cmpuint (count_files ("STRASSE"), ==, strasse);
  g_assert_cmpuint (count_files ("Grötzingen"), >, 0);
  g_assert_cmpuint (count_files ("Groetzingen"), ==, count_files ("Grötzingen"));
  g_assert_cmpuint (count_files ("grotzingen"), ==, count_files ("Grötzingen"));

  /* A word finds the compounds it begins. */
  g_assert_cmpuint (count_files ("Radweg"), >, count_files ("\"Radweg\""));

  hits = search ("radweg strasse", 10);
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->kind == GRM_SEARCH_KIND_FILE)
        {
          g_assert_nonnull (strstr (hit->snippet_markup, "<b>"));
          g_assert_true (pango_parse_markup (hit->snippet_markup, -1, 0, NULL, NULL, NULL, NULL));
        }
    }
}

static void
test_filters (void)
{
  g_autoptr(GrmDb) db = grm_store_open_reader (fx.store, NULL);
  sqlite3_stmt *stmt = grm_db_prepare (db,
      "SELECT p.paper_type, r.target FROM paper p JOIN consultation c ON c.paper = "
      "  (SELECT id FROM object WHERE oid = p.oid) "
      "JOIN object_ref r ON r.oid = c.oid AND r.rel = 'organization' "
      "WHERE p.paper_type IS NOT NULL LIMIT 1", NULL);
  g_autofree char *type = NULL;
  g_autofree char *committee = NULL;
  g_autoptr(GrmSearchRequest) request = grm_search_request_new ("Karlsruhe");
  g_autoptr(GPtrArray) all = search ("Karlsruhe", 50);
  GPtrArray *hits = NULL;

  g_assert_true (sqlite3_step (stmt) == SQLITE_ROW);
  type = grm_db_column_dup (stmt, 0);
  committee = grm_db_column_dup (stmt, 1);
  sqlite3_reset (stmt);

  /* Dates: every hit lies in the range, and the range removes some. */
  request->per_kind = 50;
  request->date_from = g_strdup ("2014-01-01");
  request->date_to = g_strdup ("2015-12-31");
  g_assert_true (grm_store_read_sync (fx.store, grm_search_run_job, request, (gpointer *) &hits, NULL));
  g_assert_cmpuint (hits->len, >, 0);
  g_assert_cmpuint (hits->len, <, all->len);
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_cmpstr (hit->date, >=, "2014-01-01");
      g_assert_cmpstr (hit->date, <=, "2015-12-31");
    }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Paper type: papers of that type and their documents only. */
  g_clear_pointer (&request->date_from, g_free);
  g_clear_pointer (&request->date_to, g_free);
  request->paper_type = g_strdup (type);
  g_assert_true (grm_store_read_sync (fx.store, grm_search_run_job, request, (gpointer *) &hits, NULL));
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);

      g_assert_true (hit->kind == GRM_SEARCH_KIND_PAPER || hit->kind == GRM_SEARCH_KIND_FILE);
    }
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Committee: everything found is consulted in or belongs to it. */
  g_clear_pointer (&request->paper_type, g_free);
  g_free (request->text);
  request->text = g_strdup ("Antrag");
  request->committee = g_strdup (committee);
  g_assert_true (grm_store_read_sync (fx.store, grm_search_run_job, request, (gpointer *) &hits, NULL));
  g_assert_cmpuint (hits->len, >, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_free (request->committee);
  request->committee = g_strdup ("urn:test:no-such-committee");
  g_assert_true (grm_store_read_sync (fx.store, grm_search_run_job, request, (gpointer *) &hits, NULL));
  g_assert_cmpuint (hits->len, ==, 0);
  g_ptr_array_unref (hits);
}

static void
test_hostile_queries (void)
{
  const char *queries[] = {
    "\"", "\"\"", "\"\"\"", "*", "**", "-", "--", "- Radweg", "-Radweg", "NOT",
    "AND", "OR", "NEAR", "NEAR(", "NEAR(a b, 3)", "a AND", "OR b", "(", ")", "(((",
    "Radweg)", "title:Radweg", "{title body}: x", "^Radweg", "Radweg*", "*Radweg",
    "'; DROP TABLE search_doc; --", "1' OR '1'='1", "\\", "%", "_", "a_b", "%%%%",
    "Straße\"Radweg", "\xff\xfe\xfd", "\xc3", "😀🚲", "​", "\t\n\r", "0123/2020",
    "V-4/2007", "search_index MATCH 'x'", "rank", "rowid", "x\" OR \"y", "+", "a:b:c",
    "\"Radweg", "Radweg\"", "ÄÖÜß", "---Radweg---", "$$$", "NULL", "\f",
  };
  g_autoptr(GString) longest = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GPtrArray) hits = search (queries[i], 10);

      for (guint j = 0; j < hits->len; j++)
        {
          GrmSearchHit *hit = g_ptr_array_index (hits, j);

          g_assert_true (pango_parse_markup (hit->title_markup, -1, 0, NULL, NULL, NULL, NULL));
          g_assert_true (pango_parse_markup (hit->snippet_markup, -1, 0, NULL, NULL, NULL, NULL));
        }
    }
  for (int i = 0; i < 2000; i++)
    g_string_append (longest, "Rad\"(*- ");
  g_ptr_array_unref (search (longest->str, 10));
}

static void
test_changes (void)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) gone = NULL;
  g_autoptr(GPtrArray) text = NULL;
  SearchTestText *t = g_ptr_array_index (fx.texts, 3);

  /* A renamed paper: the new word is found, the old one is not. */
  search_test_exec (fx.store,
      "INSERT INTO object (id, type, modified) VALUES ('urn:test:paper', 'Paper', '1')", NULL, NULL);
  search_test_exec (fx.store,
      "INSERT INTO paper (oid, name, reference) SELECT oid, 'Zebrastreifenfahrplan', 'Z-1/2099' "
      "FROM object WHERE id = 'urn:test:paper'", NULL, NULL);
  index_now ();
  before = search ("Zebrastreifen", 10);
  g_assert_cmpint (find_hit (before, GRM_SEARCH_KIND_PAPER, "urn:test:paper", -1), ==, 0);

  search_test_exec (fx.store, "UPDATE paper SET name = 'Giraffenweg' WHERE oid = "
                    "(SELECT oid FROM object WHERE id = 'urn:test:paper')", NULL, NULL);
  search_test_exec (fx.store, "UPDATE object SET modified = '2' WHERE id = 'urn:test:paper'", NULL, NULL);
  index_now ();
  after = search ("Zebrastreifen", 10);
  g_assert_cmpint (find_hit (after, GRM_SEARCH_KIND_PAPER, "urn:test:paper", -1), <, 0);
  g_ptr_array_unref (after);
  after = search ("Giraffenweg", 10);
  g_assert_cmpint (find_hit (after, GRM_SEARCH_KIND_PAPER, "urn:test:paper", -1), ==, 0);

  /* A tombstone leaves the index. */
  search_test_exec (fx.store, "UPDATE object SET deleted = 1 WHERE id = 'urn:test:paper'", NULL, NULL);
  index_now ();
  gone = search ("Giraffenweg", 10);
  g_assert_cmpuint (gone->len, ==, 0);

  /* File.text changed by the server: only the new text is found. */
  search_test_exec (fx.store, "UPDATE file SET text = 'Okapigehege am Stadtgarten' WHERE oid = "
                    "(SELECT oid FROM object WHERE id = ?)", t->id, NULL);
  search_test_exec (fx.store, "UPDATE object SET modified = 'changed' WHERE id = ?", t->id, NULL);
  index_now ();
  text = search ("Okapigehege", 10);
  g_assert_cmpint (find_hit (text, GRM_SEARCH_KIND_FILE, t->id, 0), ==, 0);
  {
    g_autofree char *old = pick_phrase (t->text, strlen (t->text), 0);
    g_autoptr(GPtrArray) old_hits = old ? search (old, 100) : NULL;

    g_assert_true (old_hits == NULL || find_hit (old_hits, GRM_SEARCH_KIND_FILE, t->id, -1) < 0);
  }
}

static void
add_blob (const char *relative,
          const char *id)
{
  g_autofree char *path = search_test_data_path (relative);
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *blob = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) data, len);
  blob = g_build_filename (fx.files_dir, sha, NULL);
  g_assert_true (g_file_set_contents (blob, data, len, NULL));
  search_test_exec (fx.store, "INSERT INTO object (id, type) VALUES (?, 'File')", id, NULL);
  search_test_exec (fx.store, "INSERT INTO file (oid, name) SELECT oid, ?2 FROM object WHERE id = ?1",
                    id, relative);
  search_test_exec (fx.store, "INSERT INTO file_blob (file_id, sha256, state) VALUES (?, ?, 'stored')",
                    id, sha);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  fx.dir = g_dir_make_tmp ("grm-search-XXXXXX", &error);
  g_assert_no_error (error);
  fx.files_dir = g_build_filename (fx.dir, "files", NULL);
  g_mkdir (fx.files_dir, 0700);
  db = g_build_filename (fx.dir, "gremium.db", NULL);
  fx.store = grm_store_open (db, &error);
  g_assert_no_error (error);

  fx.texts = search_test_read_texts (400, NULL);
  search_test_load (fx.store, fx.texts, 200, 50);
  add_blob ("pdfs/text/tracemonkey.pdf", "urn:test:tracemonkey");
  add_blob ("pdfs/text/GeoTopo-komprimiert.pdf", "urn:test:geotopo");
  add_blob ("pdfs/text/german-umlaut-r.pdf", "urn:test:umlaut");
  add_blob ("pdfs/broken/bad1.pdf", "urn:test:bad");
  add_blob ("pdfs/encrypted/PasswordEncrypted.pdf", "urn:test:encrypted");
  index_now ();

  g_test_add_func ("/search/index/texts-found", test_texts_found);
  g_test_add_func ("/search/index/pdf-pages-found", test_pdf_pages_found);
  g_test_add_func ("/search/index/unreadable-files-skipped", test_unreadable_files_skipped);
  g_test_add_func ("/search/index/reference-first", test_reference_first);
  g_test_add_func ("/search/index/german", test_german);
  g_test_add_func ("/search/index/filters", test_filters);
  g_test_add_func ("/search/index/hostile-queries", test_hostile_queries);
  g_test_add_func ("/search/index/changes", test_changes);
  ret = g_test_run ();

  g_clear_object (&fx.store);
  g_ptr_array_unref (fx.texts);
  search_test_remove_tree (fx.dir);
  g_free (fx.dir);
  g_free (fx.files_dir);
  return ret;
}
