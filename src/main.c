/* main.c: sets up translations and runs the Gremium application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "grm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GrmApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* GREMIUM_LOCALEDIR lets a run from the build tree (build-aux/run-app.sh,
   * the tests) find the translations built in build/po. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GREMIUM_LOCALEDIR") ? g_getenv ("GREMIUM_LOCALEDIR")
                                                                  : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = grm_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
