/* grm-cli-stats.c: `gremium-cli stats --db PATH [--json]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>

#include "grm-cli.h"
#include "grm-store.h"
#include "grm-store-stats.h"

static void
print_text (JsonObject *stats)
{
  g_autoptr(GList) members = json_object_get_members (stats);
  JsonObject *files = json_object_get_object_member (stats, "files");
  JsonObject *lists = json_object_get_object_member (stats, "lists");
  g_autoptr(GList) list_urls = json_object_get_members (lists);

  g_print ("%-16s %8s %8s %8s\n", _("Type"), _("Live"), _("Deleted"), _("Missing"));
  for (GList *l = members; l; l = l->next)
    {
      JsonObject *counts;

      if (g_str_equal (l->data, "files") || g_str_equal (l->data, "lists"))
        continue;
      counts = json_object_get_object_member (stats, l->data);
      g_print ("%-16s %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT "\n",
               (const char *) l->data,
               json_object_get_int_member (counts, "live"),
               json_object_get_int_member (counts, "deleted"),
               json_object_get_int_member (counts, "missing"));
    }
  g_print (_("Files stored: %" PRId64 " (%" PRId64 " bytes)\n"),
           json_object_get_int_member (files, "stored"),
           json_object_get_int_member (files, "bytes"));
  for (GList *l = list_urls; l; l = l->next)
    {
      JsonObject *list = json_object_get_object_member (lists, l->data);
      const char *last = json_object_get_string_member_with_default (list, "last_success", NULL);

      g_print ("%s: %s\n", (const char *) l->data, last ? last : _("never synced"));
    }
}

int
grm_cli_stats (int    argc,
               char **argv)
{
  g_autofree char *db_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(JsonNode) stats = NULL;
  gpointer result = NULL;

  g_option_context_set_summary (context, _("Print counts per object type, stored files and "
                                           "the last sync of each list."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL)
    {
      g_printerr ("%s\n", _("gremium-cli stats: --db PATH is required"));
      return 2;
    }
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_("gremium-cli: no database at “%s”\n"), db_path);
      return 1;
    }

  store = grm_store_open (db_path, &error);
  if (store == NULL || !grm_store_read_sync (store, grm_store_stats_read, NULL, &result, &error))
    return grm_cli_fail (error);
  stats = result;

  if (json)
    {
      g_autofree char *text = json_to_string (stats, TRUE);

      g_print ("%s\n", text);
    }
  else
    print_text (json_node_get_object (stats));

  return 0;
}
