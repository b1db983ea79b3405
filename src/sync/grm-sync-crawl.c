/* grm-sync-crawl.c: the metadata phases of a sync: System and bodies, the
 * body's lists page by page, then the references no list contained.
 *
 * Each page is written in one store job together with the URL where the
 * crawl continues, so a sync killed at any point resumes at the first page
 * it has not stored. The watermark for the next incremental sync is taken
 * before the crawl starts and kept across such resumptions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-crawl"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-date.h"
#include "grm-error.h"
#include "grm-store-objects.h"
#include "grm-sync-private.h"

#define MAX_PAGES 100000
#define MAX_REFERENCE_ROUNDS 4
#define MAX_REFERENCES 20000

typedef struct
{
  GPtrArray *objects;
  char      *next;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->objects, g_ptr_array_unref);
  g_free (page->next);
  g_free (page);
}

static gpointer
parse_page_cb (GrmSyncResponse  *response,
               gpointer          user_data,
               GError          **error)
{
  GrmOparlType type = GPOINTER_TO_INT (user_data);
  Page *page = g_new0 (Page, 1);
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);

  if (!grm_oparl_parse_page (data, len, type, &page->objects, &page->next, error))
    {
      page_free (page);
      return NULL;
    }
  response->parsed_free = (GDestroyNotify) page_free;
  return page;
}

static gpointer
parse_object_cb (GrmSyncResponse  *response,
                 gpointer          user_data,
                 GError          **error)
{
  gsize len;
  const char *data = g_bytes_get_data (response->body, &len);
  GrmOparlObject *o = grm_oparl_parse_object (data, len, GPOINTER_TO_INT (user_data), error);

  response->parsed_free = (GDestroyNotify) grm_oparl_object_free;
  return o;
}

/* Waits (on the sync thread's own context) for one GET. */
typedef struct
{
  GrmSyncRun      *run;
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

  w->response = grm_sync_http_get_finish (w->run->http, result, &w->error);
  w->done = TRUE;
}

static GrmSyncResponse *
get_and_wait (GrmSyncRun      *run,
              const char      *url,
              GrmSyncParseFunc parse,
              GrmOparlType     type,
              GError         **error)
{
  Wait w = { run, NULL, NULL, FALSE };

  grm_sync_http_get_async (run->http, url, parse, GINT_TO_POINTER (type), NULL,
                           run->cancellable, wait_cb, &w);
  while (!w.done)
    g_main_context_iteration (run->context, TRUE);
  grm_sync_progress (run->self, GRM_SYNC_PHASE_SYSTEM, 0, 0, 1, 0, 0, 0);
  if (w.error != NULL)
    {
      g_propagate_error (error, w.error);
      return NULL;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (w.response->status))
    {
      g_set_error (error, GRM_ERROR, w.response->status == 404 ? GRM_ERROR_NOT_FOUND
                                                               : GRM_ERROR_SERVER,
                   _("The server answered with error %u for %s"), w.response->status, url);
      grm_sync_response_free (w.response);
      return NULL;
    }
  return w.response;
}

/* Store jobs. */
typedef struct
{
  GPtrArray  *objects;     /* GrmOparlObject, borrowed */
  const char *list_url;    /* NULL: no bookkeeping */
  const char *next_url;    /* NULL: the list is done */
  guint       external_types;
  GPtrArray  *placeholders; /* GrmOparlRef, borrowed; may be NULL */
  guint       n_written;
  guint       types;       /* mask of the types written */
} PageJob;

static void
mark_types (GrmOparlObject *o,
            guint          *types)
{
  *types |= 1u << o->type;
  for (guint i = 0; i < o->children->len; i++)
    mark_types (g_ptr_array_index (o->children, i), types);
}

static gboolean
page_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  PageJob *job = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  for (guint i = 0; job->objects && i < job->objects->len; i++)
    {
      GrmOparlObject *o = g_ptr_array_index (job->objects, i);
      guint before = job->n_written;

      if (!grm_store_objects_upsert (db, o, job->external_types, now, &job->n_written, error))
        return FALSE;
      if (job->n_written != before)
        mark_types (o, &job->types);
    }
  for (guint i = 0; job->placeholders && i < job->placeholders->len; i++)
    {
      GrmOparlRef *ref = g_ptr_array_index (job->placeholders, i);

      if (!grm_store_objects_add_placeholder (db, ref->target, ref->target_type, now, error))
        return FALSE;
      job->n_written++;
      job->types |= 1u << ref->target_type;
    }
  if (job->list_url == NULL)
    return TRUE;
  if (job->next_url != NULL)
    return grm_store_sync_state_set_next (db, job->list_url, job->next_url, error);
  return grm_store_sync_state_finish (db, job->list_url, now, error);
}

static void
notify_types (GrmSyncRun *run,
              guint       types)
{
  for (int t = GRM_OPARL_SYSTEM; t < GRM_OPARL_N_TYPES; t++)
    if (types & (1u << t))
      grm_store_notify_changed (run->store, grm_oparl_type_to_string (t));
}

static gboolean
write_page (GrmSyncRun *run,
            PageJob    *job,
            GError    **error)
{
  if (!grm_sync_run_write (run, page_job, job, error))
    return FALSE;
  notify_types (run, job->types);
  return TRUE;
}

gboolean
grm_sync_crawl_system (GrmSyncRun  *run,
                       GPtrArray  **bodies_out,
                       GError     **error)
{
  g_autoptr(GrmSyncResponse) system = NULL;
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GHashTable) visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *url = NULL;
  GrmOparlObject *sys;
  const char *body_list;
  PageJob job = { 0 };
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  system = get_and_wait (run, run->system_url, parse_object_cb, GRM_OPARL_SYSTEM, error);
  if (system == NULL)
    return FALSE;
  sys = system->parsed;
  body_list = grm_oparl_object_get_list (sys, "body");
  if (sys->type != GRM_OPARL_SYSTEM || body_list == NULL)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL,
                   _("%s is not the address of an OParl system"), run->system_url);
      return FALSE;
    }
  g_ptr_array_add (one, sys);
  job.objects = one;
  if (!write_page (run, &job, error))
    return FALSE;

  /* The body list: usually one page, sometimes a single Body (Krefeld). */
  bodies = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  url = g_strdup (body_list);
  while (url != NULL && !g_hash_table_contains (visited, url))
    {
      g_autoptr(GrmSyncResponse) response = NULL;
      Page *page;
      PageJob body_job = { 0 };

      g_hash_table_add (visited, g_strdup (url));
      response = get_and_wait (run, url, parse_page_cb, GRM_OPARL_BODY, error);
      if (response == NULL)
        return FALSE;
      page = response->parsed;
      body_job.objects = page->objects;
      if (!write_page (run, &body_job, error))
        return FALSE;
      for (guint i = 0; i < page->objects->len; i++)
        if (((GrmOparlObject *) g_ptr_array_index (page->objects, i))->type == GRM_OPARL_BODY)
          g_ptr_array_add (bodies, g_ptr_array_steal_index (page->objects, i--));
      g_free (url);
      url = page->next ? g_uri_resolve_relative (response->url, page->next,
                                                 G_URI_FLAGS_ENCODED, NULL) : NULL;
    }
  if (bodies->len == 0)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_OPARL,
                   _("The OParl system %s lists no body"), run->system_url);
      return FALSE;
    }
  /* Every Body is stored (they are few and small); only the chosen ones'
   * lists are crawled. */
  if (run->options->bodies != NULL)
    {
      for (guint i = 0; i < bodies->len; i++)
        {
          GrmOparlObject *body = g_ptr_array_index (bodies, i);

          if (!g_strv_contains ((const char * const *) run->options->bodies, body->id))
            g_ptr_array_remove_index (bodies, i--);
        }
      if (bodies->len == 0)
        {
          g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                       _("The server no longer offers the body chosen for this account. "
                         "Connect to the server again to choose one."));
          return FALSE;
        }
    }
  *bodies_out = g_steal_pointer (&bodies);
  return TRUE;
}

/* Crawl of one list. */
typedef struct
{
  GrmSyncRun   *run;
  char         *list_url;
  char         *body;
  GrmOparlType  type;
  char         *since;      /* modified_since sent, NULL for a full crawl */
  char         *url;        /* the page being fetched */
  GHashTable   *visited;
  guint         pages;
} Crawl;

static void
crawl_free (Crawl *crawl)
{
  g_free (crawl->list_url);
  g_free (crawl->body);
  g_free (crawl->since);
  g_free (crawl->url);
  g_hash_table_unref (crawl->visited);
  g_free (crawl);
}

static gboolean
url_has_param (const char *url,
               const char *name)
{
  const char *q = strchr (url, '?');
  g_autofree char *needle = g_strconcat (name, "=", NULL);

  while (q != NULL)
    {
      q++;
      if (g_str_has_prefix (q, needle))
        return TRUE;
      q = strchr (q, '&');
    }
  return FALSE;
}

static char *
url_add_param (const char *url,
               const char *name,
               const char *value)
{
  if (url_has_param (url, name))
    return g_strdup (url);
  return g_strdup_printf ("%s%c%s=%s", url, strchr (url, '?') ? '&' : '?', name, value);
}

static void crawl_fetch (Crawl *crawl);

typedef struct
{
  const char *list_url;
  GrmSyncState *state;
} StateJob;

static gboolean
read_state_job (GrmDb     *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  StateJob *job = data;
  g_autoptr(GError) local_error = NULL;

  job->state = grm_store_sync_state_get (db, job->list_url, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  Crawl      *crawl;
  const char *started;
  const char *message;
} BeginJob;

static gboolean
begin_job (GrmDb     *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  BeginJob *job = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (job->message != NULL)
    return grm_store_sync_state_fail (db, job->crawl->list_url, job->message, now, error);
  return grm_store_sync_state_begin (db, job->crawl->list_url, job->crawl->body,
                                     grm_oparl_type_to_string (job->crawl->type),
                                     job->started, now, error);
}

static void
crawl_fail (Crawl      *crawl,
            const char *message)
{
  BeginJob job = { crawl, NULL, message };

  grm_sync_run_add_error (crawl->run, "%s: %s", crawl->list_url, message);
  grm_sync_run_write (crawl->run, begin_job, &job, NULL);
  crawl->run->pending--;
  crawl_free (crawl);
}

void
grm_sync_crawl_list_start (GrmSyncRun  *run,
                           const char  *list_url,
                           const char  *body,
                           GrmOparlType type)
{
  Crawl *crawl = g_new0 (Crawl, 1);
  StateJob state_job = { list_url, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *started = grm_date_format_utc (g_get_real_time () / G_USEC_PER_SEC);
  BeginJob begin = { crawl, started, NULL };
  gint64 watermark;

  crawl->run = run;
  crawl->list_url = g_strdup (list_url);
  crawl->body = g_strdup (body);
  crawl->type = type;
  crawl->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->pending++;

  if (!grm_store_read_sync (run->store, read_state_job, &state_job, NULL, &error))
    {
      crawl_fail (crawl, error->message);
      return;
    }
  if (state_job.state != NULL && state_job.state->watermark != NULL
      && grm_date_parse_datetime (state_job.state->watermark, NULL, &watermark))
    crawl->since = grm_date_format_utc (watermark - run->options->early_s);

  if (state_job.state != NULL && state_job.state->next_url != NULL)
    crawl->url = g_strdup (state_job.state->next_url);
  else
    {
      crawl->url = crawl->since ? url_add_param (list_url, "modified_since", crawl->since)
                                : g_strdup (list_url);
      /* OParl 1.1 servers understand these; older ones ignore them. Big
       * pages mean fewer requests and fewer transactions. */
      if (run->omit_internal)
        {
          char *with = url_add_param (crawl->url, "omit_internal", "true");

          g_free (crawl->url);
          crawl->url = with;
        }
      if (run->page_limit > 0)
        {
          g_autofree char *limit = g_strdup_printf ("%u", run->page_limit);
          char *with = url_add_param (crawl->url, "limit", limit);

          g_free (crawl->url);
          crawl->url = with;
        }
    }
  g_clear_pointer (&state_job.state, grm_sync_state_free);

  if (!grm_sync_run_write (run, begin_job, &begin, &error))
    {
      crawl_fail (crawl, error->message);
      return;
    }
  crawl_fetch (crawl);
}

static void
crawl_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Crawl *crawl = user_data;
  GrmSyncRun *run = crawl->run;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSyncResponse) response = NULL;
  g_autofree char *next = NULL;
  PageJob job = { 0 };
  Page *page;

  response = grm_sync_http_get_finish (run->http, result, &error);
  if (response == NULL)
    {
      crawl_fail (crawl, error->message);
      return;
    }
  if (response->status == 404 && (crawl->since != NULL || url_has_param (crawl->url, "modified_since")))
    {
      /* An empty filtered list, the vendor way: a 404 with a body. */
      job.list_url = crawl->list_url;
      if (!write_page (run, &job, &error))
        crawl_fail (crawl, error->message);
      else
        {
          run->pending--;
          crawl_free (crawl);
        }
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      g_autofree char *message = g_strdup_printf (_("The server answered with error %u"),
                                                  response->status);

      crawl_fail (crawl, message);
      return;
    }

  page = response->parsed;
  if (page->next != NULL)
    {
      next = g_uri_resolve_relative (crawl->url, page->next, G_URI_FLAGS_ENCODED, NULL);
      /* Some servers drop the filter from their next links. */
      if (next != NULL && crawl->since != NULL && !url_has_param (next, "modified_since"))
        {
          char *with = url_add_param (next, "modified_since", crawl->since);

          g_free (next);
          next = with;
        }
      if (next != NULL && (g_hash_table_contains (crawl->visited, next)
                           || g_hash_table_size (crawl->visited) > MAX_PAGES))
        {
          g_message ("%s: the next link loops back to %s; stopping", crawl->list_url, next);
          g_clear_pointer (&next, g_free);
        }
    }

  job.objects = page->objects;
  job.list_url = crawl->list_url;
  job.next_url = next;
  job.external_types = run->external_types;
  if (!write_page (run, &job, &error))
    {
      crawl_fail (crawl, error->message);
      return;
    }
  grm_sync_progress (run->self, GRM_SYNC_PHASE_LISTS, job.n_written, 1, response->attempts, 0, 0, 0);

  if (next == NULL)
    {
      run->pending--;
      crawl_free (crawl);
      return;
    }
  g_free (crawl->url);
  crawl->url = g_steal_pointer (&next);
  crawl_fetch (crawl);
}

static void
crawl_fetch (Crawl *crawl)
{
  g_hash_table_add (crawl->visited, g_strdup (crawl->url));
  grm_sync_http_get_async (crawl->run->http, crawl->url, parse_page_cb,
                           GINT_TO_POINTER (crawl->type), NULL,
                           crawl->run->cancellable, crawl_page_cb, crawl);
}

/* References that no list contained. */
typedef struct
{
  GrmSyncRun *run;
  GrmOparlRef *ref;
  GPtrArray  *objects;
  GPtrArray  *placeholders;
} RefFetch;

static void
ref_fetch_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  RefFetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSyncResponse) response = NULL;

  fetch->run->pending--;
  response = grm_sync_http_get_finish (fetch->run->http, result, &error);
  if (response == NULL)
    {
      grm_sync_run_add_error (fetch->run, "%s: %s", fetch->ref->target, error->message);
      g_free (fetch);
      return;
    }
  grm_sync_progress (fetch->run->self, GRM_SYNC_PHASE_REFERENCES, 0, 0, response->attempts, 0, 0, 0);
  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      GrmOparlObject *o = g_steal_pointer (&response->parsed);

      /* An object that answers under another id leaves the asked one missing. */
      if (strcmp (o->id, fetch->ref->target) != 0)
        g_ptr_array_add (fetch->placeholders, fetch->ref);
      g_ptr_array_add (fetch->objects, o);
    }
  else if (response->status == 404 || response->status == 410)
    g_ptr_array_add (fetch->placeholders, fetch->ref);
  else
    grm_sync_run_add_error (fetch->run, _("%s: the server answered with error %u"),
                            fetch->ref->target, response->status);
  g_free (fetch);
}

static gboolean
same_origin (GrmSyncRun *run,
             const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *origin = NULL;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  origin = g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                            g_uri_get_port (uri));
  return g_ascii_strcasecmp (origin, run->origin) == 0;
}

static gboolean
unresolved_job (GrmDb     *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  *result = grm_store_objects_dup_unresolved (db, MAX_REFERENCES, error);
  return *result != NULL;
}

void
grm_sync_crawl_references (GrmSyncRun *run)
{
  for (int round = 0; round < MAX_REFERENCE_ROUNDS; round++)
    {
      g_autoptr(GPtrArray) refs = NULL;
      g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
      g_autoptr(GPtrArray) placeholders = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;
      PageJob job = { 0 };

      if (!grm_store_read_sync (run->store, unresolved_job, NULL, (gpointer *) &refs, &error))
        {
          grm_sync_run_add_error (run, "%s", error->message);
          return;
        }
      if (refs->len == 0)
        return;
      grm_sync_progress (run->self, GRM_SYNC_PHASE_REFERENCES, 0, 0, 0, 0, 0, 0);
      for (guint i = 0; i < refs->len; i++)
        {
          GrmOparlRef *ref = g_ptr_array_index (refs, i);
          RefFetch *fetch;

          /* Only the council's own server is asked; a reference elsewhere
           * stays a placeholder. */
          if (!same_origin (run, ref->target) || ref->target_type == GRM_OPARL_UNKNOWN)
            {
              g_ptr_array_add (placeholders, ref);
              continue;
            }
          fetch = g_new0 (RefFetch, 1);
          fetch->run = run;
          fetch->ref = ref;
          fetch->objects = objects;
          fetch->placeholders = placeholders;
          run->pending++;
          grm_sync_http_get_async (run->http, ref->target, parse_object_cb,
                                   GINT_TO_POINTER (ref->target_type), NULL,
                                   run->cancellable, ref_fetch_cb, fetch);
        }
      grm_sync_run_wait (run);
      if (g_cancellable_is_cancelled (run->cancellable))
        return;
      job.objects = objects;
      job.placeholders = placeholders;
      job.external_types = run->external_types;
      if (!write_page (run, &job, &error))
        {
          grm_sync_run_add_error (run, "%s", error->message);
          return;
        }
      grm_sync_progress (run->self, GRM_SYNC_PHASE_REFERENCES, job.n_written, 0, 0, 0, 0, 0);
      /* Nothing new could be learned: what is left failed to download. */
      if (objects->len == 0)
        return;
    }
}
