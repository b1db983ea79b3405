/* grm-push-send.c: sending the outbox of a GrmPush run, entry by entry:
 * the token (HTTP Basic once, then Bearer, renewed once on a 401), the
 * version each entry is based on, the request with its Idempotency-Key and
 * If-Match, and what the answer means for the entry.
 *
 * Versions: the pull sync does not keep the server's ETags, so the version
 * an entry is based on is settled just before it is first sent, and kept in
 * the entry (every retry sends the same If-Match). It is the server's
 * current version when that is the one our last write stored, or when the
 * server's `modified` equals that of the local copy the entry was built
 * from; otherwise the object changed on the server since, and the entry
 * becomes a conflict holding the server's object, without being sent.
 * A 409 answer (a change in between) ends the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-error.h"
#include "grm-push-private.h"

static GrmOutboxEntry *
current_entry (GTask *task)
{
  Run *run = grm_push_task_get_run (task);

  return g_ptr_array_index (run->entries, run->index);
}

static char *
authorization (GrmPush *self)
{
  return self->token ? g_strconcat ("Bearer ", self->token, NULL) : NULL;
}

static char *
object_url (Run        *run,
            const char *id)
{
  g_autofree char *escaped = g_uri_escape_string (id, NULL, FALSE);

  return g_strconcat (run->objects_url, strchr (run->objects_url, '?') ? "&id=" : "?id=",
                      escaped, NULL);
}
/* ---- marking entries (write jobs) ---- */

typedef struct
{
  gint64          seq;
  GrmOutboxState  state;      /* PENDING: only count attempts / set the base */
  guint           attempts;
  char           *version;
  char           *modified;
  char           *object;
  char           *message;
  char           *base;
  GPtrArray      *remote;     /* after a creation: local id, server id, … */
} Mark;

static void
mark_free (gpointer data)
{
  Mark *m = data;

  g_free (m->version);
  g_free (m->modified);
  g_free (m->object);
  g_free (m->message);
  g_free (m->base);
  g_clear_pointer (&m->remote, g_ptr_array_unref);
  g_free (m);
}

static gboolean
mark_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  Mark *m = data;

  if (m->attempts > 0 && !grm_store_outbox_add_attempts (db, m->seq, m->attempts, m->message, error))
    return FALSE;
  if (m->base != NULL && !grm_store_outbox_set_base (db, m->seq, m->base, error))
    return FALSE;

  switch (m->state)
    {
    case GRM_OUTBOX_SENT:
      if (!grm_store_outbox_mark_sent (db, m->seq, m->version, m->modified, error))
        return FALSE;
      /* A creation: the server's ids replace ours everywhere, in the same
       * transaction, so no one ever sees the object twice. */
      if (m->remote != NULL && m->remote->len >= 2 &&
          !grm_store_outbox_adopt_created (db, m->remote, m->object, m->version, m->modified,
                                           error))
        return FALSE;
      return TRUE;
    case GRM_OUTBOX_CONFLICT:
      return grm_store_outbox_mark_conflict (db, m->seq, m->version, m->object, m->message, error);
    case GRM_OUTBOX_FAILED:
      return grm_store_outbox_mark_failed (db, m->seq, m->message, error);
    case GRM_OUTBOX_PENDING:
    case GRM_OUTBOX_DROPPED:
    default:
      return TRUE;
    }
}

static Mark *
mark_new (GTask          *task,
          GrmOutboxState  state,
          guint           attempts)
{
  Mark *m = g_new0 (Mark, 1);

  m->seq = current_entry (task)->seq;
  m->state = state;
  m->attempts = attempts;
  return m;
}

static void request_token (GTask *task);
static void send_entry (GTask *task);

static void
marked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GError *error = NULL;
  GrmOutboxState *state = g_object_get_data (G_OBJECT (task), "grm-mark-state");
  g_autoptr(GPtrArray) remote = g_object_steal_data (G_OBJECT (task), "grm-mark-remote");

  grm_store_write_finish (GRM_STORE (source), result, &error);
  if (error != NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  grm_store_notify_changed (GRM_STORE (source), "outbox");
  if (remote != NULL && remote->len >= 2)
    {
      /* Everything under the local ids now has the server's. */
      grm_store_notify_changed (GRM_STORE (source), "Meeting");
      for (guint i = 0; i + 1 < remote->len; i += 2)
        g_signal_emit_by_name (self, "id-replaced", remote->pdata[i], remote->pdata[i + 1]);
    }
  if (run->stop_error != NULL)
    {
      grm_push_finish_run (task, g_steal_pointer (&run->stop_error));
      return;
    }

  switch (state ? *state : GRM_OUTBOX_PENDING)
    {
    case GRM_OUTBOX_SENT: self->sent++; break;
    case GRM_OUTBOX_CONFLICT: self->conflicts++; break;
    case GRM_OUTBOX_FAILED: self->failed++; break;
    case GRM_OUTBOX_PENDING:
    case GRM_OUTBOX_DROPPED:
    default:
      /* The base was settled: now send. */
      send_entry (task);
      return;
    }
  run->index++;
  grm_push_process_entry (task);
}

static void
mark (GTask *task,
      Mark  *m)
{
  GrmOutboxState *state = g_new (GrmOutboxState, 1);

  *state = m->state;
  g_object_set_data_full (G_OBJECT (task), "grm-mark-state", state, g_free);
  if (m->state == GRM_OUTBOX_SENT && m->remote != NULL)
    g_object_set_data_full (G_OBJECT (task), "grm-mark-remote", g_ptr_array_ref (m->remote),
                            (GDestroyNotify) g_ptr_array_unref);
  grm_store_write_async (grm_push_task_get_push (task)->store, mark_job, m, mark_free, NULL,
                         g_task_get_cancellable (task), marked_cb, task);
}

/* ---- tokens ---- */

/* A 401 on a call: get a new token once, then repeat the entry. */
static void
renew_token (GTask *task)
{
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);

  if (run->token_renewed)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_AUTH,
                                 _("The server refused access for “%s”. Check the user name and "
                                   "the password."), grm_credentials_get_user (self->credentials)));
      return;
    }
  run->token_renewed = TRUE;
  g_clear_pointer (&self->token, g_free);
  grm_credentials_store_async (self->credentials, GRM_CREDENTIAL_TOKEN, NULL, NULL, NULL, NULL);
  request_token (task);
}

static void
token_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  GError *error = NULL;
  g_autoptr(GrmPushResponse) response = grm_push_http_send_finish (result, &error);
  g_autoptr(JsonObject) obj = NULL;
  const char *token;

  if (response == NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  if (response->status == SOUP_STATUS_UNAUTHORIZED || response->status == SOUP_STATUS_FORBIDDEN)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_AUTH,
                                 _("The server did not accept the password of “%s”. Nothing was "
                                   "published."), grm_credentials_get_user (self->credentials)));
      return;
    }
  obj = grm_push_response_dup_object (response);
  token = obj ? json_object_get_string_member_with_default (obj, "token", NULL) : NULL;
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status) || token == NULL || *token == '\0')
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_SERVER,
                                 _("The server gave no access token (HTTP %u)"), response->status));
      return;
    }

  g_free (self->token);
  self->token = g_strdup (token);
  /* Kept in the keyring for the next push; failing to keep it costs only
   * one more token request next time. */
  grm_credentials_store_async (self->credentials, GRM_CREDENTIAL_TOKEN, token, NULL, NULL, NULL);
  grm_push_process_entry (task);
}

static void
password_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GError *error = NULL;
  g_autofree char *password = grm_credentials_lookup_finish (GRM_CREDENTIALS (source), result,
                                                             &error);
  g_autofree char *pair = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *header = NULL;

  if (error != NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  if (password == NULL)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_AUTH,
                                 _("No password is stored for “%s” on this server"),
                                 grm_credentials_get_user (self->credentials)));
      return;
    }

  pair = g_strconcat (grm_credentials_get_user (self->credentials), ":", password, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  header = g_strconcat ("Basic ", encoded, NULL);
  memset (pair, 0, strlen (pair));
  grm_push_http_send_async (self->session, "POST", run->token_url, header, NULL, NULL, NULL,
                            self->max_attempts, self->base_ms, g_task_get_cancellable (task),
                            token_cb, task);
}

static void
request_token (GTask *task)
{
  grm_credentials_lookup_async (grm_push_task_get_push (task)->credentials, GRM_CREDENTIAL_PASSWORD,
                                g_task_get_cancellable (task), password_cb, task);
}

static void
stored_token_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  GError *error = NULL;
  char *token = grm_credentials_lookup_finish (GRM_CREDENTIALS (source), result, &error);

  if (error != NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  if (token == NULL)
    {
      request_token (task);
      return;
    }
  self->token = token;
  grm_push_process_entry (task);
}


/* ---- entries ---- */

static gboolean
same_instant (const char *a,
              const char *b)
{
  g_autoptr(GDateTime) da = NULL;
  g_autoptr(GDateTime) db = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  da = g_date_time_new_from_iso8601 (a, NULL);
  db = g_date_time_new_from_iso8601 (b, NULL);
  if (da == NULL || db == NULL)
    return g_str_equal (a, b);

  return g_date_time_equal (da, db);
}

static char *
node_to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

/* The server's ids of a created object and of its embedded agenda items
 * (in the order they were sent), paired with the local ones. */
static GPtrArray *
remote_ids (const char *body,
            JsonObject *created)
{
  g_autoptr(JsonNode) sent = body ? json_from_string (body, NULL) : NULL;
  GPtrArray *pairs = g_ptr_array_new_with_free_func (g_free);
  JsonObject *mine;
  JsonArray *a, *b;
  const char *id = created ? json_object_get_string_member_with_default (created, "id", NULL) : NULL;

  if (sent == NULL || !JSON_NODE_HOLDS_OBJECT (sent) || id == NULL)
    return pairs;
  mine = json_node_get_object (sent);
  g_ptr_array_add (pairs, g_strdup (json_object_get_string_member_with_default (mine, "id", "")));
  g_ptr_array_add (pairs, g_strdup (id));
  if (!json_object_has_member (mine, "agendaItem") || !json_object_has_member (created, "agendaItem"))
    return pairs;
  a = json_object_get_array_member (mine, "agendaItem");
  b = json_object_get_array_member (created, "agendaItem");
  for (guint i = 0; a && b && i < json_array_get_length (a) && i < json_array_get_length (b); i++)
    {
      JsonNode *x = json_array_get_element (a, i), *y = json_array_get_element (b, i);
      const char *local, *remote;

      if (!JSON_NODE_HOLDS_OBJECT (x) || !JSON_NODE_HOLDS_OBJECT (y))
        continue;
      local = json_object_get_string_member_with_default (json_node_get_object (x), "id", NULL);
      remote = json_object_get_string_member_with_default (json_node_get_object (y), "id", NULL);
      if (local != NULL && remote != NULL && g_str_has_prefix (local, "urn:"))
        {
          g_ptr_array_add (pairs, g_strdup (local));
          g_ptr_array_add (pairs, g_strdup (remote));
        }
    }
  return pairs;
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;
  g_autoptr(GrmPushResponse) response = grm_push_http_send_finish (result, &error);
  g_autoptr(JsonObject) obj = NULL;
  Mark *m;

  if (response == NULL)
    {
      /* Network gone or server down after every retry: the entry stays
       * pending with its key, and the push stops here to keep the order. */
      Run *run = grm_push_task_get_run (task);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          grm_push_finish_run (task, error);
          return;
        }
      m = mark_new (task, GRM_OUTBOX_PENDING, grm_push_task_get_push (task)->max_attempts);
      m->message = g_strdup (error->message);
      run->stop_error = error;
      mark (task, m);
      return;
    }

  if (response->status == SOUP_STATUS_UNAUTHORIZED)
    {
      renew_token (task);
      return;
    }

  obj = grm_push_response_dup_object (response);
  if (SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      m = mark_new (task, GRM_OUTBOX_SENT, response->attempts);
      m->message = g_strdup (response->last_error);
      m->version = g_strdup (soup_message_headers_get_one (response->headers, "ETag"));
      m->modified = g_strdup (obj ? json_object_get_string_member_with_default (obj, "modified", NULL)
                                  : NULL);
      if (g_str_equal (current_entry (task)->method, "POST"))
        {
          m->remote = remote_ids (current_entry (task)->body, obj);
          if (obj != NULL)
            {
              g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

              m->object = node_to_json (node);
            }
        }
      if (soup_message_headers_get_one (response->headers, "Idempotency-Replayed") != NULL)
        g_debug ("Entry %" G_GINT64_FORMAT " had been applied already: its answer was lost",
                 current_entry (task)->seq);
    }
  else if (response->status == SOUP_STATUS_CONFLICT)
    {
      JsonNode *current = obj ? json_object_get_member (obj, "current") : NULL;

      m = mark_new (task, GRM_OUTBOX_CONFLICT, response->attempts);
      m->version = g_strdup (soup_message_headers_get_one (response->headers, "ETag"));
      m->object = current ? node_to_json (current) : NULL;
      m->message = g_strdup (_("The object was changed on the server in the meantime"));
    }
  else if (response->status == SOUP_STATUS_NOT_FOUND || response->status == SOUP_STATUS_GONE)
    {
      m = mark_new (task, GRM_OUTBOX_FAILED, response->attempts);
      m->message = g_strdup (_("The object no longer exists on the server"));
    }
  else
    {
      m = mark_new (task, GRM_OUTBOX_FAILED, response->attempts);
      m->message = grm_push_response_dup_message (response);
      g_warning ("Entry %" G_GINT64_FORMAT " refused: %s", m->seq, m->message);
    }
  mark (task, m);
}

static void
send_entry (GTask *task)
{
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GrmOutboxEntry *entry = current_entry (task);
  g_autofree char *url = NULL;
  g_autofree char *auth = authorization (self);

  url = g_str_equal (entry->method, "POST") ? g_strdup (run->objects_url)
                                            : object_url (run, entry->target);
  grm_push_http_send_async (self->session, entry->method, url, auth, entry->idempotency_key,
                            entry->base_version, entry->body, self->max_attempts, self->base_ms,
                            g_task_get_cancellable (task), sent_cb, task);
}

/* The server's current object decides what the entry is based on. */
static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = grm_push_task_get_run (task);
  GrmOutboxEntry *entry = current_entry (task);
  GError *error = NULL;
  g_autoptr(GrmPushResponse) response = grm_push_http_send_finish (result, &error);
  g_autoptr(JsonObject) obj = NULL;
  const char *etag, *modified;
  Mark *m;

  if (response == NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  if (response->status == SOUP_STATUS_UNAUTHORIZED)
    {
      renew_token (task);
      return;
    }
  if (response->status == SOUP_STATUS_NOT_FOUND || response->status == SOUP_STATUS_GONE)
    {
      m = mark_new (task, GRM_OUTBOX_FAILED, 0);
      m->message = g_strdup (_("The object no longer exists on the server"));
      mark (task, m);
      return;
    }
  obj = grm_push_response_dup_object (response);
  etag = soup_message_headers_get_one (response->headers, "ETag");
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status))
    {
      m = mark_new (task, GRM_OUTBOX_FAILED, 0);
      m->message = grm_push_response_dup_message (response);
      mark (task, m);
      return;
    }
  if (obj == NULL || etag == NULL)
    {
      m = mark_new (task, GRM_OUTBOX_FAILED, 0);
      m->message = g_strdup (_("The server gives no version of the object, so the change "
                               "cannot be made safely"));
      mark (task, m);
      return;
    }

  modified = json_object_get_string_member_with_default (obj, "modified", NULL);
  if (g_strcmp0 (etag, run->known_version) == 0 || same_instant (modified, entry->base_modified))
    {
      /* Settle the base first, so that a retry after a crash sends the same. */
      entry->base_version = g_strdup (etag);
      m = mark_new (task, GRM_OUTBOX_PENDING, 0);
      m->base = g_strdup (etag);
      mark (task, m);
      return;
    }

  {
    g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);

    m = mark_new (task, GRM_OUTBOX_CONFLICT, 0);
    m->version = g_strdup (etag);
    m->object = node_to_json (node);
    m->message = g_strdup (_("The object was changed on the server since it was last synced"));
    mark (task, m);
  }
}

static gboolean
known_version_job (GrmDb     *db,
                   gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  Run *run = data;
  GrmOutboxEntry *entry = g_ptr_array_index (run->entries, run->index);

  g_clear_pointer (&run->known_version, g_free);
  g_clear_pointer (&run->known_modified, g_free);
  return grm_store_outbox_get_target_version (db, entry->target, &run->known_version,
                                              &run->known_modified, error);
}

static void
known_version_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GError *error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = authorization (self);

  grm_store_read_finish (GRM_STORE (source), result, &error);
  if (error != NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  url = object_url (run, current_entry (task)->target);
  grm_push_http_send_async (self->session, "GET", url, auth, NULL, NULL, NULL,
                            self->max_attempts, self->base_ms, g_task_get_cancellable (task),
                            checked_cb, task);
}

void
grm_push_process_entry (GTask *task)
{
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GrmOutboxEntry *entry;

  if (g_task_return_error_if_cancelled (task))
    {
      self->running = FALSE;
      g_object_unref (task);
      return;
    }
  if (run->index >= run->entries->len)
    {
      grm_push_finish_run (task, NULL);
      return;
    }
  if (self->token == NULL)
    {
      grm_credentials_lookup_async (self->credentials, GRM_CREDENTIAL_TOKEN,
                                    g_task_get_cancellable (task), stored_token_cb, task);
      return;
    }

  entry = current_entry (task);
  if (entry->base_version == NULL && !g_str_equal (entry->method, "POST"))
    grm_store_read_async (self->store, known_version_job, run, NULL, NULL,
                          g_task_get_cancellable (task), known_version_cb, task);
  else
    send_entry (task);
}
