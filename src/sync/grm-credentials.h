/* grm-credentials.h: the password and the token of one account on one
 * server, kept in the desktop keyring (libsecret, schema
 * io.github.gremium.Gremium.Account), never in the database or GSettings.
 *
 * An in-memory source exists for one-off use (gremium-cli --password-stdin)
 * and for tests, where no keyring daemon runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  GRM_CREDENTIAL_PASSWORD,
  GRM_CREDENTIAL_TOKEN,
} GrmCredentialKind;

#define GRM_TYPE_CREDENTIALS (grm_credentials_get_type ())

G_DECLARE_FINAL_TYPE (GrmCredentials, grm_credentials, GRM, CREDENTIALS, GObject)

/* The account @user on @server (the server's System URL), in the keyring. */
GrmCredentials *grm_credentials_new            (const char          *server,
                                                const char          *user);
/* Nothing leaves the process: @password (may be NULL) and later tokens
 * live in memory only. */
GrmCredentials *grm_credentials_new_in_memory  (const char          *server,
                                                const char          *user,
                                                const char          *password);

const char     *grm_credentials_get_server     (GrmCredentials      *self);
const char     *grm_credentials_get_user       (GrmCredentials      *self);
gboolean        grm_credentials_is_in_memory   (GrmCredentials      *self);

/* The secret, or NULL without an error when none is stored. Without a
 * keyring: GRM_ERROR_FAILED "No keyring is available …". */
void            grm_credentials_lookup_async   (GrmCredentials      *self,
                                                GrmCredentialKind    kind,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
char           *grm_credentials_lookup_finish  (GrmCredentials      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* Stores @secret, or removes it when @secret is NULL. */
void            grm_credentials_store_async    (GrmCredentials      *self,
                                                GrmCredentialKind    kind,
                                                const char          *secret,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean        grm_credentials_store_finish   (GrmCredentials      *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
