/* grm-saslprep.c: password preparation for PDF 2.0 (SASLprep, RFC 4013).
 *
 * PDF 2.0 (ISO 32000-2, 7.6.4.3.3) asks readers to pass a password through
 * SASLprep before it is used as a key: characters "commonly mapped to
 * nothing" (RFC 3454 B.1, such as the soft hyphen) are dropped, non-ASCII
 * spaces (C.1.2) become U+0020, and the result is normalised to NFKC. The
 * prohibited-output and bidi checks are left out on purpose: a password that
 * would fail them is still passed on, because refusing it could lock the
 * user out of a file that another reader created without those checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-saslprep"

#include "grm-saslprep.h"

static gboolean
is_mapped_to_nothing (gunichar c)
{
  return c == 0x00AD || c == 0x034F || c == 0x1806
         || (c >= 0x180B && c <= 0x180D)
         || (c >= 0x200B && c <= 0x200D)
         || c == 0x2060
         || (c >= 0xFE00 && c <= 0xFE0F)
         || c == 0xFEFF;
}

static gboolean
is_non_ascii_space (gunichar c)
{
  return c == 0x00A0 || c == 0x1680
         || (c >= 0x2000 && c <= 0x200B)
         || c == 0x202F || c == 0x205F || c == 0x3000;
}

/**
 * grm_saslprep:
 * @password: a password as the user typed it, in UTF-8
 *
 * Returns: (transfer full): the prepared password; a copy of @password
 *   when it is not valid UTF-8 (Poppler then tries it byte for byte).
 */
char *
grm_saslprep (const char *password)
{
  g_autoptr(GString) mapped = NULL;
  const char *p;

  g_return_val_if_fail (password != NULL, NULL);

  if (!g_utf8_validate (password, -1, NULL))
    return g_strdup (password);

  mapped = g_string_sized_new (strlen (password));
  for (p = password; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_mapped_to_nothing (c))
        continue;
      if (is_non_ascii_space (c))
        c = ' ';
      g_string_append_unichar (mapped, c);
    }

  return g_utf8_normalize (mapped->str, mapped->len, G_NORMALIZE_NFKC);
}
