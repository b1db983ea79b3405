/* grm-sync-monitor.c: the app's view of its syncs, for the sync button in
 * the header bar and the banner that says when data is stale.
 *
 * Running syncs report progress through ::progress (GrmSync emits it on
 * the main context); the last success and last error of each server come
 * from sync_state, read on a reader thread when the store opens and after
 * every sync, so what the window says is what the database says.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync-monitor"

#include "grm-sync-monitor.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-store-sync-status.h"

struct _GrmSyncMonitor
{
  GObject       parent_instance;

  GrmStore     *store;
  GStrv         urls;
  GPtrArray    *servers;      /* GrmSyncServer */
  GPtrArray    *running;      /* GrmSync */
  GHashTable   *running_urls; /* GrmSync → URL */
  GHashTable   *cancelled;    /* URLs whose last sync was cancelled */
  GCancellable *cancellable;  /* of the syncs that run now */
  GCancellable *read_cancellable;
};

G_DEFINE_FINAL_TYPE (GrmSyncMonitor, grm_sync_monitor, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
server_free (GrmSyncServer *server)
{
  g_free (server->url);
  g_free (server->name);
  g_free (server->last_error);
  g_free (server);
}

static gboolean
url_is_running (GrmSyncMonitor *self,
                const char     *url)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->running_urls);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (value, url) == 0)
      return TRUE;
  return FALSE;
}

static void
update_flags (GrmSyncMonitor *self)
{
  for (guint i = 0; i < self->servers->len; i++)
    {
      GrmSyncServer *server = g_ptr_array_index (self->servers, i);

      server->running = url_is_running (self, server->url);
      server->cancelled = g_hash_table_contains (self->cancelled, server->url);
    }
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrmSyncMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = grm_store_read_finish (GRM_STORE (object), result, &error);

  if (rows == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the sync status: %s", error->message);
      return;
    }
  g_ptr_array_set_size (self->servers, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      GrmSyncStatusRow *row = g_ptr_array_index (rows, i);
      GrmSyncServer *server = g_new0 (GrmSyncServer, 1);

      server->url = g_steal_pointer (&row->url);
      server->name = g_steal_pointer (&row->name);
      server->last_success = row->last_success;
      server->last_error = g_steal_pointer (&row->last_error);
      g_ptr_array_add (self->servers, server);
    }
  update_flags (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
grm_sync_monitor_reload (GrmSyncMonitor *self)
{
  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));

  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->read_cancellable);
  g_clear_object (&self->read_cancellable);
  self->read_cancellable = g_cancellable_new ();
  grm_store_read_async (self->store, grm_store_sync_status_func, g_strdupv (self->urls),
                        (GDestroyNotify) g_strfreev, (GDestroyNotify) g_ptr_array_unref,
                        self->read_cancellable, read_cb, g_object_ref (self));
}

void
grm_sync_monitor_set_store (GrmSyncMonitor *self,
                            GrmStore       *store)
{
  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));

  if (!g_set_object (&self->store, store))
    return;
  grm_sync_monitor_reload (self);
}

void
grm_sync_monitor_set_servers (GrmSyncMonitor     *self,
                              const char * const *urls)
{
  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));

  if (self->urls != NULL && urls != NULL
      && g_strv_equal ((const char * const *) self->urls, urls))
    return;
  g_strfreev (self->urls);
  self->urls = g_strdupv ((char **) urls);
  grm_sync_monitor_reload (self);
}

GCancellable *
grm_sync_monitor_get_cancellable (GrmSyncMonitor *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_MONITOR (self), NULL);
  return self->cancellable;
}

static void
progress_cb (GrmSync        *sync,
             GrmSyncMonitor *self)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

void
grm_sync_monitor_started (GrmSyncMonitor *self,
                          GrmSync        *sync,
                          const char     *url)
{
  gboolean was_running;

  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));

  was_running = self->running->len > 0;
  g_ptr_array_add (self->running, g_object_ref (sync));
  g_hash_table_insert (self->running_urls, sync, g_strdup (url));
  g_hash_table_remove (self->cancelled, url);
  g_signal_connect (sync, "progress", G_CALLBACK (progress_cb), self);
  update_flags (self);
  if (!was_running)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
}

void
grm_sync_monitor_finished (GrmSyncMonitor *self,
                           GrmSync        *sync,
                           const GError   *error)
{
  const char *url;

  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));

  url = g_hash_table_lookup (self->running_urls, sync);
  if (url == NULL)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_hash_table_add (self->cancelled, g_strdup (url));
  else if (error == NULL)
    /* Until the store is read back: no old error flashes up. */
    for (guint i = 0; i < self->servers->len; i++)
      {
        GrmSyncServer *server = g_ptr_array_index (self->servers, i);

        if (g_strcmp0 (server->url, url) == 0)
          {
            g_clear_pointer (&server->last_error, g_free);
            server->last_success = g_get_real_time () / G_USEC_PER_SEC;
          }
      }
  g_signal_handlers_disconnect_by_func (sync, progress_cb, self);
  g_hash_table_remove (self->running_urls, sync);
  g_ptr_array_remove (self->running, sync);
  if (self->running->len == 0)
    {
      /* The next syncs get a cancellable that was never cancelled. */
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  update_flags (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  /* What the sync recorded: the time it succeeded, or why it failed. */
  grm_sync_monitor_reload (self);
}

void
grm_sync_monitor_cancel (GrmSyncMonitor *self)
{
  g_return_if_fail (GRM_IS_SYNC_MONITOR (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
grm_sync_monitor_get_running (GrmSyncMonitor *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_MONITOR (self), FALSE);
  return self->running->len > 0;
}

GrmSyncPhase
grm_sync_monitor_get_phase (GrmSyncMonitor *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_MONITOR (self), GRM_SYNC_PHASE_IDLE);
  if (self->running->len == 0)
    return GRM_SYNC_PHASE_IDLE;
  return grm_sync_get_phase (g_ptr_array_index (self->running, 0));
}

guint
grm_sync_monitor_get_objects (GrmSyncMonitor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->running->len; i++)
    n += grm_sync_get_objects (g_ptr_array_index (self->running, i));
  return n;
}

guint
grm_sync_monitor_get_files (GrmSyncMonitor *self)
{
  guint n = 0;

  for (guint i = 0; i < self->running->len; i++)
    n += grm_sync_get_files (g_ptr_array_index (self->running, i));
  return n;
}

guint64
grm_sync_monitor_get_bytes (GrmSyncMonitor *self)
{
  guint64 n = 0;

  for (guint i = 0; i < self->running->len; i++)
    n += grm_sync_get_bytes (g_ptr_array_index (self->running, i));
  return n;
}

GPtrArray *
grm_sync_monitor_get_servers (GrmSyncMonitor *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_MONITOR (self), NULL);
  return self->servers;
}

GrmSyncServer *
grm_sync_monitor_get_failed (GrmSyncMonitor *self)
{
  g_return_val_if_fail (GRM_IS_SYNC_MONITOR (self), NULL);

  for (guint i = 0; i < self->servers->len; i++)
    {
      GrmSyncServer *server = g_ptr_array_index (self->servers, i);

      if (server->last_error != NULL && !server->running)
        return server;
    }
  return NULL;
}

char *
grm_sync_format_time (gint64     unix_time,
                      GDateTime *now)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) when = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autoptr(GDateTime) local_now = g_date_time_to_local (now);
  g_autoptr(GDateTime) yesterday = g_date_time_add_days (local_now, -1);
  int y, m, d, ny, nm, nd, yy, ym, yd;

  if (when == NULL)
    return g_strdup ("");
  g_date_time_get_ymd (when, &y, &m, &d);
  g_date_time_get_ymd (local_now, &ny, &nm, &nd);
  g_date_time_get_ymd (yesterday, &yy, &ym, &yd);
  if (y == ny && m == nm && d == nd)
    /* Translators: a time of day today, as strftime formats it. */
    return g_date_time_format (when, _("today at %H:%M"));
  if (y == yy && m == ym && d == yd)
    /* Translators: a time of day yesterday, as strftime formats it. */
    return g_date_time_format (when, _("yesterday at %H:%M"));
  /* Translators: a day and time, as strftime formats it. */
  return g_date_time_format (when, _("on %-d %B %Y at %H:%M"));
}

char *
grm_sync_server_describe (GrmSyncServer *server,
                          GDateTime     *now)
{
  g_autofree char *when = NULL;

  if (server->running)
    return g_strdup (_("Syncing now…"));
  if (server->last_success != 0)
    when = grm_sync_format_time (server->last_success, now);
  if (server->cancelled)
    return when != NULL
           /* Translators: %s is "today at 10:32" or the like. */
           ? g_strdup_printf (_("Sync cancelled. Data last current %s"), when)
           : g_strdup (_("Sync cancelled before the first sync completed"));
  if (server->last_error != NULL)
    return when != NULL
           /* Translators: %s is "today at 10:32" or the like. */
           ? g_strdup_printf (_("The last sync failed. Data last current %s"), when)
           : g_strdup (_("The first sync failed. No data yet"));
  if (when != NULL)
    /* Translators: %s is "today at 10:32" or the like. */
    return g_strdup_printf (_("Last synced %s"), when);
  return g_strdup (_("Not synced yet"));
}

char *
grm_sync_error_first_line (const char *error)
{
  const char *end;

  if (error == NULL)
    return NULL;
  end = strchr (error, '\n');
  return end != NULL ? g_strndup (error, end - error) : g_strdup (error);
}

static void
grm_sync_monitor_dispose (GObject *object)
{
  GrmSyncMonitor *self = GRM_SYNC_MONITOR (object);

  g_cancellable_cancel (self->read_cancellable);
  for (guint i = 0; self->running != NULL && i < self->running->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (self->running, i), progress_cb,
                                          self);
  G_OBJECT_CLASS (grm_sync_monitor_parent_class)->dispose (object);
}

static void
grm_sync_monitor_finalize (GObject *object)
{
  GrmSyncMonitor *self = GRM_SYNC_MONITOR (object);

  g_clear_object (&self->store);
  g_strfreev (self->urls);
  g_ptr_array_unref (self->servers);
  g_ptr_array_unref (self->running);
  g_hash_table_unref (self->running_urls);
  g_hash_table_unref (self->cancelled);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->read_cancellable);
  G_OBJECT_CLASS (grm_sync_monitor_parent_class)->finalize (object);
}

static void
grm_sync_monitor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GrmSyncMonitor *self = GRM_SYNC_MONITOR (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, grm_sync_monitor_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_sync_monitor_class_init (GrmSyncMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grm_sync_monitor_dispose;
  object_class->finalize = grm_sync_monitor_finalize;
  object_class->get_property = grm_sync_monitor_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The list of servers or their status changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /* A running sync got further. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
grm_sync_monitor_init (GrmSyncMonitor *self)
{
  self->servers = g_ptr_array_new_with_free_func ((GDestroyNotify) server_free);
  self->running = g_ptr_array_new_with_free_func (g_object_unref);
  self->running_urls = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  self->cancelled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

GrmSyncMonitor *
grm_sync_monitor_new (void)
{
  return g_object_new (GRM_TYPE_SYNC_MONITOR, NULL);
}
