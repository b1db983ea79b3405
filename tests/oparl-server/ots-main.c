/* ots-main.c: command line, startup and shutdown of oparl-test-server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first line on stdout is the System URL (flushed), so a script or test
 * can start the server on port 0 and read where it listens. Logs go to
 * stderr. SIGTERM and SIGINT end it cleanly, and so does the end of stdin
 * with --exit-on-stdin-close (for the app's demo, which holds that pipe).
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <errno.h>
#include <glib-unix.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ots-private.h"

static char *opt_data;
static char *opt_pdfs;
static char *opt_host = NULL;
static int opt_port;
static gint64 opt_seed;
static int opt_latency;
static double opt_error_rate;
static double opt_reset_rate;
static double opt_truncate_rate;
static double opt_invalid_json_rate;
static gboolean opt_html_errors;
static gboolean opt_checksums;
static gboolean opt_wrong_checksums;
static gboolean opt_empty_404;
static gboolean opt_single_body;
static gboolean opt_deleted_without_type;
static gboolean opt_unencoded_query;
static gboolean opt_next_drops_filter;
static int opt_page_size;
static char **opt_accounts;
static gboolean opt_shift_dates;
static char *opt_today;
static gboolean opt_exit_on_stdin_close;
static char *opt_tls_certificate;

static const GOptionEntry entries[] = {
  { "data", 0, 0, G_OPTION_ARG_FILENAME, &opt_data, "Crawl or object directory to serve", "DIR" },
  { "pdfs", 0, 0, G_OPTION_ARG_FILENAME, &opt_pdfs, "Real PDFs for a replayed crawl", "DIR" },
  { "port", 0, 0, G_OPTION_ARG_INT, &opt_port, "Port (0 picks a free one)", "N" },
  { "host", 0, 0, G_OPTION_ARG_STRING, &opt_host, "Address; only 127.0.0.1", "ADDR" },
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, "Seed of the fault decisions", "N" },
  { "latency", 0, 0, G_OPTION_ARG_INT, &opt_latency, "Delay of every answer", "MS" },
  { "error-rate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_error_rate, "Share of 500/503 answers", "P" },
  { "reset-rate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_reset_rate, "Share of connection resets", "P" },
  { "truncate-rate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_truncate_rate, "Share of truncated bodies", "P" },
  { "invalid-json-rate", 0, 0, G_OPTION_ARG_DOUBLE, &opt_invalid_json_rate, "Share of broken JSON", "P" },
  { "html-errors", 0, 0, G_OPTION_ARG_NONE, &opt_html_errors, "HTML error pages instead of files", NULL },
  { "checksums", 0, 0, G_OPTION_ARG_NONE, &opt_checksums, "Put sha512Checksum into File objects", NULL },
  { "wrong-checksums", 0, 0, G_OPTION_ARG_NONE, &opt_wrong_checksums, "Put wrong checksums", NULL },
  { "quirk-empty-404", 0, 0, G_OPTION_ARG_NONE, &opt_empty_404, "Empty filtered lists answer 404", NULL },
  { "quirk-single-body", 0, 0, G_OPTION_ARG_NONE, &opt_single_body, "A Body object instead of the body list", NULL },
  { "quirk-deleted-without-type", 0, 0, G_OPTION_ARG_NONE, &opt_deleted_without_type, "Deleted stubs lack type", NULL },
  { "quirk-unencoded-query", 0, 0, G_OPTION_ARG_NONE, &opt_unencoded_query, "Next links with raw queries; encoded ones refused", NULL },
  { "quirk-next-drops-filter", 0, 0, G_OPTION_ARG_NONE, &opt_next_drops_filter, "Next links lose the date filters", NULL },
  { "page-size", 0, 0, G_OPTION_ARG_INT, &opt_page_size, "Objects per list page", "N" },
  { "account", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_accounts, "Write-extension account", "USER:PASSWORD" },
  { "shift-dates", 0, 0, G_OPTION_ARG_NONE, &opt_shift_dates, "Move all dates by whole weeks so the data's present is today (demo)", NULL },
  { "today", 0, 0, G_OPTION_ARG_STRING, &opt_today, "The day --shift-dates takes as today", "YYYY-MM-DD" },
  { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_certificate, "Serve HTTPS with this PEM certificate and key", "FILE" },
  { "exit-on-stdin-close", 0, 0, G_OPTION_ARG_NONE, &opt_exit_on_stdin_close, "Stop when stdin reaches its end (the parent is gone)", NULL },
  { NULL }
};

static gboolean
quit_cb (gpointer user_data)
{
  g_message ("Signal received, stopping");
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* --exit-on-stdin-close: the parent holds our stdin; its end means the
 * parent is gone (or wants us gone). Anything read is ignored. */
static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  char buffer[256];
  gssize n = 0;

  if (condition & G_IO_IN)
    n = read (fd, buffer, sizeof buffer);
  if (n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN)))
    return G_SOURCE_CONTINUE;

  g_message ("Stdin closed, stopping");
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
server_free (OtsServer *server)
{
  /* The files cache and the text index stay: a worker thread making a PDF
   * for a request cut short by the signal may still use them, and the
   * process ends right after this. */
  ots_write_free (server->write);
  ots_store_free (server->store);
  g_hash_table_unref (server->lists);
  g_hash_table_unref (server->request_counts);
  g_free (server->data_dir);
  g_free (server->pdf_dir);
  g_free (server->base);
  g_free (server->system_url);
  g_free (server->body_list_url);
  g_free (server->body_id);
  g_free (server->oparl_version);
  g_free (server->original_prefix);
  g_clear_pointer (&server->shift_tz, g_time_zone_unref);
  g_free (server);
}

static void
list_free (gpointer data)
{
  OtsList *list = data;

  g_free (list->url);
  g_free (list->replay_name);
  g_free (list);
}

static OtsServer *
server_new (void)
{
  OtsServer *server = g_new0 (OtsServer, 1);
  OtsFaults *f = &server->faults;

  server->store = ots_store_new ();
  server->lists = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, list_free);
  server->request_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->seed = opt_seed;
  f->latency_ms = MAX (opt_latency, 0);
  f->error_rate = opt_error_rate;
  f->reset_rate = opt_reset_rate;
  f->truncate_rate = opt_truncate_rate;
  f->invalid_json_rate = opt_invalid_json_rate;
  f->html_errors = opt_html_errors;
  f->checksums = opt_checksums || opt_wrong_checksums;
  f->wrong_checksums = opt_wrong_checksums;
  f->quirk_empty_404 = opt_empty_404;
  f->quirk_single_body = opt_single_body;
  f->quirk_deleted_without_type = opt_deleted_without_type;
  f->quirk_unencoded_query = opt_unencoded_query;
  f->quirk_next_drops_filter = opt_next_drops_filter;
  f->page_size = MAX (opt_page_size, 0);
  server->initial_faults = *f;

  return server;
}

static gboolean
load (OtsServer *server,
      guint32    today,
      GError   **error)
{
  g_autofree char *system_json = g_build_filename (server->data_dir, "system.json", NULL);
  g_autofree char *papers = g_build_filename (server->data_dir, "papers.jsonl.gz", NULL);

  if (g_file_test (system_json, G_FILE_TEST_EXISTS))
    {
      server->mode = OTS_MODE_REPLAY;
      if (!ots_replay_load (server, error))
        return FALSE;
    }
  else if (g_file_test (papers, G_FILE_TEST_EXISTS))
    {
      server->mode = OTS_MODE_OBJECTS;
      if (!ots_load_objects (server, error))
        return FALSE;
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s holds neither a crawl (system.json) nor objects (papers.jsonl.gz)",
                   server->data_dir);
      return FALSE;
    }

  if (opt_shift_dates)
    ots_shift_apply (server, today);
  server->write = ots_write_new (server, opt_accounts);
  ots_write_decorate_system (server);
  ots_store_mark_loaded (server->store);
  server->files = ots_files_new (server);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- serve OParl data for tests and the demo");
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(SoupServer) soup = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  OtsServer *server;
  GSList *uris;
  guint32 today = 0;

  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (opt_data == NULL)
    {
      g_printerr ("--data DIR is required\n");
      return 2;
    }
  if (opt_host != NULL && !g_str_equal (opt_host, "127.0.0.1"))
    {
      g_printerr ("Only --host 127.0.0.1 is supported\n");
      return 2;
    }
  if (opt_today != NULL && !opt_shift_dates)
    {
      g_printerr ("--today only goes with --shift-dates\n");
      return 2;
    }
  if (opt_shift_dates && !ots_shift_parse_today (opt_today, &today))
    {
      g_printerr ("--today takes a date YYYY-MM-DD\n");
      return 2;
    }
  if (opt_port < 0 || opt_port > 65535)
    {
      g_printerr ("--port must lie between 0 and 65535\n");
      return 2;
    }

  server = server_new ();
  server->data_dir = g_canonicalize_filename (opt_data, NULL);
  server->pdf_dir = opt_pdfs ? g_canonicalize_filename (opt_pdfs, NULL)
                             : g_build_filename (server->data_dir, "..", "..", "pdfs", "text", NULL);

  soup = soup_server_new ("server-header", "oparl-test-server/" PACKAGE_VERSION " ", NULL);
  if (opt_tls_certificate != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_file (opt_tls_certificate,
                                                                               &error);

      if (certificate == NULL)
        {
          g_printerr ("Cannot read %s: %s\n", opt_tls_certificate, error->message);
          server_free (server);
          return 2;
        }
      soup_server_set_tls_certificate (soup, certificate);
    }
  if (!soup_server_listen_local (soup, opt_port,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY
                                 | (opt_tls_certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                 &error))
    {
      g_printerr ("Cannot listen on port %d: %s\n", opt_port, error->message);
      server_free (server);
      return 1;
    }
  uris = soup_server_get_uris (soup);
  server->base = g_strdup_printf ("%s://127.0.0.1:%d/", opt_tls_certificate ? "https" : "http",
                                  g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  server->soup = soup;

  if (!load (server, today, &error))
    {
      g_printerr ("Cannot load %s: %s\n", server->data_dir, error->message);
      server_free (server);
      return 1;
    }
  g_message ("Loaded %u objects from %s in %.2f s", server->store->entries->len,
             server->data_dir, g_timer_elapsed (timer, NULL));

  soup_server_add_handler (soup, NULL, ots_http_handler, server, NULL);
  printf ("%s\n", server->system_url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  if (opt_exit_on_stdin_close)
    g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, loop);
  g_main_loop_run (loop);

  soup_server_disconnect (soup);
  server_free (server);

  return 0;
}
