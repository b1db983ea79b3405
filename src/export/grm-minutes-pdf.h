/* grm-minutes-pdf.h: the minutes (Niederschrift) of a meeting as a PDF.
 *
 * Rendered with cairo and pango from a GrmSessionState: meeting data,
 * attendance with times, quorum, and per agenda item the exclusions, the
 * vote with its rule and result, the decision and the notes. The public
 * version leaves the non-public part out. The file is written to a
 * temporary file, synced and renamed, so a crash never leaves half a PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-session-state.h"
#include "grm-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean    public_only;
  /* The result of verifying the audit chain, printed with its head. */
  gboolean    audit_ok;
  gint64      audit_entries;
  const char *audit_error;
} GrmMinutesOptions;

/* Renders @state to @path (atomically). Any thread; no store access. */
gboolean grm_minutes_pdf_write       (GrmSessionState          *state,
                                      const GrmMinutesOptions  *options,
                                      const char               *path,
                                      GError                  **error);

/* Reads the session and verifies the audit chain, then renders, all off
 * the calling thread. */
void     grm_minutes_export_async    (GrmStore                 *store,
                                      const char               *meeting,
                                      gboolean                  public_only,
                                      const char               *path,
                                      GCancellable             *cancellable,
                                      GAsyncReadyCallback       callback,
                                      gpointer                  user_data);
gboolean grm_minutes_export_finish   (GAsyncResult             *result,
                                      GError                  **error);
/* For the CLI and worker threads: never the app's main thread. */
gboolean grm_minutes_export_sync     (GrmStore                 *store,
                                      const char               *meeting,
                                      gboolean                  public_only,
                                      const char               *path,
                                      GError                  **error);

G_END_DECLS
