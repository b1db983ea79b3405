/* grm-test-data.h: fills stores with real data for the UI tests (the
 * Hürtgenwald crawl through the test server and the sync engine) and the
 * startup benchmark (the Karlsruhe body through the OParl normaliser and
 * the object writer directly, which is faster).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-store.h"

G_BEGIN_DECLS

/* Loads the large Karlsruhe body (papers, meetings, organizations as JSON
 * lines) in @body_dir (…/oparl/karlsruhe). */
gboolean grm_test_load_body   (GrmStore    *store,
                               const char  *body_dir,
                               GError     **error);
/* Picks a meeting in a synced store (ids carry the test server's origin);
 * returns its id, owned. */
typedef char *(*GrmTestPickFunc) (GrmStore *store);

/* Syncs the crawl in @data_dir through @server_path (oparl-test-server) and
 * the real sync engine, without files; then downloads the files of the
 * meeting @pick chooses (may be NULL) into @files_dir, as "Keep offline"
 * does. Returns the chosen meeting's id in *@meeting_id. */
/* With @server_out, the server keeps running and is returned there, its
 * System URL in @url_out. */
gboolean grm_test_sync_crawl  (GrmStore        *store,
                               const char      *server_path,
                               const char      *data_dir,
                               GrmTestPickFunc  pick,
                               const char      *files_dir,
                               char           **meeting_id,
                               GSubprocess    **server_out,
                               char           **url_out,
                               GError         **error);

/* A GrmTestPickFunc: Gemeinderat (8. Sitzung) of 16 September 2021, the
 * next meeting after the Hürtgenwald crawl was taken, with a public and a
 * non-public part. */
char    *grm_test_pick_gemeinderat (GrmStore *store);

/* A new temporary directory with gremium.db holding the Hürtgenwald crawl
 * (through $GRM_TEST_SERVER) and files/ holding the files of the meeting
 * grm_test_pick_gemeinderat() picks, as the app finds them. */
void     grm_test_prepare_crawl    (char           **db_path,
                                    char           **files_dir,
                                    char           **meeting_id);
/* The same, and the server keeps running for the app (stop it with
 * SIGTERM); its System URL in @url. */
void     grm_test_prepare_crawl_serving (char           **db_path,
                                         char           **files_dir,
                                         char           **meeting_id,
                                         GSubprocess    **server,
                                         char           **url);
G_END_DECLS
