/* ots-faults.c: fault injection of the OParl test server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decisions are a pure function of the seed, the request (path and query)
 * and how often that request came before, so a run with the same --seed and
 * the same requests fails in the same places, even with parallel clients, and
 * a retry of a failed request gets a fresh decision.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>
#include <sys/socket.h>

#include "ots-private.h"

static double
uniform (guint64 h,
         guint   salt)
{
  guint64 v = ots_hash64 (&h, sizeof h, salt + 1);

  return (double) (v >> 11) / (double) (1ULL << 53);
}

OtsDecision
ots_faults_decide (OtsServer  *server,
                   const char *key)
{
  OtsFaults *f = &server->faults;
  OtsDecision d = { 0, };
  guint count;
  g_autofree char *salted = NULL;
  guint64 h;

  /* Without faults there is nothing to decide (and nothing to count, which
   * keeps long benchmark runs from growing the table). */
  if (f->error_rate <= 0 && f->reset_rate <= 0 && f->truncate_rate <= 0 &&
      f->invalid_json_rate <= 0)
    return d;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (server->request_counts, key)) + 1;
  g_hash_table_replace (server->request_counts, g_strdup (key), GUINT_TO_POINTER (count));
  salted = g_strdup_printf ("%s#%u", key, count);
  h = ots_hash64 (salted, strlen (salted), f->seed);

  if (uniform (h, 1) < f->error_rate)
    d.error_status = uniform (h, 2) < 0.5 ? 500 : 503;
  else if (uniform (h, 3) < f->reset_rate)
    d.reset = TRUE;
  else if (uniform (h, 4) < f->truncate_rate)
    d.truncate = TRUE;
  else if (uniform (h, 5) < f->invalid_json_rate)
    d.invalid_json = TRUE;

  if (d.error_status || d.reset || d.truncate || d.invalid_json)
    g_message ("Fault for %s: %s", key,
               d.error_status ? "error status" : d.reset ? "reset" :
               d.truncate ? "truncate" : "invalid JSON");

  return d;
}

/* Closes the connection with a TCP reset and without any answer. */
void
ots_faults_reset_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);
  g_autoptr(GIOStream) stream = NULL;
  struct linger linger = { 1, 0 };

  if (socket != NULL)
    setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger);
  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
truncated_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Announces the full Content-Length, sends half of the body, then closes. */
void
ots_faults_truncate (SoupServerMessage *msg,
                     guint              status,
                     const char        *content_type,
                     GBytes            *body)
{
  gsize len = g_bytes_get_size (body);
  GString *raw = g_string_new (NULL);
  GIOStream *stream;
  gsize raw_len;
  gpointer raw_data;

  g_string_append_printf (raw, "HTTP/1.1 %u %s\r\nContent-Type: %s\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          status, soup_status_get_phrase (status), content_type, len);
  g_string_append_len (raw, g_bytes_get_data (body, NULL), len / 2);
  raw_len = raw->len;
  raw_data = g_string_free (raw, FALSE);

  stream = soup_server_message_steal_connection (msg);
  g_object_set_data_full (G_OBJECT (stream), "ots-raw", raw_data, g_free);
  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), raw_data, raw_len,
                                   G_PRIORITY_DEFAULT, NULL, truncated_written_cb, stream);
}

/* Cuts a JSON document in the middle of a value and adds a stray brace, so
 * that it no longer parses while staying valid UTF-8. */
GBytes *
ots_faults_corrupt_json (GBytes *body)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (body, &len);
  GString *out = g_string_new_len (data, len / 2);

  while (out->len > 0 && ((guchar) out->str[out->len - 1] & 0xC0) == 0x80)
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && (guchar) out->str[out->len - 1] >= 0xC0)
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "\"}}{,");

  return g_string_free_to_bytes (out);
}

static double
get_double (JsonObject *o,
            const char *name,
            double      fallback)
{
  return json_object_has_member (o, name) ? json_object_get_double_member (o, name) : fallback;
}

static gboolean
get_bool (JsonObject *o,
          const char *name,
          gboolean    fallback)
{
  return json_object_has_member (o, name) ? json_object_get_boolean_member (o, name) : fallback;
}

gboolean
ots_faults_from_json (OtsFaults  *f,
                      JsonObject *o,
                      GError    **error)
{
  f->seed = get_double (o, "seed", f->seed);
  f->latency_ms = get_double (o, "latency", f->latency_ms);
  f->error_rate = get_double (o, "error_rate", f->error_rate);
  f->reset_rate = get_double (o, "reset_rate", f->reset_rate);
  f->truncate_rate = get_double (o, "truncate_rate", f->truncate_rate);
  f->invalid_json_rate = get_double (o, "invalid_json_rate", f->invalid_json_rate);
  f->html_errors = get_bool (o, "html_errors", f->html_errors);
  f->checksums = get_bool (o, "checksums", f->checksums);
  f->wrong_checksums = get_bool (o, "wrong_checksums", f->wrong_checksums);
  f->quirk_empty_404 = get_bool (o, "quirk_empty_404", f->quirk_empty_404);
  f->quirk_single_body = get_bool (o, "quirk_single_body", f->quirk_single_body);
  f->quirk_deleted_without_type = get_bool (o, "quirk_deleted_without_type",
                                            f->quirk_deleted_without_type);
  f->quirk_unencoded_query = get_bool (o, "quirk_unencoded_query", f->quirk_unencoded_query);
  f->quirk_next_drops_filter = get_bool (o, "quirk_next_drops_filter", f->quirk_next_drops_filter);
  f->page_size = get_double (o, "page_size", f->page_size);
  if (f->wrong_checksums)
    f->checksums = TRUE;

  if (f->error_rate < 0 || f->error_rate > 1 || f->reset_rate < 0 || f->reset_rate > 1 ||
      f->truncate_rate < 0 || f->truncate_rate > 1 ||
      f->invalid_json_rate < 0 || f->invalid_json_rate > 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Rates must lie between 0 and 1");
      return FALSE;
    }

  return TRUE;
}

JsonNode *
ots_faults_to_json (const OtsFaults *f)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
#define INT(name, v) json_builder_set_member_name (b, name); json_builder_add_int_value (b, v)
#define DBL(name, v) json_builder_set_member_name (b, name); json_builder_add_double_value (b, v)
#define BOOL(name, v) json_builder_set_member_name (b, name); json_builder_add_boolean_value (b, v)
  INT ("seed", f->seed);
  INT ("latency", f->latency_ms);
  DBL ("error_rate", f->error_rate);
  DBL ("reset_rate", f->reset_rate);
  DBL ("truncate_rate", f->truncate_rate);
  DBL ("invalid_json_rate", f->invalid_json_rate);
  BOOL ("html_errors", f->html_errors);
  BOOL ("checksums", f->checksums);
  BOOL ("wrong_checksums", f->wrong_checksums);
  BOOL ("quirk_empty_404", f->quirk_empty_404);
  BOOL ("quirk_single_body", f->quirk_single_body);
  BOOL ("quirk_deleted_without_type", f->quirk_deleted_without_type);
  BOOL ("quirk_unencoded_query", f->quirk_unencoded_query);
  BOOL ("quirk_next_drops_filter", f->quirk_next_drops_filter);
  INT ("page_size", f->page_size);
#undef INT
#undef DBL
#undef BOOL
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
