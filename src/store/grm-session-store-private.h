/* grm-session-store-private.h: what the session store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "grm-session-store.h"

G_BEGIN_DECLS

gint64   grm_session_now           (void);
/* Fails with GRM_ERROR_SEALED when the minutes are sealed, NOT_FOUND when
 * the session was not started (unless @need_session is FALSE). */
gboolean grm_session_check_open    (GrmDb         *db,
                                    const char    *meeting,
                                    gboolean       need_session,
                                    GError       **error);
/* Prepares @sql and binds the NULL-terminated text arguments in order. */
sqlite3_stmt *grm_session_prepare  (GrmDb         *db,
                                    GError       **error,
                                    const char    *sql,
                                    ...) G_GNUC_NULL_TERMINATED;
gboolean grm_session_audit         (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    const char    *action,
                                    JsonBuilder   *builder,
                                    GError       **error);
JsonBuilder *grm_session_payload   (GrmSessionOp  *op);

gboolean grm_session_vote_begin    (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    GError       **error);
gboolean grm_session_vote_counts   (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    GError       **error);
gboolean grm_session_vote_cast     (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    GError       **error);
gboolean grm_session_vote_close    (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    GError       **error);
gboolean grm_session_vote_correct  (GrmDb         *db,
                                    GrmSessionOp  *op,
                                    GError       **error);
gboolean grm_session_vote_cast_correct (GrmDb     *db,
                                    GrmSessionOp  *op,
                                    GError       **error);

/* What a vote's write asks, in SQL (grm-session-store-query.c). */
typedef struct
{
  char          *item;
  GrmVoteKind    kind;
  char          *rule;
  gint64         closed;      /* 0 while open */
  GrmVoteCounts  counts;
  char          *candidates;
} GrmSessionVoteRow;

void     grm_session_vote_row_clear (GrmSessionVoteRow *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GrmSessionVoteRow, grm_session_vote_row_clear)
/* NOT_FOUND when the meeting has no vote @vid. */
gboolean grm_session_vote_row      (GrmDb              *db,
                                    const char         *meeting,
                                    gint64              vid,
                                    GrmSessionVoteRow  *row,
                                    GError            **error);
/* Present and entitled on @item (NULL: the meeting). */
gboolean grm_session_count_entitled (GrmDb        *db,
                                    const char    *meeting,
                                    const char    *item,
                                    guint         *out,
                                    GError       **error);
gboolean grm_session_person_entitled (GrmDb       *db,
                                    const char    *meeting,
                                    const char    *item,
                                    const char    *person,
                                    gboolean      *entitled,
                                    char         **name,
                                    GError       **error);
/* Canonical JSON [{person, name}] of those entitled on @item now. */
char    *grm_session_eligible_json (GrmDb         *db,
                                    const char    *meeting,
                                    const char    *item,
                                    GError       **error);
gboolean grm_session_quorum_now    (GrmDb         *db,
                                    const char    *meeting,
                                    const char    *item,
                                    GrmQuorum     *q,
                                    GError       **error);

/* Shared by recording and correcting (grm-session-store-vote.c). */
gboolean grm_session_find_vote     (GrmSessionState  *state,
                                    gint64            vid,
                                    GrmSessionItem  **item_out,
                                    GrmSessionVote  **vote_out,
                                    GError          **error);
/* Sums the candidates' votes (JSON) into @votes; FALSE when malformed. */
gboolean grm_session_candidate_votes (const char   *json,
                                    GArray        *votes,
                                    GError       **error);
/* Refuses counts (and candidate votes) above @entitled. */
gboolean grm_session_check_counts  (GrmSessionOp  *op,
                                    guint          entitled,
                                    GError       **error);
/* Reads a rule frozen with a vote; the caller frees its id and name. */
gboolean grm_session_rule_from_json (const char   *json,
                                    GrmVoteRule   *rule);
/* Writes the frozen snapshot into the vote row, the item's result and the
 * audit entry (@action). @eligible is the JSON of the members entitled;
 * @was, for a corrected choice, what the member had chosen (NULL: none). */
gboolean grm_session_freeze        (GrmDb               *db,
                                    GrmSessionOp        *op,
                                    const char          *action,
                                    gint64               vid,
                                    const char          *item,
                                    GrmVoteKind          kind,
                                    const GrmVoteRule   *rule,
                                    const GrmVoteCounts *counts,
                                    const char          *candidates,
                                    guint                entitled,
                                    guint                statutory,
                                    const char          *eligible,
                                    const char          *was,
                                    GError             **error);

G_END_DECLS
