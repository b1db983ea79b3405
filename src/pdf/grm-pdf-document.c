/* grm-pdf-document.c: an open PDF with its worker thread; loading, error
 * translation at the Poppler boundary, rendering and printing.
 *
 * The worker owns the PopplerDocument: it is created, used and released on
 * that thread only. Jobs wait in a priority queue; each carries a GTask whose
 * source object is the document, so the document outlives its jobs and the
 * worker never sees a finalized document. Finalizing the document queues a
 * quit job, and the worker releases Poppler and itself on its own thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "grm-error.h"
#include "grm-pdf-document-private.h"
#include "grm-pdf-encryption.h"
#include "grm-saslprep.h"

typedef struct
{
  GAsyncQueue *queue;
  PopplerDocument *poppler;
} Worker;

typedef struct
{
  GTask *task;
  GrmPdfJobFunc func;   /* NULL: quit */
  int priority;
  guint64 seq;
} Job;

struct _GrmPdfDocument
{
  GObject parent_instance;

  Worker *worker;
  GThread *thread;

  /* Written by the load job before it returns, read-only afterwards. */
  GFile *file;
  guint n_pages;
  double *sizes;   /* width, height per page */
  char *title;
  char *author;
  gboolean encrypted;
};

G_DEFINE_FINAL_TYPE (GrmPdfDocument, grm_pdf_document, G_TYPE_OBJECT)

static guint64 job_seq;

static void
job_free (Job *job)
{
  g_clear_object (&job->task);
  g_free (job);
}

static int
job_compare (gconstpointer a,
             gconstpointer b,
             gpointer      user_data)
{
  const Job *ja = a;
  const Job *jb = b;

  if (ja->priority != jb->priority)
    return ja->priority < jb->priority ? -1 : 1;
  return ja->seq < jb->seq ? -1 : (ja->seq > jb->seq ? 1 : 0);
}

static gpointer
worker_main (gpointer data)
{
  Worker *worker = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (worker->queue);

      if (job->func == NULL)
        {
          job_free (job);
          break;
        }
      /* The lock also covers job_free: a job's task data may hold the
       * last reference on a Poppler page. */
      grm_pdf_poppler_lock ();
      if (!g_task_return_error_if_cancelled (job->task))
        job->func (job->task, worker->poppler);
      job_free (job);
      grm_pdf_poppler_unlock ();
    }

  grm_pdf_poppler_lock ();
  g_clear_object (&worker->poppler);
  grm_pdf_poppler_unlock ();
  g_async_queue_unref (worker->queue);
  g_free (worker);
  return NULL;
}

void
_grm_pdf_document_push (GrmPdfDocument *self,
                        GTask          *task,
                        GrmPdfJobFunc   func,
                        int             io_priority)
{
  Job *job = g_new0 (Job, 1);

  job->task = g_object_ref (task);
  job->func = func;
  job->priority = io_priority;
  job->seq = g_atomic_pointer_add (&job_seq, 1);
  g_async_queue_push_sorted (self->worker->queue, job, job_compare, NULL);
}

PopplerPage *
_grm_pdf_document_get_page (PopplerDocument *poppler,
                            GTask           *task,
                            guint            page)
{
  PopplerPage *ppage = NULL;

  if (poppler != NULL && page < (guint) poppler_document_get_n_pages (poppler))
    ppage = poppler_document_get_page (poppler, page);
  if (ppage == NULL)
    g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                             _("This page does not exist"));
  return ppage;
}

GMainContext *
_grm_pdf_sync_push (void)
{
  GMainContext *context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  return context;
}

void
_grm_pdf_sync_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      slot)
{
  *(GAsyncResult **) slot = g_object_ref (result);
}

GAsyncResult *
_grm_pdf_sync_wait (GMainContext  *context,
                    GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return *slot;
}

static void
grm_pdf_document_finalize (GObject *object)
{
  GrmPdfDocument *self = GRM_PDF_DOCUMENT (object);
  GAsyncQueue *queue = self->worker->queue;
  Job *quit = g_new0 (Job, 1);

  /* No job can be pending (each holds a reference on us): the worker is
   * idle and ends after this, releasing Poppler, its queue reference and
   * itself on its own thread. self->worker is not ours to touch after. */
  quit->priority = G_MAXINT;
  quit->seq = G_MAXUINT64;
  g_async_queue_push_sorted (queue, quit, job_compare, NULL);
  g_async_queue_unref (queue);
  self->worker = NULL;
  g_thread_unref (self->thread);

  g_clear_object (&self->file);
  g_free (self->sizes);
  g_free (self->title);
  g_free (self->author);

  G_OBJECT_CLASS (grm_pdf_document_parent_class)->finalize (object);
}

static void
grm_pdf_document_class_init (GrmPdfDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grm_pdf_document_finalize;
}

static void
grm_pdf_document_init (GrmPdfDocument *self)
{
  self->worker = g_new0 (Worker, 1);
  self->worker->queue = g_async_queue_new ();
  g_async_queue_ref (self->worker->queue);
  self->thread = g_thread_new ("grm-pdf", worker_main, self->worker);
}

/* Loading */

typedef struct
{
  GFile *file;
  char *password;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->file);
  if (data->password != NULL)
    explicit_bzero (data->password, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static gboolean
file_starts_like_pdf (GFile        *file,
                      GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, NULL);
  char head[1024];
  gsize n = 0;

  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n,
                                   cancellable, NULL))
    return FALSE;
  return g_strstr_len (head, n, "%PDF-") != NULL;
}

static GError *
translate_error (GError       *error,
                 GFile        *file,
                 gboolean      with_password,
                 GCancellable *cancellable)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
      || g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    return g_error_new (GRM_ERROR, GRM_ERROR_NOT_FOUND, _("This file does not exist"));
  if (error->domain == G_IO_ERROR || error->domain == G_FILE_ERROR)
    return g_error_new (GRM_ERROR, GRM_ERROR_FAILED, _("This file could not be read: %s"),
                        error->message);

  if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      /* Poppler says "encrypted" both when a password is needed and when
       * it is wrong. A damaged encryption dictionary makes every password
       * wrong, so the user would be asked again and again: detect it. */
      if (grm_pdf_encryption_looks_damaged (file, cancellable))
        return g_error_new (GRM_ERROR, GRM_ERROR_PDF_DAMAGED,
                            _("This file is damaged: its password protection is broken, "
                              "so it cannot be opened with any password"));
      if (with_password)
        return g_error_new (GRM_ERROR, GRM_ERROR_PDF_BAD_PASSWORD,
                            _("The password is wrong"));
      return g_error_new (GRM_ERROR, GRM_ERROR_PDF_ENCRYPTED,
                          _("This file is protected by a password"));
    }

  if (!file_starts_like_pdf (file, cancellable))
    return g_error_new (GRM_ERROR, GRM_ERROR_PDF_NOT_PDF, _("This file is not a PDF"));
  return g_error_new (GRM_ERROR, GRM_ERROR_PDF_DAMAGED, _("This file is damaged"));
}

static PopplerDocument *
open_poppler (LoadData     *data,
              GCancellable *cancellable,
              GError      **error)
{
  g_autofree char *prepared = NULL;
  g_autoptr(GError) local_error = NULL;
  PopplerDocument *poppler;

  if (data->password == NULL || data->password[0] == '\0')
    return poppler_document_new_from_gfile (data->file, NULL, cancellable, error);

  /* PDF 2.0 asks for SASLprep; files written by older tools may have used
   * the password as typed, so that is the second try. */
  prepared = grm_saslprep (data->password);
  poppler = poppler_document_new_from_gfile (data->file, prepared, cancellable, &local_error);
  if (poppler == NULL && g_strcmp0 (prepared, data->password) != 0
      && g_error_matches (local_error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
    {
      g_clear_error (&local_error);
      poppler = poppler_document_new_from_gfile (data->file, data->password, cancellable,
                                                 &local_error);
    }
  explicit_bzero (prepared, strlen (prepared));
  if (poppler == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return poppler;
}

static void
load_job (GTask           *task,
          PopplerDocument *unused)
{
  GrmPdfDocument *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GError) error = NULL;
  PopplerDocument *poppler;
  guint i;

  poppler = open_poppler (data, cancellable, &error);
  if (poppler == NULL)
    {
      g_task_return_error (task, translate_error (error, data->file,
                                                  data->password != NULL
                                                  && data->password[0] != '\0',
                                                  cancellable));
      return;
    }

  self->n_pages = poppler_document_get_n_pages (poppler);
  if (self->n_pages == 0)
    {
      g_object_unref (poppler);
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_PDF_NO_PAGES,
                               _("This file has no pages"));
      return;
    }

  self->worker->poppler = poppler;
  self->sizes = g_new0 (double, 2 * self->n_pages);
  for (i = 0; i < self->n_pages; i++)
    {
      g_autoptr(PopplerPage) page = poppler_document_get_page (poppler, i);

      if (page != NULL)
        poppler_page_get_size (page, &self->sizes[2 * i], &self->sizes[2 * i + 1]);
      if (self->sizes[2 * i] < 1 || self->sizes[2 * i + 1] < 1)
        {
          /* A4, so that a page Poppler cannot measure still gets a place. */
          self->sizes[2 * i] = 595;
          self->sizes[2 * i + 1] = 842;
        }
    }
  self->title = poppler_document_get_title (poppler);
  self->author = poppler_document_get_author (poppler);
  self->encrypted = data->password != NULL
                    || (poppler_document_get_permissions (poppler) != POPPLER_PERMISSIONS_FULL);
  g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

void
grm_pdf_document_load_async (GFile               *file,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GrmPdfDocument) self = NULL;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  g_return_if_fail (G_IS_FILE (file));

  self = g_object_new (GRM_TYPE_PDF_DOCUMENT, NULL);
  self->file = g_object_ref (file);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grm_pdf_document_load_async);
  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  _grm_pdf_document_push (self, task, load_job, G_PRIORITY_DEFAULT);
}

GrmPdfDocument *
grm_pdf_document_load_finish (GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * grm_pdf_document_load:
 *
 * Blocking variant for threads other than the main thread (indexer, CLI).
 */
GrmPdfDocument *
grm_pdf_document_load (GFile        *file,
                       const char   *password,
                       GCancellable *cancellable,
                       GError      **error)
{
  GAsyncResult *slot = NULL;
  GMainContext *context = _grm_pdf_sync_push ();
  g_autoptr(GAsyncResult) result = NULL;

  grm_pdf_document_load_async (file, password, cancellable, _grm_pdf_sync_cb, &slot);
  result = _grm_pdf_sync_wait (context, &slot);
  return grm_pdf_document_load_finish (result, error);
}

GFile *
grm_pdf_document_get_file (GrmPdfDocument *self)
{
  g_return_val_if_fail (GRM_IS_PDF_DOCUMENT (self), NULL);
  return self->file;
}

guint
grm_pdf_document_get_n_pages (GrmPdfDocument *self)
{
  g_return_val_if_fail (GRM_IS_PDF_DOCUMENT (self), 0);
  return self->n_pages;
}

void
grm_pdf_document_get_page_size (GrmPdfDocument *self,
                                guint           page,
                                double         *width,
                                double         *height)
{
  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  g_return_if_fail (page < self->n_pages);
  if (width != NULL)
    *width = self->sizes[2 * page];
  if (height != NULL)
    *height = self->sizes[2 * page + 1];
}

const char *
grm_pdf_document_get_title (GrmPdfDocument *self)
{
  g_return_val_if_fail (GRM_IS_PDF_DOCUMENT (self), NULL);
  return self->title;
}

const char *
grm_pdf_document_get_author (GrmPdfDocument *self)
{
  g_return_val_if_fail (GRM_IS_PDF_DOCUMENT (self), NULL);
  return self->author;
}

gboolean
grm_pdf_document_is_encrypted (GrmPdfDocument *self)
{
  g_return_val_if_fail (GRM_IS_PDF_DOCUMENT (self), FALSE);
  return self->encrypted;
}

/* Rendering */

typedef struct
{
  guint page;
  double scale;
  int rotation;
  cairo_t *cr;   /* printing only */
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_clear_pointer (&data->cr, cairo_destroy);
  g_free (data);
}

static void
render_job (GTask           *task,
            PopplerDocument *poppler)
{
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(PopplerPage) page = _grm_pdf_document_get_page (poppler, task, data->page);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  int pw, ph;

  if (page == NULL)
    return;

  poppler_page_get_size (page, &w, &h);
  pw = MAX (1, (int) ceil (w * data->scale));
  ph = MAX (1, (int) ceil (h * data->scale));
  if (data->rotation == 90 || data->rotation == 270)
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, ph, pw);
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pw, ph);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_FAILED,
                               _("Not enough memory to show this page"));
      return;
    }

  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  switch (data->rotation)
    {
    case 90:
      cairo_translate (cr, ph, 0);
      break;
    case 180:
      cairo_translate (cr, pw, ph);
      break;
    case 270:
      cairo_translate (cr, 0, pw);
      break;
    default:
      break;
    }
  cairo_rotate (cr, data->rotation * G_PI / 180.0);
  cairo_scale (cr, data->scale, data->scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_task_return_pointer (task, surface, (GDestroyNotify) cairo_surface_destroy);
}

void
grm_pdf_document_render_async (GrmPdfDocument      *self,
                               guint                page,
                               double               scale,
                               int                  rotation,
                               int                  io_priority,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));
  g_return_if_fail (scale > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grm_pdf_document_render_async);
  data = g_new0 (RenderData, 1);
  data->page = page;
  data->scale = scale;
  data->rotation = ((rotation % 360) + 360) % 360 / 90 * 90;
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  _grm_pdf_document_push (self, task, render_job, io_priority);
}

cairo_surface_t *
grm_pdf_document_render_finish (GrmPdfDocument *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

cairo_surface_t *
grm_pdf_document_render (GrmPdfDocument *self,
                         guint           page,
                         double          scale,
                         int             rotation,
                         GCancellable   *cancellable,
                         GError        **error)
{
  GAsyncResult *slot = NULL;
  GMainContext *context = _grm_pdf_sync_push ();
  g_autoptr(GAsyncResult) result = NULL;

  grm_pdf_document_render_async (self, page, scale, rotation, G_PRIORITY_DEFAULT,
                                 cancellable, _grm_pdf_sync_cb, &slot);
  result = _grm_pdf_sync_wait (context, &slot);
  return grm_pdf_document_render_finish (self, result, error);
}

/**
 * grm_pdf_surface_get_bytes:
 * @surface: an ARGB32 image surface from grm_pdf_document_render_finish()
 *
 * Returns: (transfer full): the pixels without copying them (premultiplied
 *   native-endian ARGB32, which is GDK_MEMORY_DEFAULT), keeping @surface
 *   alive as long as the bytes are.
 */
GBytes *
grm_pdf_surface_get_bytes (cairo_surface_t *surface)
{
  return g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                     (gsize) cairo_image_surface_get_stride (surface)
                                     * cairo_image_surface_get_height (surface),
                                     (GDestroyNotify) cairo_surface_destroy,
                                     cairo_surface_reference (surface));
}

static void
print_job (GTask           *task,
           PopplerDocument *poppler)
{
  RenderData *data = g_task_get_task_data (task);
  g_autoptr(PopplerPage) page = _grm_pdf_document_get_page (poppler, task, data->page);

  if (page == NULL)
    return;
  poppler_page_render_for_printing (page, data->cr);
  g_task_return_boolean (task, TRUE);
}

void
grm_pdf_document_print_page_async (GrmPdfDocument      *self,
                                   guint                page,
                                   cairo_t             *cr,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RenderData *data;

  g_return_if_fail (GRM_IS_PDF_DOCUMENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, grm_pdf_document_print_page_async);
  data = g_new0 (RenderData, 1);
  data->page = page;
  data->cr = cairo_reference (cr);
  g_task_set_task_data (task, data, (GDestroyNotify) render_data_free);
  _grm_pdf_document_push (self, task, print_job, G_PRIORITY_DEFAULT);
}

gboolean
grm_pdf_document_print_page_finish (GrmPdfDocument *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
