/* grm-push-private.h: what the files of GrmPush share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "grm-push.h"

G_BEGIN_DECLS

/* One answer of the write API. */
typedef struct
{
  guint               status;
  SoupMessageHeaders *headers;    /* of the response */
  GBytes             *body;
  guint               attempts;   /* requests it took */
  char               *last_error; /* why the attempt before the last failed, or NULL */
} GrmPushResponse;

void             grm_push_response_free      (GrmPushResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmPushResponse, grm_push_response_free)

/* Sends one request, retrying 5xx, 429 and network errors with backoff
 * (honouring Retry-After). Any other status is an answer. After the last
 * attempt: GRM_ERROR_NETWORK or GRM_ERROR_SERVER. NULL arguments are left
 * out of the request. */
void             grm_push_http_send_async    (SoupSession         *session,
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
                                              gpointer             user_data);
GrmPushResponse *grm_push_http_send_finish   (GAsyncResult        *result,
                                              GError             **error);

/* The JSON object of a response body, or NULL. */
JsonObject      *grm_push_response_dup_object (GrmPushResponse    *response);
/* The "message" of an error body, or a generic text with the status. */
char            *grm_push_response_dup_message (GrmPushResponse   *response);

struct _GrmPush
{
  GObject         parent_instance;

  GrmStore       *store;
  GrmCredentials *credentials;
  SoupSession    *session;
  guint           max_attempts;
  guint           base_ms;
  char           *token;
  gboolean        running;

  guint           collected;
  guint           sent;
  guint           conflicts;
  guint           failed;
  guint           pending;
};

typedef struct
{
  char      *write_api;
  char      *objects_url;
  char      *token_url;
  GPtrArray *entries;         /* GrmOutboxEntry, pending, oldest first */
  guint      index;
  gboolean   token_renewed;
  char      *known_version;   /* of the current entry's target, from our last write */
  char      *known_modified;
  GError    *stop_error;      /* ends the run once the entry's attempts are recorded */
} Run;

static inline GrmPush *
grm_push_task_get_push (GTask *task)
{
  return g_task_get_source_object (task);
}

static inline Run *
grm_push_task_get_run (GTask *task)
{
  return g_task_get_task_data (task);
}

/* Ends the run of @task: with @error (taken), or successfully. */
void             grm_push_finish_run          (GTask              *task,
                                               GError             *error);
/* Sends the entry at run->index and the ones after it (grm-push-send.c). */
void             grm_push_process_entry       (GTask              *task);

/* The collector's parts (grm-push-collect.c), for grm-push-collect-local.c. */
gboolean         grm_push_build_session       (GrmDb              *db,
                                               const char         *meeting,
                                               JsonObject         *records,
                                               GError            **error);
gboolean         grm_push_build_item          (GrmDb              *db,
                                               const char         *item,
                                               JsonObject         *records,
                                               GError            **error);
void             grm_push_apply_records       (JsonObject         *obj,
                                               JsonObject         *records);
char            *grm_push_digest_of           (JsonObject         *digest_src);
char            *grm_push_label_new_meeting   (const char         *name);
char            *grm_push_label_records       (const char         *name);
gboolean         grm_push_enqueue_target      (GrmDb              *db,
                                               const char         *method,
                                               const char         *key,
                                               const char         *target,
                                               JsonObject         *obj,
                                               const char         *digest,
                                               const char         *label,
                                               guint              *n_enqueued,
                                               GError            **error);
gboolean         grm_push_collect_local_meeting (GrmDb            *db,
                                                 const char       *meeting,
                                                 guint            *n_enqueued,
                                                 GError          **error);

G_END_DECLS
