/* test-ots-shift.c: integration tests of --shift-dates (the demo's data
 * moved so that its present is today).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shifted server is compared with a plain one of the same data: the same
 * objects, every date moved by the same whole number of weeks, the same
 * weekday and Europe/Berlin wall clock time, the same formats, created and
 * modified untouched, and the same answers to paging and filters.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <stdio.h>
#include <string.h>

#include "test-ots-helpers.h"

#define TODAY "2026-11-28"

void test_shift_register (TestServer *plain_karlsruhe);
void test_shift_cleanup (void);

static TestServer *plain;     /* Karlsruhe, not shifted (owned by the caller) */
static TestServer *shifted;   /* Karlsruhe with --shift-dates --today TODAY */
static GTimeZone *berlin;

static TestServer *
shifted_karlsruhe (void)
{
  if (shifted == NULL)
    shifted = test_server_start ("karlsruhe", "--shift-dates", "--today=" TODAY, NULL);
  return shifted;
}

static int
shift_of (TestServer *server)
{
  g_autofree char *url = test_url (server, "_admin/stats");
  g_autoptr(JsonNode) stats = test_get_json (server, url, NULL);

  return json_object_get_int_member (json_node_get_object (stats), "dateShiftDays");
}

/* One list crawled: id without the server's base → object. */
static GHashTable *
crawl_by_path (TestServer *server,
               const char *path)
{
  g_autofree char *url = test_url (server, path);
  g_autoptr(GHashTable) seen = test_crawl (server, url, NULL);
  GHashTable *out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify) json_node_unref);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (out, g_strdup ((char *) key + strlen (server->base)), json_node_ref (value));

  return out;
}

/* Digits replaced by 'd': the format of a date string. */
static char *
shape (const char *value)
{
  char *out = g_strdup (value);

  for (char *p = out; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      *p = 'd';
  return out;
}

static GDateTime *
berlin_time (const char *value)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (value, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_timezone (dt, berlin);
}

static guint32
julian (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return g_date_get_julian (&date);
}

/* Checks one date-time member of a shifted object against the original;
 * returns TRUE when its UTC offset changed (a DST boundary was crossed). */
static gboolean
check_date_time (JsonObject *moved,
                 JsonObject *original,
                 const char *member,
                 int         days)
{
  const char *a = json_object_get_string_member (moved, member);
  const char *b = json_object_get_string_member (original, member);
  g_autofree char *shape_a = shape (a);
  g_autofree char *shape_b = shape (b);
  g_autoptr(GDateTime) la = berlin_time (a);
  g_autoptr(GDateTime) lb = berlin_time (b);

  g_assert_cmpstr (shape_a, ==, shape_b);
  g_assert_cmpint (g_date_time_get_day_of_week (la), ==, g_date_time_get_day_of_week (lb));
  g_assert_cmpint (g_date_time_get_hour (la), ==, g_date_time_get_hour (lb));
  g_assert_cmpint (g_date_time_get_minute (la), ==, g_date_time_get_minute (lb));
  g_assert_cmpint ((gint64) julian (la) - julian (lb), ==, days);

  return strcmp (a + strlen (a) - 6, b + strlen (b) - 6) != 0;
}

static guint32
julian_of_text (const char *text)
{
  GDate date;
  int y = 0, m = 0, d = 0;

  g_assert_cmpuint (strlen (text), ==, 10);
  g_assert_cmpint (sscanf (text, "%4d-%2d-%2d", &y, &m, &d), ==, 3);
  g_assert_true (g_date_valid_dmy (d, m, y));
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  return g_date_get_julian (&date);
}

/* A date-only value stays date-only and moves by @days (whole weeks, so the
 * weekday stays). */
static void
check_date (const char *moved,
            const char *original,
            int         days)
{
  g_assert_cmpint (days % 7, ==, 0);
  g_assert_cmpint ((gint64) julian_of_text (moved) - julian_of_text (original), ==, days);
}

static void
check_same_stamps (JsonObject *a,
                   JsonObject *b)
{
  g_assert_cmpstr (json_object_get_string_member_with_default (a, "created", NULL), ==,
                   json_object_get_string_member_with_default (b, "created", NULL));
  g_assert_cmpstr (json_object_get_string_member_with_default (a, "modified", NULL), ==,
                   json_object_get_string_member_with_default (b, "modified", NULL));
}

/* Every meeting moved by the same whole weeks, same weekday and Berlin wall
 * clock; the latest one with an agenda lies 7–13 days ahead, and at least
 * one meeting within the next 14 days. */
static void
test_karlsruhe_meetings (void)
{
  TestServer *server = shifted_karlsruhe ();
  int days = shift_of (server);
  g_autoptr(GHashTable) moved = crawl_by_path (server, "bodies/0001/meetings?limit=1000");
  g_autoptr(GHashTable) original = crawl_by_path (plain, "bodies/0001/meetings?limit=1000");
  g_autoptr(GDateTime) today = g_date_time_new (berlin, 2026, 11, 28, 0, 0, 0);
  g_autoptr(GDateTime) horizon = g_date_time_add_days (today, 14);
  g_autoptr(GDateTime) latest = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint upcoming = 0, offset_changed = 0, checked = 0;

  /* Karlsruhe's latest meeting with an agenda is on 2026-07-28: 19 weeks. */
  g_assert_cmpint (days, ==, 133);
  g_assert_cmpint (shift_of (plain), ==, 0);
  g_assert_cmpuint (g_hash_table_size (moved), ==, g_hash_table_size (original));

  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *a = json_node_get_object (value);
      JsonObject *b = json_node_get_object (g_hash_table_lookup (original, key));
      g_autoptr(GDateTime) start = NULL;

      check_same_stamps (a, b);
      if (!json_object_has_member (b, "start"))
        continue;
      offset_changed += check_date_time (a, b, "start", days);
      if (json_object_has_member (b, "end"))
        offset_changed += check_date_time (a, b, "end", days);
      checked++;

      start = berlin_time (json_object_get_string_member (a, "start"));
      if (g_date_time_compare (start, today) >= 0 && g_date_time_compare (start, horizon) < 0)
        upcoming++;
      if (json_object_has_member (a, "agendaItem") &&
          json_array_get_length (json_object_get_array_member (a, "agendaItem")) > 0 &&
          !json_object_get_boolean_member_with_default (a, "cancelled", FALSE) &&
          (latest == NULL || g_date_time_compare (start, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_date_time_ref (start);
        }
    }

  g_assert_cmpuint (checked, >, 2500);
  g_assert_cmpuint (upcoming, >=, 1);
  /* Summer meetings moved into winter: +02:00 became +01:00. */
  g_assert_cmpuint (offset_changed, >, 0);
  g_assert_nonnull (latest);
  g_assert_cmpint ((gint64) julian (latest) - julian (today), >=, 7);
  g_assert_cmpint ((gint64) julian (latest) - julian (today), <=, 13);
}

/* Paper and file dates stay date-only; organizations' dates move too. */
static void
test_karlsruhe_dates (void)
{
  TestServer *server = shifted_karlsruhe ();
  int days = shift_of (server);
  const char *paths[] = { "bodies/0001/papers?limit=1000", "bodies/0001/files?limit=1000",
                          "bodies/0001/organizations" };
  const char *members[] = { "date", "date", "startDate" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = test_url (server, paths[i]);
      g_autofree char *plain_url = test_url (plain, paths[i]);
      g_autoptr(JsonNode) page = test_get_json (server, url, NULL);
      g_autoptr(JsonNode) plain_page = test_get_json (plain, plain_url, NULL);
      JsonArray *a = json_object_get_array_member (json_node_get_object (page), "data");
      JsonArray *b = json_object_get_array_member (json_node_get_object (plain_page), "data");
      guint n_dates = 0;

      g_assert_cmpuint (json_array_get_length (a), ==, json_array_get_length (b));
      for (guint j = 0; j < json_array_get_length (a); j++)
        {
          JsonObject *oa = json_array_get_object_element (a, j);
          JsonObject *ob = json_array_get_object_element (b, j);

          check_same_stamps (oa, ob);
          if (!json_object_has_member (ob, members[i]))
            continue;
          check_date (json_object_get_string_member (oa, members[i]),
                      json_object_get_string_member (ob, members[i]), days);
          n_dates++;
        }
      g_assert_cmpuint (n_dates, >, 0);
    }
}

/* Paging (several pages each) and the filters (on created/modified) answer
 * as without shift. */
static void
test_karlsruhe_paging_filters (void)
{
  TestServer *server = shifted_karlsruhe ();
  const char *paths[] = {
    "bodies/0001/organizations?limit=10",
    "bodies/0001/papers?modified_since=2026-06-01T00%3A00%3A00%2B02%3A00",
    "bodies/0001/meetings?created_since=2025-09-01T00%3A00%3A00%2B02%3A00&limit=20",
    "bodies/0001/meetings?created_until=2016-10-13T00%3A00%3A00Z&modified_since=2025-03-04T00%3A00%3A00Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GHashTable) a = crawl_by_path (server, paths[i]);
      g_autoptr(GHashTable) b = crawl_by_path (plain, paths[i]);
      GHashTableIter iter;
      gpointer key;

      g_assert_cmpuint (g_hash_table_size (a), >, 0);
      g_assert_cmpuint (g_hash_table_size (a), ==, g_hash_table_size (b));
      g_hash_table_iter_init (&iter, a);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_assert_true (g_hash_table_contains (b, key));
    }
}

/* The files' bytes do not change: the generated PDF shows the original date. */
static void
test_karlsruhe_files_unchanged (void)
{
  TestServer *servers[] = { shifted_karlsruhe (), plain };
  char *etags[2] = { NULL, NULL };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *url = test_url (servers[i], "bodies/0001/downloadfiles/a/00143887.pdf");
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      guint status = 0;

      bytes = test_get (servers[i], url, NULL, NULL, &status, &msg, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, 200);
      etags[i] = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                         "ETag"));
      g_assert_nonnull (etags[i]);
    }
  g_assert_cmpstr (etags[0], ==, etags[1]);
  g_free (etags[0]);
  g_free (etags[1]);

  /* The last test of the shifted Karlsruhe: stop it now, with its text
   * indexer. */
  g_clear_pointer (&shifted, test_server_stop);
}

/* A page's text with the server's base replaced, and with @cut_dates every
 * date member's value removed. */
static char *
page_text (TestServer *server,
           const char *path,
           gboolean    cut_dates)
{
  g_autofree char *url = test_url (server, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = test_get (server, url, NULL, NULL, NULL, NULL, &error);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) parts = NULL;

  g_assert_no_error (error);
  if (cut_dates)
    {
      g_autoptr(GRegex) dates = g_regex_new ("\"(start|end|date|startDate|endDate)\":\"[^\"]*\"",
                                             0, 0, NULL);
      char *cut = g_regex_replace_literal (dates, text, -1, 0, "", 0, &error);

      g_assert_no_error (error);
      g_free (text);
      text = cut;
    }
  parts = g_strsplit (text, server->base, -1);

  return g_strjoinv ("BASE/", parts);
}

/* Memberships embedded in persons: date-only startDate, moved. */
static void
check_memberships (TestServer *server,
                   int         days)
{
  g_autoptr(GHashTable) persons = crawl_by_path (server, "body/1/person");
  g_autoptr(GHashTable) plain_persons = crawl_by_path (test_replay, "body/1/person");
  GHashTableIter iter;
  gpointer key, value;
  guint n = 0;

  g_hash_table_iter_init (&iter, persons);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *a = json_node_get_object (value);
      JsonObject *b = json_node_get_object (g_hash_table_lookup (plain_persons, key));
      JsonArray *ma, *mb;

      if (!json_object_has_member (b, "membership"))
        continue;
      ma = json_object_get_array_member (a, "membership");
      mb = json_object_get_array_member (b, "membership");
      g_assert_cmpuint (json_array_get_length (ma), ==, json_array_get_length (mb));
      for (guint i = 0; i < json_array_get_length (mb); i++)
        {
          JsonObject *oa = json_array_get_object_element (ma, i);
          JsonObject *ob = json_array_get_object_element (mb, i);

          if (!json_object_has_member (ob, "startDate"))
            continue;
          check_date (json_object_get_string_member (oa, "startDate"),
                      json_object_get_string_member (ob, "startDate"), days);
          n++;
        }
    }
  g_assert_cmpuint (n, >, 0);
}

/* Hürtgenwald: the crawl is still replayed byte for byte, except the dates;
 * the objects at their ids agree with the pages; the shift depends only on
 * --today. */
static void
test_shifted_replay (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--shift-dates", "--today=" TODAY, NULL);
  TestServer *again = test_server_start ("huertgenwald", "--shift-dates", "--today=" TODAY, NULL);
  TestServer *later = test_server_start ("huertgenwald", "--shift-dates", "--today=2026-12-05", NULL);
  int days = shift_of (server);
  g_autoptr(GHashTable) moved = crawl_by_path (server, "body/1/meeting");
  g_autoptr(GHashTable) original = crawl_by_path (test_replay, "body/1/meeting");
  g_autofree char *one_url = test_url (server, "body/1/meeting/449");
  g_autoptr(JsonNode) one = test_get_json (server, one_url, NULL);
  const char *pages[] = { "body/1/meeting?page=3", "body/1/person", "body/1/paper?page=7" };
  GHashTableIter iter;
  gpointer key, value;
  guint offset_changed = 0;

  g_assert_cmpint (days % 7, ==, 0);
  g_assert_cmpint (days, >, 5 * 365);
  g_assert_cmpint (shift_of (again), ==, days);
  g_assert_cmpint (shift_of (later), ==, days + 7);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *cut = page_text (server, pages[i], TRUE);
      g_autofree char *cut_plain = page_text (test_replay, pages[i], TRUE);
      g_autofree char *full = page_text (server, pages[i], FALSE);
      g_autofree char *full_again = page_text (again, pages[i], FALSE);
      g_autofree char *full_plain = page_text (test_replay, pages[i], FALSE);

      g_assert_cmpstr (cut, ==, cut_plain);
      g_assert_cmpstr (full, ==, full_again);
      g_assert_cmpstr (full, !=, full_plain);
    }

  g_assert_cmpuint (g_hash_table_size (moved), ==, g_hash_table_size (original));
  g_hash_table_iter_init (&iter, moved);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      JsonObject *a = json_node_get_object (value);
      JsonObject *b = json_node_get_object (g_hash_table_lookup (original, key));

      check_same_stamps (a, b);
      if (json_object_has_member (b, "start"))
        offset_changed += check_date_time (a, b, "start", days);
      if (g_str_equal (key, "body/1/meeting/449"))
        g_assert_cmpstr (json_object_get_string_member (a, "start"), ==,
                         json_object_get_string_member (json_node_get_object (one), "start"));
    }
  g_assert_cmpuint (offset_changed, >, 0);
  check_memberships (server, days);

  test_server_stop (later);
  test_server_stop (again);
  test_server_stop (server);
}

void
test_shift_register (TestServer *plain_karlsruhe)
{
  plain = plain_karlsruhe;
  berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);

  g_test_add_func ("/oparl-server/shift/karlsruhe-meetings", test_karlsruhe_meetings);
  g_test_add_func ("/oparl-server/shift/karlsruhe-dates", test_karlsruhe_dates);
  g_test_add_func ("/oparl-server/shift/karlsruhe-paging-filters", test_karlsruhe_paging_filters);
  g_test_add_func ("/oparl-server/shift/karlsruhe-files-unchanged", test_karlsruhe_files_unchanged);
  g_test_add_func ("/oparl-server/shift/replay", test_shifted_replay);
}

void
test_shift_cleanup (void)
{
  g_clear_pointer (&shifted, test_server_stop);
  g_clear_pointer (&berlin, g_time_zone_unref);
}
