/* ots-scan.c: a one-pass JSON scanner that finds every object with its id,
 * type, dates, deleted/public flags and file URLs, without building a tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loading the Karlsruhe body with json-glib trees spent most of its time in
 * malloc; this scanner only copies the few strings the store indexes, which
 * makes startup several times faster. It validates the structure as it goes.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-private.h"

#define MAX_DEPTH 64

typedef struct {
  const char *base;
  const char *p;
  const char *end;
  GArray     *objects;
  gboolean    failed;
} Scanner;

static void
skip_ws (Scanner *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

static gboolean
fail (Scanner *s)
{
  s->failed = TRUE;
  return FALSE;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }

  return v;
}

/* Scans a string at s->p (on the opening quote). With @out, appends its
 * unescaped UTF-8 text. */
static gboolean
scan_string (Scanner *s,
             GString *out)
{
  const char *start;

  if (s->p >= s->end || *s->p != '"')
    return fail (s);
  s->p++;
  start = s->p;
  while (s->p < s->end)
    {
      char c = *s->p;

      if (c == '"')
        {
          if (out != NULL)
            g_string_append_len (out, start, s->p - start);
          s->p++;
          return TRUE;
        }
      if ((guchar) c < 0x20)
        return fail (s);
      if (c != '\\')
        {
          s->p++;
          continue;
        }

      if (out != NULL)
        g_string_append_len (out, start, s->p - start);
      if (s->end - s->p < 2)
        return fail (s);
      c = s->p[1];
      s->p += 2;
      if (c == 'u')
        {
          int cp;

          if (s->end - s->p < 4 || (cp = hex4 (s->p)) < 0)
            return fail (s);
          s->p += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && s->end - s->p >= 6 && s->p[0] == '\\' && s->p[1] == 'u')
            {
              int low = hex4 (s->p + 2);

              if (low >= 0xDC00 && low < 0xE000)
                {
                  cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                  s->p += 6;
                }
            }
          if (out != NULL)
            g_string_append_unichar (out, cp >= 0xD800 && cp < 0xE000 ? 0xFFFD : cp);
        }
      else if (out != NULL)
        {
          const char *from = "\"\\/bfnrt";
          const char *to = "\"\\/\b\f\n\r\t";
          const char *hit = strchr (from, c);

          if (hit == NULL || c == '\0')
            return fail (s);
          g_string_append_c (out, to[hit - from]);
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return fail (s);
      start = s->p;
    }

  return fail (s);
}

static gboolean scan_value (Scanner *s, const char *member, guint depth);

static gboolean
scan_literal (Scanner    *s,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (s->end - s->p) < len || memcmp (s->p, word, len) != 0)
    return fail (s);
  s->p += len;
  return TRUE;
}

static gboolean
scan_number (Scanner *s)
{
  const char *start = s->p;

  while (s->p < s->end && strchr ("+-0123456789.eE", *s->p) != NULL && *s->p != '\0')
    s->p++;
  return s->p > start ? TRUE : fail (s);
}

static char **
field_for (OtsScanObject *obj,
           const char    *key)
{
  if (g_str_equal (key, "id"))
    return &obj->id;
  if (g_str_equal (key, "type"))
    return &obj->type;
  if (g_str_equal (key, "created"))
    return &obj->created;
  if (g_str_equal (key, "modified"))
    return &obj->modified;
  if (g_str_equal (key, "accessUrl"))
    return &obj->access_url;
  if (g_str_equal (key, "downloadUrl"))
    return &obj->download_url;
  if (g_str_equal (key, "next"))
    return &obj->next;

  return NULL;
}

static gboolean
scan_object (Scanner    *s,
             const char *member,
             guint       depth)
{
  g_autoptr(GString) key = g_string_new (NULL);
  guint index = s->objects->len;
  OtsScanObject blank = { 0, };

  blank.member = g_strdup (member);
  blank.depth = depth;
  blank.start = s->p - s->base;
  blank.is_public = TRUE;
  g_array_append_val (s->objects, blank);

  s->p++;  /* '{' */
  skip_ws (s);
  if (s->p < s->end && *s->p == '}')
    {
      s->p++;
      g_array_index (s->objects, OtsScanObject, index).end = s->p - s->base;
      return TRUE;
    }

  for (;;)
    {
      char **field;

      skip_ws (s);
      g_string_truncate (key, 0);
      if (!scan_string (s, key))
        return FALSE;
      skip_ws (s);
      if (s->p >= s->end || *s->p != ':')
        return fail (s);
      s->p++;
      skip_ws (s);
      if (s->p >= s->end)
        return fail (s);

      field = field_for (&g_array_index (s->objects, OtsScanObject, index), key->str);
      if (field != NULL && *s->p == '"')
        {
          GString *value = g_string_new (NULL);

          if (!scan_string (s, value))
            {
              g_string_free (value, TRUE);
              return FALSE;
            }
          /* The array may have grown: look the object up again. */
          field = field_for (&g_array_index (s->objects, OtsScanObject, index), key->str);
          g_free (*field);
          *field = g_string_free (value, FALSE);
        }
      else if ((*s->p == 't' || *s->p == 'f') &&
               (g_str_equal (key->str, "deleted") || g_str_equal (key->str, "public")))
        {
          gboolean value = *s->p == 't';
          OtsScanObject *obj = &g_array_index (s->objects, OtsScanObject, index);

          if (!scan_literal (s, value ? "true" : "false"))
            return FALSE;
          if (key->str[0] == 'd')
            obj->deleted = value;
          else
            obj->is_public = value;
        }
      else if (!scan_value (s, key->str, depth + 1))
        return FALSE;

      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (s->p < s->end && *s->p == '}')
        {
          s->p++;
          g_array_index (s->objects, OtsScanObject, index).end = s->p - s->base;
          return TRUE;
        }
      return fail (s);
    }
}

static gboolean
scan_array (Scanner    *s,
            const char *member,
            guint       depth)
{
  s->p++;  /* '[' */
  skip_ws (s);
  if (s->p < s->end && *s->p == ']')
    {
      s->p++;
      return TRUE;
    }
  for (;;)
    {
      skip_ws (s);
      if (!scan_value (s, member, depth + 1))
        return FALSE;
      skip_ws (s);
      if (s->p < s->end && *s->p == ',')
        {
          s->p++;
          continue;
        }
      if (s->p < s->end && *s->p == ']')
        {
          s->p++;
          return TRUE;
        }
      return fail (s);
    }
}

static gboolean
scan_value (Scanner    *s,
            const char *member,
            guint       depth)
{
  if (depth > MAX_DEPTH || s->p >= s->end)
    return fail (s);

  switch (*s->p)
    {
    case '{':
      return scan_object (s, member, depth);
    case '[':
      return scan_array (s, member, depth);
    case '"':
      return scan_string (s, NULL);
    case 't':
      return scan_literal (s, "true");
    case 'f':
      return scan_literal (s, "false");
    case 'n':
      return scan_literal (s, "null");
    default:
      return scan_number (s);
    }
}

static void
scan_object_clear (gpointer data)
{
  OtsScanObject *obj = data;

  g_free (obj->member);
  g_free (obj->id);
  g_free (obj->type);
  g_free (obj->created);
  g_free (obj->modified);
  g_free (obj->access_url);
  g_free (obj->download_url);
  g_free (obj->next);
}

/* All objects in @json, in document order (a parent before its children),
 * or NULL with @error when @json is not one well-formed JSON object. */
GArray *
ots_scan (const char *json,
          gssize      len,
          GError    **error)
{
  Scanner s = { 0, };

  s.base = json;
  s.p = json;
  s.end = json + (len < 0 ? strlen (json) : (gsize) len);
  s.objects = g_array_new (FALSE, FALSE, sizeof (OtsScanObject));
  g_array_set_clear_func (s.objects, scan_object_clear);

  skip_ws (&s);
  if (s.p < s.end && *s.p == '{' && scan_object (&s, NULL, 0))
    {
      skip_ws (&s);
      if (s.p == s.end)
        return s.objects;
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Malformed JSON object at byte %d",
               (int) (s.p - json));
  g_array_unref (s.objects);

  return NULL;
}
