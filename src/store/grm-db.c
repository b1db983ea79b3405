/* grm-db.c: one SQLite connection, its statement cache and error translation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-db"

#include <glib/gi18n-lib.h>

#include "grm-db.h"
#include "grm-error.h"

struct _GrmDb
{
  sqlite3    *handle;
  char       *path;
  GHashTable *statements; /* SQL text → sqlite3_stmt */
};

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

gboolean
grm_db_set_error (GrmDb   *db,
                  int      rc,
                  GError **error)
{
  const char *detail = db && db->handle ? sqlite3_errmsg (db->handle) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE_CORRUPT,
                   _("The database file is damaged and cannot be read (%s)."), detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, GRM_ERROR, GRM_ERROR_DISK_FULL,
                   _("The disk is full; nothing was saved."));
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE_BUSY,
                   _("The database is in use by another program."));
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE,
                   _("The database file cannot be opened for writing (%s)."), detail);
      break;
    default:
      g_set_error (error, GRM_ERROR, GRM_ERROR_DATABASE,
                   _("A database error occurred: %s"), detail);
      break;
    }

  return FALSE;
}

GrmDb *
grm_db_open (const char  *path,
             gboolean     read_only,
             GError     **error)
{
  g_autoptr(GrmDb) db = g_new0 (GrmDb, 1);
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  flags |= read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  db->path = g_strdup (path);
  db->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  rc = sqlite3_open_v2 (path, &db->handle, flags, NULL);
  if (rc != SQLITE_OK)
    return (grm_db_set_error (db, rc, error), NULL);

  sqlite3_extended_result_codes (db->handle, 1);
  sqlite3_busy_timeout (db->handle, 10000);

  return g_steal_pointer (&db);
}

void
grm_db_close (GrmDb *db)
{
  if (db == NULL)
    return;

  g_clear_pointer (&db->statements, g_hash_table_unref);
  if (db->handle != NULL)
    sqlite3_close_v2 (db->handle);
  g_free (db->path);
  g_free (db);
}

sqlite3 *
grm_db_get_handle (GrmDb *db)
{
  return db->handle;
}

const char *
grm_db_get_path (GrmDb *db)
{
  return db->path;
}

sqlite3_stmt *
grm_db_prepare (GrmDb       *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (db->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    return (grm_db_set_error (db, rc, error), NULL);

  g_hash_table_insert (db->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
grm_db_exec (GrmDb       *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db->handle, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

gboolean
grm_db_step_done (GrmDb         *db,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

sqlite3_stmt *
grm_db_prepare_bind (GrmDb             *db,
                     const char        *sql,
                     const GrmDbValue  *values,
                     guint              n_values,
                     GError           **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, sql, error);

  if (stmt == NULL)
    return NULL;
  /* grm_db_prepare () cleared the bindings: NULL needs no call. */
  for (guint i = 0; i < n_values; i++)
    {
      if (values[i].kind == GRM_DB_VALUE_TEXT)
        grm_db_bind_text (stmt, i + 1, values[i].text);
      else if (values[i].kind == GRM_DB_VALUE_INT)
        sqlite3_bind_int64 (stmt, i + 1, values[i].number);
    }
  return stmt;
}

gboolean
grm_db_run (GrmDb             *db,
            const char        *sql,
            const GrmDbValue  *values,
            guint              n_values,
            GError           **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db, sql, values, n_values, error);

  return stmt != NULL && grm_db_step_done (db, stmt, error);
}

GrmDbStep
grm_db_step (GrmDb         *db,
             sqlite3_stmt  *stmt,
             GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return GRM_DB_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return (grm_db_set_error (db, rc, error), GRM_DB_FAILED);
  return GRM_DB_DONE;
}

gboolean
grm_db_step_int64 (GrmDb         *db,
                   sqlite3_stmt  *stmt,
                   gint64        *value,
                   GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return grm_db_set_error (db, rc, error);
    }
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
grm_db_last_insert_rowid (GrmDb *db)
{
  return sqlite3_last_insert_rowid (db->handle);
}

int
grm_db_changes (GrmDb *db)
{
  return sqlite3_changes (db->handle);
}

void
grm_db_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
grm_db_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
grm_db_column_dup (sqlite3_stmt *stmt,
                   int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}
