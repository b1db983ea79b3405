/* grm-cli-push.c: `gremium-cli push --db PATH --user USER [--password-stdin]`.
 *
 * Collects what the live sessions recorded, publishes it through the
 * server's write extension and prints a summary: sent, conflicts, failed,
 * still pending. The password comes from the desktop keyring, or from
 * standard input with --password-stdin (kept in the keyring only with
 * --remember).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "grm-cli.h"
#include "grm-credentials.h"
#include "grm-error.h"
#include "grm-push.h"
#include "grm-store.h"
#include "grm-store-outbox.h"

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Wait;

static void
pushed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = grm_push_run_finish (GRM_PUSH (source), result, &w->error);
  w->done = TRUE;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *w = user_data;

  w->ok = grm_credentials_store_finish (GRM_CREDENTIALS (source), result, &w->error);
  w->done = TRUE;
}

static gboolean
system_job (GrmDb     *db,
            gpointer   data,
            gpointer  *result,
            GError   **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT id FROM object WHERE type = 'System' "
                                           "AND deleted = 0 ORDER BY oid LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *result = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW || rc == SQLITE_DONE || grm_db_set_error (db, rc, error);
}

static gboolean
unsettled_job (GrmDb     *db,
               gpointer   data,
               gpointer  *result,
               GError   **error)
{
  GPtrArray *all = grm_store_outbox_list (db, -1, error);

  *result = all;
  return all != NULL;
}

static char *
read_password (void)
{
  char line[4096];
  gsize len;

  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  len = strlen (line);
  while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
    line[--len] = '\0';
  return g_strdup (line);
}

static void
print_unsettled (GrmStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;

  if (!grm_store_read_sync (store, unsettled_job, NULL, (gpointer *) &entries, NULL))
    return;
  for (guint i = 0; i < entries->len; i++)
    {
      GrmOutboxEntry *e = g_ptr_array_index (entries, i);

      if (e->state != GRM_OUTBOX_CONFLICT && e->state != GRM_OUTBOX_FAILED)
        continue;
      g_print ("  #%" G_GINT64_FORMAT " %s: %s (%s)\n", e->seq,
               grm_outbox_state_to_string (e->state), e->label ? e->label : e->target,
               e->last_error ? e->last_error : "");
    }
}


int
grm_cli_push (int    argc,
              char **argv)
{
  g_autofree char *db_path = NULL;
  g_autofree char *user = NULL;
  gboolean password_stdin = FALSE;
  gboolean remember = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The account on the server"), N_("USER") },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin,
      N_("Read the password from standard input instead of the keyring"), NULL },
    { "remember", 0, 0, G_OPTION_ARG_NONE, &remember,
      N_("Keep the password read from standard input in the keyring"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmCredentials) credentials = NULL;
  g_autoptr(GrmPush) push = NULL;
  g_autofree char *system_url = NULL;
  g_autofree char *password = NULL;
  Wait w = { 0 };

  g_option_context_set_summary (context, _("Publish attendance, votes, decisions and sealed "
                                           "minutes through the server’s write interface."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return grm_cli_fail (error);
  if (db_path == NULL || user == NULL)
    {
      g_printerr ("%s\n", _("gremium-cli push: --db and --user are required"));
      return 2;
    }

  store = grm_store_open (db_path, &error);
  if (store == NULL)
    return grm_cli_fail (error);
  if (!grm_store_read_sync (store, system_job, NULL, (gpointer *) &system_url, &error))
    return grm_cli_fail (error);
  if (system_url == NULL)
    {
      g_printerr ("%s\n", _("gremium-cli: the database holds no server yet; sync first"));
      return 1;
    }

  if (password_stdin)
    {
      password = read_password ();
      if (password == NULL || *password == '\0')
        {
          g_printerr ("%s\n", _("gremium-cli: no password on standard input"));
          return 2;
        }
      credentials = grm_credentials_new_in_memory (system_url, user, password);
    }
  else
    credentials = grm_credentials_new (system_url, user);

  push = grm_push_new (store, credentials);
  grm_push_run_async (push, NULL, pushed_cb, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);

  g_print (_("Changes collected: %u; sent: %u, conflicts: %u, failed: %u, still pending: %u\n"),
           grm_push_get_collected (push), grm_push_get_sent (push),
           grm_push_get_conflicts (push), grm_push_get_failed (push),
           grm_push_get_pending (push));
  print_unsettled (store);
  if (!w.ok)
    {
      int status = grm_cli_fail (w.error);

      if (!password_stdin && g_error_matches (w.error, GRM_ERROR, GRM_ERROR_FAILED))
        g_printerr ("%s\n", _("Without a keyring, give the password with --password-stdin."));
      g_clear_error (&w.error);
      return status;
    }

  if (remember && password != NULL)
    {
      g_autoptr(GrmCredentials) keyring = grm_credentials_new (system_url, user);
      Wait s = { 0 };

      grm_credentials_store_async (keyring, GRM_CREDENTIAL_PASSWORD, password, NULL, stored_cb, &s);
      while (!s.done)
        g_main_context_iteration (NULL, TRUE);
      if (!s.ok)
        return grm_cli_fail (s.error);
    }

  return 0;
}
