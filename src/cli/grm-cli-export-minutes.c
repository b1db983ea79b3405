/* grm-cli-export-minutes.c:
 * `gremium-cli export-minutes --db PATH --meeting ID [--public] -o FILE.pdf`.
 *
 * Writes the minutes of a meeting as a PDF (the public version leaves the
 * non-public part out). The file appears only when complete: it is written
 * to a temporary file, synced and renamed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "grm-cli.h"
#include "grm-minutes-pdf.h"
#include "grm-store.h"

int
grm_cli_export_minutes (int    argc,
                        char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *output = NULL;
  gboolean public_only = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "meeting", 0, 0, G_OPTION_ARG_STRING, &meeting, N_("The id of the meeting"), N_("ID") },
    { "public", 0, 0, G_OPTION_ARG_NONE, &public_only,
      N_("Leave the non-public part out"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"),
      N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;

  g_option_context_set_summary (context, _("Write the minutes of a meeting as a PDF."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL || meeting == NULL || output == NULL)
    {
      g_printerr ("%s\n", _("gremium-cli export-minutes: --db PATH, --meeting ID and "
                            "-o FILE.pdf are required"));
      return 2;
    }
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("gremium-cli: no database at “%s”\n"), db_path);
      return 1;
    }
  store = grm_store_open (db_path, &error);
  if (store == NULL ||
      !grm_minutes_export_sync (store, meeting, public_only, output, &error))
    return grm_cli_fail (error);
  return 0;
}
