/* grm-date.c: liberal date parsing for OParl data (see grm-date.h).
 *
 * The parser is hand-written rather than g_date_time_new_from_iso8601 ()
 * because that one rejects the broken offsets real servers send, and because
 * it is fuzzed: it reads only inside the string and checks every range.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-date"

#include "grm-date.h"

#include <string.h>

typedef struct
{
  int year, month, day;
  int hour, minute, second;
  gboolean has_time;
  gboolean has_offset;
  int offset_seconds;
} ParsedDate;

/* Reads exactly @n digits. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (c - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
parse_date_part (const char **p,
                 ParsedDate  *d)
{
  if (!read_digits (p, 4, &d->year) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, &d->month) || **p != '-')
    return FALSE;
  (*p)++;
  if (!read_digits (p, 2, &d->day))
    return FALSE;
  if (d->year < 1000 || d->month < 1 || d->month > 12 || d->day < 1)
    return FALSE;
  return d->day <= g_date_get_days_in_month (d->month, d->year);
}

/* Offsets: "Z", "+01:00", "+0100", "+01", and the broken "+01::00". */
static gboolean
parse_offset (const char **p,
              ParsedDate  *d)
{
  int sign, hh, mm = 0;

  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      d->has_offset = TRUE;
      d->offset_seconds = 0;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return FALSE;
  sign = **p == '-' ? -1 : 1;
  (*p)++;
  if (!read_digits (p, 2, &hh))
    return FALSE;
  while (**p == ':')
    (*p)++;
  if (g_ascii_isdigit (**p) && !read_digits (p, 2, &mm))
    return FALSE;
  if (hh > 14 || mm > 59)
    return FALSE;
  d->has_offset = TRUE;
  d->offset_seconds = sign * (hh * 3600 + mm * 60);
  return TRUE;
}

static gboolean
parse_full (const char *text,
            ParsedDate *d)
{
  const char *p = text;

  memset (d, 0, sizeof *d);
  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (!parse_date_part (&p, d))
    return FALSE;
  if (*p == 'T' || *p == 't' || (*p == ' ' && g_ascii_isdigit (p[1])))
    {
      p++;
      if (!read_digits (&p, 2, &d->hour) || *p != ':')
        return FALSE;
      p++;
      if (!read_digits (&p, 2, &d->minute))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_digits (&p, 2, &d->second))
            return FALSE;
          if (*p == '.' || *p == ',')
            {
              p++;
              while (g_ascii_isdigit (*p))
                p++;
            }
        }
      /* 24:00:00 is rare and ambiguous; 60 seconds (leap) likewise. */
      if (d->hour > 23 || d->minute > 59 || d->second > 59)
        return FALSE;
      d->has_time = TRUE;
      while (*p == ' ')
        p++;
      if (*p != '\0' && !parse_offset (&p, d))
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  return *p == '\0';
}

static GTimeZone *
berlin (void)
{
  static GTimeZone *tz;

  if (g_once_init_enter (&tz))
    {
      GTimeZone *t = g_time_zone_new_identifier ("Europe/Berlin");

      if (t == NULL)
        t = g_time_zone_new_offset (3600);
      g_once_init_leave (&tz, t);
    }
  return tz;
}

gboolean
grm_date_parse_datetime (const char  *text,
                         char       **normalized,
                         gint64      *utc)
{
  ParsedDate d;
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) tz = NULL;
  int off;

  if (!parse_full (text, &d))
    return FALSE;
  if (d.has_offset)
    tz = g_time_zone_new_offset (d.offset_seconds);
  else
    tz = g_time_zone_ref (berlin ());
  dt = g_date_time_new (tz, d.year, d.month, d.day, d.hour, d.minute, d.second);
  if (dt == NULL)
    return FALSE;
  off = (int) (g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND);
  if (utc)
    *utc = g_date_time_to_unix (dt);
  if (normalized)
    *normalized = g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
                                   d.year, d.month, d.day, d.hour, d.minute, d.second,
                                   off < 0 ? '-' : '+',
                                   ABS (off) / 3600, (ABS (off) % 3600) / 60);
  return TRUE;
}

gboolean
grm_date_parse_date (const char  *text,
                     char       **normalized)
{
  ParsedDate d;

  if (!parse_full (text, &d))
    return FALSE;
  if (normalized)
    *normalized = g_strdup_printf ("%04d-%02d-%02d", d.year, d.month, d.day);
  return TRUE;
}

char *
grm_date_format_utc (gint64 utc)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (utc);

  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}
