/* grm-cli-search.c: `gremium-cli search --db PATH QUERY [--json]`.
 *
 * Prints the ranked hits (kind, id, title, file, page, snippet), the same
 * search as the app's search page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <pango/pango.h>

#include "grm-cli.h"
#include "grm-search.h"
#include "grm-store.h"

/* Markup to plain text: the hits carry Pango markup for the app. */
static char *
plain (const char *markup)
{
  g_autofree char *text = NULL;

  if (markup == NULL || !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    return g_strdup (markup ? markup : "");
  return g_steal_pointer (&text);
}

static void
print_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *out = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = plain (hit->snippet_markup);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, grm_search_kind_to_string (hit->kind));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, hit->target);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, hit->title);
      json_builder_set_member_name (builder, "context");
      json_builder_add_string_value (builder, hit->context);
      json_builder_set_member_name (builder, "file");
      json_builder_add_string_value (builder, hit->kind == GRM_SEARCH_KIND_FILE ? hit->target : NULL);
      json_builder_set_member_name (builder, "page");
      if (hit->page >= 0)
        json_builder_add_int_value (builder, hit->page);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "date");
      json_builder_add_string_value (builder, hit->date);
      json_builder_set_member_name (builder, "snippet");
      json_builder_add_string_value (builder, snippet);
      json_builder_set_member_name (builder, "words");
      json_builder_add_string_value (builder, hit->words);
      json_builder_set_member_name (builder, "score");
      json_builder_add_double_value (builder, hit->score);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  out = json_generator_to_data (generator, NULL);
  g_print ("%s\n", out);
}

static void
print_text (GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      GrmSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = plain (hit->snippet_markup);

      g_print ("%s\t%s\t%s", grm_search_kind_to_string (hit->kind), hit->target, hit->title);
      if (hit->page >= 0)
        g_print ("\t%s %d", _("page"), hit->page + 1);
      g_print ("\n");
      if (snippet[0] != '\0')
        g_print ("    %s\n", snippet);
    }
}

int
grm_cli_search (int    argc,
                char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *committee = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *paper_type = NULL;
  gboolean json = FALSE;
  int limit = 10;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "committee", 0, 0, G_OPTION_ARG_STRING, &committee, N_("Only this organization (id)"), N_("ID") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Not before this date"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Not after this date"), N_("YYYY-MM-DD") },
    { "paper-type", 0, 0, G_OPTION_ARG_STRING, &paper_type, N_("Only this paper type"), N_("TYPE") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Hits per kind (default 10)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("QUERY"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSearchRequest) request = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *query = NULL;

  g_option_context_set_summary (context, _("Search papers, meetings, agenda items and files."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL || argc < 2)
    {
      g_printerr ("%s\n", _("Usage: gremium-cli search --db PATH QUERY"));
      return 2;
    }

  query = g_strjoinv (" ", argv + 1);
  store = grm_store_open (db_path, &error);
  if (store == NULL)
    return grm_cli_fail (error);

  request = grm_search_request_new (query);
  request->committee = g_steal_pointer (&committee);
  request->date_from = g_steal_pointer (&from);
  request->date_to = g_steal_pointer (&to);
  request->paper_type = g_steal_pointer (&paper_type);
  request->per_kind = MAX (limit, 1);
  if (!grm_store_read_sync (store, grm_search_run_job, request, (gpointer *) &hits, &error))
    return grm_cli_fail (error);

  if (json)
    print_json (hits);
  else
    print_text (hits);
  return 0;
}
