/* ots-texts.c: lazy index of the extracted file texts (texts.jsonl.gz).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The texts are 296 MB of JSON lines, gzip-compressed. A background thread
 * decompresses them once and writes each line, compressed on its own (zlib
 * level 1, about a third of the size), into an unlinked temporary file, and
 * records per file id where it lies; startup never waits for it. A lookup for an
 * id not yet indexed waits (on a worker thread) until the indexer has passed
 * it or finished.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "ots-private.h"

#define TEXTS_PREFIX "https://web1.karlsruhe.de/oparl/"

typedef struct {
  gint64 offset;
  gsize  len;         /* compressed */
  gsize  plain_len;
} Span;

struct _OtsTexts {
  char       *path;
  GThread    *thread;
  GMutex      lock;
  GCond       cond;
  GHashTable *index;        /* key (id without prefix) → Span */
  gboolean    done;
  int         fd;
};

static char *
key_of_line (const char *line,
             gsize       len)
{
  const char *start = strstr (line, "\"id\": \"");
  const char *end;

  if (start == NULL || start - line > 64)
    return NULL;
  start += strlen ("\"id\": \"");
  end = memchr (start, '"', len - (start - line));
  if (end == NULL)
    return NULL;
  if (g_str_has_prefix (start, TEXTS_PREFIX))
    start += strlen (TEXTS_PREFIX);

  return g_strndup (start, end - start);
}

/* One-shot zlib conversion of a whole buffer (compress or inflate). */
static GBytes *
convert_all (GConverter *converter,
             const char *data,
             gsize       len,
             gsize       out_hint)
{
  GByteArray *out = g_byte_array_sized_new (out_hint + 64);
  gsize read_total = 0;

  for (;;)
    {
      gsize bytes_read = 0, bytes_written = 0;
      guint old_len = out->len;
      GConverterResult result;
      g_autoptr(GError) error = NULL;

      g_byte_array_set_size (out, old_len + MAX (out_hint, 4096));
      result = g_converter_convert (converter, data + read_total, len - read_total,
                                    out->data + old_len, out->len - old_len,
                                    G_CONVERTER_INPUT_AT_END, &bytes_read, &bytes_written, &error);
      read_total += bytes_read;
      g_byte_array_set_size (out, old_len + bytes_written);
      if (result == G_CONVERTER_FINISHED)
        break;
      if (result == G_CONVERTER_ERROR && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          g_byte_array_unref (out);
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (out);
}

static gpointer
index_thread (gpointer user_data)
{
  OtsTexts *texts = user_data;
  g_autoptr(GFile) file = g_file_new_for_path (texts->path);
  g_autoptr(GFileInputStream) raw = NULL;
  g_autoptr(GZlibDecompressor) zlib = NULL;
  g_autoptr(GInputStream) plain = NULL;
  g_autoptr(GDataInputStream) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  gint64 offset = 0;
  guint n = 0;

  raw = g_file_read (file, NULL, &error);
  if (raw != NULL)
    {
      zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      plain = g_converter_input_stream_new (G_INPUT_STREAM (raw), G_CONVERTER (zlib));
      data = g_data_input_stream_new (plain);
      g_buffered_input_stream_set_buffer_size (G_BUFFERED_INPUT_STREAM (data), 1 << 20);
    }

  while (data != NULL)
    {
      gsize len = 0;
      g_autofree char *line = g_data_input_stream_read_line (data, &len, NULL, &error);
      g_autofree char *key = NULL;
      g_autoptr(GZlibCompressor) compressor = NULL;
      g_autoptr(GBytes) packed = NULL;
      gsize packed_len;
      Span *span;

      if (line == NULL)
        break;
      key = key_of_line (line, len);
      if (key == NULL)
        continue;
      compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1);
      packed = convert_all (G_CONVERTER (compressor), line, len, len / 2);
      if (packed == NULL)
        continue;
      packed_len = g_bytes_get_size (packed);
      if (pwrite (texts->fd, g_bytes_get_data (packed, NULL), packed_len, offset) != (ssize_t) packed_len)
        {
          g_warning ("Cannot write the text cache: %s", g_strerror (errno));
          break;
        }
      span = g_new (Span, 1);
      span->offset = offset;
      span->len = packed_len;
      span->plain_len = len;
      offset += packed_len;

      g_mutex_lock (&texts->lock);
      g_hash_table_replace (texts->index, g_steal_pointer (&key), span);
      if (++n % 512 == 0)
        g_cond_broadcast (&texts->cond);
      g_mutex_unlock (&texts->lock);
    }

  if (error != NULL)
    g_warning ("Reading %s: %s", texts->path, error->message);
  g_message ("Indexed %u texts in %.1f s", n, g_timer_elapsed (timer, NULL));

  g_mutex_lock (&texts->lock);
  texts->done = TRUE;
  g_cond_broadcast (&texts->cond);
  g_mutex_unlock (&texts->lock);

  return NULL;
}

OtsTexts *
ots_texts_new (const char *path)
{
  OtsTexts *texts = g_new0 (OtsTexts, 1);
  g_autofree char *tmp_path = NULL;

  texts->path = g_strdup (path);
  texts->index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&texts->lock);
  g_cond_init (&texts->cond);
  texts->fd = g_file_open_tmp ("oparl-test-server-texts-XXXXXX", &tmp_path, NULL);
  if (texts->fd < 0)
    {
      texts->done = TRUE;
      return texts;
    }
  /* Unlinked at once: the cache vanishes with the process, even on a crash. */
  g_unlink (tmp_path);
  texts->thread = g_thread_new ("texts-index", index_thread, texts);

  return texts;
}

/* The text of a file, by its id without the origin ("bodies/0001/files/1").
 * May block until the indexer has reached it: call from a worker thread. */
char *
ots_texts_lookup (OtsTexts   *texts,
                  const char *key)
{
  Span span = { 0, 0, 0 };
  g_autofree char *packed = NULL;
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GBytes) line = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *obj;

  if (texts == NULL)
    return NULL;

  g_mutex_lock (&texts->lock);
  for (;;)
    {
      Span *found = g_hash_table_lookup (texts->index, key);

      if (found != NULL)
        {
          span = *found;
          break;
        }
      if (texts->done)
        break;
      g_cond_wait (&texts->cond, &texts->lock);
    }
  g_mutex_unlock (&texts->lock);

  if (span.len == 0)
    return NULL;
  packed = g_malloc (span.len);
  if (pread (texts->fd, packed, span.len, span.offset) != (ssize_t) span.len)
    return NULL;
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW);
  line = convert_all (G_CONVERTER (decompressor), packed, span.len, span.plain_len);
  if (line == NULL)
    return NULL;

  node = ots_json_parse (g_bytes_get_data (line, NULL), g_bytes_get_size (line), NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  obj = json_node_get_object (node);

  return g_strdup (json_object_get_string_member_with_default (obj, "text", NULL));
}
