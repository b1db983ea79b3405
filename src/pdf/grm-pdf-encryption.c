/* grm-pdf-encryption.c: a look at a PDF's encryption dictionary.
 *
 * Poppler reports a wrong password both when the password is wrong and when
 * the standard security handler's dictionary is unusable, for example when
 * /Length is missing from a revision 3 dictionary whose key is 128 bits
 * long (qpdf's bad-encryption-length.pdf): then no password ever works, and
 * asking the user again would be a loop. This scans the raw bytes for the
 * trailer's /Encrypt object and checks the few keys the handler needs. When
 * the dictionary cannot be found (for example inside a compressed object
 * stream) the file is given the benefit of the doubt.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf"

#include <string.h>

#include "grm-pdf-encryption.h"

#define MAX_SCAN_SIZE (64 * 1024 * 1024)

static const char *
memmem_last (const char *data,
             gsize       length,
             const char *needle)
{
  gsize n = strlen (needle);
  gsize i;

  if (length < n)
    return NULL;
  for (i = length - n + 1; i-- > 0;)
    if (memcmp (data + i, needle, n) == 0)
      return data + i;
  return NULL;
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static const char *
parse_uint (const char *p,
            const char *end,
            guint      *value)
{
  guint v = 0;
  const char *start = p;

  while (p < end && g_ascii_isdigit (*p) && v < 100000000)
    v = v * 10 + (guint) (*p++ - '0');
  *value = v;
  return p > start ? p : NULL;
}

/* Finds "/key <int>" where the name ends right after key. */
static gboolean
find_int_key (const char *dict,
              const char *end,
              const char *key,
              guint      *value)
{
  gsize n = strlen (key);
  const char *p = dict;

  while (p != NULL && p + n < end)
    {
      p = memmem (p, end - p, key, n);
      if (p == NULL)
        break;
      p += n;
      if (p < end && (g_ascii_isspace (*p) || g_ascii_isdigit (*p)))
        {
          const char *q = parse_uint (skip_space (p, end), end, value);
          if (q != NULL)
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
has_key (const char *dict,
         const char *end,
         const char *key)
{
  gsize n = strlen (key);
  const char *p = dict;

  while (p != NULL && p + n <= end)
    {
      p = memmem (p, end - p, key, n);
      if (p == NULL)
        break;
      p += n;
      if (p >= end || !(g_ascii_isalnum (*p)))
        return TRUE;
    }
  return FALSE;
}

gboolean
grm_pdf_encryption_dict_is_damaged (const char *data,
                                    gsize       length)
{
  const char *end = data + length;
  const char *p = memmem_last (data, length, "/Encrypt");
  const char *obj, *dict, *dict_end;
  g_autofree char *needle = NULL;
  guint num, gen, v, r;

  if (p == NULL)
    return FALSE;
  p = parse_uint (skip_space (p + strlen ("/Encrypt"), end), end, &num);
  if (p == NULL)
    return FALSE;   /* a direct dictionary: rare, not checked */
  p = parse_uint (skip_space (p, end), end, &gen);
  if (p == NULL)
    return FALSE;

  needle = g_strdup_printf ("%u %u obj", num, gen);
  for (obj = data; obj != NULL; obj++)
    {
      obj = memmem (obj, end - obj, needle, strlen (needle));
      if (obj == NULL || obj == data || !g_ascii_isdigit (obj[-1]))
        break;
    }
  if (obj == NULL)
    return FALSE;

  dict = obj + strlen (needle);
  dict_end = memmem (dict, MIN ((gsize) (end - dict), 8192), "endobj", 6);
  if (dict_end == NULL)
    return FALSE;
  if (!has_key (dict, dict_end, "/Standard"))
    return FALSE;   /* another handler: Poppler's answer stands */

  if (!find_int_key (dict, dict_end, "/V", &v) || v < 1 || v > 5
      || !find_int_key (dict, dict_end, "/R", &r) || r < 2 || r > 6)
    return TRUE;
  /* Revision 3 and 4 keys can be 40 to 128 bits long: without /Length the
   * key length is a guess that fails for every password. */
  if ((v == 2 || v == 3) && r >= 3 && !has_key (dict, dict_end, "/Length"))
    return TRUE;
  return FALSE;
}

gboolean
grm_pdf_encryption_looks_damaged (GFile        *file,
                                  GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info == NULL || g_file_info_get_size (info) > MAX_SCAN_SIZE)
    return FALSE;
  if (!g_file_load_contents (file, cancellable, &data, &length, NULL, NULL))
    return FALSE;
  return grm_pdf_encryption_dict_is_damaged (data, length);
}
