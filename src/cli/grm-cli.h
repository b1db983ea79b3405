/* grm-cli.h: the commands of gremium-cli, one file each.
 *
 * A command takes the arguments after its name (argv[0] is the command name)
 * and returns the process exit status.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

int grm_cli_stats          (int argc, char **argv);
int grm_cli_sync           (int argc, char **argv);
int grm_cli_index          (int argc, char **argv);
int grm_cli_search         (int argc, char **argv);
int grm_cli_export_minutes (int argc, char **argv);
int grm_cli_push           (int argc, char **argv);

/* Prints @error as "gremium-cli: message" on stderr and returns 1. */
int grm_cli_fail           (GError *error);

G_END_DECLS
