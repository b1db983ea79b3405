/* test-push-cli-main.c: `gremium-cli push` as its own program, so the push
 * tests can run it without the rest of gremium-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

int grm_cli_push (int argc, char **argv);
int grm_cli_fail (GError *error);

int
grm_cli_fail (GError *error)
{
  g_printerr ("gremium-cli: %s\n", error ? error->message : "failed");
  return 1;
}

int
main (int    argc,
      char **argv)
{
  return grm_cli_push (argc, argv);
}
