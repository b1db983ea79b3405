/* test-saslprep.c: table test of the PDF 2.0 password preparation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "grm-saslprep.h"

static const struct
{
  const char *input;
  const char *expected;
} cases[] = {
  { "password", "password" },
  { "", "" },
  /* RFC 4013, section 3 examples */
  { "I\u00ADX", "IX" },
  { "user", "user" },
  { "USER", "USER" },
  { "\u00AA", "a" },
  { "\u2168", "IX" },
  /* soft hyphen and the other "commonly mapped to nothing" characters */
  { "pass\u00ADword", "password" },
  { "p\u200Bw\u200Cd\u200D", "pwd" },
  { "pa\uFEFFss\u2060", "pass" },
  { "x\uFE0Fy\u034Fz\u1806", "xyz" },
  /* non-ASCII spaces become U+0020 */
  { "a\u00A0b", "a b" },
  { "a\u3000b\u2002c\u202Fd", "a b c d" },
  /* NFKC: composed umlauts, compatibility forms */
  { "pa\u0308sswo\u0308rt", "p\u00E4ssw\u00F6rt" },
  { "p\u00E4ssw\u00F6rt", "p\u00E4ssw\u00F6rt" },
  { "\uFB01le", "file" },
  { "\uFF50\uFF41\uFF53\uFF53", "pass" },
  { "Stra\u00DFe", "Stra\u00DFe" },
  /* invalid UTF-8 passes through byte for byte */
  { "\xff\xfe", "\xff\xfe" },
};

static void
test_saslprep_table (void)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = grm_saslprep (cases[i].input);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpstr (out, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/saslprep/table", test_saslprep_table);
  return g_test_run ();
}
