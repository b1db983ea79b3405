/* grm-search-indexer.c: the background indexer of the full-text search.
 *
 * The worker never holds a reference to the indexer: dispose cancels it,
 * wakes it and joins it, and progress reaches the main context through a
 * GSource owned by the indexer, whose ready time the worker sets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-search"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "grm-error.h"
#include "grm-search-indexer.h"
#include "grm-search-private.h"

/* Work per write job: short enough not to hold up the sync engine's
 * writes for long, large enough to keep FTS5 merges rare. */
#define OBJECT_BATCH 500
#define TEXT_BATCH_BYTES (4 * 1024 * 1024)
/* While the worker reads the next batch during a commit, no checkpoint can
 * finish and the WAL only grows, and with it the cost of every page read.
 * After this much text the pipeline is drained and a small commit with nobody
 * reading lets SQLite's checkpoint finish, so the WAL starts over. */
#define DRAIN_BYTES (16 * 1024 * 1024)
/* Without a kick the worker looks for new work this often. */
#define IDLE_RECHECK_SECONDS 120

struct _GrmSearchIndexer
{
  GObject               parent_instance;

  GrmStore             *store;
  char                 *files_dir;
  GrmSearchExtractFunc  extract;
  gpointer              extract_data;
  GDestroyNotify        extract_destroy;

  GThread              *thread;
  GCancellable         *cancellable;
  GSource              *progress_source;
  gulong                changed_id;

  GMutex                lock;
  GCond                 cond;
  gboolean              paused;
  gboolean              kicked;
  gboolean              busy;
  gint64                done;
  gint64                total;
  gint64                failed;
};

G_DEFINE_FINAL_TYPE (GrmSearchIndexer, grm_search_indexer, G_TYPE_OBJECT)

enum { PROGRESS, N_SIGNALS };
static guint signals[N_SIGNALS];

static gboolean
progress_dispatch (GSource     *source,
                   GSourceFunc  callback,
                   gpointer     user_data)
{
  g_source_set_ready_time (source, -1);
  return callback (user_data);
}

static GSourceFuncs progress_funcs = { NULL, NULL, progress_dispatch, NULL, NULL, NULL };

static gboolean
emit_progress_cb (gpointer user_data)
{
  g_signal_emit (user_data, signals[PROGRESS], 0);
  return G_SOURCE_CONTINUE;
}

static void
schedule_progress (GrmSearchIndexer *self)
{
  if (self->progress_source)
    g_source_set_ready_time (self->progress_source, 0);
}

static void
store_changed_cb (GrmStore         *store,
                  const char       *what,
                  GrmSearchIndexer *self)
{
  grm_search_indexer_kick (self);
}

static void
grm_search_indexer_dispose (GObject *object)
{
  GrmSearchIndexer *self = GRM_SEARCH_INDEXER (object);

  g_mutex_lock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&self->thread, g_thread_join);

  if (self->progress_source)
    {
      g_source_destroy (self->progress_source);
      g_clear_pointer (&self->progress_source, g_source_unref);
    }
  if (self->store)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (grm_search_indexer_parent_class)->dispose (object);
}

static void
grm_search_indexer_finalize (GObject *object)
{
  GrmSearchIndexer *self = GRM_SEARCH_INDEXER (object);

  if (self->extract_destroy)
    self->extract_destroy (self->extract_data);
  g_free (self->files_dir);
  g_clear_object (&self->cancellable);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (grm_search_indexer_parent_class)->finalize (object);
}

static void
grm_search_indexer_class_init (GrmSearchIndexerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grm_search_indexer_dispose;
  object_class->finalize = grm_search_indexer_finalize;

  /**
   * GrmSearchIndexer::progress:
   *
   * Emitted on the main context of the thread that created the indexer when
   * the progress, the busy state or the number of failed files changed.
   */
  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
grm_search_indexer_init (GrmSearchIndexer *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->cancellable = g_cancellable_new ();
}

GrmSearchIndexer *
grm_search_indexer_new (GrmStore   *store,
                        const char *files_dir)
{
  GrmSearchIndexer *self;
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);

  self = g_object_new (GRM_TYPE_SEARCH_INDEXER, NULL);
  self->store = g_object_ref (store);
  self->files_dir = g_strdup (files_dir);
  self->progress_source = g_source_new (&progress_funcs, sizeof (GSource));
  g_source_set_callback (self->progress_source, emit_progress_cb, self, NULL);
  g_source_set_name (self->progress_source, "[gremium] search indexer progress");
  g_source_attach (self->progress_source, context);
  return self;
}

void
grm_search_indexer_set_extractor (GrmSearchIndexer     *self,
                                  GrmSearchExtractFunc  func,
                                  gpointer              user_data,
                                  GDestroyNotify        destroy)
{
  g_return_if_fail (GRM_IS_SEARCH_INDEXER (self));
  g_return_if_fail (self->thread == NULL);

  if (self->extract_destroy)
    self->extract_destroy (self->extract_data);
  self->extract = func;
  self->extract_data = user_data;
  self->extract_destroy = destroy;
}

GrmStore *
grm_search_indexer_get_store (GrmSearchIndexer *self)
{
  g_return_val_if_fail (GRM_IS_SEARCH_INDEXER (self), NULL);
  return self->store;
}

static void
wait_while_paused (GrmSearchIndexer *self,
                   GCancellable     *cancellable)
{
  g_mutex_lock (&self->lock);
  while (self->paused && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
add_done (GrmSearchIndexer      *self,
          gint64                 n,
          gboolean               failed,
          GrmSearchProgressFunc  progress,
          gpointer               user_data,
          const char            *file,
          const char            *failure)
{
  gint64 done, total;

  g_mutex_lock (&self->lock);
  self->done += n;
  if (self->done > self->total)
    self->total = self->done;
  if (failed)
    self->failed++;
  done = self->done;
  total = self->total;
  g_mutex_unlock (&self->lock);

  if (progress)
    progress (done, total, file, failure, user_data);
  schedule_progress (self);
}

static gboolean
apply (GrmSearchIndexer *self,
       GPtrArray        *sources,
       GError          **error)
{
  return grm_store_write_sync (self->store, grm_search_apply_job, sources, NULL, error);
}

/* A batch being written while the worker prepares the next one. */
typedef struct
{
  GrmStore *store;
  gboolean  running;
  GError   *error;
} Pending;

static void
apply_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *pending = user_data;

  grm_store_write_finish (pending->store, result, &pending->error);
  pending->running = FALSE;
}

static gboolean
wait_pending (Pending  *pending,
              GError  **error)
{
  GMainContext *context = g_main_context_get_thread_default ();

  while (pending->running)
    g_main_context_iteration (context, TRUE);
  if (pending->error)
    {
      g_propagate_error (error, g_steal_pointer (&pending->error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
checkpoint_job (GrmDb     *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  return grm_db_exec (db, "INSERT OR REPLACE INTO search_meta (key, value) "
                          "VALUES ('drained', strftime ('%s', 'now'))", error);
}

static void
apply_async (GrmSearchIndexer *self,
             GPtrArray        *sources,
             Pending          *pending)
{
  pending->store = self->store;
  pending->running = TRUE;
  grm_store_write_async (self->store, grm_search_apply_job, g_ptr_array_ref (sources),
                         (GDestroyNotify) g_ptr_array_unref, NULL, NULL,
                         apply_done_cb, pending);
}

/* Extracts one downloaded file and stores its pages, or its failure. */
static gboolean
index_blob (GrmSearchIndexer      *self,
            GrmDb                 *reader,
            const GrmSearchBlob   *blob,
            GrmSearchProgressFunc  progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_search_source_free);
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *path = NULL;
  GrmSearchSource *source;

  if (self->files_dir == NULL || self->extract == NULL)
    g_set_error (&local, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                 _("No text extractor is available for downloaded files."));
  else
    {
      path = g_build_filename (self->files_dir, blob->sha256, NULL);
      pages = self->extract (path, cancellable, self->extract_data, &local);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  source = grm_search_source_for_pages (reader, blob, pages, local ? local->message : NULL, error);
  if (source == NULL)
    return FALSE;
  g_ptr_array_add (sources, source);
  if (!apply (self, sources, error))
    return FALSE;
  add_done (self, 1, local != NULL, progress, user_data, blob->file_id,
            local ? local->message : NULL);
  return TRUE;
}

static gboolean
index_pass_in_context (GrmSearchIndexer      *self,
                       GrmSearchProgressFunc  progress,
                       gpointer               user_data,
                       GCancellable          *cancellable,
                       GError               **error)
{
  g_autoptr(GrmDb) reader = grm_store_open_reader (self->store, error);
  gboolean reset = FALSE;
  gint64 pending = 0;
  gint64 cursors[GRM_SEARCH_N_OBJECT_KINDS] = { 0 };
  gint64 text_cursor = 0;
  Pending writing = { NULL, FALSE, NULL };
  guint written = 0;
  gboolean removed_done = FALSE;
  gboolean objects_done = FALSE;
  gsize since_drain = 0;

  if (reader == NULL)
    return FALSE;
  /* The texts are read through a memory map rather than copied by pread()
   * page by page. */
  if (!grm_db_exec (reader, "PRAGMA mmap_size = " G_STRINGIFY (GRM_SEARCH_MMAP_SIZE), error))
    return FALSE;
  if (!grm_search_needs_reset (reader, &reset, error))
    return FALSE;
  if (reset && !grm_store_write_sync (self->store, grm_search_reset_job, NULL, NULL, error))
    return FALSE;
  if (!grm_search_count_pending (reader, &pending, error))
    return FALSE;

  g_mutex_lock (&self->lock);
  self->total = self->done + pending;
  g_mutex_unlock (&self->lock);
  add_done (self, 0, FALSE, progress, user_data, NULL, NULL);

  for (;;)
    {
      g_autoptr(GPtrArray) batch = NULL;
      GrmSearchBlob blob;
      gboolean ok;

      wait_while_paused (self, cancellable);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return wait_pending (&writing, NULL), FALSE;

      /* Removals first, until there are none: finding them scans the
       * whole of search_source, so it is not repeated for every batch. A
       * removal during the pass is found by the next pass. */
      if (!removed_done)
        {
          batch = grm_search_collect_removed (reader, OBJECT_BATCH, error);
          if (batch == NULL)
            return wait_pending (&writing, NULL), FALSE;
          if (batch->len > 0)
            {
              if (!apply (self, batch, error))
                return FALSE;
              add_done (self, batch->len, FALSE, progress, user_data, NULL, NULL);
              continue;
            }
          removed_done = TRUE;
          g_clear_pointer (&batch, g_ptr_array_unref);
        }

      /* Objects before texts. Once there are none, they are not looked
       * for again in this pass: each look scans the object table, for
       * every batch of texts. A change during the pass kicks the next. */
      batch = NULL;
      if (!objects_done)
        {
          batch = grm_search_collect_objects (reader, OBJECT_BATCH, cursors, error);
          if (batch && batch->len == 0)
            {
              objects_done = TRUE;
              g_clear_pointer (&batch, g_ptr_array_unref);
            }
          else if (batch == NULL)
            return wait_pending (&writing, NULL), FALSE;
        }
      if (objects_done)
        batch = grm_search_collect_texts (reader, TEXT_BATCH_BYTES, &text_cursor, error);
      if (batch == NULL)
        return wait_pending (&writing, NULL), FALSE;
      if (batch->len > 0)
        {
          /* Fold the next batch on this thread while the writer stores
           * this one. */
          if (!wait_pending (&writing, error))
            return FALSE;
          if (written > 0)
            add_done (self, written, FALSE, progress, user_data, NULL, NULL);
          for (guint i = 0; i < batch->len; i++)
            {
              GrmSearchSource *source = g_ptr_array_index (batch, i);

              for (guint j = 0; source->docs && j < source->docs->len; j++)
                since_drain += strlen (((GrmSearchDoc *) g_ptr_array_index (source->docs, j))->folded_body);
            }
          if (since_drain >= DRAIN_BYTES)
            {
              if (!grm_store_write_sync (self->store, checkpoint_job, NULL, NULL, error))
                return FALSE;
              since_drain = 0;
            }
          written = batch->len;
          apply_async (self, batch, &writing);
          continue;
        }

      if (!wait_pending (&writing, error))
        return FALSE;
      if (written > 0)
        add_done (self, written, FALSE, progress, user_data, NULL, NULL);
      written = 0;

      if (!grm_search_next_blob (reader, &blob, error))
        return FALSE;
      if (blob.file_id == NULL)
        break;
      ok = index_blob (self, reader, &blob, progress, user_data, cancellable, error);
      g_free (blob.file_id);
      g_free (blob.sha256);
      if (!ok)
        return FALSE;
    }

  g_mutex_lock (&self->lock);
  self->total = self->done;
  g_mutex_unlock (&self->lock);
  schedule_progress (self);
  return TRUE;
}

static gboolean
index_pass (GrmSearchIndexer      *self,
            GrmSearchProgressFunc  progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean ok;

  /* Write jobs report back here, not to the app's main context. */
  g_main_context_push_thread_default (context);
  ok = index_pass_in_context (self, progress, user_data, cancellable, error);
  g_main_context_pop_thread_default (context);
  return ok;
}

static gpointer
worker_thread (gpointer data)
{
  GrmSearchIndexer *self = data;

  /* Indexing must never make the app feel slow. */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10);

  for (;;)
    {
      g_autoptr(GError) error = NULL;

      g_mutex_lock (&self->lock);
      while (!self->kicked && !g_cancellable_is_cancelled (self->cancellable))
        {
          gint64 until = g_get_monotonic_time () + IDLE_RECHECK_SECONDS * G_TIME_SPAN_SECOND;

          if (!g_cond_wait_until (&self->cond, &self->lock, until))
            self->kicked = TRUE;
        }
      self->kicked = FALSE;
      self->busy = TRUE;
      g_mutex_unlock (&self->lock);
      if (g_cancellable_is_cancelled (self->cancellable))
        break;
      schedule_progress (self);

      if (!index_pass (self, NULL, NULL, self->cancellable, &error)
          && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Search indexing stopped: %s", error->message);

      g_mutex_lock (&self->lock);
      self->busy = self->kicked;
      g_mutex_unlock (&self->lock);
      schedule_progress (self);
    }

  return NULL;
}

void
grm_search_indexer_start (GrmSearchIndexer *self)
{
  g_return_if_fail (GRM_IS_SEARCH_INDEXER (self));

  if (self->thread != NULL)
    return;
  self->kicked = TRUE;
  self->changed_id = g_signal_connect (self->store, "changed",
                                       G_CALLBACK (store_changed_cb), self);
  self->thread = g_thread_new ("grm-search-indexer", worker_thread, self);
}

void
grm_search_indexer_kick (GrmSearchIndexer *self)
{
  g_return_if_fail (GRM_IS_SEARCH_INDEXER (self));

  g_mutex_lock (&self->lock);
  self->kicked = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

void
grm_search_indexer_set_paused (GrmSearchIndexer *self,
                               gboolean          paused)
{
  g_return_if_fail (GRM_IS_SEARCH_INDEXER (self));

  g_mutex_lock (&self->lock);
  self->paused = !!paused;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  schedule_progress (self);
}

gboolean
grm_search_indexer_get_paused (GrmSearchIndexer *self)
{
  gboolean paused;

  g_return_val_if_fail (GRM_IS_SEARCH_INDEXER (self), FALSE);
  g_mutex_lock (&self->lock);
  paused = self->paused;
  g_mutex_unlock (&self->lock);
  return paused;
}

gboolean
grm_search_indexer_get_busy (GrmSearchIndexer *self)
{
  gboolean busy;

  g_return_val_if_fail (GRM_IS_SEARCH_INDEXER (self), FALSE);
  g_mutex_lock (&self->lock);
  busy = self->busy;
  g_mutex_unlock (&self->lock);
  return busy;
}

void
grm_search_indexer_get_progress (GrmSearchIndexer *self,
                                 gint64           *done,
                                 gint64           *total,
                                 gint64           *failed)
{
  g_return_if_fail (GRM_IS_SEARCH_INDEXER (self));
  g_mutex_lock (&self->lock);
  if (done)
    *done = self->done;
  if (total)
    *total = self->total;
  if (failed)
    *failed = self->failed;
  g_mutex_unlock (&self->lock);
}

gboolean
grm_search_indexer_run_sync (GrmSearchIndexer      *self,
                             GrmSearchProgressFunc  progress,
                             gpointer               user_data,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_return_val_if_fail (GRM_IS_SEARCH_INDEXER (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  return index_pass (self, progress, user_data, cancellable, error);
}
