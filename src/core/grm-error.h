/* grm-error.h: the one error domain of Gremium.
 *
 * Errors from SQLite, libsoup and Poppler are translated into these codes at
 * the boundary of their layer, with a message a council member understands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define GRM_ERROR (grm_error_quark ())

typedef enum
{
  GRM_ERROR_FAILED,
  /* store */
  GRM_ERROR_DATABASE_CORRUPT,
  GRM_ERROR_DATABASE_TOO_NEW,
  GRM_ERROR_DATABASE_BUSY,
  GRM_ERROR_DATABASE,
  GRM_ERROR_NOT_FOUND,
  GRM_ERROR_DISK_FULL,
  /* sync */
  GRM_ERROR_NETWORK,
  GRM_ERROR_SERVER,
  GRM_ERROR_INVALID_DATA,
  GRM_ERROR_CHECKSUM,
  GRM_ERROR_NOT_OPARL,
  GRM_ERROR_AUTH,
  GRM_ERROR_CONFLICT,
  /* pdf */
  GRM_ERROR_PDF_NOT_PDF,
  GRM_ERROR_PDF_DAMAGED,
  GRM_ERROR_PDF_NO_PAGES,
  GRM_ERROR_PDF_ENCRYPTED,
  GRM_ERROR_PDF_BAD_PASSWORD,
  /* live session */
  GRM_ERROR_VOTE_INVALID,
  GRM_ERROR_SEALED,
  GRM_ERROR_AUDIT_BROKEN,
} GrmError;

GQuark grm_error_quark (void);

G_END_DECLS
