/* grm-pdf-positions.c: the last page and zoom of each document.
 *
 * Kept in $XDG_STATE_HOME/gremium/pdf-positions.ini, one group per
 * document named by the SHA-256 of its URI (offline files live under a
 * content-addressed path, so this is in effect keyed by content). The file
 * is read and written asynchronously; writes are gathered for a second.
 * A zoom of 0 means "fit width".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-positions"

#include "grm-pdf-positions.h"

struct _GrmPdfPositions
{
  GObject parent_instance;

  GFile *file;
  GKeyFile *keys;
  GCancellable *cancellable;
  guint save_id;
  gboolean saving;
  gboolean dirty;
};

G_DEFINE_FINAL_TYPE (GrmPdfPositions, grm_pdf_positions, G_TYPE_OBJECT)

static char *
group_for (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
}

static void save (GrmPdfPositions *self);

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrmPdfPositions) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot remember the page of documents: %s", error->message);
  self->saving = FALSE;
  if (self->dirty)
    save (self);
}

static void
save (GrmPdfPositions *self)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->file);
  g_autofree char *dir = g_file_get_path (parent);
  gsize length;
  char *data;

  if (self->saving)
    {
      self->dirty = TRUE;
      return;
    }
  self->dirty = FALSE;
  self->saving = TRUE;
  /* Creating the directory is a mkdir of a short local path; the write
   * itself, which may have to wait for the disk, is asynchronous. */
  g_mkdir_with_parents (dir, 0700);
  data = g_key_file_to_data (self->keys, &length, NULL);
  g_file_replace_contents_bytes_async (self->file, g_bytes_new_take (data, length), NULL,
                                       FALSE, G_FILE_CREATE_PRIVATE, NULL, save_cb,
                                       g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  GrmPdfPositions *self = user_data;

  self->save_id = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrmPdfPositions) self = user_data;
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GKeyFile) loaded = g_key_file_new ();
  g_auto(GStrv) groups = NULL;
  guint i;

  if (!g_file_load_contents_finish (G_FILE (source), result, &data, &length, NULL, NULL)
      || !g_key_file_load_from_data (loaded, data, length, G_KEY_FILE_NONE, NULL))
    return;
  /* Entries stored since the load started win over the file's. */
  groups = g_key_file_get_groups (loaded, NULL);
  for (i = 0; groups[i] != NULL; i++)
    if (!g_key_file_has_group (self->keys, groups[i]))
      {
        g_key_file_set_integer (self->keys, groups[i], "page",
                                g_key_file_get_integer (loaded, groups[i], "page", NULL));
        g_key_file_set_double (self->keys, groups[i], "zoom",
                               g_key_file_get_double (loaded, groups[i], "zoom", NULL));
      }
}

GrmPdfPositions *
grm_pdf_positions_new (const char *path)
{
  GrmPdfPositions *self = g_object_new (GRM_TYPE_PDF_POSITIONS, NULL);

  if (path != NULL)
    self->file = g_file_new_for_path (path);
  else
    self->file = g_file_new_build_filename (g_get_user_state_dir (), "gremium",
                                            "pdf-positions.ini", NULL);
  g_file_load_contents_async (self->file, self->cancellable, load_cb, g_object_ref (self));
  return self;
}

gboolean
grm_pdf_positions_lookup (GrmPdfPositions *self,
                          GFile           *file,
                          int             *page,
                          double          *zoom)
{
  g_autofree char *group = group_for (file);

  if (!g_key_file_has_group (self->keys, group))
    return FALSE;
  *page = g_key_file_get_integer (self->keys, group, "page", NULL);
  *zoom = g_key_file_get_double (self->keys, group, "zoom", NULL);
  return TRUE;
}

void
grm_pdf_positions_store (GrmPdfPositions *self,
                         GFile           *file,
                         int              page,
                         double           zoom)
{
  g_autofree char *group = group_for (file);

  g_key_file_set_integer (self->keys, group, "page", page);
  g_key_file_set_double (self->keys, group, "zoom", zoom);
  if (self->save_id == 0)
    self->save_id = g_timeout_add_seconds (1, save_timeout_cb, self);
}

static void
grm_pdf_positions_dispose (GObject *object)
{
  GrmPdfPositions *self = GRM_PDF_POSITIONS (object);

  /* A pending write goes out now rather than being lost. */
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      save (self);
    }
  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (grm_pdf_positions_parent_class)->dispose (object);
}

static void
grm_pdf_positions_finalize (GObject *object)
{
  GrmPdfPositions *self = GRM_PDF_POSITIONS (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_key_file_unref (self->keys);
  G_OBJECT_CLASS (grm_pdf_positions_parent_class)->finalize (object);
}

static void
grm_pdf_positions_class_init (GrmPdfPositionsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = grm_pdf_positions_dispose;
  G_OBJECT_CLASS (klass)->finalize = grm_pdf_positions_finalize;
}

static void
grm_pdf_positions_init (GrmPdfPositions *self)
{
  self->keys = g_key_file_new ();
  self->cancellable = g_cancellable_new ();
}
