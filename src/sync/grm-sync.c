/* grm-sync.c: the GrmSync object: options, the sync thread, progress.
 *
 * grm_sync_run_async () starts a thread with its own GMainContext; the
 * SoupSession, JSON parsing and the waits for store jobs all happen there,
 * so the main loop of the app stays free. Progress counters are updated on
 * the sync thread and reported on the caller's main context, coalesced into
 * one idle per burst.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-sync"

#include "grm-sync.h"

#include <glib/gi18n-lib.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "grm-date.h"
#include "grm-error.h"
#include "grm-store-objects.h"
#include "grm-sync-private.h"

struct _GrmSync
{
  GObject         parent_instance;

  GrmStore       *store;
  char           *system_url;
  GrmSyncOptions *options;
  GMainContext   *main_context;

  GMutex          lock;         /* guards the counters below */
  GrmSyncPhase    phase;
  guint           objects, pages, requests, files, files_failed;
  guint64         bytes;
  guint           notify_source;
  gboolean        running;
};

G_DEFINE_FINAL_TYPE (GrmSync, grm_sync, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PHASE,
  PROP_OBJECTS,
  PROP_PAGES,
  PROP_FILES,
  PROP_BYTES,
  N_PROPS
};

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GrmSyncOptions *
grm_sync_options_new (void)
{
  GrmSyncOptions *options = g_new0 (GrmSyncOptions, 1);

  options->max_connections = 4;
  options->max_attempts = 6;
  options->retry_base_ms = 500;
  options->timeout_s = 60;
  options->early_s = 300;
  options->page_limit = 500;
  return options;
}

GrmSyncOptions *
grm_sync_options_copy (const GrmSyncOptions *options)
{
  GrmSyncOptions *copy = g_new0 (GrmSyncOptions, 1);

  *copy = *options;
  copy->files_dir = g_strdup (options->files_dir);
  copy->committees = g_strdupv (options->committees);
  copy->files_since = g_strdup (options->files_since);
  copy->files_until = g_strdup (options->files_until);
  copy->bodies = g_strdupv (options->bodies);
  return copy;
}

void
grm_sync_options_free (GrmSyncOptions *options)
{
  if (options == NULL)
    return;
  g_free (options->files_dir);
  g_strfreev (options->committees);
  g_free (options->files_since);
  g_free (options->files_until);
  g_strfreev (options->bodies);
  g_free (options);
}

const char *
grm_sync_phase_to_string (GrmSyncPhase phase)
{
  switch (phase)
    {
    case GRM_SYNC_PHASE_SYSTEM:
      return _("Contacting the server");
    case GRM_SYNC_PHASE_LISTS:
      return _("Fetching lists");
    case GRM_SYNC_PHASE_REFERENCES:
      return _("Fetching referenced objects");
    case GRM_SYNC_PHASE_FILES:
      return _("Downloading files");
    case GRM_SYNC_PHASE_DONE:
      return _("Done");
    case GRM_SYNC_PHASE_IDLE:
    default:
      return _("Idle");
    }
}

static void
grm_sync_finalize (GObject *object)
{
  GrmSync *self = GRM_SYNC (object);

  g_clear_object (&self->store);
  g_free (self->system_url);
  grm_sync_options_free (self->options);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (grm_sync_parent_class)->finalize (object);
}

static void
grm_sync_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  GrmSync *self = GRM_SYNC (object);

  switch (prop_id)
    {
    case PROP_PHASE:
      g_value_set_int (value, grm_sync_get_phase (self));
      break;
    case PROP_OBJECTS:
      g_value_set_uint (value, grm_sync_get_objects (self));
      break;
    case PROP_PAGES:
      g_value_set_uint (value, grm_sync_get_pages (self));
      break;
    case PROP_FILES:
      g_value_set_uint (value, grm_sync_get_files (self));
      break;
    case PROP_BYTES:
      g_value_set_uint64 (value, grm_sync_get_bytes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_sync_class_init (GrmSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grm_sync_finalize;
  object_class->get_property = grm_sync_get_property;

  properties[PROP_PHASE] =
    g_param_spec_int ("phase", NULL, NULL, 0, GRM_SYNC_PHASE_DONE, 0,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBJECTS] =
    g_param_spec_uint ("objects", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGES] =
    g_param_spec_uint ("pages", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILES] =
    g_param_spec_uint ("files", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BYTES] =
    g_param_spec_uint64 ("bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted on the main context after the properties changed. */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);
}

static void
grm_sync_init (GrmSync *self)
{
  g_mutex_init (&self->lock);
}

GrmSync *
grm_sync_new (GrmStore             *store,
              const char           *system_url,
              const GrmSyncOptions *options)
{
  GrmSync *self = g_object_new (GRM_TYPE_SYNC, NULL);
  g_autoptr(GrmSyncOptions) defaults = grm_sync_options_new ();

  self->store = g_object_ref (store);
  self->system_url = g_strdup (system_url);
  self->options = grm_sync_options_copy (options ? options : defaults);
  return self;
}

#define GETTER(type, name) \
  type grm_sync_get_##name (GrmSync *self) \
  { type v; g_mutex_lock (&self->lock); v = self->name; g_mutex_unlock (&self->lock); return v; }
GETTER (GrmSyncPhase, phase)
GETTER (guint, objects)
GETTER (guint, pages)
GETTER (guint, requests)
GETTER (guint, files)
GETTER (guint, files_failed)
GETTER (guint64, bytes)
#undef GETTER

static gboolean
notify_cb (gpointer user_data)
{
  GrmSync *self = user_data;

  g_mutex_lock (&self->lock);
  self->notify_source = 0;
  g_mutex_unlock (&self->lock);
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = PROP_PHASE; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0);
  return G_SOURCE_REMOVE;
}

void
grm_sync_progress (GrmSync     *self,
                   GrmSyncPhase phase,
                   int          objects,
                   int          pages,
                   int          requests,
                   int          files,
                   int          files_failed,
                   gint64       bytes)
{
  g_mutex_lock (&self->lock);
  self->phase = phase;
  self->objects += objects;
  self->pages += pages;
  self->requests += requests;
  self->files += files;
  self->files_failed += files_failed;
  self->bytes += bytes;
  if (self->notify_source == 0 && self->main_context != NULL)
    {
      GSource *source = g_timeout_source_new (100);

      g_source_set_callback (source, notify_cb, g_object_ref (self), g_object_unref);
      self->notify_source = g_source_attach (source, self->main_context);
      g_source_unref (source);
    }
  g_mutex_unlock (&self->lock);
}

void
grm_sync_run_add_error (GrmSyncRun *run,
                        const char *format,
                        ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_message ("%s", message);
  g_ptr_array_add (run->errors, message);
}

void
grm_sync_run_wait (GrmSyncRun *run)
{
  while (run->pending > 0)
    g_main_context_iteration (run->context, TRUE);
}

gpointer
grm_sync_run_write (GrmSyncRun  *run,
                    gpointer     func,
                    gpointer     data,
                    GError     **error)
{
  gpointer result = NULL;

  if (!grm_store_write_sync (run->store, (GrmStoreFunc) func, data, &result, error))
    return NULL;
  return result ? result : GINT_TO_POINTER (1);
}

static gboolean
record_job (GrmDb     *db,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  GrmSyncRun *run = data;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (run->errors->len == 0)
    return grm_store_sync_state_begin (db, run->system_url, NULL, "System", NULL, now, error)
           && grm_store_sync_state_finish (db, run->system_url, now, error);
  else
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (run->errors, NULL);
      message = g_strjoinv ("\n", (char **) run->errors->pdata);
      g_ptr_array_remove_index (run->errors, run->errors->len - 1);
      return grm_store_sync_state_fail (db, run->system_url, message, now, error);
    }
}

static char *
origin_of (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup ("");
  return g_strdup_printf ("%s://%s:%d", g_uri_get_scheme (uri), g_uri_get_host (uri),
                          g_uri_get_port (uri));
}

static void
sync_metadata (GrmSyncRun *run)
{
  g_autoptr(GPtrArray) bodies = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const embedded_rels[] = { "agendaItem", "consultation", "file",
                                                "membership", NULL };

  grm_sync_progress (run->self, GRM_SYNC_PHASE_SYSTEM, 0, 0, 0, 0, 0, 0);
  if (!grm_sync_crawl_system (run, &bodies, &error))
    {
      grm_sync_run_add_error (run, "%s", error->message);
      return;
    }

  /* The 1.1 external lists decide which types come from their own list;
   * omit_internal then saves downloading them twice. */
  for (guint b = 0; b < bodies->len; b++)
    {
      GrmOparlObject *body = g_ptr_array_index (bodies, b);

      for (guint i = 0; i < body->lists->len; i++)
        {
          GrmOparlRef *list = g_ptr_array_index (body->lists, i);

          run->external_types |= 1u << list->target_type;
          if (g_strv_contains (embedded_rels, list->rel))
            {
              run->omit_internal = TRUE;
              run->page_limit = run->options->page_limit;
            }
        }
    }

  grm_sync_progress (run->self, GRM_SYNC_PHASE_LISTS, 0, 0, 0, 0, 0, 0);
  for (guint b = 0; b < bodies->len; b++)
    {
      GrmOparlObject *body = g_ptr_array_index (bodies, b);

      for (guint i = 0; i < body->lists->len; i++)
        {
          GrmOparlRef *list = g_ptr_array_index (body->lists, i);

          grm_sync_crawl_list_start (run, list->target, body->id, list->target_type);
        }
    }
  grm_sync_run_wait (run);
  /* With a list incomplete, its missing objects are not missing yet. */
  if (g_cancellable_is_cancelled (run->cancellable) || run->errors->len > 0)
    return;
  grm_sync_crawl_references (run);
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GrmSync *self = source_object;
  GrmSyncRun run = { 0 };
  g_autoptr(GError) error = NULL;

  /* A sync is background work: when the cores are busy, the window's
   * main loop (and the store writer, which records votes) go first. The
   * thread is the sync's own, so the lower priority ends with it. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 5);

  run.self = self;
  run.store = self->store;
  run.context = g_main_context_new ();
  run.cancellable = cancellable ? g_object_ref (cancellable) : g_cancellable_new ();
  run.options = self->options;
  run.system_url = self->system_url;
  run.origin = origin_of (self->system_url);
  run.errors = g_ptr_array_new_with_free_func (g_free);
  run.keep_meeting = task_data;
  g_main_context_push_thread_default (run.context);
  run.http = grm_sync_http_new (self->options->max_connections, self->options->max_attempts,
                                self->options->retry_base_ms, self->options->timeout_s);

  if (run.keep_meeting != NULL)
    grm_sync_files_run (&run);
  else
    {
      sync_metadata (&run);
      if (self->options->files && !g_cancellable_is_cancelled (run.cancellable))
        grm_sync_files_run (&run);
      if (!g_cancellable_is_cancelled (run.cancellable))
        grm_sync_run_write (&run, record_job, &run, NULL);
    }

  grm_sync_http_free (run.http);
  /* Let the aborted messages and closing connections finish in this
   * context before it goes: libsoup completes them from idles. */
  {
    gint64 until = g_get_monotonic_time () + 100 * 1000;

    while (g_get_monotonic_time () < until)
      if (!g_main_context_iteration (run.context, FALSE))
        g_usleep (2000);
  }
  g_main_context_pop_thread_default (run.context);
  g_main_context_unref (run.context);
  grm_sync_progress (self, GRM_SYNC_PHASE_DONE, 0, 0, 0, 0, 0, 0);

  if (g_cancellable_is_cancelled (run.cancellable))
    error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was cancelled"));
  else if (run.errors->len > 0)
    {
      g_autofree char *message = NULL;

      g_ptr_array_add (run.errors, NULL);
      message = g_strjoinv ("\n", (char **) run.errors->pdata);
      error = g_error_new (GRM_ERROR, GRM_ERROR_NETWORK, _("The sync did not complete:\n%s"),
                           message);
    }
  g_ptr_array_unref (run.errors);
  g_free (run.origin);
  g_object_unref (run.cancellable);

  /* Everything of this thread is gone before the caller hears back. */
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static gpointer
sync_thread_main (gpointer data)
{
  g_autoptr(GTask) task = data;

  sync_thread (task, g_task_get_source_object (task), g_task_get_task_data (task),
               g_task_get_cancellable (task));
  return NULL;
}

static void
start (GrmSync            *self,
       char               *keep_meeting,
       GCancellable       *cancellable,
       GAsyncReadyCallback callback,
       gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  self->main_context = g_main_context_ref_thread_default ();
  self->objects = self->pages = self->requests = self->files = self->files_failed = 0;
  self->bytes = 0;
  g_mutex_unlock (&self->lock);
  g_task_set_task_data (task, keep_meeting, g_free);
  g_thread_unref (g_thread_new ("grm-sync", sync_thread_main, g_steal_pointer (&task)));
}

void
grm_sync_run_async (GrmSync            *self,
                    GCancellable       *cancellable,
                    GAsyncReadyCallback callback,
                    gpointer            user_data)
{
  g_return_if_fail (GRM_IS_SYNC (self));
  start (self, NULL, cancellable, callback, user_data);
}

gboolean
grm_sync_run_finish (GrmSync       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
grm_sync_keep_meeting_async (GrmSync            *self,
                             const char         *meeting_id,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (GRM_IS_SYNC (self));
  start (self, g_strdup (meeting_id), cancellable, callback, user_data);
}

gboolean
grm_sync_keep_meeting_finish (GrmSync       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
