/* grm-push-http.c: one request of the write extension, with retries.
 *
 * Each attempt is a new SoupMessage on the caller's SoupSession (libsoup's
 * async API, on the thread-default main context). 5xx, 429 and network
 * errors are retried after an exponential backoff with jitter, or after
 * Retry-After when the server gives one (up to a minute). The request is
 * the same every time, idempotency key included, so a change whose answer
 * was lost is not applied twice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "grm-error.h"
#include "grm-push-private.h"
#include "grm-sync-http.h"

#define MAX_RETRY_AFTER_S 60
#define MAX_BACKOFF_MS    30000

typedef struct
{
  SoupSession *session;
  char        *method;
  char        *url;
  char        *authorization;
  char        *idempotency_key;
  char        *if_match;
  GBytes      *body;
  guint        max_attempts;
  guint        base_ms;
  guint        attempts;
  char        *last_error;
  SoupMessage *msg;
  GPtrArray   *old_msgs;   /* earlier attempts: libsoup may still touch them */
  guint        timeout_id;
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;

  g_clear_handle_id (&r->timeout_id, g_source_remove);
  g_clear_object (&r->session);
  g_clear_object (&r->msg);
  g_clear_pointer (&r->old_msgs, g_ptr_array_unref);
  g_free (r->method);
  g_free (r->url);
  g_free (r->authorization);
  g_free (r->idempotency_key);
  g_free (r->if_match);
  g_clear_pointer (&r->body, g_bytes_unref);
  g_free (r->last_error);
  g_free (r);
}

void
grm_push_response_free (GrmPushResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_free (response->last_error);
  g_free (response);
}

static void send_attempt (GTask *task);

static gboolean
retry_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);

  r->timeout_id = 0;
  send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* A cancellation while waiting for the next attempt ends the request now. */
static void
cancelled_during_wait (GTask *task)
{
  Request *r = g_task_get_task_data (task);

  if (r->timeout_id == 0)
    return;
  g_clear_handle_id (&r->timeout_id, g_source_remove);
  g_task_return_error_if_cancelled (task);
  g_object_unref (task);
}

/* Waits before the next attempt, or gives up with @error (taken). */
static void
retry_or_fail (GTask              *task,
               SoupMessageHeaders *headers,
               GError             *error)
{
  Request *r = g_task_get_task_data (task);
  const char *retry_after = headers ? soup_message_headers_get_one (headers, "Retry-After") : NULL;
  guint64 delay;

  g_free (r->last_error);
  r->last_error = g_strdup (error->message);
  if (r->attempts >= r->max_attempts || g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  delay = (guint64) r->base_ms << MIN (r->attempts - 1, 16);
  delay = MIN (delay, MAX_BACKOFF_MS);
  delay = delay * 3 / 4 + g_random_int_range (0, (gint32) (delay / 2) + 1);
  if (retry_after != NULL && g_ascii_isdigit (*retry_after))
    delay = MIN (g_ascii_strtoull (retry_after, NULL, 10), MAX_RETRY_AFTER_S) * 1000;
  g_debug ("%s %s: %s; retrying in %" G_GUINT64_FORMAT " ms", r->method, r->url, error->message,
           delay);
  g_error_free (error);
  r->timeout_id = g_timeout_add ((guint) delay, retry_cb, task);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  GrmPushResponse *response;
  guint status;

  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || error->domain == G_TLS_ERROR)
        {
          /* A certificate that does not verify is not transient. */
          if (error->domain == G_TLS_ERROR)
            g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_NETWORK,
                                     _("The server’s identity could not be verified: %s"),
                                     error->message);
          else
            g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }
      retry_or_fail (task, NULL,
                     g_error_new (GRM_ERROR, GRM_ERROR_NETWORK,
                                  _("The server could not be reached: %s"), error->message));
      return;
    }

  status = soup_message_get_status (r->msg);
  if (status >= 500 || status == 429)
    {
      retry_or_fail (task, soup_message_get_response_headers (r->msg),
                     g_error_new (GRM_ERROR, GRM_ERROR_SERVER,
                                  _("The server is unavailable (HTTP %u)"), status));
      return;
    }

  response = g_new0 (GrmPushResponse, 1);
  response->status = status;
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (r->msg));
  response->body = g_steal_pointer (&body);
  response->attempts = r->attempts;
  response->last_error = g_steal_pointer (&r->last_error);
  g_task_return_pointer (task, response, (GDestroyNotify) grm_push_response_free);
  g_object_unref (task);
}

static void
send_attempt (GTask *task)
{
  Request *r = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (r->msg != NULL)
    g_ptr_array_add (r->old_msgs, g_steal_pointer (&r->msg));
  r->msg = soup_message_new (r->method, r->url);
  if (r->msg == NULL)
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                               _("The server gave an invalid address: %s"), r->url);
      g_object_unref (task);
      return;
    }
  headers = soup_message_get_request_headers (r->msg);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (r->authorization != NULL)
    soup_message_headers_replace (headers, "Authorization", r->authorization);
  if (r->idempotency_key != NULL)
    {
      soup_message_headers_replace (headers, "Idempotency-Key", r->idempotency_key);
      /* libsoup silently resends a message whose reused connection broke,
       * and its second copy may differ from the first (the body stream was
       * already read). A change goes out on a connection of its own, so a
       * broken one reaches us and is retried here, byte for byte. */
      soup_message_add_flags (r->msg, SOUP_MESSAGE_NEW_CONNECTION);
    }
  if (r->if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", r->if_match);
  if (r->body != NULL)
    soup_message_set_request_body_from_bytes (r->msg, "application/json", r->body);
  r->attempts++;
  /* The priority keeps libsoup 3.2 from crashing on a reset of a reused
   * connection: see GRM_SYNC_HTTP_IO_PRIORITY. */
  soup_session_send_and_read_async (r->session, r->msg, GRM_SYNC_HTTP_IO_PRIORITY,
                                    g_task_get_cancellable (task), sent_cb, task);
}

void
grm_push_http_send_async (SoupSession         *session,
                          const char          *method,
                          const char          *url,
                          const char          *authorization,
                          const char          *idempotency_key,
                          const char          *if_match,
                          const char          *body,
                          guint                max_attempts,
                          guint                base_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (session, cancellable, callback, user_data);
  Request *r = g_new0 (Request, 1);

  g_task_set_source_tag (task, grm_push_http_send_async);
  r->session = g_object_ref (session);
  r->method = g_strdup (method);
  r->url = g_strdup (url);
  r->authorization = g_strdup (authorization);
  r->idempotency_key = g_strdup (idempotency_key);
  r->if_match = g_strdup (if_match);
  r->body = body ? g_bytes_new (body, strlen (body)) : NULL;
  r->max_attempts = MAX (max_attempts, 1);
  r->base_ms = base_ms;
  r->old_msgs = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, r, request_free);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (cancelled_during_wait), task,
                             G_CONNECT_SWAPPED);
  send_attempt (task);
}

GrmPushResponse *
grm_push_http_send_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonObject *
grm_push_response_dup_object (GrmPushResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *data;
  JsonNode *root;

  if (response->body == NULL)
    return NULL;
  data = g_bytes_get_data (response->body, &len);
  if (data == NULL || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  return json_object_ref (json_node_get_object (root));
}

char *
grm_push_response_dup_message (GrmPushResponse *response)
{
  g_autoptr(JsonObject) obj = grm_push_response_dup_object (response);
  const char *message = obj ? json_object_get_string_member_with_default (obj, "message", NULL)
                            : NULL;

  /* Server text is kept as plain text, shown escaped by the UI. */
  if (message != NULL)
    return g_strdup_printf (_("The server refused the change (HTTP %u): %s"), response->status,
                            message);
  return g_strdup_printf (_("The server refused the change (HTTP %u)"), response->status);
}
