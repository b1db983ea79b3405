/* test-ots-helpers.h: helpers of the oparl-test-server tests: start the
 * server binary, make requests, read the shared data.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct {
  GSubprocess *process;
  SoupSession *session;
  char        *system_url;
  char        *base;
} TestServer;

extern const char *test_server_binary;
extern TestServer *test_replay;   /* plain Hürtgenwald server shared by all tests */

const char  *test_data_dir      (void);
TestServer  *test_server_start  (const char  *data_set,
                                 ...) G_GNUC_NULL_TERMINATED;
void         test_server_stop   (TestServer  *server);
char        *test_url           (TestServer  *server,
                                 const char  *path);
GBytes      *test_get           (TestServer  *server,
                                 const char  *url,
                                 const char  *header,
                                 const char  *value,
                                 guint       *status,
                                 SoupMessage **out_msg,
                                 GError     **error);
JsonNode    *test_get_json      (TestServer  *server,
                                 const char  *url,
                                 guint       *status);
GBytes      *test_send          (TestServer  *server,
                                 const char  *method,
                                 const char  *url,
                                 const char  *body,
                                 guint       *status);
GHashTable  *test_crawl         (TestServer  *server,
                                 const char  *list_url,
                                 guint       *n_pages);
JsonNode    *test_parse         (GBytes      *bytes);

G_END_DECLS
