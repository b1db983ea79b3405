/* test-oparl.c: table tests of the OParl normaliser and the date parser,
 * and every real quirk file in shared/data/oparl/quirks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-date.h"
#include "grm-oparl.h"

static void
test_dates (void)
{
  static const struct { const char *in; const char *out; gint64 utc; } datetimes[] = {
    { "2020-01-02T10:00:00+01:00", "2020-01-02T10:00:00+01:00", 1577955600 },
    { "1971-05-04T00:00:00+01::00", "1971-05-04T00:00:00+01:00", 42159600 },
    { "2020-01-02T09:00:00Z", "2020-01-02T09:00:00+00:00", 1577955600 },
    { "2020-01-02T10:00:00.123+0100", "2020-01-02T10:00:00+01:00", 1577955600 },
    { "2020-07-02 10:00:00", "2020-07-02T10:00:00+02:00", 1593676800 },   /* Berlin, summer */
    { "2020-01-02T10:00", "2020-01-02T10:00:00+01:00", 1577955600 },
    { "2020-01-02", "2020-01-02T00:00:00+01:00", 1577919600 },
    { " 2020-01-02T10:00:00+01:00 ", "2020-01-02T10:00:00+01:00", 1577955600 },
  };
  static const char * const bad[] = {
    "", "N/A", "2020-02-30", "2021-02-29T10:00:00+01:00", "2020-13-01", "2020-00-10",
    "2020-01-02T25:00:00", "2020-01-02T10:61:00", "2020-01-02T10:00:00+99:00", "20-01-02",
    "2020-01-02T10:00:00+01:00junk", "2020/01/02", "0000-01-01", "2020-01-02T", NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (datetimes); i++)
    {
      g_autofree char *norm = NULL;
      gint64 utc = 0;

      g_assert_true (grm_date_parse_datetime (datetimes[i].in, &norm, &utc));
      g_assert_cmpstr (norm, ==, datetimes[i].out);
      g_assert_cmpint (utc, ==, datetimes[i].utc);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (grm_date_parse_datetime (bad[i], NULL, NULL));
  {
    g_autofree char *d = NULL;

    g_assert_true (grm_date_parse_date ("1975-05-04T00:00:00+01::00", &d));
    g_assert_cmpstr (d, ==, "1975-05-04");
    g_assert_false (grm_date_parse_date ("2019-02-29", NULL));
  }
  {
    g_autofree char *w = grm_date_format_utc (1577955600);

    g_assert_cmpstr (w, ==, "2020-01-02T09:00:00Z");
  }
}

static GrmOparlObject *
parse (const char   *json,
       GrmOparlType  expected)
{
  g_autoptr(GError) error = NULL;
  GrmOparlObject *o = grm_oparl_parse_object (json, -1, expected, &error);

  g_assert_no_error (error);
  g_assert_nonnull (o);
  return o;
}

static void
test_types (void)
{
  g_assert_cmpint (grm_oparl_type_from_string ("https://schema.oparl.org/1.0/Paper"), ==, GRM_OPARL_PAPER);
  g_assert_cmpint (grm_oparl_type_from_string ("https://schema.oparl.org/1.1/AgendaItem"), ==, GRM_OPARL_AGENDA_ITEM);
  g_assert_cmpint (grm_oparl_type_from_string ("File"), ==, GRM_OPARL_FILE);
  g_assert_cmpint (grm_oparl_type_from_string ("https://schema.oparl.org/1.1/Paper/"), ==, GRM_OPARL_PAPER);
  g_assert_cmpint (grm_oparl_type_from_string ("Unknown"), ==, GRM_OPARL_UNKNOWN);
  g_assert_cmpint (grm_oparl_type_from_string (""), ==, GRM_OPARL_UNKNOWN);
  g_assert_cmpint (grm_oparl_type_from_string (NULL), ==, GRM_OPARL_UNKNOWN);
}

static void
test_liberal (void)
{
  g_autoptr(GrmOparlObject) m = NULL;
  g_autoptr(GrmOparlObject) stub = NULL;
  g_autoptr(GrmOparlObject) p = NULL;
  GrmOparlObject *child;

  /* An object where an array belongs, "" and "N/A" as absent, a URL and an
   * embedded object side by side, an agenda item ordered by `order`. */
  m = parse ("{\"id\":\"https://x/m/1\",\"type\":\"https://schema.oparl.org/1.1/Meeting\","
             "\"name\":\"  Rat \\u00a0\",\"meetingState\":\"\",\"start\":\"2020-01-02T18:00:00+01::00\","
             "\"end\":\"2020-02-30T10:00:00\",\"cancelled\":\"true\",\"location\":\"N/A\","
             "\"organization\":\"https://x/o/1\","
             "\"agendaItem\":[\"https://x/a/0\",{\"id\":\"https://x/a/1\",\"number\":\"Ö 1\",\"order\":\"7\","
             "\"public\":false},{\"id\":\"https://x/a/2\",\"type\":\"AgendaItem\"}],"
             "\"invitation\":{\"id\":\"https://x/f/1\",\"accessUrl\":\"https://x/f/1.pdf\",\"downloadUrl\":\"\","
             "\"size\":\"1234\",\"sha512Checksum\":\"ABC\"}}", GRM_OPARL_UNKNOWN);
  g_assert_cmpint (m->type, ==, GRM_OPARL_MEETING);
  g_assert_cmpstr (m->name, ==, "Rat");
  g_assert_null (m->meeting_state);
  g_assert_null (m->location);
  g_assert_null (m->end);
  g_assert_false (m->has_end_utc);
  g_assert_cmpstr (m->start, ==, "2020-01-02T18:00:00+01:00");
  g_assert_true (m->cancelled);
  g_assert_cmpuint (m->children->len, ==, 3);
  /* Children come in the order of the properties in the spec. */
  child = g_ptr_array_index (m->children, 1);
  g_assert_cmpstr (child->id, ==, "https://x/a/1");
  g_assert_cmpint (child->type, ==, GRM_OPARL_AGENDA_ITEM);
  g_assert_cmpstr (child->parent, ==, "https://x/m/1");
  g_assert_cmpint (child->position, ==, 1);
  g_assert_true (child->has_order);
  g_assert_cmpint (child->order, ==, 7);
  g_assert_cmpint (child->public_, ==, 0);
  g_assert_cmpstr (child->meeting, ==, "https://x/m/1");
  child = g_ptr_array_index (m->children, 2);
  g_assert_cmpint (child->position, ==, 2);   /* owned, even if only {id, type} */
  child = g_ptr_array_index (m->children, 0);
  g_assert_cmpint (child->type, ==, GRM_OPARL_FILE);
  g_assert_null (child->download_url);
  g_assert_cmpint (child->size, ==, 1234);
  g_assert_cmpstr (child->sha512_checksum, ==, "abc");
  {
    guint n_org = 0, n_items = 0;

    for (guint i = 0; i < m->refs->len; i++)
      {
        GrmOparlRef *ref = g_ptr_array_index (m->refs, i);

        n_org += strcmp (ref->rel, "organization") == 0;
        n_items += strcmp (ref->rel, "agendaItem") == 0 && ref->owned;
      }
    g_assert_cmpuint (n_org, ==, 1);
    g_assert_cmpuint (n_items, ==, 3);
  }

  /* A deleted stub without type takes the list's type. */
  stub = parse ("{\"id\":\"https://x/p/9\",\"created\":\"2020-01-01T00:00:00+01:00\",\"deleted\":true}",
                GRM_OPARL_PAPER);
  g_assert_cmpint (stub->type, ==, GRM_OPARL_PAPER);
  g_assert_true (stub->deleted);

  /* A reference that is only {id, type} is a reference, not an object. */
  p = parse ("{\"id\":\"https://x/b/1\",\"type\":\"https://schema.oparl.org/1.0/Body\","
             "\"location\":{\"id\":\"https://x/l/1\",\"type\":\"https://schema.oparl.org/1.0/Location\"},"
             "\"paper\":\"https://x/b/1/papers\"}", GRM_OPARL_UNKNOWN);
  g_assert_cmpuint (p->children->len, ==, 0);
  g_assert_cmpstr (grm_oparl_object_get_list (p, "paper"), ==, "https://x/b/1/papers");
}

static void
test_pages (void)
{
  static const struct { const char *json; guint n; const char *next; gboolean ok; } pages[] = {
    { "{\"data\":[{\"id\":\"a\",\"type\":\"Paper\"},{\"type\":\"Paper\"},{\"id\":\"\"}],"
      "\"links\":{\"next\":\"https://x/p?page=2\"}}", 1, "https://x/p?page=2", TRUE },
    { "[{\"id\":\"a\"},{\"id\":\"b\"}]", 2, NULL, TRUE },
    { "{\"id\":\"https://x/b/1\",\"type\":\"Body\"}", 1, NULL, TRUE },
    { "{\"data\":[],\"links\":{\"next\":\"\"}}", 0, NULL, TRUE },
    { "{\"code\":404,\"message\":\"Keine Daten gefunden\"}", 0, NULL, TRUE },
    { "{\"data\":[{\"id\":1},{\"id\":null},\"x\",3,[]]}", 0, NULL, TRUE },
    { "{\"data\":[{\"id\":\"a\"", 0, NULL, FALSE },
    { "<!DOCTYPE html><html></html>", 0, NULL, FALSE },
    { "", 0, NULL, FALSE },
    { "{\"data\":42}", 0, NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GPtrArray) objects = NULL;
      g_autofree char *next = NULL;
      g_autoptr(GError) error = NULL;
      gboolean ok = grm_oparl_parse_page (pages[i].json, -1, GRM_OPARL_PAPER, &objects, &next, &error);

      g_assert_cmpint (ok, ==, pages[i].ok);
      if (!ok)
        {
          g_assert_nonnull (error);
          continue;
        }
      g_assert_cmpuint (objects->len, ==, pages[i].n);
      g_assert_cmpstr (next, ==, pages[i].next);
    }
}

static void
test_deep_nesting (void)
{
  GString *s = g_string_new (NULL);
  g_autoptr(GPtrArray) objects = NULL;
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (s, '[');
  g_assert_false (grm_oparl_parse_page (s->str, s->len, GRM_OPARL_PAPER, &objects, NULL, &error));
  g_assert_nonnull (error);
  g_string_free (s, TRUE);
}

static char *
quirk_path (const char *name)
{
  return g_build_filename (g_getenv ("GRM_SHARED_DATA"), "oparl", "quirks", name, NULL);
}

static GrmOparlObject *
parse_file (const char *name)
{
  g_autofree char *path = quirk_path (name);
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  {
    g_autoptr(GError) error = NULL;
    GrmOparlObject *o = grm_oparl_parse_object (contents, len, GRM_OPARL_UNKNOWN, &error);

    g_assert_no_error (error);
    return o;
  }
}

/* Every quirk file parses; the known traps come out right. */
static void
test_quirks (void)
{
  g_autofree char *dir = quirk_path ("");
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autoptr(GrmOparlObject) o = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      o = parse_file (name);
      g_assert_cmpint (o->type, !=, GRM_OPARL_UNKNOWN);
      n++;
    }
  g_assert_cmpuint (n, >=, 9);

  {
    g_autoptr(GrmOparlObject) bonn = parse_file ("bonn-ccegov-body-colon-offset.json");
    GrmOparlObject *term = g_ptr_array_index (bonn->children, 0);

    g_assert_cmpint (term->type, ==, GRM_OPARL_LEGISLATIVE_TERM);
    g_assert_cmpstr (term->start_date, ==, "1971-05-04");
    g_assert_cmpstr (term->end_date, ==, "1975-05-04");
    g_assert_cmpstr (term->created, ==, "2019-12-16T11:21:11+01:00");
    g_assert_cmpstr (term->parent, ==, bonn->id);
  }
  {
    g_autoptr(GrmOparlObject) paper = parse_file ("karlsruhe-deleted-paper.json");

    g_assert_true (paper->deleted);
    g_assert_null (paper->name);
    g_assert_null (paper->reference);
    g_assert_null (paper->paper_type);
  }
  {
    g_autoptr(GrmOparlObject) leipzig = parse_file ("system-Stadt-Leipzig.json");
    g_autoptr(GrmOparlObject) leipzig_body = parse_file ("body-Stadt-Leipzig.json");

    g_assert_null (leipzig->name);      /* "N/A" */
    g_assert_null (leipzig->website);
    g_assert_null (leipzig_body->short_name);   /* "" */
    g_assert_null (leipzig_body->created);
    g_assert_cmpuint (leipzig_body->children->len, ==, 2);
    g_assert_cmpstr (grm_oparl_object_get_list (leipzig, "body"), ==,
                     "https://ratsinfo.leipzig.de/bi/oparl/1.0/bodies.asp");
  }
  {
    g_autoptr(GrmOparlObject) krefeld = parse_file ("body-Stadt-Krefeld.json");

    /* The location is only {id, type}: a reference to fetch, not an object. */
    g_assert_cmpuint (krefeld->children->len, ==, 0);
    g_assert_nonnull (grm_oparl_object_get_list (krefeld, "paper"));
  }
  {
    g_autoptr(GrmOparlObject) meeting = parse_file ("mst-oparl-missing/meeting.json");

    g_assert_cmpint (meeting->type, ==, GRM_OPARL_MEETING);
    g_assert_cmpuint (meeting->children->len, >=, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oparl/dates", test_dates);
  g_test_add_func ("/oparl/types", test_types);
  g_test_add_func ("/oparl/liberal", test_liberal);
  g_test_add_func ("/oparl/pages", test_pages);
  g_test_add_func ("/oparl/deep-nesting", test_deep_nesting);
  g_test_add_func ("/oparl/quirks", test_quirks);
  return g_test_run ();
}
