/* test-sync-status.c: what the window says about a server's last sync:
 * sync_state read back through the store (never synced, succeeded, failed
 * after an earlier success), and the relative times and sentences built
 * from it. No display needed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "grm-store-objects.h"
#include "grm-store-sync-status.h"
#include "grm-sync-monitor.h"

typedef struct
{
  const char *url;
  const char *error;
  gint64      when;
} Record;

static gboolean
record_job (GrmDb     *db,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  Record *r = data;

  /* As the sync engine records the end of a run (grm-sync.c). */
  if (r->error == NULL)
    return grm_store_sync_state_begin (db, r->url, NULL, "System", NULL, r->when, error)
           && grm_store_sync_state_finish (db, r->url, r->when, error);
  return grm_store_sync_state_fail (db, r->url, r->error, r->when, error);
}

static GPtrArray *
read_status (GrmStore           *store,
             const char * const *urls)
{
  g_autoptr(GError) error = NULL;
  gpointer rows = NULL;

  g_assert_true (grm_store_read_sync (store, grm_store_sync_status_func, (gpointer) urls,
                                      &rows, &error));
  g_assert_no_error (error);
  return rows;
}

static void
test_read (void)
{
  g_autofree char *dir = g_dir_make_tmp ("grm-status-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gremium.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = grm_store_open (path, &error);
  const char *urls[] = { "https://a.example/oparl/system", "https://b.example/system",
                         "https://never.example/system", NULL };
  Record ok = { urls[0], NULL, 1700000000 };
  Record b_ok = { urls[1], NULL, 1700000100 };
  Record b_fail = { urls[1], "The server answered with error 503 for https://b.example/system\n"
                             "second line", 1700000200 };
  g_autoptr(GPtrArray) rows = NULL;
  GrmSyncStatusRow *row;

  g_assert_no_error (error);
  g_assert_true (grm_store_write_sync (store, record_job, &ok, NULL, &error));
  g_assert_true (grm_store_write_sync (store, record_job, &b_ok, NULL, &error));
  g_assert_true (grm_store_write_sync (store, record_job, &b_fail, NULL, &error));
  g_assert_no_error (error);

  rows = read_status (store, urls);
  g_assert_cmpuint (rows->len, ==, 3);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->url, ==, urls[0]);
  g_assert_cmpint (row->last_success, ==, 1700000000);
  g_assert_null (row->last_error);
  /* A failure keeps the time the data was last current. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpint (row->last_success, ==, 1700000100);
  g_assert_cmpint (row->last_attempt, ==, 1700000200);
  g_assert_cmpstr (row->last_error, ==, b_fail.error);
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpstr (row->url, ==, urls[2]);
  g_assert_cmpint (row->last_success, ==, 0);
  g_assert_null (row->last_error);
  g_assert_null (row->name);
}

static void
test_describe (void)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (tz, 2026, 3, 5, 18, 0, 0);
  g_autoptr(GDateTime) morning = g_date_time_new (tz, 2026, 3, 5, 10, 32, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new (tz, 2026, 3, 4, 23, 59, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new (tz, 2026, 2, 27, 8, 5, 0);
  g_autofree char *today_text = grm_sync_format_time (g_date_time_to_unix (morning), now);
  g_autofree char *yesterday_text = grm_sync_format_time (g_date_time_to_unix (yesterday), now);
  g_autofree char *earlier_text = grm_sync_format_time (g_date_time_to_unix (earlier), now);
  GrmSyncServer server = { (char *) "https://a.example/system", NULL, 0, NULL, FALSE, FALSE };
  g_autofree char *never = NULL;
  g_autofree char *synced = NULL;
  g_autofree char *failed = NULL;
  g_autofree char *cancelled = NULL;
  g_autofree char *first_line = grm_sync_error_first_line ("one\ntwo");

  g_assert_cmpstr (today_text, ==, "today at 10:32");
  g_assert_cmpstr (yesterday_text, ==, "yesterday at 23:59");
  g_assert_cmpstr (earlier_text, ==, "on 27 February 2026 at 08:05");

  never = grm_sync_server_describe (&server, now);
  g_assert_cmpstr (never, ==, "Not synced yet");
  server.last_success = g_date_time_to_unix (morning);
  synced = grm_sync_server_describe (&server, now);
  g_assert_cmpstr (synced, ==, "Last synced today at 10:32");
  server.last_error = (char *) "The server answered with error 503";
  failed = grm_sync_server_describe (&server, now);
  g_assert_cmpstr (failed, ==, "The last sync failed. Data last current today at 10:32");
  server.cancelled = TRUE;
  cancelled = grm_sync_server_describe (&server, now);
  g_assert_cmpstr (cancelled, ==, "Sync cancelled. Data last current today at 10:32");
  g_assert_cmpstr (first_line, ==, "one");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sync-status/read", test_read);
  g_test_add_func ("/sync-status/describe", test_describe);
  return g_test_run ();
}
