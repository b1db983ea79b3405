/* grm-store.c: the database of one council, its writer thread and readers.
 *
 * The write connection belongs to one thread for its whole life; jobs reach
 * it through a queue and each runs in one transaction. Because the database
 * is in WAL mode with synchronous=FULL, a job whose result has been delivered
 * is on disk: a crash or a power loss afterwards cannot lose it. Readers use
 * their own read-only connections on a small thread pool and see the last
 * committed state while a write runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "grm-error.h"
#include "grm-store.h"
#include "grm-store-private.h"

#define N_READERS 2

/* How often ::changed is emitted at most while writes keep coming. */
#define CHANGED_INTERVAL_MS 500

struct _GrmStore
{
  GObject       parent_instance;

  char         *path;
  GMainContext *context;

  GThread      *writer;
  GAsyncQueue  *write_queue;
  GrmDb        *writer_db;

  GThreadPool  *readers;
  GAsyncQueue  *idle_readers;

  GMutex        changed_lock;
  GPtrArray    *pending_changed;
  gint64        changed_emitted;   /* monotonic time of the last ::changed */
  GSource      *changed_source;
};

G_DEFINE_FINAL_TYPE (GrmStore, grm_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  GrmStoreFunc    func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  gboolean        write;
  gboolean        stop;

  /* Asynchronous jobs answer through a task … */
  GTask          *task;

  /* … synchronous ones through these, under the mutex. */
  GMutex          mutex;
  GCond           cond;
  gboolean        done;
  gboolean        ok;
  gpointer        result;
  GError         *error;
} Job;

static gboolean
release_task_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  if (job->task != NULL)
    {
      /* The task holds the store. Its last reference must go on the
       * caller's context: dropped here on the writer or a reader thread,
       * it could finalize the store on the very thread that finalize waits
       * for. */
      GTask *task = g_steal_pointer (&job->task);
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, release_task_cb, task, g_object_unref);
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
    }
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

static Job *
job_new (GrmStoreFunc   func,
         gpointer       data,
         GDestroyNotify data_free,
         GDestroyNotify result_free,
         gboolean       write)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->write = write;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  return job;
}

/* Runs @job on @db in one transaction and delivers its outcome. Frees the job
 * if it was asynchronous; a synchronous job belongs to its waiting caller. */
static void
run_job (GrmDb *db,
         Job   *job)
{
  g_autoptr(GError) error = NULL;
  gpointer result = NULL;
  gboolean ok;

  if (job->task != NULL && g_task_return_error_if_cancelled (job->task))
    {
      job_free (job);
      return;
    }

  ok = grm_db_exec (db, job->write ? "BEGIN IMMEDIATE" : "BEGIN", &error);
  if (ok)
    {
      ok = job->func (db, job->data, &result, &error);
      if (ok)
        ok = grm_db_exec (db, "COMMIT", &error);
      if (!ok)
        grm_db_exec (db, "ROLLBACK", NULL);
    }
  if (!ok && result != NULL && job->result_free != NULL)
    g_clear_pointer (&result, job->result_free);

  if (job->task != NULL)
    {
      if (ok)
        g_task_return_pointer (job->task, result, job->result_free);
      else
        g_task_return_error (job->task, g_steal_pointer (&error));
      job_free (job);
      return;
    }

  g_mutex_lock (&job->mutex);
  job->ok = ok;
  job->result = result;
  job->error = g_steal_pointer (&error);
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->mutex);
}

static gpointer
writer_thread (gpointer data)
{
  GrmStore *self = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (self->write_queue);

      if (job->stop)
        {
          job_free (job);
          break;
        }
      run_job (self->writer_db, job);
    }

  return NULL;
}

static void
reader_thread (gpointer job_data,
               gpointer pool_data)
{
  GrmStore *self = pool_data;
  Job *job = job_data;
  GrmDb *db = g_async_queue_try_pop (self->idle_readers);
  g_autoptr(GError) error = NULL;

  if (db == NULL)
    db = grm_store_open_reader (self, &error);

  if (db == NULL)
    {
      if (job->task != NULL)
        {
          g_task_return_error (job->task, g_steal_pointer (&error));
          job_free (job);
          return;
        }
      g_mutex_lock (&job->mutex);
      job->error = g_steal_pointer (&error);
      job->done = TRUE;
      g_cond_signal (&job->cond);
      g_mutex_unlock (&job->mutex);
      return;
    }

  run_job (db, job);
  g_async_queue_push (self->idle_readers, db);
}

static void
grm_store_finalize (GObject *object)
{
  GrmStore *self = (GrmStore *) object;

  if (self->writer != NULL)
    {
      Job *stop = job_new (NULL, NULL, NULL, NULL, TRUE);

      stop->stop = TRUE;
      g_async_queue_push (self->write_queue, stop);
      /* The last reference can be dropped by a job's task on the writer
       * thread itself; it must not wait for itself. */
      if (g_thread_self () == self->writer)
        g_thread_unref (self->writer);
      else
        g_thread_join (self->writer);
    }
  if (self->readers != NULL)
    g_thread_pool_free (self->readers, FALSE, TRUE);
  if (self->idle_readers != NULL)
    {
      GrmDb *db;

      while ((db = g_async_queue_try_pop (self->idle_readers)))
        grm_db_close (db);
      g_async_queue_unref (self->idle_readers);
    }
  g_clear_pointer (&self->writer_db, grm_db_close);
  g_clear_pointer (&self->write_queue, g_async_queue_unref);
  if (self->changed_source != NULL)
    {
      g_source_destroy (self->changed_source);
      g_source_unref (self->changed_source);
    }
  g_clear_pointer (&self->pending_changed, g_ptr_array_unref);
  g_mutex_clear (&self->changed_lock);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_free (self->path);

  G_OBJECT_CLASS (grm_store_parent_class)->finalize (object);
}

static void
grm_store_class_init (GrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grm_store_finalize;

  /**
   * GrmStore::changed:
   * @what: an OParl type name ("Meeting") or a local table ("vote")
   *
   * Emitted on the store's main context after a write job that changed @what.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
grm_store_init (GrmStore *self)
{
  g_mutex_init (&self->changed_lock);
  self->pending_changed = g_ptr_array_new_with_free_func (g_free);
}

int
grm_store_get_schema_version (void)
{
  return grm_store_migrate_get_latest ();
}

/* Creates an absent database file as 0600 inside a 0700 directory, so that
 * SQLite (which copies the main file's mode to -wal and -shm) never makes
 * the council's data readable to other users. */
static gboolean
ensure_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0 && errno != EEXIST)
    {
      int saved = errno;

      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE,
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  if (fd >= 0)
    close (fd);

  return TRUE;
}

static GrmStore *
store_open (const char    *path,
            GMainContext  *context,
            GError       **error)
{
  g_autoptr(GrmStore) self = NULL;
  g_autoptr(GrmDb) db = NULL;

  if (!ensure_private_file (path, error))
    return NULL;

  db = grm_db_open (path, FALSE, error);
  if (db == NULL)
    return NULL;

  /* Check before the first write: a damaged or newer database is refused
   * and left exactly as it was. */
  if (!grm_store_migrate_check (db, error))
    return NULL;

  if (!grm_db_exec (db, "PRAGMA journal_mode = WAL", error) ||
      !grm_db_exec (db, "PRAGMA synchronous = FULL", error) ||
      !grm_db_exec (db, "PRAGMA foreign_keys = ON", error) ||
      !grm_store_migrate (db, error))
    return NULL;

  self = g_object_new (GRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->context = g_main_context_ref (context);
  self->writer_db = g_steal_pointer (&db);
  self->write_queue = g_async_queue_new ();
  self->idle_readers = g_async_queue_new ();
  self->readers = g_thread_pool_new (reader_thread, self, N_READERS, FALSE, NULL);
  self->writer = g_thread_new ("grm-store-writer", writer_thread, self);

  return g_steal_pointer (&self);
}

GrmStore *
grm_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (path != NULL, NULL);

  return store_open (path, context, error);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GrmStore *store = store_open (task_data, g_task_get_context (task), &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
grm_store_open_async (const char          *path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (path != NULL);

  g_task_set_source_tag (task, grm_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

GrmStore *
grm_store_open_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
grm_store_get_path (GrmStore *self)
{
  g_return_val_if_fail (GRM_IS_STORE (self), NULL);

  return self->path;
}

GrmDb *
grm_store_open_reader (GrmStore  *self,
                       GError   **error)
{
  GrmDb *db;

  g_return_val_if_fail (GRM_IS_STORE (self), NULL);

  db = grm_db_open (self->path, TRUE, error);
  if (db != NULL && !grm_db_exec (db, "PRAGMA query_only = ON", error))
    g_clear_pointer (&db, grm_db_close);

  return db;
}

static void
queue_async (GrmStore            *self,
             Job                 *job,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);

  if (job->write)
    g_async_queue_push (self->write_queue, job);
  else
    g_thread_pool_push (self->readers, job, NULL);
}

static gboolean
run_sync (GrmStore  *self,
          Job       *job,
          gpointer  *result,
          GError   **error)
{
  gboolean ok;

  /* A write job that writes again would wait for itself. */
  if (job->write && g_thread_self () == self->writer)
    run_job (self->writer_db, job);
  else if (job->write)
    g_async_queue_push (self->write_queue, job);
  else
    g_thread_pool_push (self->readers, job, NULL);

  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  ok = job->ok;
  if (ok && result != NULL)
    *result = g_steal_pointer (&job->result);
  else if (job->result != NULL && job->result_free != NULL)
    job->result_free (job->result);
  if (job->error != NULL)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job->data_free = NULL;
  job_free (job);

  return ok;
}

void
grm_store_write_async (GrmStore            *self,
                       GrmStoreFunc         func,
                       gpointer             data,
                       GDestroyNotify       data_free,
                       GDestroyNotify       result_free,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (GRM_IS_STORE (self));
  g_return_if_fail (func != NULL);

  queue_async (self, job_new (func, data, data_free, result_free, TRUE),
               grm_store_write_async, cancellable, callback, user_data);
}

gpointer
grm_store_write_finish (GrmStore      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
grm_store_write_sync (GrmStore  *self,
                      GrmStoreFunc func,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  g_return_val_if_fail (GRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run_sync (self, job_new (func, data, NULL, NULL, TRUE), result, error);
}

void
grm_store_read_async (GrmStore            *self,
                      GrmStoreFunc         func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (GRM_IS_STORE (self));
  g_return_if_fail (func != NULL);

  queue_async (self, job_new (func, data, data_free, result_free, FALSE),
               grm_store_read_async, cancellable, callback, user_data);
}

gpointer
grm_store_read_finish (GrmStore      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

gboolean
grm_store_read_sync (GrmStore     *self,
                     GrmStoreFunc  func,
                     gpointer      data,
                     gpointer     *result,
                     GError      **error)
{
  g_return_val_if_fail (GRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run_sync (self, job_new (func, data, NULL, NULL, FALSE), result, error);
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  GrmStore *self = user_data;
  g_autoptr(GPtrArray) pending = NULL;

  g_mutex_lock (&self->changed_lock);
  pending = g_steal_pointer (&self->pending_changed);
  self->pending_changed = g_ptr_array_new_with_free_func (g_free);
  g_clear_pointer (&self->changed_source, g_source_unref);
  self->changed_emitted = g_get_monotonic_time ();
  g_mutex_unlock (&self->changed_lock);

  for (guint i = 0; i < pending->len; i++)
    {
      const char *what = g_ptr_array_index (pending, i);

      g_signal_emit (self, signals[CHANGED], g_quark_from_string (what), what);
    }

  return G_SOURCE_REMOVE;
}

void
grm_store_notify_changed (GrmStore   *self,
                          const char *what)
{
  g_return_if_fail (GRM_IS_STORE (self));
  g_return_if_fail (what != NULL);

  g_mutex_lock (&self->changed_lock);
  /* Coalesce: a sync writing a thousand pages of papers tells once per turn
   * of the main loop, and at most every CHANGED_INTERVAL_MS, not a thousand
   * times: every page on screen reloads when told. A single change after a
   * quiet spell is told at once. */
  if (!g_ptr_array_find_with_equal_func (self->pending_changed, what, g_str_equal, NULL))
    g_ptr_array_add (self->pending_changed, g_strdup (what));
  if (self->changed_source == NULL)
    {
      gint64 wait_ms = (self->changed_emitted + CHANGED_INTERVAL_MS * 1000
                        - g_get_monotonic_time ()) / 1000;

      self->changed_source = wait_ms > 0 ? g_timeout_source_new ((guint) wait_ms)
                                         : g_idle_source_new ();
      g_source_set_priority (self->changed_source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (self->changed_source, emit_changed_cb,
                             g_object_ref (self), g_object_unref);
      g_source_set_name (self->changed_source, "[gremium] store changed");
      g_source_attach (self->changed_source, self->context);
    }
  g_mutex_unlock (&self->changed_lock);
}
