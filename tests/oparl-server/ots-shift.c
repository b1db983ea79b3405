/* ots-shift.c: --shift-dates: moves every date of the served data by whole
 * weeks, so that the data's present lands on today and the demo has
 * upcoming meetings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shift is chosen once at startup: the latest meeting that is neither
 * cancelled nor deleted and has an agenda lands 7–13 days after today
 * (about 10). Only the members start, end, date, startDate and endDate are
 * shifted, in the JSON text itself (nothing else of the text changes);
 * created and modified keep their values, so the filters and incremental
 * sync see the data as loaded. Date-times keep their Europe/Berlin wall
 * clock time: the UTC offset is recomputed for the new day (a 17:00 meeting
 * of July, +02:00, becomes a 17:00 meeting of December, +01:00).
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <stdlib.h>
#include <string.h>

#include "ots-private.h"

/* Used when the system lacks tzdata: the same rule as Europe/Berlin today. */
#define BERLIN_RULE "CET-1CEST,M3.5.0,M10.5.0/3"
#define DAYS_AHEAD 10

typedef void (*MemberFunc) (const char *key,
                            gsize       key_len,
                            guint       depth,
                            const char *value,
                            const char *value_end,
                            gpointer    user_data);

static const char * const date_members[] = { "start", "end", "date", "startDate", "endDate" };

GTimeZone *
ots_shift_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Berlin");

  return tz ? tz : g_time_zone_new_identifier (BERLIN_RULE);
}

/* @p on the opening quote; the position after the closing one. */
static const char *
string_end (const char *p,
            const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }

  return end;
}

static const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* Calls @func for every member of every object in @json, with the depth of
 * containers around it (1 for the members of the outermost object). For a
 * string value, @value_end is after its closing quote, else == @value. The
 * text is assumed to be valid JSON (the scanner checks it). */
static void
walk_members (const char *json,
              gsize       len,
              MemberFunc  func,
              gpointer    user_data)
{
  const char *p = json;
  const char *end = json + len;
  guint depth = 0;

  while (p < end)
    {
      const char *key, *after, *value, *value_end;

      switch (*p)
        {
        case '{':
        case '[':
          depth++;
          p++;
          break;
        case '}':
        case ']':
          depth = depth > 0 ? depth - 1 : 0;
          p++;
          break;
        case '"':
          key = p + 1;
          after = string_end (p, end);
          value = skip_ws (after, end);
          if (value >= end || *value != ':' || after <= key)
            {
              p = after;
              break;
            }
          value = skip_ws (value + 1, end);
          value_end = value < end && *value == '"' ? string_end (value, end) : value;
          func (key, after - 1 - key, depth, value, value_end, user_data);
          p = value_end > value ? value_end : value;
          break;
        default:
          p++;
        }
    }
}

static gboolean
key_is (const char *key,
        gsize       key_len,
        const char *name)
{
  return strlen (name) == key_len && memcmp (key, name, key_len) == 0;
}

static gboolean
digits (const char *p,
        guint       n)
{
  for (guint i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static int
number (const char *p,
        guint       n)
{
  int v = 0;

  for (guint i = 0; i < n; i++)
    v = v * 10 + (p[i] - '0');
  return v;
}

/* Formats @dt's UTC offset in the style of @style ("Z", "+01:00", "+0100",
 * "+01"). */
static void
append_offset (GString    *out,
               GDateTime  *dt,
               const char *style)
{
  gint64 offset = g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC;
  gint64 minutes = ABS (offset) / 60;
  char sign = offset < 0 ? '-' : '+';

  if (style[0] == 'Z' && offset == 0)
    g_string_append_c (out, 'Z');
  else if (strlen (style) == 5 && style[3] != ':')
    g_string_append_printf (out, "%c%02d%02d", sign, (int) (minutes / 60), (int) (minutes % 60));
  else if (strlen (style) == 3 && minutes % 60 == 0)
    g_string_append_printf (out, "%c%02d", sign, (int) (minutes / 60));
  else
    g_string_append_printf (out, "%c%02d:%02d", sign, (int) (minutes / 60), (int) (minutes % 60));
}

/* @value (without quotes) moved by @days, in its own format: a date stays a
 * date; a date-time keeps its wall clock time in @tz and gets the offset of
 * @tz for the new day (or keeps its own fixed offset, e.g. "Z", when that
 * was not @tz's). NULL when @value is no date. */
char *
ots_shift_value (const char *value,
                 gsize       len,
                 int         days,
                 GTimeZone  *tz)
{
  g_autoptr(GTimeZone) fixed = NULL;
  g_autoptr(GDateTime) original = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) moved = NULL;
  g_autoptr(GDateTime) out_dt = NULL;
  const char *suffix, *fraction_end;
  gboolean has_seconds;
  GString *out;
  GDate date;
  int hour, minute, second = 0, offset = 0;

  if (len < 10 || !digits (value, 4) || value[4] != '-' || !digits (value + 5, 2) ||
      value[7] != '-' || !digits (value + 8, 2) ||
      !g_date_valid_dmy (number (value + 8, 2), number (value + 5, 2), number (value, 4)))
    return NULL;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, number (value + 8, 2), number (value + 5, 2), number (value, 4));

  if (len == 10)
    {
      if (days >= 0)
        g_date_add_days (&date, days);
      else
        g_date_subtract_days (&date, -days);
      return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                              g_date_get_month (&date), g_date_get_day (&date));
    }

  /* THH:MM[:SS[.fff]][Z|±HH[[:]MM]] */
  if (len < 16 || value[10] != 'T' || !digits (value + 11, 2) || value[13] != ':' ||
      !digits (value + 14, 2))
    return NULL;
  hour = number (value + 11, 2);
  minute = number (value + 14, 2);
  has_seconds = len >= 19 && value[16] == ':' && digits (value + 17, 2);
  if (has_seconds)
    second = number (value + 17, 2);
  fraction_end = value + (has_seconds ? 19 : 16);
  if (has_seconds && fraction_end < value + len && *fraction_end == '.')
    for (fraction_end++; fraction_end < value + len && g_ascii_isdigit (*fraction_end); fraction_end++)
      ;
  suffix = fraction_end;

  if (suffix == value + len)
    {
      /* A floating time: its wall clock stays, the date moves. */
      original = g_date_time_new (tz, number (value, 4), number (value + 5, 2), number (value + 8, 2),
                                  hour, minute, second);
    }
  else if (suffix[0] == 'Z' && suffix + 1 == value + len)
    fixed = g_time_zone_new_utc ();
  else if ((suffix[0] == '+' || suffix[0] == '-') && digits (suffix + 1, 2))
    {
      gsize rest = value + len - suffix;

      if (rest == 3)
        offset = number (suffix + 1, 2) * 3600;
      else if (rest == 5 && digits (suffix + 3, 2))
        offset = number (suffix + 1, 2) * 3600 + number (suffix + 3, 2) * 60;
      else if (rest == 6 && suffix[3] == ':' && digits (suffix + 4, 2))
        offset = number (suffix + 1, 2) * 3600 + number (suffix + 4, 2) * 60;
      else
        return NULL;
      fixed = g_time_zone_new_offset (suffix[0] == '-' ? -offset : offset);
    }
  else
    return NULL;

  if (original == NULL)
    original = g_date_time_new (fixed, number (value, 4), number (value + 5, 2),
                                number (value + 8, 2), hour, minute, second);
  if (original == NULL)
    return NULL;

  /* The same wall clock time in @tz, @days later. */
  local = g_date_time_to_timezone (original, tz);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  if (days >= 0)
    g_date_add_days (&date, days);
  else
    g_date_subtract_days (&date, -days);
  moved = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                           g_date_get_day (&date), g_date_time_get_hour (local),
                           g_date_time_get_minute (local), g_date_time_get_second (local));
  if (moved == NULL)
    return NULL;

  /* Written with @tz's offset when the value used it, else its own. */
  if (fixed != NULL && g_date_time_get_utc_offset (original) != g_date_time_get_utc_offset (local))
    out_dt = g_date_time_to_timezone (moved, fixed);
  else
    out_dt = g_date_time_ref (moved);

  out = g_string_sized_new (len + 8);
  g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d", g_date_time_get_year (out_dt),
                          g_date_time_get_month (out_dt), g_date_time_get_day_of_month (out_dt),
                          g_date_time_get_hour (out_dt), g_date_time_get_minute (out_dt));
  if (has_seconds)
    g_string_append_printf (out, ":%02d", g_date_time_get_second (out_dt));
  g_string_append_len (out, value + 19, has_seconds ? fraction_end - (value + 19) : 0);
  if (fixed != NULL)
    {
      g_autofree char *style = g_strndup (suffix, value + len - suffix);

      append_offset (out, out_dt, style);
    }

  return g_string_free (out, FALSE);
}

typedef struct {
  GString    *out;
  const char *copied;
  int         days;
  GTimeZone  *tz;
} Rewrite;

static void
rewrite_member (const char *key,
                gsize       key_len,
                guint       depth,
                const char *value,
                const char *value_end,
                gpointer    user_data)
{
  Rewrite *rw = user_data;
  g_autofree char *shifted = NULL;
  gboolean wanted = FALSE;

  if (value_end - value < 2 || *value != '"')
    return;
  for (guint i = 0; i < G_N_ELEMENTS (date_members) && !wanted; i++)
    wanted = key_is (key, key_len, date_members[i]);
  if (!wanted)
    return;
  shifted = ots_shift_value (value + 1, value_end - value - 2, rw->days, rw->tz);
  if (shifted == NULL)
    return;

  g_string_append_len (rw->out, rw->copied, value + 1 - rw->copied);
  g_string_append (rw->out, shifted);
  rw->copied = value_end - 1;
}

/* @json with every date member moved by @days; a new string. */
char *
ots_shift_json (const char *json,
                gsize       len,
                int         days,
                GTimeZone  *tz)
{
  Rewrite rw = { NULL, json, days, tz };

  rw.out = g_string_sized_new (len + 64);
  walk_members (json, len, rewrite_member, &rw);
  g_string_append_len (rw.out, rw.copied, json + len - rw.copied);

  return g_string_free (rw.out, FALSE);
}

typedef struct {
  const char *end;         /* of the object's text */
  const char *start;
  gsize       start_len;
  gboolean    skip;        /* cancelled or deleted */
  gboolean    has_agenda;
} Meeting;

static void
meeting_member (const char *key,
                gsize       key_len,
                guint       depth,
                const char *value,
                const char *value_end,
                gpointer    user_data)
{
  Meeting *m = user_data;

  if (depth != 1)
    return;
  if (key_is (key, key_len, "start") && value_end - value >= 2)
    {
      m->start = value + 1;
      m->start_len = value_end - value - 2;
    }
  else if (key_is (key, key_len, "cancelled") || key_is (key, key_len, "deleted"))
    m->skip |= *value == 't';
  else if (key_is (key, key_len, "agendaItem") && *value == '[')
    {
      const char *next = skip_ws (value + 1, m->end);

      m->has_agenda = next < m->end && *next != ']';
    }
}

/* The start of the latest meeting that takes place and has an agenda. */
static GDateTime *
latest_meeting (OtsStore  *store,
                GTimeZone *tz)
{
  GArray *meetings = store->by_kind[OTS_KIND_MEETING];
  GDateTime *latest = NULL;

  for (guint i = 0; i < meetings->len; i++)
    {
      OtsEntry *entry = ots_store_get (store, g_array_index (meetings, guint, i));
      Meeting m = { NULL, };
      g_autofree char *start = NULL;
      GDateTime *dt;
      gsize len;

      if (entry->json == NULL || entry->deleted)
        continue;
      len = strlen (entry->json);
      m.end = entry->json + len;
      walk_members (entry->json, len, meeting_member, &m);
      if (m.skip || !m.has_agenda || m.start == NULL)
        continue;
      start = g_strndup (m.start, m.start_len);
      dt = g_date_time_new_from_iso8601 (start, tz);
      if (dt != NULL && (latest == NULL || g_date_time_compare (dt, latest) > 0))
        {
          g_clear_pointer (&latest, g_date_time_unref);
          latest = g_steal_pointer (&dt);
        }
      g_clear_pointer (&dt, g_date_time_unref);
    }

  return latest;
}

static guint32
julian_of (GDateTime *dt)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (dt), g_date_time_get_month (dt),
                  g_date_time_get_year (dt));
  return g_date_get_julian (&date);
}

/* Parses --today (YYYY-MM-DD) into @julian; NULL means today in @tz. */
gboolean
ots_shift_parse_today (const char *text,
                       guint32    *julian)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  GDate date;

  if (text == NULL)
    {
      tz = ots_shift_time_zone ();
      now = g_date_time_new_now (tz);
      *julian = julian_of (now);
      return TRUE;
    }
  if (strlen (text) != 10 || !digits (text, 4) || text[4] != '-' || !digits (text + 5, 2) ||
      text[7] != '-' || !digits (text + 8, 2) ||
      !g_date_valid_dmy (number (text + 8, 2), number (text + 5, 2), number (text, 4)))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, number (text + 8, 2), number (text + 5, 2), number (text, 4));
  *julian = g_date_get_julian (&date);

  return TRUE;
}

/* Chooses the shift for @today (a Julian day) and rewrites every stored
 * object; replayed crawl pages are shifted when served (ots-replay.c). Call
 * before ots_store_mark_loaded(), so /_admin/reset restores shifted data. */
void
ots_shift_apply (OtsServer *server,
                 guint32    today)
{
  OtsStore *store = server->store;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GDateTime) latest = NULL;
  g_autoptr(GDateTime) latest_local = NULL;
  g_autofree char *latest_text = NULL;
  g_autofree char *moved_text = NULL;
  gint64 distance;
  guint n_changed = 0;

  server->shift_tz = ots_shift_time_zone ();
  latest = latest_meeting (store, server->shift_tz);
  if (latest == NULL)
    {
      g_warning ("--shift-dates: no meeting with an agenda; dates stay as they are");
      return;
    }
  latest_local = g_date_time_to_timezone (latest, server->shift_tz);
  distance = (gint64) today + DAYS_AHEAD - julian_of (latest_local);
  /* Whole weeks, rounded: the meeting lands DAYS_AHEAD ± 3 days ahead. */
  distance += 3;
  server->shift_days = 7 * (int) (distance >= 0 ? distance / 7 : -((-distance + 6) / 7));

  for (guint pos = 0; pos < store->entries->len; pos++)
    {
      OtsEntry *entry = ots_store_get (store, pos);
      char *shifted;

      if (entry->json == NULL)
        continue;
      shifted = ots_shift_json (entry->json, strlen (entry->json), server->shift_days,
                                server->shift_tz);
      if (strcmp (shifted, entry->json) != 0)
        n_changed++;
      g_free (entry->json);
      entry->json = shifted;
    }
  g_clear_pointer (&store->cache_node, json_node_unref);
  store->generation++;

  latest_text = g_date_time_format (latest_local, "%Y-%m-%dT%H:%M:%S%:z");
  moved_text = ots_shift_value (latest_text, strlen (latest_text), server->shift_days,
                                server->shift_tz);
  g_message ("Dates shifted by %d days (%d weeks) in %u objects (%.2f s): the latest meeting "
             "with an agenda, %s, is now %s", server->shift_days, server->shift_days / 7, n_changed,
             g_timer_elapsed (timer, NULL), latest_text, moved_text ? moved_text : "?");
}
