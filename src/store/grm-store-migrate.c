/* grm-store-migrate.c: numbered schema migrations.
 *
 * The migrations are SQL files compiled into the library's resources
 * (src/store/migrations/NNNN-name.sql); the database's user_version is the
 * number of the last one applied. A database with a higher number was written
 * by a newer Gremium: it is refused and left untouched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "grm-error.h"
#include "grm-store-private.h"

#define MIGRATIONS_PATH "/io/github/gremium/Gremium/migrations/"

GResource *grm_store_get_resource (void);

typedef struct
{
  int   number;
  char *name;
} Migration;

static int
compare_migrations (gconstpointer a,
                    gconstpointer b)
{
  const Migration *ma = a, *mb = b;

  return ma->number - mb->number;
}

static void
clear_migration (gpointer data)
{
  g_free (((Migration *) data)->name);
}

static GArray *
list_migrations (void)
{
  GArray *migrations = g_array_new (FALSE, TRUE, sizeof (Migration));
  g_auto(GStrv) names = NULL;

  g_array_set_clear_func (migrations, clear_migration);
  names = g_resource_enumerate_children (grm_store_get_resource (), MIGRATIONS_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  for (guint i = 0; names && names[i]; i++)
    {
      Migration m = { atoi (names[i]), g_strdup (names[i]) };

      if (m.number > 0 && g_str_has_suffix (names[i], ".sql"))
        g_array_append_val (migrations, m);
      else
        g_free (m.name);
    }
  g_array_sort (migrations, compare_migrations);

  return migrations;
}

int
grm_store_migrate_get_latest (void)
{
  g_autoptr(GArray) migrations = list_migrations ();

  if (migrations->len == 0)
    return 0;

  return g_array_index (migrations, Migration, migrations->len - 1).number;
}

static int
read_user_version (GrmDb   *db,
                   GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "PRAGMA user_version", error);
  gint64 version;

  if (stmt == NULL || !grm_db_step_int64 (db, stmt, &version, error))
    return -1;
  return (int) version;
}

static gboolean
apply_migration (GrmDb            *db,
                 const Migration  *m,
                 GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_strconcat (MIGRATIONS_PATH, m->name, NULL);
  g_autofree char *sql = NULL;
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", m->number);

  bytes = g_resource_lookup_data (grm_store_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  g_debug ("Applying migration %s", m->name);
  if (!grm_db_exec (db, "BEGIN IMMEDIATE", error))
    return FALSE;
  if (!grm_db_exec (db, sql, error) || !grm_db_exec (db, set_version, error))
    {
      grm_db_exec (db, "ROLLBACK", NULL);
      return FALSE;
    }

  return grm_db_exec (db, "COMMIT", error);
}

gboolean
grm_store_migrate_check (GrmDb   *db,
                         GError **error)
{
  int version = read_user_version (db, error);
  int latest = grm_store_migrate_get_latest ();
  sqlite3_stmt *stmt;
  gint64 n_schema;

  if (version < 0)
    return FALSE;

  /* Reading the schema catches a file that is not a database at all, or
   * whose first pages are damaged, before anything is written to it. */
  stmt = grm_db_prepare (db, "SELECT count(*) FROM sqlite_master", error);
  if (stmt == NULL || !grm_db_step_int64 (db, stmt, &n_schema, error))
    return FALSE;

  if (version > latest)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE_TOO_NEW,
                   _("This database was written by a newer version of Gremium "
                     "(schema %d; this version knows up to %d). It was left unchanged."),
                   version, latest);
      return FALSE;
    }

  return TRUE;
}

gboolean
grm_store_migrate_up_to (GrmDb   *db,
                         int      target,
                         GError **error)
{
  g_autoptr(GArray) migrations = list_migrations ();
  int version = read_user_version (db, error);

  if (version < 0 || !grm_store_migrate_check (db, error))
    return FALSE;

  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *m = &g_array_index (migrations, Migration, i);

      if (m->number > version && m->number <= target && !apply_migration (db, m, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
grm_store_migrate (GrmDb   *db,
                   GError **error)
{
  return grm_store_migrate_up_to (db, G_MAXINT, error);
}
