/* test-ots-shift-values.c: unit tests of the date shift of oparl-test-server
 * (--shift-dates): value formats, Europe/Berlin wall clock across DST, the
 * JSON rewrite and the choice of the shift.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <string.h>

#include "ots-private.h"

static void
check (const char *value,
       int         days,
       const char *expected)
{
  g_autoptr(GTimeZone) tz = ots_shift_time_zone ();
  g_autofree char *shifted = ots_shift_value (value, strlen (value), days, tz);

  g_assert_cmpstr (shifted, ==, expected);
}

static void
test_values (void)
{
  /* Dates stay dates; weekdays are kept by whole weeks. */
  check ("2026-07-28", 133, "2026-12-08");
  check ("2026-12-08", -133, "2026-07-28");
  check ("2024-02-26", 7, "2024-03-04");
  /* A 15:30 meeting stays 15:30 in Berlin: summer +02:00 becomes +01:00. */
  check ("2026-07-28T15:30:00+02:00", 133, "2026-12-08T15:30:00+01:00");
  check ("2026-12-08T15:30:00+01:00", -133, "2026-07-28T15:30:00+02:00");
  check ("2026-03-20T17:00:00+01:00", 14, "2026-04-03T17:00:00+02:00");
  check ("2026-01-05T17:00:00+01:00", 7, "2026-01-12T17:00:00+01:00");
  /* The offset keeps its style; seconds and fractions stay as they were. */
  check ("2026-07-28T15:30:00.250+0200", 133, "2026-12-08T15:30:00.250+0100");
  check ("2026-07-28T15:30+02:00", 133, "2026-12-08T15:30+01:00");
  check ("2026-07-28T15:30:00+02", 133, "2026-12-08T15:30:00+01");
  /* A UTC value of a Berlin time keeps UTC and the Berlin wall clock. */
  check ("2026-07-28T13:30:00Z", 133, "2026-12-08T14:30:00Z");
  check ("2026-07-28T13:30:00+00:00", 133, "2026-12-08T14:30:00+00:00");
  /* No offset: the wall clock stays. */
  check ("2026-07-28T15:30:00", 133, "2026-12-08T15:30:00");
  /* Not a date: left alone. */
  check ("2026-13-01", 7, NULL);
  check ("2024-09-24 top3-21", 7, NULL);
  check ("2026-07-28T15:30:00+01::00", 7, NULL);
  check ("Sitzung", 7, NULL);
  check ("", 7, NULL);
}

static void
test_json (void)
{
  g_autoptr(GTimeZone) tz = ots_shift_time_zone ();
  const char *in =
    "{\"id\":\"x\",\"start\" : \"2026-07-28T15:30:00+02:00\",\"name\":\"2026-07-28 Sitzung\","
    "\"note\":\"\\\"date\\\":\\\"2020-01-01\\\"\",\"mainFile\":{\"date\":\"2026-07-01\","
    "\"created\":\"2026-07-01T10:00:00+02:00\"},\"membership\":[{\"startDate\":\"2020-01-06\","
    "\"endDate\":null}],\"modified\":\"2026-07-29T10:00:00+02:00\",\"end\":7}";
  const char *out =
    "{\"id\":\"x\",\"start\" : \"2026-12-08T15:30:00+01:00\",\"name\":\"2026-07-28 Sitzung\","
    "\"note\":\"\\\"date\\\":\\\"2020-01-01\\\"\",\"mainFile\":{\"date\":\"2026-11-11\","
    "\"created\":\"2026-07-01T10:00:00+02:00\"},\"membership\":[{\"startDate\":\"2020-05-18\","
    "\"endDate\":null}],\"modified\":\"2026-07-29T10:00:00+02:00\",\"end\":7}";
  g_autofree char *shifted = ots_shift_json (in, strlen (in), 133, tz);

  g_assert_cmpstr (shifted, ==, out);
}

static void
add_meeting (OtsServer  *server,
             const char *id,
             const char *start,
             const char *extra)
{
  char *json = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"https://schema.oparl.org/1.1/Meeting\","
                                "\"start\":\"%s\",\"created\":\"2020-01-01T00:00:00+01:00\","
                                "\"modified\":\"2020-01-01T00:00:00+01:00\"%s}", id, start, extra);

  ots_store_add_object (server->store, OTS_KIND_MEETING, json, NULL);
}

/* The latest meeting that takes place and has an agenda lands 7–13 days
 * after today; created and modified stay. */
static void
test_choice (void)
{
  OtsServer server = { 0, };
  const char *agenda = ",\"agendaItem\":[{\"id\":\"a\",\"name\":\"TOP 1\"}]";
  g_autofree char *cancelled = g_strconcat (agenda, ",\"cancelled\":true", NULL);
  g_autofree char *deleted = g_strconcat (agenda, ",\"deleted\":true", NULL);
  GDate today;
  OtsEntry *entry;
  guint pos;

  server.store = ots_store_new ();
  add_meeting (&server, "m1", "2026-07-28T15:30:00+02:00", agenda);
  add_meeting (&server, "m2", "2026-08-04T17:00:00+02:00", "");
  add_meeting (&server, "m3", "2026-08-05T17:00:00+02:00", ",\"agendaItem\":[ ]");
  add_meeting (&server, "m4", "2026-08-06T17:00:00+02:00", cancelled);
  add_meeting (&server, "m5", "2026-08-07T17:00:00+02:00", deleted);
  add_meeting (&server, "m0", "2026-07-01T17:00:00+02:00", agenda);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 28, G_DATE_NOVEMBER, 2026);
  g_assert_true (ots_shift_parse_today ("2026-11-28", &pos));
  g_assert_cmpuint (pos, ==, g_date_get_julian (&today));
  g_assert_false (ots_shift_parse_today ("2026-11-31", &pos));
  g_assert_false (ots_shift_parse_today ("28.11.2026", &pos));

  ots_shift_apply (&server, g_date_get_julian (&today));
  /* 2026-07-28 + 133 days = 2026-12-08, today + 10. */
  g_assert_cmpint (server.shift_days, ==, 133);
  g_assert_true (ots_store_lookup (server.store, "m1", &pos));
  entry = ots_store_get (server.store, pos);
  g_assert_nonnull (strstr (entry->json, "\"start\":\"2026-12-08T15:30:00+01:00\""));
  g_assert_nonnull (strstr (entry->json, "\"modified\":\"2020-01-01T00:00:00+01:00\""));
  g_clear_pointer (&server.shift_tz, g_time_zone_unref);
  ots_store_free (server.store);

  /* Rounded to whole weeks, never more than 3 days off. */
  for (guint day = 20; day <= 30; day++)
    {
      OtsServer other = { 0, };
      int lands;

      other.store = ots_store_new ();
      add_meeting (&other, "m1", "2026-07-28T15:30:00+02:00", agenda);
      g_date_set_dmy (&today, day, G_DATE_NOVEMBER, 2026);
      ots_shift_apply (&other, g_date_get_julian (&today));
      g_assert_cmpint (other.shift_days % 7, ==, 0);
      /* July 28 is day 209 of 2026, November @day is 304 + day. */
      lands = 209 + other.shift_days - (304 + (int) day);
      g_assert_cmpint (lands, >=, 7);
      g_assert_cmpint (lands, <=, 13);
      g_clear_pointer (&other.shift_tz, g_time_zone_unref);
      ots_store_free (other.store);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oparl-server/shift/values", test_values);
  g_test_add_func ("/oparl-server/shift/json", test_json);
  g_test_add_func ("/oparl-server/shift/choice", test_choice);

  return g_test_run ();
}
