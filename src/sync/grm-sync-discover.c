/* grm-sync-discover.c: fetches an OParl System and its bodies, so that the
 * connect dialog can say whether an address is right and let the user pick
 * a body before anything is stored.
 *
 * Like a sync, it runs on a thread with its own GMainContext and its own
 * SoupSession; unlike a sync it retries little, since a person is waiting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-discover"

#include "grm-sync-discover.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-error.h"
#include "grm-oparl.h"
#include "grm-sync-http.h"

#define MAX_BODY_PAGES 50

static void
discovered_body_free (GrmSyncDiscoveredBody *body)
{
  g_free (body->id);
  g_free (body->name);
  g_free (body->short_name);
  g_free (body);
}

void
grm_sync_discovery_free (GrmSyncDiscovery *discovery)
{
  if (discovery == NULL)
    return;
  g_free (discovery->system_url);
  g_free (discovery->name);
  g_free (discovery->oparl_version);
  g_clear_pointer (&discovery->bodies, g_ptr_array_unref);
  g_free (discovery);
}

const char *
grm_sync_discovery_get_version (GrmSyncDiscovery *discovery)
{
  const char *v = discovery->oparl_version;

  if (v == NULL)
    return NULL;
  if (strstr (v, "/1.1") != NULL)
    return "1.1";
  if (strstr (v, "/1.0") != NULL)
    return "1.0";
  return NULL;
}

typedef struct
{
  GMainContext    *context;
  GrmSyncResponse *response;
  GError          *error;
  gboolean         done;
} Wait;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *w = user_data;

  w->response = grm_sync_http_get_finish (NULL, result, &w->error);
  w->done = TRUE;
}

/* The body of a 2xx answer to GET @url, or NULL with @error set. */
static GrmSyncResponse *
fetch (GrmSyncHttp  *http,
       GMainContext *context,
       const char   *url,
       const char   *system_url,
       GCancellable *cancellable,
       GError      **error)
{
  Wait w = { context, NULL, NULL, FALSE };

  /* No parse function: an answer that is not JSON is not damaged in
   * transit but the wrong address, and is not worth a retry. */
  grm_sync_http_get_async (http, url, NULL, NULL, NULL, cancellable, wait_cb, &w);
  while (!w.done)
    g_main_context_iteration (context, TRUE);
  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  if (w.response->status == 404 || w.response->status == 410)
    g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                 _("There is nothing at %s. Check the address."), url);
  else if (w.response->status == 401 || w.response->status == 403)
    g_set_error (error, GRM_ERROR, GRM_ERROR_AUTH,
                 _("The server at %s does not let Gremium in (error %u)."), system_url,
                 w.response->status);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (w.response->status))
    g_set_error (error, GRM_ERROR, GRM_ERROR_SERVER,
                 _("The server answered with error %u for %s"), w.response->status, url);
  else
    return w.response;
  grm_sync_response_free (w.response);
  return NULL;
}

static gboolean
fetch_bodies (GrmSyncHttp      *http,
              GMainContext     *context,
              GrmSyncDiscovery *discovery,
              const char       *body_list,
              GCancellable     *cancellable,
              GError          **error)
{
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = g_strdup (body_list);
  guint pages = 0;

  /* Page only by following links.next, and stop on a loop. */
  while (url != NULL && !g_hash_table_contains (visited, url) && pages++ < MAX_BODY_PAGES)
    {
      g_autoptr(GrmSyncResponse) response = NULL;
      g_autoptr(GPtrArray) objects = NULL;
      g_autofree char *next = NULL;
      gsize len;
      const char *data;
      g_autoptr(GError) local_error = NULL;

      g_hash_table_add (visited, g_strdup (url));
      response = fetch (http, context, url, discovery->system_url, cancellable, error);
      if (response == NULL)
        return FALSE;
      data = g_bytes_get_data (response->body, &len);
      if (!grm_oparl_parse_page (data, len, GRM_OPARL_BODY, &objects, &next, &local_error))
        {
          g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL,
                       _("The list of bodies of %s cannot be read: %s"), discovery->system_url,
                       local_error->message);
          return FALSE;
        }
      for (guint i = 0; i < objects->len; i++)
        {
          GrmOparlObject *o = g_ptr_array_index (objects, i);
          GrmSyncDiscoveredBody *body;

          if (o->type != GRM_OPARL_BODY || o->deleted)
            continue;
          body = g_new0 (GrmSyncDiscoveredBody, 1);
          body->id = g_strdup (o->id);
          body->name = g_strdup (o->name != NULL ? o->name
                                 : o->short_name != NULL ? o->short_name : o->id);
          body->short_name = g_strdup (o->short_name);
          g_ptr_array_add (discovery->bodies, body);
        }
      g_free (url);
      url = next != NULL ? g_uri_resolve_relative (response->url, next, G_URI_FLAGS_ENCODED, NULL)
                         : NULL;
    }
  return TRUE;
}

static GrmSyncDiscovery *
discover (GrmSyncHttp  *http,
          GMainContext *context,
          const char   *system_url,
          GCancellable *cancellable,
          GError      **error)
{
  g_autoptr(GrmSyncDiscovery) discovery = g_new0 (GrmSyncDiscovery, 1);
  g_autoptr(GrmSyncResponse) response = NULL;
  g_autoptr(GrmOparlObject) system = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *body_list;
  gsize len;
  const char *data;

  discovery->system_url = g_strdup (system_url);
  discovery->bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) discovered_body_free);
  response = fetch (http, context, system_url, system_url, cancellable, error);
  if (response == NULL)
    return NULL;
  data = g_bytes_get_data (response->body, &len);
  system = grm_oparl_parse_object (data, len, GRM_OPARL_SYSTEM, &local_error);
  body_list = system != NULL ? grm_oparl_object_get_list (system, "body") : NULL;
  if (system == NULL || system->type != GRM_OPARL_SYSTEM || body_list == NULL)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL,
                   _("%s is not the address of an OParl system. Ask your council for the "
                     "address of its OParl interface; it often ends in “/oparl/v1/system” "
                     "or similar."), system_url);
      return NULL;
    }
  discovery->name = g_strdup (system->name);
  discovery->oparl_version = g_strdup (system->oparl_version);
  if (!fetch_bodies (http, context, discovery, body_list, cancellable, error))
    return NULL;
  if (discovery->bodies->len == 0)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL,
                   _("The OParl system %s lists no body"), system_url);
      return NULL;
    }
  return g_steal_pointer (&discovery);
}

static void
discover_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GMainContext *context = g_main_context_new ();
  GrmSyncHttp *http;
  GrmSyncDiscovery *discovery;
  GError *error = NULL;
  gint64 until;

  g_main_context_push_thread_default (context);
  /* Two attempts, soon after each other, and a short timeout: someone is
   * looking at a spinner. */
  http = grm_sync_http_new (2, 2, 300, 20);
  discovery = discover (http, context, task_data, cancellable, &error);
  grm_sync_http_free (http);
  /* Let libsoup finish closing in this context before it goes. */
  until = g_get_monotonic_time () + 50 * 1000;
  while (g_get_monotonic_time () < until)
    if (!g_main_context_iteration (context, FALSE))
      g_usleep (2000);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  if (discovery == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, discovery, (GDestroyNotify) grm_sync_discovery_free);
}

void
grm_sync_discover_async (const char          *system_url,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (system_url != NULL);
  g_task_set_source_tag (task, grm_sync_discover_async);
  g_task_set_task_data (task, g_strdup (system_url), g_free);
  g_task_run_in_thread (task, discover_thread);
}

GrmSyncDiscovery *
grm_sync_discover_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
