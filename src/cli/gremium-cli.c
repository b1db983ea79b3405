/* gremium-cli.c: the headless tool; dispatches to one file per command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "grm-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "sync", grm_cli_sync, N_("Download a council's data from its OParl server") },
  { "stats", grm_cli_stats, N_("Print what a database holds") },
  { "index", grm_cli_index, N_("Bring the full-text index up to date") },
  { "search", grm_cli_search, N_("Search papers, meetings, agenda items and documents") },
  { "push", grm_cli_push, N_("Publish recorded sessions to the council's server") },
  { "export-minutes", grm_cli_export_minutes, N_("Write the minutes of a meeting as a PDF") },
};

int
grm_cli_fail (GError *error)
{
  g_printerr ("gremium-cli: %s\n", error ? error->message : _("failed"));
  return 1;
}

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: gremium-cli COMMAND [OPTION…]"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-16s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Run “gremium-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* GREMIUM_LOCALEDIR lets a run from the build tree (build-aux/run-app.sh,
   * the tests) find the translations built in build/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GREMIUM_LOCALEDIR") ? g_getenv ("GREMIUM_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("gremium-cli");

  if (argc < 2 || strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0)
    {
      print_help (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("gremium-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strconcat ("gremium-cli ", commands[i].name, NULL);

        /* So that a command's --help reads "gremium-cli sync [OPTION…]". */
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("gremium-cli: unknown command “%s”\n\n"), argv[1]);
  print_help (stderr);
  return 2;
}
