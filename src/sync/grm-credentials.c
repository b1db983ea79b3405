/* grm-credentials.c: an account's password and token in the desktop keyring
 * (libsecret), or in memory for --password-stdin and tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-credentials"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <string.h>

#include "grm-credentials.h"
#include "grm-error.h"

struct _GrmCredentials
{
  GObject     parent_instance;

  char       *server;
  char       *user;
  gboolean    in_memory;
  char       *secrets[2];   /* in memory only, by GrmCredentialKind */
};

G_DEFINE_FINAL_TYPE (GrmCredentials, grm_credentials, G_TYPE_OBJECT)

static const SecretSchema *
account_schema (void)
{
  static const SecretSchema schema = {
    "io.github.gremium.Gremium.Account", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static const char *
kind_name (GrmCredentialKind kind)
{
  return kind == GRM_CREDENTIAL_TOKEN ? "token" : "password";
}

static void
clear_secret (char **secret)
{
  if (*secret != NULL)
    {
      memset (*secret, 0, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}

static void
grm_credentials_finalize (GObject *object)
{
  GrmCredentials *self = GRM_CREDENTIALS (object);

  clear_secret (&self->secrets[0]);
  clear_secret (&self->secrets[1]);
  g_free (self->server);
  g_free (self->user);

  G_OBJECT_CLASS (grm_credentials_parent_class)->finalize (object);
}

static void
grm_credentials_class_init (GrmCredentialsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = grm_credentials_finalize;
}

static void
grm_credentials_init (GrmCredentials *self)
{
}

GrmCredentials *
grm_credentials_new (const char *server,
                     const char *user)
{
  GrmCredentials *self;

  g_return_val_if_fail (server != NULL && user != NULL, NULL);

  self = g_object_new (GRM_TYPE_CREDENTIALS, NULL);
  self->server = g_strdup (server);
  self->user = g_strdup (user);
  return self;
}

GrmCredentials *
grm_credentials_new_in_memory (const char *server,
                               const char *user,
                               const char *password)
{
  GrmCredentials *self = grm_credentials_new (server, user);

  self->in_memory = TRUE;
  self->secrets[GRM_CREDENTIAL_PASSWORD] = g_strdup (password);
  return self;
}

const char *
grm_credentials_get_server (GrmCredentials *self)
{
  g_return_val_if_fail (GRM_IS_CREDENTIALS (self), NULL);
  return self->server;
}

const char *
grm_credentials_get_user (GrmCredentials *self)
{
  g_return_val_if_fail (GRM_IS_CREDENTIALS (self), NULL);
  return self->user;
}

gboolean
grm_credentials_is_in_memory (GrmCredentials *self)
{
  g_return_val_if_fail (GRM_IS_CREDENTIALS (self), FALSE);
  return self->in_memory;
}

/* Anything but a refusal by the secret service itself means there is no
 * keyring to talk to (no session bus, no secret service installed). */
static void
take_keyring_error (GTask  *task,
                    GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }
  if (error->domain == SECRET_ERROR)
    {
      g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_FAILED,
                               _("The keyring refused to give out or keep the password: %s"),
                               error->message);
      g_error_free (error);
      return;
    }
  g_debug ("Keyring unavailable: %s", error->message);
  g_error_free (error);
  g_task_return_new_error (task, GRM_ERROR, GRM_ERROR_FAILED,
                           _("No keyring is available to store the password"));
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    take_keyring_error (task, error);
  else
    {
      g_task_return_pointer (task, g_strdup (secret), g_free);
      secret_password_free (secret);
    }
}

void
grm_credentials_lookup_async (GrmCredentials      *self,
                              GrmCredentialKind    kind,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, grm_credentials_lookup_async);
  if (self->in_memory)
    {
      g_task_return_pointer (task, g_strdup (self->secrets[kind]), g_free);
      return;
    }

  secret_password_lookup (account_schema (), cancellable, lookup_cb, g_steal_pointer (&task),
                          "server", self->server, "user", self->user,
                          "kind", kind_name (kind), NULL);
}

char *
grm_credentials_lookup_finish (GrmCredentials  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean ok;

  if (g_task_get_task_data (task) != NULL)
    ok = secret_password_store_finish (result, &error);
  else
    ok = secret_password_clear_finish (result, &error) || error == NULL;

  if (!ok && error != NULL)
    take_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
grm_credentials_store_async (GrmCredentials      *self,
                             GrmCredentialKind    kind,
                             const char          *secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_task_set_source_tag (task, grm_credentials_store_async);
  if (self->in_memory)
    {
      clear_secret (&self->secrets[kind]);
      self->secrets[kind] = g_strdup (secret);
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (secret == NULL)
    {
      secret_password_clear (account_schema (), cancellable, store_cb, g_steal_pointer (&task),
                             "server", self->server, "user", self->user,
                             "kind", kind_name (kind), NULL);
      return;
    }

  /* Marks the task as a store (not a clear) for store_cb. */
  g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
  label = kind == GRM_CREDENTIAL_TOKEN
        ? g_strdup_printf (_("Gremium token for %s on %s"), self->user, self->server)
        : g_strdup_printf (_("Gremium password for %s on %s"), self->user, self->server);
  secret_password_store (account_schema (), SECRET_COLLECTION_DEFAULT, label, secret,
                         cancellable, store_cb, g_steal_pointer (&task),
                         "server", self->server, "user", self->user,
                         "kind", kind_name (kind), NULL);
}

gboolean
grm_credentials_store_finish (GrmCredentials  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
