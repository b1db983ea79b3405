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
/* A value to bind to a statement's parameter. Build them with the macros
 * below and pass a list with GRM_DB_VALUES (…), which also counts it:
 *
 *   grm_db_run (db, "UPDATE t SET a = ?2 WHERE id = ?1",
 *               GRM_DB_VALUES (GRM_DB_TEXT (id), GRM_DB_INT (now)), error);
 */
typedef enum
{
  GRM_DB_VALUE_NULL,
  GRM_DB_VALUE_TEXT,
  GRM_DB_VALUE_INT,
} GrmDbValueKind;

typedef struct
{
  GrmDbValueKind  kind;
  const char     *text;
  gint64          number;
} GrmDbValue;

#define GRM_DB_NULL            ((GrmDbValue) { GRM_DB_VALUE_NULL, NULL, 0 })
/* A NULL string binds SQL NULL. */
#define GRM_DB_TEXT(t)         ((GrmDbValue) { GRM_DB_VALUE_TEXT, (t), 0 })
#define GRM_DB_INT(n)          ((GrmDbValue) { GRM_DB_VALUE_INT, NULL, (n) })
#define GRM_DB_BOOL(b)         GRM_DB_INT ((b) ? 1 : 0)
/* @n where @cond holds, SQL NULL where it does not. */
#define GRM_DB_INT_IF(cond, n) ((cond) ? GRM_DB_INT (n) : GRM_DB_NULL)
/* Expands to two arguments: the array and its length. */
#define GRM_DB_VALUES(...) \
  (const GrmDbValue[]) { __VA_ARGS__ }, \
  (guint) (sizeof ((const GrmDbValue[]) { __VA_ARGS__ }) / sizeof (GrmDbValue))

/* grm_db_prepare () with @values bound to ?1, ?2, … in order. */
sqlite3_stmt *grm_db_prepare_bind  (GrmDb            *db,
                                    const char       *sql,
                                    const GrmDbValue *values,
                                    guint             n_values,
                                    GError          **error);
/* Prepares, binds and steps a statement that returns no rows (or whose
 * rows do not matter), then resets it. */
gboolean      grm_db_run           (GrmDb            *db,
                                    const char       *sql,
                                    const GrmDbValue *values,
                                    guint             n_values,
                                    GError          **error);

typedef enum
{
  GRM_DB_FAILED = -1,
  GRM_DB_DONE = 0,
  GRM_DB_ROW = 1,
} GrmDbStep;

/* Steps @stmt. On GRM_DB_ROW the row can be read and the statement stays
 * open (reset it when done with it); on GRM_DB_DONE and GRM_DB_FAILED
 * (@error set) it is reset. So a loop over the rows reads:
 *
 *   while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
 *     …
 *   return step == GRM_DB_DONE;
 */
GrmDbStep     grm_db_step          (GrmDb         *db,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);
/* Steps a statement that returns (at least) one row, reads the row's first
 * column as a number into @value, and resets it. No row is an error. */
gboolean      grm_db_step_int64    (GrmDb         *db,
                                    sqlite3_stmt  *stmt,
                                    gint64        *value,
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
