/* grm-session-store.h: the writes of a live session.
 *
 * Each change is one GrmSessionOp, run as one write job (one transaction,
 * synchronous=FULL): when the job's callback fires, the change and its audit
 * entry are on disk. The job checks what it must in SQL and only writes;
 * the session page reads a fresh GrmSessionState afterwards on a reader
 * (op->reload reads it inside the transaction instead, which holds the
 * writer longer: for tools and the benchmark's comparison).
 *
 * The functions below the op take the writer's GrmDb and must run inside a
 * write job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "grm-db.h"
#include "grm-quorum.h"
#include "grm-session-state.h"
#include "grm-vote-rule.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_SESSION_OP_START,          /* meeting */
  GRM_SESSION_OP_END,            /* meeting */
  GRM_SESSION_OP_ARRIVE,         /* meeting, person, at (0: now) */
  GRM_SESSION_OP_LEAVE,          /* meeting, person, at (0: now) */
  GRM_SESSION_OP_ADD_SUBSTITUTE, /* meeting, person (NULL: new urn:uuid), text = name,
                                    item = the member stood in for */
  GRM_SESSION_OP_SET_STATUTORY,  /* meeting, number */
  GRM_SESSION_OP_NOTE_QUORUM,    /* meeting, flag: TRUE = lack noted, FALSE = restored */
  GRM_SESSION_OP_OPEN_ITEM,      /* meeting, item */
  GRM_SESSION_OP_EXCLUDE,        /* meeting, item, person, text = reason */
  GRM_SESSION_OP_WITHDRAW_EXCLUSION, /* meeting, item, person */
  GRM_SESSION_OP_VOTE_BEGIN,     /* meeting, item, vote_kind, rule → vid */
  GRM_SESSION_OP_VOTE_COUNTS,    /* vid, counts, candidates */
  GRM_SESSION_OP_VOTE_CAST,      /* vid, person, text = yes|no|abstain */
  GRM_SESSION_OP_VOTE_CLOSE,     /* vid */
  GRM_SESSION_OP_VOTE_RECORD,    /* meeting, item, vote_kind, rule, counts, candidates:
                                    begin + counts + close at once */
  GRM_SESSION_OP_VOTE_CORRECT,   /* vid (the closed vote), counts, candidates, text = reason */
  GRM_SESSION_OP_DECISION,       /* meeting, item, text = decision, text2 = notes */
  GRM_SESSION_OP_MINUTES_TEXT,   /* meeting, text */
  GRM_SESSION_OP_SEAL,           /* meeting */
  GRM_SESSION_OP_CORRECTION,     /* meeting (the sealed one), text */
  GRM_SESSION_OP_SECOND_CONVOCATION, /* meeting, item, flag: the item was called again after
                                        a lack of quorum (quorate regardless of attendance) */
  GRM_SESSION_OP_VOTE_ADD,       /* vid, counts: added to the counts recorded (a key press) */
  GRM_SESSION_OP_CAST_CORRECT,   /* vid (the closed named vote in force), person,
                                    text2 = yes|no|abstain, text = reason: a new vote record
                                    that corrects one member's choice */
} GrmSessionOpKind;

typedef struct
{
  GrmSessionOpKind kind;
  char            *meeting;
  char            *item;
  char            *person;
  char            *text;
  char            *text2;
  char            *actor;        /* who makes the change (the user's name) */
  char            *rule;
  char            *candidates;   /* JSON [{"name": …, "votes": n}] */
  GrmVoteKind      vote_kind;
  GrmVoteCounts    counts;
  gint64           vid;
  gint64           at;
  guint            number;
  gboolean         flag;
  /* Return a GrmSessionState read after the change (in the same transaction). */
  gboolean         reload;
} GrmSessionOp;

GrmSessionOp *grm_session_op_new   (GrmSessionOpKind  kind,
                                    const char       *meeting,
                                    const char       *actor);
void          grm_session_op_free  (gpointer          op);

/* A GrmStoreFunc: @data is a GrmSessionOp. *@result is a GrmSessionState
 * when op->reload, else for VOTE_BEGIN/VOTE_RECORD/VOTE_CORRECT a
 * GINT_TO_POINTER of nothing: read op->vid after the job (set by the job). */
gboolean      grm_session_op_run   (GrmDb            *db,
                                    gpointer          data,
                                    gpointer         *result,
                                    GError          **error);

/* The rule table the store evaluates with (NRW defaults). */
GrmVoteRuleTable *grm_session_store_get_rules (void);
/* The quorum rules; a session keeps the id of the one in force. */
GrmQuorumRuleTable *grm_session_store_get_quorum_rules (void);

/* Creates a meeting locally (urn:uuid: ids) with its agenda: @items is a
 * NULL-terminated list of "number|name|public(0/1)". Returns the id. */
char     *grm_session_store_create_meeting (GrmDb              *db,
                                            const char         *name,
                                            const char         *start_iso,
                                            const char         *organization,
                                            const char * const *items,
                                            const char         *actor,
                                            GError            **error);

/* Verifies the whole audit chain against its recorded head and the heads
 * printed in sealed minutes. *@n_entries gets the length of the chain. */
gboolean  grm_session_store_verify_audit   (GrmDb              *db,
                                            gint64             *n_entries,
                                            GError            **error);

G_END_DECLS
