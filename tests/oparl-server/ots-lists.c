/* ots-lists.c: external object lists with paging and the OParl filters.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list page holds the objects of one kind in store order (stable: changed
 * objects keep their place, new ones go to the end). links.next carries a
 * cursor ("after" = index of the last object served) next to the filters, so
 * objects changed or deleted during a crawl never shift the pages. Deleted
 * objects appear only when modified_since is given (OParl 2.8).
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <stdlib.h>
#include <string.h>

#include "ots-private.h"

#define DEFAULT_PAGE_SIZE 100
#define MAX_PAGE_SIZE 1000

typedef struct {
  const char *name;
  gint64      value;
  gboolean    set;
  char       *raw;
} Filter;

enum { CREATED_SINCE, CREATED_UNTIL, MODIFIED_SINCE, MODIFIED_UNTIL, N_FILTERS };

static const char empty_404_body[] = "{\"code\":404,\"message\":\"Keine Daten gefunden\"}";

static const char * const filter_names[N_FILTERS] = {
  "created_since", "created_until", "modified_since", "modified_until",
};

void
ots_lists_add (OtsServer  *server,
               const char *url,
               OtsKind     kind,
               const char *replay_name)
{
  OtsList *list = g_new0 (OtsList, 1);

  list->url = g_strdup (url);
  list->kind = kind;
  list->replay_name = g_strdup (replay_name);
  g_hash_table_replace (server->lists, list->url, list);
}

static gboolean
entry_matches (OtsEntry *entry,
               Filter   *filters,
               gboolean  privileged)
{
  if (entry->hidden && !privileged)
    return FALSE;
  if (entry->deleted && !filters[MODIFIED_SINCE].set)
    return FALSE;
  if (filters[CREATED_SINCE].set && entry->created < filters[CREATED_SINCE].value)
    return FALSE;
  if (filters[CREATED_UNTIL].set && entry->created > filters[CREATED_UNTIL].value)
    return FALSE;
  if (filters[MODIFIED_SINCE].set && entry->modified < filters[MODIFIED_SINCE].value)
    return FALSE;
  if (filters[MODIFIED_UNTIL].set && entry->modified > filters[MODIFIED_UNTIL].value)
    return FALSE;

  return TRUE;
}

/* The query as name → value. With the unencoded-query quirk the values are
 * taken raw, as that vendor does, and an encoded query is refused. */
static GHashTable *
parse_query (OtsServer  *server,
             const char *raw_query,
             gboolean   *refused)
{
  GHashTable *params;
  g_auto(GStrv) pairs = NULL;

  *refused = FALSE;
  if (raw_query == NULL)
    return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!server->faults.quirk_unencoded_query)
    return soup_form_decode (raw_query);

  params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (strchr (raw_query, '%') != NULL)
    {
      *refused = TRUE;
      return params;
    }
  pairs = g_strsplit (raw_query, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq != NULL)
        g_hash_table_replace (params, g_strndup (pairs[i], eq - pairs[i]), g_strdup (eq + 1));
    }

  return params;
}

static void
append_param (GString    *url,
              const char *name,
              const char *value,
              gboolean    raw)
{
  g_autofree char *escaped = raw ? g_strdup (value) : g_uri_escape_string (value, NULL, FALSE);

  g_string_append_c (url, strchr (url->str, '?') ? '&' : '?');
  g_string_append_printf (url, "%s=%s", name, escaped);
}

static char *
page_url (OtsServer  *server,
          OtsList    *list,
          Filter     *filters,
          GHashTable *params,
          gint64      after)
{
  GString *url = g_string_new (list->url);
  gboolean raw = server->faults.quirk_unencoded_query;
  const char *keep[] = { "omit_internal", "limit", "elementsPerPage" };

  /* Some servers forget the filters in their next links. */
  for (guint i = 0; i < N_FILTERS; i++)
    if (filters[i].set && (after < 0 || !server->faults.quirk_next_drops_filter))
      append_param (url, filters[i].name, filters[i].raw, raw);
  for (guint i = 0; i < G_N_ELEMENTS (keep); i++)
    if (g_hash_table_contains (params, keep[i]))
      append_param (url, keep[i], g_hash_table_lookup (params, keep[i]), raw);
  if (after >= 0)
    {
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, after);

      append_param (url, "after", value, TRUE);
    }

  return g_string_free (url, FALSE);
}

static GBytes *
error_body (guint      *status,
            guint       code,
            const char *message)
{
  char *text = g_strdup_printf ("{\"error\":\"%s\",\"status\":%u}", message, code);

  *status = code;
  return g_bytes_new_take (text, strlen (text));
}

static guint
page_size_for (OtsServer  *server,
               GHashTable *params)
{
  guint size = server->faults.page_size ? server->faults.page_size : DEFAULT_PAGE_SIZE;
  const char *asked = g_hash_table_lookup (params, "limit");

  if (asked == NULL)
    asked = g_hash_table_lookup (params, "elementsPerPage");
  if (asked != NULL && atoi (asked) > 0)
    size = MIN ((guint) atoi (asked), MAX_PAGE_SIZE);

  return size;
}

void
ots_lists_serve (OtsServer         *server,
                 SoupServerMessage *msg,
                 OtsList           *list,
                 const char        *raw_query,
                 guint             *status,
                 GBytes           **body)
{
  g_autoptr(GHashTable) params = NULL;
  Filter filters[N_FILTERS] = { { 0, }, };
  GArray *positions = server->store->by_kind[list->kind];
  g_autofree char *first_url = NULL;
  g_autofree char *next_url = NULL;
  g_autofree char *self_url = NULL;
  const char *value;
  gboolean refused, omit, any_filter = FALSE;
  gboolean privileged = ots_write_authenticated (server, msg) != NULL;
  gint64 after = -1, last_index = -1;
  guint size, n_matches = 0, n_before = 0, n_data = 0, page = 0;
  GString *out;

  *status = SOUP_STATUS_OK;
  params = parse_query (server, raw_query, &refused);
  if (refused)
    {
      *body = error_body (status, 400, "Query must not be percent-encoded");
      return;
    }

  for (guint i = 0; i < N_FILTERS; i++)
    {
      filters[i].name = filter_names[i];
      value = g_hash_table_lookup (params, filter_names[i]);
      if (value == NULL)
        continue;
      /* A '+' sent unencoded arrives as a space after form decoding. */
      filters[i].raw = g_strdelimit (g_strdup (value), " ", '+');
      filters[i].value = ots_parse_date (filters[i].raw);
      filters[i].set = TRUE;
      any_filter = TRUE;
      if (filters[i].value == 0)
        {
          for (guint j = 0; j <= i; j++)
            g_free (filters[j].raw);
          *body = error_body (status, 400, "Invalid date-time in filter");
          return;
        }
    }

  omit = g_strcmp0 (g_hash_table_lookup (params, "omit_internal"), "true") == 0;
  size = page_size_for (server, params);
  if ((value = g_hash_table_lookup (params, "after")) != NULL)
    after = g_ascii_strtoll (value, NULL, 10);
  else if ((value = g_hash_table_lookup (params, "page")) != NULL && atoi (value) > 1)
    page = atoi (value);

  if (list->kind == OTS_KIND_BODY && server->faults.quirk_single_body && positions->len > 0)
    {
      char *text = ots_lists_object_json (server, g_array_index (positions, guint, 0), omit,
                                          privileged);

      *body = g_bytes_new_take (text, strlen (text));
      goto out;
    }

  /* The crawl is replayed byte for byte while nothing asks for more. */
  if (server->mode == OTS_MODE_REPLAY && list->replay_name != NULL && !server->store->changed &&
      !privileged &&
      !any_filter && !omit && after < 0 && !server->faults.checksums &&
      server->faults.page_size == 0 && !server->faults.quirk_deleted_without_type &&
      (raw_query == NULL || g_hash_table_size (params) == 0 ||
       (g_hash_table_size (params) == 1 && g_hash_table_contains (params, "page"))))
    {
      *body = ots_replay_page (server, list->url, raw_query);
      if (*body != NULL)
        goto out;
    }

  out = g_string_new ("{\"data\":[");
  for (guint i = 0; i < positions->len; i++)
    {
      guint pos = g_array_index (positions, guint, i);
      OtsEntry *entry = ots_store_get (server->store, pos);
      gboolean wanted;

      if (!entry_matches (entry, filters, privileged))
        continue;
      n_matches++;
      wanted = page > 0 ? n_matches > (page - 1) * size : (gint64) i > after;
      if (!wanted)
        {
          n_before++;
          continue;
        }
      if (n_data < size)
        {
          g_autofree char *text = ots_lists_object_json (server, pos, omit, privileged);

          if (text == NULL)
            continue;
          if (n_data > 0)
            g_string_append_c (out, ',');
          g_string_append (out, text);
          n_data++;
          last_index = i;
        }
      else if (next_url == NULL)
        next_url = page_url (server, list, filters, params, last_index);
    }

  if (n_matches == 0 && any_filter && server->faults.quirk_empty_404)
    {
      g_string_free (out, TRUE);
      *status = SOUP_STATUS_NOT_FOUND;
      *body = g_bytes_new_static (empty_404_body, strlen (empty_404_body));
      goto out;
    }

  first_url = page_url (server, list, filters, params, -1);
  self_url = raw_query ? g_strconcat (list->url, "?", raw_query, NULL) : g_strdup (list->url);
  /* The query comes from the client: keep it from breaking the JSON. */
  g_strdelimit (self_url, "\"\\", '_');
  g_string_append_printf (out, "],\"pagination\":{\"totalElements\":%u,\"elementsPerPage\":%u,"
                          "\"currentPage\":%u,\"totalPages\":%u},\"links\":{\"first\":\"%s\","
                          "\"self\":\"%s\"",
                          n_matches, size, n_before / size + 1,
                          MAX (1, (n_matches + size - 1) / size), first_url, self_url);
  if (next_url != NULL)
    g_string_append_printf (out, ",\"next\":\"%s\"", next_url);
  g_string_append (out, "}}");
  *body = g_string_free_to_bytes (out);

out:
  for (guint i = 0; i < N_FILTERS; i++)
    g_free (filters[i].raw);
}
