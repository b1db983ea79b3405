/* grm-session-page.h: the live session of one meeting, for the secretary.
 *
 * A self-contained widget for the window to host: roll call with arrival
 * and departure times, the quorum always in view, and per agenda item the
 * exclusions for bias, the vote (unanimous, counts, named, secret, election)
 * with its result, the decision and notes; then the minutes. Every change
 * is one durable write; the screen confirms it only after the write job
 * returned.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-session-state.h"
#include "grm-store.h"

G_BEGIN_DECLS

#define GRM_TYPE_SESSION_PAGE (grm_session_page_get_type ())

G_DECLARE_FINAL_TYPE (GrmSessionPage, grm_session_page, GRM, SESSION_PAGE, AdwBin)

GtkWidget       *grm_session_page_new              (GrmStore       *store,
                                                    const char     *meeting_id);
/* The last committed snapshot (borrowed; NULL until loaded). */
GrmSessionState *grm_session_page_get_state        (GrmSessionPage *self);
/* The agenda item on screen, or NULL. */
const char      *grm_session_page_get_current_item (GrmSessionPage *self);
/* TRUE while a write or read is in flight. */
gboolean         grm_session_page_get_busy         (GrmSessionPage *self);

G_END_DECLS
