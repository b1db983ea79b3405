/* grm-sync-http.h: polite HTTP GETs for the sync engine.
 *
 * One SoupSession, used only on the thread that created it (the sync
 * thread). At most max_connections requests are in flight; 5xx, 429,
 * timeouts, resets and responses the caller's parse function rejects are
 * retried with exponential backoff and jitter, honouring Retry-After.
 * TLS certificates are always verified (libsoup's default; never changed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _GrmSyncHttp GrmSyncHttp;

typedef struct
{
  char               *url;
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  gpointer            parsed;         /* what the parse function returned */
  GDestroyNotify      parsed_free;
  guint               attempts;
} GrmSyncResponse;

/* Called on 2xx responses. Returns the parsed result, or NULL and sets
 * @error: the response is then treated as damaged in transit and retried. */
typedef gpointer (*GrmSyncParseFunc) (GrmSyncResponse  *response,
                                      gpointer          user_data,
                                      GError          **error);

GrmSyncHttp     *grm_sync_http_new          (guint              max_connections,
                                             guint              max_attempts,
                                             guint              retry_base_ms,
                                             guint              timeout_s);
void             grm_sync_http_free         (GrmSyncHttp       *http);
SoupSession     *grm_sync_http_get_session  (GrmSyncHttp       *http);

/* GET @url. The result is a GrmSyncResponse for any final status (404 is
 * an answer, not an error); network failures after the last retry are
 * GRM_ERROR_NETWORK, 5xx after the last retry GRM_ERROR_SERVER. */
void             grm_sync_http_get_async    (GrmSyncHttp       *http,
                                             const char        *url,
                                             GrmSyncParseFunc   parse,
                                             gpointer           parse_data,
                                             GDestroyNotify     parse_data_free,
                                             GCancellable      *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer           user_data);
GrmSyncResponse *grm_sync_http_get_finish   (GrmSyncHttp       *http,
                                             GAsyncResult      *result,
                                             GError           **error);

/* For streamed downloads: take one of the connection slots (the callback
 * runs when a slot is free) and give it back. */
void             grm_sync_http_acquire      (GrmSyncHttp       *http,
                                             GSourceFunc        callback,
                                             gpointer           user_data);
void             grm_sync_http_release      (GrmSyncHttp       *http);
/* After a reset or cut connection: TRUE, and no connection is reused. */
gboolean         grm_sync_http_get_no_keepalive (GrmSyncHttp   *http);
void             grm_sync_http_set_no_keepalive (GrmSyncHttp   *http);

/* The delay before attempt @attempt (1-based), honouring Retry-After. */
guint            grm_sync_http_backoff_ms   (GrmSyncHttp       *http,
                                             guint              attempt,
                                             SoupMessageHeaders *headers);
gboolean         grm_sync_http_is_transient (const GError      *error);
guint            grm_sync_http_get_max_attempts (GrmSyncHttp   *http);

void             grm_sync_response_free     (GrmSyncResponse   *response);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSyncResponse, grm_sync_response_free)

G_END_DECLS
