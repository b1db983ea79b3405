/* grm-push.c: GrmPush, the client of the write extension: a run collects,
 * reads the outbox, discovers the write API, then hands over to
 * grm-push-send.c, which sends the entries in order. Conflicts are resolved
 * here too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-error.h"
#include "grm-push-private.h"

G_DEFINE_FINAL_TYPE (GrmPush, grm_push, G_TYPE_OBJECT)

static void
run_free (gpointer data)
{
  Run *run = data;

  g_free (run->write_api);
  g_free (run->objects_url);
  g_free (run->token_url);
  g_clear_pointer (&run->entries, g_ptr_array_unref);
  g_free (run->known_version);
  g_free (run->known_modified);
  g_clear_error (&run->stop_error);
  g_free (run);
}

static void
grm_push_finalize (GObject *object)
{
  GrmPush *self = GRM_PUSH (object);

  g_clear_object (&self->store);
  g_clear_object (&self->credentials);
  g_clear_object (&self->session);
  g_free (self->token);

  G_OBJECT_CLASS (grm_push_parent_class)->finalize (object);
}

static void
grm_push_class_init (GrmPushClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grm_push_finalize;

  /* ::id-replaced (local, remote): the server created an object made
   * here; its id (and every reference to it) is the server's now. */
  g_signal_new ("id-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
grm_push_init (GrmPush *self)
{
  self->max_attempts = 6;
  self->base_ms = 500;
}

GrmPush *
grm_push_new (GrmStore       *store,
              GrmCredentials *credentials)
{
  GrmPush *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  g_return_val_if_fail (GRM_IS_CREDENTIALS (credentials), NULL);

  self = g_object_new (GRM_TYPE_PUSH, NULL);
  self->store = g_object_ref (store);
  self->credentials = g_object_ref (credentials);
  /* libsoup verifies TLS certificates against the system's by default. */
  self->session = soup_session_new_with_options ("user-agent", "Gremium/" PACKAGE_VERSION,
                                                 "timeout", 60, NULL);
  return self;
}

void
grm_push_set_retry (GrmPush *self,
                    guint    max_attempts,
                    guint    base_ms)
{
  g_return_if_fail (GRM_IS_PUSH (self));
  self->max_attempts = MAX (max_attempts, 1);
  self->base_ms = base_ms;
}

GrmCredentials *
grm_push_get_credentials (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), NULL);
  return self->credentials;
}

gboolean
grm_push_is_running (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), FALSE);
  return self->running;
}

guint
grm_push_get_collected (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), 0);
  return self->collected;
}

guint
grm_push_get_sent (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), 0);
  return self->sent;
}

guint
grm_push_get_conflicts (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), 0);
  return self->conflicts;
}

guint
grm_push_get_failed (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), 0);
  return self->failed;
}

guint
grm_push_get_pending (GrmPush *self)
{
  g_return_val_if_fail (GRM_IS_PUSH (self), 0);
  return self->pending;
}

void
grm_push_finish_run (GTask  *task,
                     GError *error)
{
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);

  self->running = FALSE;
  self->pending = run->entries ? run->entries->len - MIN (run->index, run->entries->len) : 0;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* ---- discovery ---- */

static void
discovered_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  Run *run = grm_push_task_get_run (task);
  GError *error = NULL;
  g_autoptr(GrmPushResponse) response = grm_push_http_send_finish (result, &error);
  g_autoptr(JsonObject) obj = NULL;

  if (response == NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  obj = grm_push_response_dup_object (response);
  if (!SOUP_STATUS_IS_SUCCESSFUL (response->status) || obj == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (obj, "type", NULL),
                 "gremium:WriteApi") != 0)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_NOT_FOUND,
                                 _("The server announces a write interface that does not answer "
                                   "(HTTP %u)"), response->status));
      return;
    }
  if (json_object_get_int_member_with_default (obj, "version", 0) != 1)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_NOT_FOUND,
                                 _("The server’s write interface has a version this Gremium "
                                   "does not know; update Gremium to publish")));
      return;
    }
  run->token_url = g_strdup (json_object_get_string_member_with_default (obj, "tokenUrl", NULL));
  run->objects_url = g_strdup (json_object_get_string_member_with_default (obj, "objectsUrl", NULL));
  if (run->token_url == NULL)
    run->token_url = g_strconcat (run->write_api, "token", NULL);
  if (run->objects_url == NULL)
    run->objects_url = g_strconcat (run->write_api, "objects", NULL);
  grm_push_process_entry (task);
}

typedef struct
{
  char      *write_api;
  GPtrArray *entries;
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *l = data;

  g_free (l->write_api);
  g_clear_pointer (&l->entries, g_ptr_array_unref);
  g_free (l);
}

static gboolean
load_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  g_autoptr(GPtrArray) entries = grm_store_outbox_list (db, GRM_OUTBOX_PENDING, error);
  sqlite3_stmt *stmt;
  Loaded *l;
  int rc;

  if (entries == NULL)
    return FALSE;
  stmt = grm_db_prepare (db, "SELECT s.write_api FROM system s JOIN object o ON o.oid = s.oid "
                             "WHERE o.deleted = 0 AND s.write_api IS NOT NULL LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  l = g_new0 (Loaded, 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    l->write_api = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  l->entries = g_steal_pointer (&entries);
  *result = l;
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  Run *run = grm_push_task_get_run (task);
  GError *error = NULL;
  Loaded *l = grm_store_read_finish (GRM_STORE (source), result, &error);

  if (l == NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  run->entries = g_steal_pointer (&l->entries);
  run->write_api = g_steal_pointer (&l->write_api);
  loaded_free (l);

  /* Nothing to publish needs no network. */
  if (run->entries->len == 0)
    {
      grm_push_finish_run (task, NULL);
      return;
    }
  if (run->write_api == NULL)
    {
      grm_push_finish_run (task, g_error_new (GRM_ERROR, GRM_ERROR_NOT_FOUND,
                                 _("This server does not accept changes: it offers no write "
                                   "interface. Sync first if it should.")));
      return;
    }
  grm_push_http_send_async (self->session, "GET", run->write_api, NULL, NULL, NULL, NULL,
                            self->max_attempts, self->base_ms, g_task_get_cancellable (task),
                            discovered_cb, task);
}

static void
collected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  GrmPush *self = grm_push_task_get_push (task);
  GError *error = NULL;
  gpointer n = grm_store_write_finish (GRM_STORE (source), result, &error);

  if (error != NULL)
    {
      grm_push_finish_run (task, error);
      return;
    }
  self->collected = GPOINTER_TO_UINT (n);
  if (self->collected > 0)
    grm_store_notify_changed (self->store, "outbox");
  grm_store_read_async (self->store, load_job, NULL, NULL, loaded_free,
                        g_task_get_cancellable (task), loaded_cb, task);
}

void
grm_push_run_async (GrmPush             *self,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GRM_IS_PUSH (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grm_push_run_async);
  if (self->running)
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_FAILED, _("Publishing is already running"));
      g_object_unref (task);
      return;
    }
  self->running = TRUE;
  self->collected = self->sent = self->conflicts = self->failed = self->pending = 0;
  g_task_set_task_data (task, g_new0 (Run, 1), run_free);
  grm_store_write_async (self->store, grm_push_collect_job, NULL, NULL, NULL, cancellable,
                         collected_cb, task);
}

gboolean
grm_push_run_finish (GrmPush       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- conflicts ---- */

typedef struct
{
  gint64              seq;
  GrmOutboxResolution resolution;
} Resolve;

static gboolean
resolve_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Resolve *r = data;

  return grm_store_outbox_resolve (db, r->seq, r->resolution, error);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  grm_store_write_finish (GRM_STORE (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    {
      grm_store_notify_changed (GRM_STORE (source), "outbox");
      g_task_return_boolean (task, TRUE);
    }
}

void
grm_push_resolve_conflict_async (GrmPush             *self,
                                 gint64               seq,
                                 GrmPushResolution    resolution,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Resolve *r = g_new0 (Resolve, 1);

  g_task_set_source_tag (task, grm_push_resolve_conflict_async);
  r->seq = seq;
  r->resolution = (GrmOutboxResolution) resolution;
  grm_store_write_async (self->store, resolve_job, r, g_free, NULL, cancellable, resolved_cb, task);
}

gboolean
grm_push_resolve_conflict_finish (GrmPush       *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
