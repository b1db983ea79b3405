/* sync-test-util.h: what the sync integration tests share: the OParl test
 * server as a subprocess, running a sync, a canonical dump of the tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-store.h"
#include "grm-sync.h"

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *system_url;
  char        *base;          /* "http://127.0.0.1:PORT/" */
} TestServer;

/* argv[1] of the test is the server binary, argv[2] the sync CLI. */
void         sync_test_init         (int          *argc,
                                     char       ***argv);
const char  *sync_test_cli_path     (void);
char        *sync_test_data_dir     (const char   *name);

TestServer  *test_server_start      (const char   *data,
                                     const char   *first_extra,
                                     ...);
void         test_server_stop       (TestServer   *server);
/* POST/DELETE to the admin API; returns the HTTP status. */
guint        test_server_admin      (TestServer   *server,
                                     const char   *method,
                                     const char   *path_and_query,
                                     const char   *json);

GrmStore    *test_store_new         (const char   *dir,
                                     const char   *name);
/* Runs a sync in this process, as the app does; returns its GrmSync. */
GrmSync     *test_sync_run          (GrmStore     *store,
                                     const char   *url,
                                     GrmSyncOptions *options,
                                     GError      **error);
GrmSyncOptions *test_sync_options   (void);

/* Every live object with its typed row and references, one line each,
 * sorted; then the ids of tombstones and placeholders in @non_live. */
char        *test_store_dump        (GrmStore     *store,
                                     GHashTable  **non_live);
/* Asserts that the live content is identical and that every object not
 * live in @expected is not live in @actual either. */
void         assert_same_store      (GrmStore     *actual,
                                     GrmStore     *expected);
gint64       test_store_count       (GrmStore     *store,
                                     const char   *sql);

G_END_DECLS
