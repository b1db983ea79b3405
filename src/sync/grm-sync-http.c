/* grm-sync-http.c: GETs with a connection limit and retries (see
 * grm-sync-http.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-http"

#include "grm-sync-http.h"

#include <glib/gi18n-lib.h>

#include "grm-error.h"

struct _GrmSyncHttp
{
  SoupSession *session;
  guint        max_connections;
  guint        max_attempts;
  guint        retry_base_ms;
  guint        active;
  GQueue       waiting;   /* Waiter */
};

typedef struct
{
  GSourceFunc callback;
  gpointer    user_data;
} Waiter;

typedef struct
{
  GrmSyncHttp     *http;
  char            *url;
  GrmSyncParseFunc parse;
  gpointer         parse_data;
  GDestroyNotify   parse_data_free;
  SoupMessage     *msg;        /* the current attempt's; libsoup keeps its own
                                * reference to an earlier one while it needs it */
  guint            attempt;
  gboolean         holds_slot;
} Request;

static void
request_free (Request *req)
{
  if (req->holds_slot)
    grm_sync_http_release (req->http);
  if (req->parse_data_free)
    req->parse_data_free (req->parse_data);
  g_clear_object (&req->msg);
  g_free (req->url);
  g_free (req);
}

void
grm_sync_response_free (GrmSyncResponse *response)
{
  if (response == NULL)
    return;
  if (response->parsed_free && response->parsed)
    response->parsed_free (response->parsed);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_free (response->url);
  g_free (response);
}

GrmSyncHttp *
grm_sync_http_new (guint max_connections,
                   guint max_attempts,
                   guint retry_base_ms,
                   guint timeout_s)
{
  GrmSyncHttp *http = g_new0 (GrmSyncHttp, 1);
  g_autofree char *agent = g_strdup_printf ("Gremium/%s", PACKAGE_VERSION);

  http->max_connections = MAX (max_connections, 1);
  http->max_attempts = MAX (max_attempts, 1);
  http->retry_base_ms = retry_base_ms;
  http->session = soup_session_new_with_options ("user-agent", agent,
                                                 "timeout", timeout_s,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", http->max_connections,
                                                 NULL);
  g_queue_init (&http->waiting);
  return http;
}

void
grm_sync_http_free (GrmSyncHttp *http)
{
  if (http == NULL)
    return;
  soup_session_abort (http->session);
  g_clear_object (&http->session);
  g_queue_clear_full (&http->waiting, g_free);
  g_free (http);
}

SoupSession *
grm_sync_http_get_session (GrmSyncHttp *http)
{
  return http->session;
}

guint
grm_sync_http_get_max_attempts (GrmSyncHttp *http)
{
  return http->max_attempts;
}

void
grm_sync_http_acquire (GrmSyncHttp *http,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  Waiter *w;

  if (http->active < http->max_connections)
    {
      http->active++;
      callback (user_data);
      return;
    }
  w = g_new0 (Waiter, 1);
  w->callback = callback;
  w->user_data = user_data;
  g_queue_push_tail (&http->waiting, w);
}

void
grm_sync_http_release (GrmSyncHttp *http)
{
  Waiter *w = g_queue_pop_head (&http->waiting);

  if (w == NULL)
    {
      http->active--;
      return;
    }
  /* The slot passes straight to the next waiter, from an idle so that the
   * caller's stack unwinds first. */
  {
    GSource *source = g_idle_source_new ();

    g_source_set_callback (source, w->callback, w->user_data, NULL);
    g_source_attach (source, g_main_context_get_thread_default ());
    g_source_unref (source);
  }
  g_free (w);
}

guint
grm_sync_http_backoff_ms (GrmSyncHttp        *http,
                          guint               attempt,
                          SoupMessageHeaders *headers)
{
  const char *retry_after = headers ? soup_message_headers_get_one (headers, "Retry-After") : NULL;
  guint base = http->retry_base_ms << MIN (attempt - 1, 6);

  if (retry_after != NULL)
    {
      char *end = NULL;
      guint64 seconds = g_ascii_strtoull (retry_after, &end, 10);

      if (end != retry_after && *end == '\0')
        return (guint) MIN (seconds, 60) * 1000;
      else
        {
          g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (retry_after);
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

          if (when != NULL)
            return (guint) CLAMP (g_date_time_difference (when, now) / 1000, 0, 60000);
        }
    }
  /* Full jitter keeps many clients (and our own parallel requests) apart. */
  return MIN (base / 2 + g_random_int_range (0, base / 2 + 1), 30000);
}

gboolean
grm_sync_http_is_transient (const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  /* Certificate problems are never retried (nor ignored). */
  if (error->domain == G_TLS_ERROR)
    return FALSE;
  return TRUE;
}

static void send_request (Request *req, GTask *task);

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;

  send_request (g_task_get_task_data (task), task);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GTask              *task,
                SoupMessageHeaders *headers)
{
  Request *req = g_task_get_task_data (task);
  guint delay = grm_sync_http_backoff_ms (req->http, req->attempt, headers);
  GSource *source = g_timeout_source_new (delay);

  g_debug ("retrying %s in %u ms (attempt %u)", req->url, delay, req->attempt + 1);
  if (req->holds_slot)
    {
      req->holds_slot = FALSE;
      grm_sync_http_release (req->http);
    }
  g_source_set_callback (source, retry_cb, task, NULL);
  g_source_attach (source, g_task_get_context (task));
  g_source_unref (source);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GrmSyncResponse) response = NULL;
  guint status;
  gboolean last = req->attempt >= req->http->max_attempts;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (body == NULL)
    {
      if (!last && grm_sync_http_is_transient (error))
        {
          schedule_retry (g_steal_pointer (&task), NULL);
          return;
        }
      if (error->domain == G_TLS_ERROR)
        g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_NETWORK,
                                 _("The server’s identity could not be verified: %s"),
                                 error->message);
      else
        g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_NETWORK,
                                 _("Could not reach the server (%s): %s"), req->url,
                                 error->message);
      return;
    }

  status = soup_message_get_status (req->msg);
  if (status >= 500 || status == 429 || status == 408)
    {
      if (!last)
        {
          schedule_retry (g_steal_pointer (&task), soup_message_get_response_headers (req->msg));
          return;
        }
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_SERVER,
                               _("The server answered with error %u for %s"), status, req->url);
      return;
    }

  response = g_new0 (GrmSyncResponse, 1);
  response->url = g_strdup (req->url);
  response->status = status;
  response->body = g_steal_pointer (&body);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (req->msg));
  response->attempts = req->attempt;
  if (SOUP_STATUS_IS_SUCCESSFUL (status) && req->parse != NULL)
    {
      response->parsed = req->parse (response, req->parse_data, &error);
      if (response->parsed == NULL)
        {
          if (!last)
            {
              schedule_retry (g_steal_pointer (&task), NULL);
              return;
            }
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&response), (GDestroyNotify) grm_sync_response_free);
}

static gboolean
slot_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  req->holds_slot = TRUE;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  g_clear_object (&req->msg);
  req->msg = soup_message_new (SOUP_METHOD_GET, req->url);
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                               _("Not a web address: %s"), req->url);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  soup_message_headers_replace (soup_message_get_request_headers (req->msg),
                                "Accept", "application/json");
  req->attempt++;
  soup_session_send_and_read_async (req->http->session, req->msg, GRM_SYNC_HTTP_IO_PRIORITY,
                                    g_task_get_cancellable (task), read_cb, task);
  return G_SOURCE_REMOVE;
}

static void
send_request (Request *req,
              GTask   *task)
{
  grm_sync_http_acquire (req->http, slot_cb, task);
}

void
grm_sync_http_get_async (GrmSyncHttp        *http,
                         const char         *url,
                         GrmSyncParseFunc    parse,
                         gpointer            parse_data,
                         GDestroyNotify      parse_data_free,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Request *req = g_new0 (Request, 1);
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  g_task_set_source_tag (task, grm_sync_http_get_async);
  req->http = http;
  req->url = g_strdup (url);
  req->parse = parse;
  req->parse_data = parse_data;
  req->parse_data_free = parse_data_free;
  g_task_set_task_data (task, req, (GDestroyNotify) request_free);
  if (uri == NULL || (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0
                      && g_strcmp0 (g_uri_get_scheme (uri), "https") != 0))
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                               _("Not a web address: %s"), url);
      g_object_unref (task);
      return;
    }
  send_request (req, task);
}

GrmSyncResponse *
grm_sync_http_get_finish (GrmSyncHttp   *http,
                          GAsyncResult  *result,
                          GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
