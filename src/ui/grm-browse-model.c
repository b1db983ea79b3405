/* grm-browse-model.c: a lazily paged GListModel over a GrmBrowseQuery.
 *
 * The model first asks the store for the number of rows (and the first page
 * with it), then fetches each page of PAGE_SIZE rows when a position in it is
 * asked for. Until a page has arrived its positions hold "loading" rows; when
 * it arrives the rows are swapped in with one items_changed. Only the pages
 * near what the list view asked for last stay in memory, so a list of 14,000
 * papers costs a few hundred rows. A generation number drops answers that
 * belong to a query or a store state that has been replaced.
 *
 * A list view asks for every position of a changed range while it handles
 * items-changed (to find rows it can keep), so a page is not read when it
 * is first asked for: an idle callback reads only the pages whose rows a
 * list item still holds, that is, the rows that are on screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-browse-model"

#include "grm-browse-model.h"

#define PAGE_SIZE 100
#define MAX_PAGES 8
#define RELOAD_DELAY_MS 400

struct _GrmBrowseModel
{
  GObject         parent_instance;

  GrmStore       *store;
  GrmBrowseQuery *query;
  GCancellable   *cancellable;
  GHashTable     *pages;        /* page index → GPtrArray of GrmBrowseRow */
  GHashTable     *loading;      /* page indexes being read */
  guint           n_items;
  guint           generation;
  guint           last_page;
  guint           reload_source;
  guint           load_source;
  gulong          changed_handler;
  gboolean        loaded;
};

static void grm_browse_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GrmBrowseModel, grm_browse_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      grm_browse_model_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GrmBrowseQuery *query;
  guint           page;
  gboolean        count;
} PageJob;

typedef struct
{
  guint      n_rows;
  GPtrArray *rows;
} PageResult;

static void
page_job_free (gpointer data)
{
  PageJob *job = data;

  grm_browse_query_free (job->query);
  g_free (job);
}

static void
page_result_free (gpointer data)
{
  PageResult *result = data;

  g_clear_pointer (&result->rows, g_ptr_array_unref);
  g_free (result);
}

/* Runs on a store reader thread. */
static gboolean
load_page_func (GrmDb     *db,
                gpointer   data,
                gpointer  *result,
                GError   **error)
{
  PageJob *job = data;
  PageResult *page = g_new0 (PageResult, 1);
  gint64 t0 = g_get_monotonic_time ();

  if (job->count && !grm_browse_count (db, job->query, &page->n_rows, error))
    {
      page_result_free (page);
      return FALSE;
    }
  page->rows = grm_browse_fetch (db, job->query, job->page * PAGE_SIZE, PAGE_SIZE, error);
  if (page->rows == NULL)
    {
      page_result_free (page);
      return FALSE;
    }
  g_debug ("Query %d page %u%s: %u rows in %.1f ms", job->query->kind, job->page,
           job->count ? " with count" : "", page->rows->len,
           (g_get_monotonic_time () - t0) / 1000.0);
  *result = page;
  return TRUE;
}

typedef struct
{
  GrmBrowseModel *self;
  guint           generation;
  guint           page;
} PageCallback;

static GPtrArray *
new_loading_page (guint n)
{
  GPtrArray *rows = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, grm_browse_row_new_loading ());
  return rows;
}

static void
apply_count (GrmBrowseModel *self,
             PageResult     *result)
{
  guint old_n = self->n_items;

  g_hash_table_remove_all (self->pages);
  g_hash_table_remove_all (self->loading);
  self->n_items = result->n_rows;
  if (result->rows->len > 0)
    g_hash_table_insert (self->pages, GUINT_TO_POINTER (0),
                         g_ptr_array_ref (result->rows));
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_items);
  if (old_n != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
apply_page (GrmBrowseModel *self,
            guint           page,
            PageResult     *result)
{
  GPtrArray *rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  guint n;

  g_hash_table_remove (self->loading, GUINT_TO_POINTER (page));
  /* The page was dropped meanwhile: nobody looks at it any more. */
  if (rows == NULL)
    return;

  /* Fewer rows than counted means the store changed under us; a reload
   * follows from the store's ::changed, so keep the placeholders. */
  n = MIN (rows->len, result->rows->len);
  for (guint i = 0; i < n; i++)
    {
      g_object_unref (rows->pdata[i]);
      rows->pdata[i] = g_object_ref (result->rows->pdata[i]);
    }
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), page * PAGE_SIZE, n, n);
}

static void
load_page_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  PageCallback *cb = user_data;
  g_autoptr(GrmBrowseModel) self = cb->self;
  g_autoptr(GError) error = NULL;
  PageResult *result = grm_store_read_finish (GRM_STORE (object), res, &error);

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read a list page: %s", error->message);
    }
  else if (cb->generation == self->generation)
    {
      if (cb->page == G_MAXUINT)
        apply_count (self, result);
      else
        apply_page (self, cb->page, result);
    }

  g_clear_pointer (&result, page_result_free);
  g_free (cb);
}

/* @page is G_MAXUINT for "count, and fetch the first page". */
static void
start_load (GrmBrowseModel *self,
            guint           page)
{
  PageJob *job = g_new0 (PageJob, 1);
  PageCallback *cb = g_new0 (PageCallback, 1);

  job->query = grm_browse_query_copy (self->query);
  job->count = page == G_MAXUINT;
  job->page = job->count ? 0 : page;
  cb->self = g_object_ref (self);
  cb->generation = self->generation;
  cb->page = page;
  grm_store_read_async (self->store, load_page_func, job, page_job_free, page_result_free,
                        self->cancellable, load_page_cb, cb);
}

static void
evict_far_pages (GrmBrowseModel *self)
{
  while (g_hash_table_size (self->pages) > MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key;
      guint farthest = self->last_page;
      guint distance = 0;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint page = GPOINTER_TO_UINT (key);
          guint d = page > self->last_page ? page - self->last_page : self->last_page - page;

          if (d > distance)
            {
              distance = d;
              farthest = page;
            }
        }
      if (distance == 0)
        break;
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (farthest));
    }
}

static gboolean
page_is_shown (GPtrArray *rows)
{
  /* The page holds one reference; a list item that shows a row, another. */
  for (guint i = 0; i < rows->len; i++)
    if (G_OBJECT (rows->pdata[i])->ref_count > 1)
      return TRUE;
  return FALSE;
}

static gboolean
load_idle_cb (gpointer user_data)
{
  GrmBrowseModel *self = user_data;
  GHashTableIter iter;
  gpointer key, value;

  self->load_source = 0;
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *rows = value;
      guint page = GPOINTER_TO_UINT (key);

      if (!grm_browse_row_get_loading (rows->pdata[0])
          || g_hash_table_contains (self->loading, key))
        continue;
      if (page_is_shown (rows))
        {
          g_hash_table_add (self->loading, key);
          start_load (self, page);
        }
      else
        g_hash_table_iter_remove (&iter);
    }
  evict_far_pages (self);
  return G_SOURCE_REMOVE;
}

static GType
grm_browse_model_get_item_type (GListModel *model)
{
  return GRM_TYPE_BROWSE_ROW;
}

static guint
grm_browse_model_get_n_items (GListModel *model)
{
  return GRM_BROWSE_MODEL (model)->n_items;
}

static gpointer
grm_browse_model_get_item (GListModel *model,
                           guint       position)
{
  GrmBrowseModel *self = GRM_BROWSE_MODEL (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *rows;

  if (position >= self->n_items)
    return NULL;

  self->last_page = page;
  rows = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (rows == NULL)
    {
      rows = new_loading_page (MIN (PAGE_SIZE, self->n_items - page * PAGE_SIZE));
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), rows);
      if (self->load_source == 0)
        self->load_source = g_idle_add (load_idle_cb, self);
    }
  return g_object_ref (rows->pdata[position % PAGE_SIZE]);
}

static void
grm_browse_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = grm_browse_model_get_item_type;
  iface->get_n_items = grm_browse_model_get_n_items;
  iface->get_item = grm_browse_model_get_item;
}

void
grm_browse_model_reload (GrmBrowseModel *self)
{
  g_return_if_fail (GRM_IS_BROWSE_MODEL (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->generation++;
  start_load (self, G_MAXUINT);
}

static gboolean
reload_timeout_cb (gpointer user_data)
{
  GrmBrowseModel *self = user_data;

  self->reload_source = 0;
  grm_browse_model_reload (self);
  return G_SOURCE_REMOVE;
}

/* A sync writes in many small jobs: wait for a quiet moment before reading. */
static void
store_changed_cb (GrmBrowseModel *self,
                  const char     *what)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
grm_browse_model_dispose (GObject *object)
{
  GrmBrowseModel *self = GRM_BROWSE_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_clear_handle_id (&self->load_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (grm_browse_model_parent_class)->dispose (object);
}

static void
grm_browse_model_finalize (GObject *object)
{
  GrmBrowseModel *self = GRM_BROWSE_MODEL (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->loading, g_hash_table_unref);
  g_clear_pointer (&self->query, grm_browse_query_free);

  G_OBJECT_CLASS (grm_browse_model_parent_class)->finalize (object);
}

static void
grm_browse_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GrmBrowseModel *self = GRM_BROWSE_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_browse_model_class_init (GrmBrowseModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grm_browse_model_dispose;
  object_class->finalize = grm_browse_model_finalize;
  object_class->get_property = grm_browse_model_get_property;

  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grm_browse_model_init (GrmBrowseModel *self)
{
  self->cancellable = g_cancellable_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->loading = g_hash_table_new (NULL, NULL);
}

GrmBrowseModel *
grm_browse_model_new (GrmStore             *store,
                      const GrmBrowseQuery *query)
{
  GrmBrowseModel *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  self = g_object_new (GRM_TYPE_BROWSE_MODEL, NULL);
  self->store = g_object_ref (store);
  self->query = grm_browse_query_copy (query);
  self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  grm_browse_model_reload (self);
  return self;
}

const GrmBrowseQuery *
grm_browse_model_get_query (GrmBrowseModel *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_MODEL (self), NULL);
  return self->query;
}

void
grm_browse_model_set_query (GrmBrowseModel       *self,
                            const GrmBrowseQuery *query)
{
  g_return_if_fail (GRM_IS_BROWSE_MODEL (self));

  if (grm_browse_query_equal (self->query, query))
    return;
  grm_browse_query_free (self->query);
  self->query = grm_browse_query_copy (query);
  grm_browse_model_reload (self);
}

gboolean
grm_browse_model_get_loaded (GrmBrowseModel *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_MODEL (self), FALSE);
  return self->loaded;
}

guint
grm_browse_model_get_n_held_rows (GrmBrowseModel *self)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (GRM_IS_BROWSE_MODEL (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((GPtrArray *) value)->len;
  return n;
}
