/* grm-session-state.h: a snapshot of everything recorded in the live session
 * of one meeting, read in one transaction.
 *
 * The session page, the presenter window and the minutes all draw from a
 * snapshot; after each durable write the page reads a new one. A snapshot
 * is plain data: it may be handed from a reader thread to the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "grm-db.h"
#include "grm-quorum.h"
#include "grm-vote-rule.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 arrived;
  gint64 left;              /* 0 while present */
} GrmSessionStay;

typedef struct
{
  char      *person;
  char      *name;
  char      *role;
  gboolean   voting_right;
  char      *substitute_for;  /* NULL unless a substitute */
  GArray    *stays;           /* GrmSessionStay, in order of arrival */
  gboolean   present;
} GrmSessionMember;

typedef struct
{
  char   *person;
  char   *name;
  char   *reason;
  gint64  recorded;
} GrmSessionExclusion;

typedef struct
{
  char *name;
  guint votes;
} GrmSessionCandidate;

typedef struct
{
  gint64          vid;
  GrmVoteKind     kind;
  char           *rule;
  char           *rule_name;    /* from the frozen rule, English msgid */
  GrmVoteCounts   counts;
  GPtrArray      *candidates;   /* GrmSessionCandidate, elections */
  char           *winner;
  GrmVoteOutcome  outcome;
  guint           entitled;
  guint           statutory;
  gint64          closed;       /* 0 while open */
  gint64          recorded;
  gint64          corrects;     /* vid it corrects, or 0 */
  char           *reason;
  char           *actor;
  GHashTable     *casts;        /* named votes: person → "yes"/"no"/"abstain" */
  char           *eligible;     /* frozen JSON, closed votes only */
} GrmSessionVote;

typedef struct
{
  char        *id;
  char        *number;
  char        *name;
  gboolean     is_public;
  char        *result;          /* agenda_item.result */
  char        *decision;
  char        *notes;
  GPtrArray   *exclusions;      /* GrmSessionExclusion */
  GPtrArray   *votes;           /* GrmSessionVote, in order of recording */
  GrmSessionVote *vote;         /* the vote in force: the last not corrected (borrowed) */
  gboolean     second_convocation; /* called again after a lack of quorum */
} GrmSessionItem;

typedef struct
{
  gint64  at;
  char   *kind;
  char   *detail;
} GrmSessionEvent;

typedef struct
{
  gint64  recorded;
  char   *text;
  char   *about_meeting;        /* name of the meeting whose minutes it corrects */
} GrmSessionCorrection;

typedef struct
{
  char        *meeting;
  char        *meeting_name;
  char        *start;           /* ISO 8601 as stored */
  gint64       start_utc;
  char        *location;
  char        *organization;
  char        *organization_name;
  gboolean     has_session;
  gint64       started;
  gint64       ended;
  guint        statutory;
  char        *default_rule;
  char        *quorum_rule;     /* id in the quorum rule table */
  char        *current_item;
  gboolean     lack_noted;      /* the lack of quorum was formally noted */
  GPtrArray   *members;         /* GrmSessionMember, roll order */
  GPtrArray   *items;           /* GrmSessionItem, agenda order */
  GPtrArray   *events;          /* GrmSessionEvent */
  GPtrArray   *corrections;     /* GrmSessionCorrection reported in these minutes */
  char        *minutes_text;
  gint64       sealed;
  char        *sealed_audit_head;
  gint64       audit_seq;       /* the chain's head now */
  char        *audit_head;
} GrmSessionState;

/* Reads the snapshot; works on a reader and on the writer connection. A
 * meeting without a session yet gives has_session FALSE with its items. */
GrmSessionState  *grm_session_state_load        (GrmDb                 *db,
                                                 const char            *meeting,
                                                 GError               **error);
void              grm_session_state_free        (GrmSessionState       *state);

GrmSessionItem   *grm_session_state_find_item   (GrmSessionState       *state,
                                                 const char            *item);
GrmSessionMember *grm_session_state_find_member (GrmSessionState       *state,
                                                 const char            *person);
/* Members present with voting right (a substitute only while the member
 * stood in for is away). */
guint             grm_session_state_count_present (GrmSessionState     *state);
/* Whether @member may vote on @item now: present, voting right, not
 * excluded, not displaced by the member it stands in for. @item may be NULL. */
gboolean          grm_session_state_is_entitled (GrmSessionState       *state,
                                                 GrmSessionMember      *member,
                                                 GrmSessionItem        *item);
/* Present and entitled on @item (excluded members are not). */
guint             grm_session_state_count_entitled (GrmSessionState    *state,
                                                    GrmSessionItem     *item);
/* The quorum rule in force (the table's first rule for an unknown id). */
const GrmQuorumRule *grm_session_state_quorum_rule (GrmSessionState *state);
/* Quorum for the meeting (@item NULL) or for an item (its exclusions, and
 * whether it was called a second time). */
void              grm_session_state_quorum      (GrmSessionState       *state,
                                                 GrmSessionItem        *item,
                                                 GrmQuorum             *out);
gboolean          grm_session_item_is_excluded  (GrmSessionItem        *item,
                                                 const char            *person);
GrmSessionVote   *grm_session_item_find_vote    (GrmSessionItem        *item,
                                                 gint64                 vid);
/* When the item was last opened in the session (0: never). */
gint64            grm_session_state_item_opened (GrmSessionState       *state,
                                                 GrmSessionItem        *item);
/* The members (borrowed) present and entitled on @item at the time @at, by
 * the recorded stays: for the minutes of items dealt with without a vote. */
GPtrArray        *grm_session_state_entitled_at (GrmSessionState       *state,
                                                 GrmSessionItem        *item,
                                                 gint64                 at);
/* Translated word for a member's choice ("yes", "no", "abstain", NULL). */
const char       *grm_session_choice_label      (const char            *choice);
/* For a correction of a named vote, whose choice changed: "Name: no → yes",
 * joined by "; " (translated). NULL for other votes. */
char             *grm_session_state_describe_correction (GrmSessionState *state,
                                                         GrmSessionItem  *item,
                                                         GrmSessionVote  *vote);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmSessionState, grm_session_state_free)

G_END_DECLS
