/* grm-application-private.h: what grm-application.c and
 * grm-application-sync.c share: syncing the configured servers and the demo
 * municipality.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-application.h"
#include "grm-sync.h"
#include "grm-sync-monitor.h"

G_BEGIN_DECLS

typedef struct _GrmDemo GrmDemo;

/* Starts oparl-test-server with the Karlsruhe data and syncs from it. */
GrmDemo  *grm_demo_new                  (GrmApplication *application);
/* The demo server's System URL while it runs, else NULL. */
const char *grm_demo_get_system_url     (GrmDemo        *demo);
void      grm_demo_start                (GrmDemo        *demo);
void      grm_demo_free                 (GrmDemo        *demo);

/* Syncs @system_url into the store (files as the preferences say). */
void      grm_application_sync_url      (GrmApplication *self,
                                         const char     *system_url);
/* Downloads every file of a meeting now (its server is the account, or the
 * demo, whose address shares the meeting id's origin). */
void      grm_application_keep_meeting  (GrmApplication *self,
                                         const char     *meeting_id);
/* The download of @meeting_id's files that runs now, or NULL. Its
 * progress and its end are announced by ::keeping-changed. */
GrmSync  *grm_application_get_keeping   (GrmApplication *self,
                                         const char     *meeting_id);
/* Meeting id → GrmSync; only grm-application-sync.c adds and removes. */
GHashTable *grm_application_get_keeping_table (GrmApplication *self);
/* Emits ::keeping-changed for @meeting_id. */
void      grm_application_notify_keeping (GrmApplication *self,
                                          const char     *meeting_id);
/* Downloads one file now (after it was marked as wanted), through a sync
 * of the server it came from. */
void      grm_application_keep_file     (GrmApplication *self,
                                         const char     *file_id);
/* The demo server's System URL while it runs, else NULL. */
const char *grm_application_get_demo_url (GrmApplication *self);
/* The System URL of the server @object_id came from, or NULL. */
char     *grm_application_dup_server_for (GrmApplication *self,
                                          const char     *object_id);
/* Syncs every server account. */
void      grm_application_sync_all      (GrmApplication *self);
gboolean  grm_application_is_syncing    (GrmApplication *self);
/* Emits notify::syncing after a sync started or ended. */
void      grm_application_notify_syncing (GrmApplication *self);
/* TRUE in the demo instance (--demo), which syncs only the demo server. */
gboolean  grm_application_get_demo_mode (GrmApplication *self);
/* The syncs that run, their progress, and each server's last status. */
GrmSyncMonitor *grm_application_get_sync_monitor (GrmApplication *self);
/* Tells the monitor which servers there are (accounts, the demo). */
void      grm_application_update_sync_servers (GrmApplication *self);
/* Saves an account (the password in the keyring) with the bodies to sync
 * (NULL: all), and syncs it. */
void      grm_application_add_account   (GrmApplication     *self,
                                         const char         *url,
                                         const char         *user,
                                         const char         *password,
                                         const char * const *bodies);
/* The Body ids an account syncs, NULL for all. */
char    **grm_application_dup_account_bodies (GrmApplication *self,
                                              const char     *system_url);
void      grm_application_set_account_bodies (GrmApplication     *self,
                                              const char         *system_url,
                                              const char * const *bodies);
/* URL → GStrv; only grm-application-sync.c uses it. */
GHashTable *grm_application_get_account_bodies_table (GrmApplication *self);
/* Opens the connect dialog over @parent. */
void      grm_application_show_connect  (GrmApplication *self,
                                         GtkWindow      *parent);
/* A short message in the active window. */
void      grm_application_show_message  (GrmApplication *self,
                                         const char     *message);

G_END_DECLS
