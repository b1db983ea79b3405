/* grm-application-push.c: publishing from the app. The scheduler lives as
 * long as the store; its push uses the keyring credentials of the account
 * whose server announces the write extension, and follows changes of the
 * accounts. Why publishing stopped is said in the active window.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-application-push"

#include "grm-application-private.h"
#include "grm-application-push.h"

#define DATA_KEY "grm-push-scheduler"

GrmPushScheduler *
grm_application_get_push_scheduler (GrmApplication *self)
{
  g_return_val_if_fail (GRM_IS_APPLICATION (self), NULL);
  return g_object_get_data (G_OBJECT (self), DATA_KEY);
}

/* The account for @system: the same System URL, else one on the same
 * server. */
static gboolean
find_account (GrmApplication  *self,
              const char      *system,
              char           **url_out,
              char           **user_out)
{
  g_autoptr(GVariant) accounts = g_settings_get_value (grm_application_get_settings (self),
                                                       "accounts");
  g_autofree char *same_server = grm_application_dup_server_for (self, system);
  GVariantIter iter;
  const char *url, *user;

  g_variant_iter_init (&iter, accounts);
  while (g_variant_iter_next (&iter, "(&s&s)", &url, &user))
    if (g_str_equal (url, system) || g_strcmp0 (url, same_server) == 0)
      {
        *url_out = g_strdup (url);
        *user_out = g_strdup (user);
        return *user != '\0';
      }
  return FALSE;
}

static void
update_push (GrmApplication *self)
{
  GrmPushScheduler *scheduler = grm_application_get_push_scheduler (self);
  GrmStore *store = grm_application_get_store (self);
  const char *system;
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  GrmPush *old;

  if (scheduler == NULL || store == NULL)
    return;
  system = grm_push_scheduler_get_write_system (scheduler);
  if (system == NULL || !find_account (self, system, &url, &user))
    {
      grm_push_scheduler_set_push (scheduler, NULL);
      return;
    }
  old = grm_push_scheduler_get_push (scheduler);
  if (old != NULL
      && g_strcmp0 (grm_credentials_get_server (grm_push_get_credentials (old)), url) == 0
      && g_strcmp0 (grm_credentials_get_user (grm_push_get_credentials (old)), user) == 0)
    return;
  {
    g_autoptr(GrmCredentials) credentials = grm_credentials_new (url, user);
    g_autoptr(GrmPush) push = grm_push_new (store, credentials);

    grm_push_scheduler_set_push (scheduler, push);
  }
}

static void
failed_cb (GrmPushScheduler *scheduler,
           const char       *message,
           GrmApplication   *self)
{
  grm_application_show_message (self, message);
}

void
grm_application_push_start (GrmApplication *self,
                            GrmStore       *store)
{
  GrmPushScheduler *scheduler;

  g_return_if_fail (GRM_IS_APPLICATION (self));
  g_return_if_fail (GRM_IS_STORE (store));

  if (grm_application_get_push_scheduler (self) != NULL)
    return;
  scheduler = grm_push_scheduler_new (store);
  g_object_set_data_full (G_OBJECT (self), DATA_KEY, scheduler, g_object_unref);
  g_signal_connect_object (scheduler, "notify::write-system", G_CALLBACK (update_push), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (scheduler, "failed", G_CALLBACK (failed_cb), self, 0);
  g_signal_connect_object (grm_application_get_settings (self), "changed::accounts",
                           G_CALLBACK (update_push), self, G_CONNECT_SWAPPED);
  /* Records from before a restart (or made offline) are collected and
   * published as soon as the store is open. */
  grm_push_scheduler_poke (scheduler);
}

void
grm_application_push_stop (GrmApplication *self)
{
  GrmPushScheduler *scheduler;

  g_return_if_fail (GRM_IS_APPLICATION (self));

  scheduler = grm_application_get_push_scheduler (self);
  if (scheduler == NULL)
    return;
  g_signal_handlers_disconnect_by_func (grm_application_get_settings (self), update_push, self);
  grm_push_scheduler_stop (scheduler);
}
