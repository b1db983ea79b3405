/* grm-push-scheduler.c: GrmPushScheduler, the app's background publishing:
 * a timer that coalesces committed changes, the collector and the push run
 * through the store's threads and libsoup's async API, retries with a
 * growing delay, and the outbox counts for the sidebar.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-push-scheduler.h"

/* A stream of changes (a long pull) must not hold the records back. */
#define MAX_WAIT_US   (20 * G_USEC_PER_SEC)
#define RETRY_FIRST_S 30
#define RETRY_MAX_S   (10 * 60)

struct _GrmPushScheduler
{
  GObject          parent_instance;

  GrmStore        *store;
  GrmPush         *push;
  GNetworkMonitor *monitor;
  GCancellable    *cancellable;
  gulong           changed_id;
  gulong           network_id;
  guint            delay_ms;
  guint            timer_id;
  gint64           poked_since;  /* when the pending timer was first set */
  guint            retry_id;
  guint            retry_s;
  guint            retry_first_s;
  gboolean         busy;
  gboolean         again;       /* poked while busy: run once more */
  gboolean         auth_stopped;
  gboolean         offline;      /* the running collection is all this run does */
  gboolean         counting;
  gboolean         count_again;

  guint            n_waiting;
  guint            n_problems;
  char            *write_system;
  char            *last_error;
  GQuark           fail_domain;  /* of the reason last_error gives */
  int              fail_code;
};

enum {
  PROP_0,
  PROP_N_WAITING,
  PROP_N_PROBLEMS,
  PROP_HAS_WRITE_API,
  PROP_WRITE_SYSTEM,
  PROP_LAST_ERROR,
  PROP_BUSY,
  N_PROPS
};

enum {
  FAILED,
  ID_REPLACED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrmPushScheduler, grm_push_scheduler, G_TYPE_OBJECT)

static void run (GrmPushScheduler *self);
static void id_replaced_cb (GrmPush          *push,
                            const char       *local,
                            const char       *remote,
                            GrmPushScheduler *self);
static void refresh_counts (GrmPushScheduler *self);

/* ---- counts ---- */

typedef struct
{
  guint  n_waiting;
  guint  n_problems;
  char  *write_system;
} Counts;

static void
counts_free (gpointer data)
{
  Counts *c = data;

  g_free (c->write_system);
  g_free (c);
}

static gboolean
counts_job (GrmDb     *db,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  Counts *c = g_new0 (Counts, 1);
  sqlite3_stmt *stmt;
  guint n;
  int rc;

  *result = c;
  n = grm_store_outbox_count (db, GRM_OUTBOX_PENDING, &local_error);
  if (local_error == NULL)
    c->n_problems = grm_store_outbox_count (db, GRM_OUTBOX_CONFLICT, &local_error);
  if (local_error == NULL)
    c->n_problems += grm_store_outbox_count (db, GRM_OUTBOX_FAILED, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  c->n_waiting = n + c->n_problems;

  stmt = grm_db_prepare (db, "SELECT o.id FROM system s JOIN object o ON o.oid = s.oid "
                             "WHERE o.deleted = 0 AND s.write_api IS NOT NULL "
                             "ORDER BY o.oid LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    c->write_system = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

static void
counts_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GrmPushScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  Counts *c = grm_store_read_finish (GRM_STORE (source), result, &error);
  gboolean had_api = self->write_system != NULL;

  self->counting = FALSE;
  if (c == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the outbox: %s", error->message);
      return;
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (c->n_waiting != self->n_waiting)
    {
      self->n_waiting = c->n_waiting;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_WAITING]);
    }
  if (c->n_problems != self->n_problems)
    {
      self->n_problems = c->n_problems;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PROBLEMS]);
    }
  if (g_strcmp0 (c->write_system, self->write_system) != 0)
    {
      g_free (self->write_system);
      self->write_system = g_strdup (c->write_system);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WRITE_SYSTEM]);
      if (had_api != (self->write_system != NULL))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_WRITE_API]);
    }
  g_object_thaw_notify (G_OBJECT (self));

  if (self->count_again)
    {
      self->count_again = FALSE;
      refresh_counts (self);
    }
}

static void
refresh_counts (GrmPushScheduler *self)
{
  if (self->store == NULL)
    return;
  if (self->counting)
    {
      self->count_again = TRUE;
      return;
    }
  self->counting = TRUE;
  grm_store_read_async (self->store, counts_job, NULL, NULL, counts_free, self->cancellable,
                        counts_cb, g_object_ref (self));
}

/* ---- running ---- */

static void
set_busy (GrmPushScheduler *self,
          gboolean          busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_last_error (GrmPushScheduler *self,
                const char       *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;
  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

/* Says why publishing stopped, once per kind of reason: a network that
 * stays down, or a server that answers 500 and 503 by turns, must not
 * bring a toast every half minute. The status shows the latest words. */
static void
fail (GrmPushScheduler *self,
      GQuark            domain,
      int               code,
      const char       *message)
{
  gboolean is_new = self->last_error == NULL || domain != self->fail_domain
                    || code != self->fail_code;

  self->fail_domain = domain;
  self->fail_code = code;
  set_last_error (self, message);
  if (is_new)
    g_signal_emit (self, signals[FAILED], 0, message);
}

static gboolean
timer_cb (gpointer user_data)
{
  GrmPushScheduler *self = user_data;

  self->timer_id = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static gboolean
retry_cb (gpointer user_data)
{
  GrmPushScheduler *self = user_data;

  self->retry_id = 0;
  run (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GrmPushScheduler *self)
{
  self->retry_s = self->retry_s == 0 ? self->retry_first_s : MIN (self->retry_s * 2, RETRY_MAX_S);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->retry_id = g_timeout_add_seconds (self->retry_s, retry_cb, self);
}

static void
finish_run (GrmPushScheduler *self)
{
  set_busy (self, FALSE);
  refresh_counts (self);
  if (self->again)
    {
      self->again = FALSE;
      grm_push_scheduler_poke (self);
    }
}

static void
collected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrmPushScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  gpointer n = grm_store_write_finish (GRM_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    fail (self, error->domain, error->code, error->message);
  else if (GPOINTER_TO_UINT (n) > 0)
    grm_store_notify_changed (GRM_STORE (source), "outbox");
  if (self->offline && (GPOINTER_TO_UINT (n) > 0 || self->n_waiting > 0))
    {
      set_last_error (self, _("The server cannot be reached; the changes wait in the outbox"));
      /* The network monitor may not notice a server that comes back. */
      schedule_retry (self);
    }
  self->offline = FALSE;
  finish_run (self);
}

static void
pushed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GrmPushScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  GrmPush *push = GRM_PUSH (source);

  if (grm_push_run_finish (push, result, &error))
    {
      guint problems = grm_push_get_conflicts (push) + grm_push_get_failed (push);

      self->retry_s = 0;
      g_clear_handle_id (&self->retry_id, g_source_remove);
      if (problems > 0)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u change was not published: see the outbox",
                                          "%u changes were not published: see the outbox",
                                          problems), problems);
          fail (self, GRM_ERROR, GRM_ERROR_CONFLICT, message);
        }
      else
        set_last_error (self, NULL);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    {
      if (g_error_matches (error, GRM_ERROR, GRM_ERROR_AUTH))
        self->auth_stopped = TRUE;   /* asking again and again would lock the account */
      else if (!g_error_matches (error, GRM_ERROR, GRM_ERROR_NOT_FOUND))
        schedule_retry (self);
      fail (self, error->domain, error->code, error->message);
    }
  finish_run (self);
}

static void
reached_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GrmPushScheduler) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean reachable = g_network_monitor_can_reach_finish (G_NETWORK_MONITOR (source), result,
                                                           &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (reachable && self->push != NULL)
    {
      grm_push_run_async (self->push, self->cancellable, pushed_cb, g_object_ref (self));
      return;
    }
  /* Offline: collect only, so nothing waits outside the outbox; the
   * network monitor says when to try again. */
  self->offline = TRUE;
  grm_store_write_async (self->store, grm_push_collect_job, NULL, NULL, NULL, self->cancellable,
                         collected_cb, g_object_ref (self));
}

static void
run (GrmPushScheduler *self)
{
  GrmCredentials *credentials;
  g_autoptr(GSocketConnectable) address = NULL;

  if (self->store == NULL)
    return;
  if (self->busy)
    {
      self->again = TRUE;
      return;
    }
  if (self->push != NULL && grm_push_is_running (self->push))
    {
      /* The outbox page publishes right now: look again afterwards. */
      grm_push_scheduler_poke (self);
      return;
    }
  set_busy (self, TRUE);
  credentials = self->push ? grm_push_get_credentials (self->push) : NULL;
  if (credentials != NULL && !self->auth_stopped)
    address = g_network_address_parse_uri (grm_credentials_get_server (credentials), 443, NULL);
  if (address != NULL)
    {
      g_network_monitor_can_reach_async (self->monitor, address, self->cancellable, reached_cb,
                                         g_object_ref (self));
      return;
    }
  grm_store_write_async (self->store, grm_push_collect_job, NULL, NULL, NULL, self->cancellable,
                         collected_cb, g_object_ref (self));
}

void
grm_push_scheduler_poke (GrmPushScheduler *self)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));

  if (self->store == NULL)
    return;
  if (self->timer_id == 0)
    self->poked_since = g_get_monotonic_time ();
  else if (g_get_monotonic_time () - self->poked_since > MAX_WAIT_US)
    return;   /* waited long enough: let the timer run out */
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add (self->delay_ms, timer_cb, self);
}

void
grm_push_scheduler_publish_now (GrmPushScheduler *self)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));

  self->auth_stopped = FALSE;
  g_clear_handle_id (&self->timer_id, g_source_remove);
  run (self);
}

static void
store_changed_cb (GrmStore         *store,
                  const char       *what,
                  GrmPushScheduler *self)
{
  refresh_counts (self);
  /* The outbox is our own doing; anything else may be a record to publish
   * (the collector finds out, and enqueues only what changed). */
  if (g_strcmp0 (what, "outbox") != 0)
    grm_push_scheduler_poke (self);
}

static void
network_changed_cb (GNetworkMonitor  *monitor,
                    gboolean          available,
                    GrmPushScheduler *self)
{
  if (available && self->n_waiting > 0)
    grm_push_scheduler_poke (self);
}

/* ---- object ---- */

void
grm_push_scheduler_stop (GrmPushScheduler *self)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->network_id, self->monitor);
  g_clear_object (&self->store);
}

static void
grm_push_scheduler_dispose (GObject *object)
{
  GrmPushScheduler *self = GRM_PUSH_SCHEDULER (object);

  grm_push_scheduler_stop (self);
  if (self->push != NULL)
    g_signal_handlers_disconnect_by_func (self->push, id_replaced_cb, self);
  g_clear_object (&self->push);
  g_clear_object (&self->monitor);

  G_OBJECT_CLASS (grm_push_scheduler_parent_class)->dispose (object);
}

static void
grm_push_scheduler_finalize (GObject *object)
{
  GrmPushScheduler *self = GRM_PUSH_SCHEDULER (object);

  g_clear_object (&self->cancellable);
  g_free (self->write_system);
  g_free (self->last_error);

  G_OBJECT_CLASS (grm_push_scheduler_parent_class)->finalize (object);
}

static void
grm_push_scheduler_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GrmPushScheduler *self = GRM_PUSH_SCHEDULER (object);

  switch (prop_id)
    {
    case PROP_N_WAITING:
      g_value_set_uint (value, self->n_waiting);
      break;
    case PROP_N_PROBLEMS:
      g_value_set_uint (value, self->n_problems);
      break;
    case PROP_HAS_WRITE_API:
      g_value_set_boolean (value, self->write_system != NULL);
      break;
    case PROP_WRITE_SYSTEM:
      g_value_set_string (value, self->write_system);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_push_scheduler_class_init (GrmPushSchedulerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = grm_push_scheduler_dispose;
  object_class->finalize = grm_push_scheduler_finalize;
  object_class->get_property = grm_push_scheduler_get_property;

  properties[PROP_N_WAITING] = g_param_spec_uint ("n-waiting", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_PROBLEMS] = g_param_spec_uint ("n-problems", NULL, NULL, 0, G_MAXUINT, 0,
                                                   flags);
  properties[PROP_HAS_WRITE_API] = g_param_spec_boolean ("has-write-api", NULL, NULL, FALSE, flags);
  properties[PROP_WRITE_SYSTEM] = g_param_spec_string ("write-system", NULL, NULL, NULL, flags);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, flags);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* ::failed (message): publishing stopped or left changes behind, for a
   * toast. Emitted once per reason. */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* ::id-replaced (local, remote): GrmPush::id-replaced of the push set. */
  signals[ID_REPLACED] = g_signal_new ("id-replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                       G_TYPE_STRING);
}

static void
grm_push_scheduler_init (GrmPushScheduler *self)
{
  self->delay_ms = 3000;
  self->retry_first_s = RETRY_FIRST_S;
  self->cancellable = g_cancellable_new ();
}

GrmPushScheduler *
grm_push_scheduler_new (GrmStore *store)
{
  GrmPushScheduler *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);

  self = g_object_new (GRM_TYPE_PUSH_SCHEDULER, NULL);
  self->store = g_object_ref (store);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (network_changed_cb), self);
  refresh_counts (self);
  return self;
}

static void
id_replaced_cb (GrmPush          *push,
                const char       *local,
                const char       *remote,
                GrmPushScheduler *self)
{
  g_signal_emit (self, signals[ID_REPLACED], 0, local, remote);
}

void
grm_push_scheduler_set_push (GrmPushScheduler *self,
                             GrmPush          *push)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));
  g_return_if_fail (push == NULL || GRM_IS_PUSH (push));

  self->auth_stopped = FALSE;
  if (self->push != push)
    {
      if (self->push != NULL)
        g_signal_handlers_disconnect_by_func (self->push, id_replaced_cb, self);
      g_set_object (&self->push, push);
      if (push != NULL)
        g_signal_connect (push, "id-replaced", G_CALLBACK (id_replaced_cb), self);
    }
  /* What waits from before (a restart, an earlier failure) goes now. */
  if (push != NULL)
    grm_push_scheduler_poke (self);
}

GrmPush *
grm_push_scheduler_get_push (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), NULL);
  return self->push;
}

void
grm_push_scheduler_set_delay (GrmPushScheduler *self,
                              guint             delay_ms)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));
  self->delay_ms = delay_ms;
}

void
grm_push_scheduler_set_retry_delay (GrmPushScheduler *self,
                                    guint             first_s)
{
  g_return_if_fail (GRM_IS_PUSH_SCHEDULER (self));
  self->retry_first_s = MAX (first_s, 1);
}

guint
grm_push_scheduler_get_n_waiting (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), 0);
  return self->n_waiting;
}

guint
grm_push_scheduler_get_n_problems (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), 0);
  return self->n_problems;
}

gboolean
grm_push_scheduler_get_has_write_api (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), FALSE);
  return self->write_system != NULL;
}

const char *
grm_push_scheduler_get_write_system (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), NULL);
  return self->write_system;
}

const char *
grm_push_scheduler_get_last_error (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), NULL);
  return self->last_error;
}

gboolean
grm_push_scheduler_get_busy (GrmPushScheduler *self)
{
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (self), FALSE);
  return self->busy;
}
