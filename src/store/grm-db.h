/* grm-db.h: one SQLite connection with a cache of prepared statements and
 * the translation of SQLite errors into GRM_ERROR.
 *
 * A GrmDb belongs to exactly one thread at a time: the store's writer thread
 * owns the write connection, each reader job borrows a read-only one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _GrmDb GrmDb;

GrmDb        *grm_db_open          (const char    *path,
                                    gboolean       read_only,
                                    GError       **error);
void          grm_db_close         (GrmDb         *db);
sqlite3      *grm_db_get_handle    (GrmDb         *db);
const char   *grm_db_get_path      (GrmDb         *db);

/* A cached statement, reset and with its bindings cleared. Borrowed: do not
 * finalize it. */
sqlite3_stmt *grm_db_prepare       (GrmDb         *db,
                                    const char    *sql,
                                    GError       **error);
gboolean      grm_db_exec          (GrmDb         *db,
                                    const char    *sql,
                                    GError       **error);
/* Steps a statement that returns no rows, then resets it. */
gboolean      grm_db_step_done     (GrmDb         *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);
/* Sets @error from an SQLite result code; always returns FALSE. */
gboolean      grm_db_set_error     (GrmDb         *db,
                                    int            rc,
                                    GError       **error);
gint64        grm_db_last_insert_rowid (GrmDb     *db);
int           grm_db_changes       (GrmDb         *db);

/* Bind helpers: NULL strings bind SQL NULL. */
void          grm_db_bind_text     (sqlite3_stmt  *stmt,
                                    int            index,
                                    const char    *text);
const char   *grm_db_column_text   (sqlite3_stmt  *stmt,
                                    int            column);
char         *grm_db_column_dup    (sqlite3_stmt  *stmt,
                                    int            column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmDb, grm_db_close)

G_END_DECLS
