/* test-session-store.c: a session recorded against a real SQLite file with
 * the real Hürtgenwald council: roll, quorum, exclusions, every kind of
 * vote, corrections, sealing and the audit chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-error.h"
#include "grm-session-store.h"
#include "grm-session-store-private.h"
#include "live-fixture.h"

typedef struct
{
  char     *dir;
  GrmStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = live_fixture_open (&f->dir);
  live_fixture_load (f->store, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  live_fixture_remove (f->dir);
  g_free (f->dir);
}

static GrmSessionOp *
op_new (GrmSessionOpKind kind)
{
  return grm_session_op_new (kind, LIVE_MEETING, "Test Secretary");
}

/* Runs @op (taking it), asserting success; returns the op's vid. */
static gint64
run_ok (Fixture      *f,
        GrmSessionOp *op)
{
  g_autoptr(GError) error = NULL;
  gint64 vid;

  live_fixture_run (f->store, op, &error);
  g_assert_no_error (error);
  vid = op->vid;
  grm_session_op_free (op);
  return vid;
}

static void
run_fails (Fixture      *f,
           GrmSessionOp *op,
           int           code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (live_fixture_run (f->store, op, &error));
  g_assert_error (error, GRM_ERROR, code);
  g_test_message ("refused as expected: %s", error->message);
  grm_session_op_free (op);
}

static gboolean
load_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

static GrmSessionState *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gpointer state = NULL;

  grm_store_read_sync (f->store, load_job, NULL, &state, &error);
  g_assert_no_error (error);
  return state;
}

/* The writes check entitlement and quorum in SQL, the screen and the
 * minutes in the snapshot: both must say the same, item by item. */
static gboolean
compare_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  g_autoptr(GrmSessionState) s = grm_session_state_load (db, LIVE_MEETING, error);

  g_assert_nonnull (s);
  for (guint k = 0; k <= s->items->len; k++)
    {
      GrmSessionItem *item = k < s->items->len ? g_ptr_array_index (s->items, k) : NULL;
      const char *id = item ? item->id : NULL;
      g_autofree char *eligible = grm_session_eligible_json (db, LIVE_MEETING, id, error);
      GrmQuorum a, b;
      guint n = 0, persons = 0;

      g_assert_true (grm_session_count_entitled (db, LIVE_MEETING, id, &n, error));
      g_assert_cmpuint (n, ==, grm_session_state_count_entitled (s, item));
      for (guint j = 0; j < s->members->len; j++)
        {
          GrmSessionMember *m = g_ptr_array_index (s->members, j);
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", m->person);

          if (grm_session_state_is_entitled (s, m, item))
            {
              g_assert_nonnull (strstr (eligible, quoted));
              persons++;
            }
          else
            g_assert_null (strstr (eligible, quoted));
        }
      g_assert_cmpuint (persons, ==, n);
      g_assert_true (grm_session_quorum_now (db, LIVE_MEETING, id, &a, error));
      grm_session_state_quorum (s, item, &b);
      g_assert_cmpuint (a.present, ==, b.present);
      g_assert_cmpuint (a.required, ==, b.required);
      g_assert_cmpint (a.quorate, ==, b.quorate);
      g_assert_cmpint (a.regardless, ==, b.regardless);
      g_assert_cmpint (a.lack_noted, ==, b.lack_noted);
    }
  return TRUE;
}

static void
assert_sql_agrees (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (grm_store_read_sync (f->store, compare_job, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
arrive (Fixture *f, GrmSessionState *s, guint n)
{
  /* The first n members with a vote arrive. */
  for (guint k = 0, done = 0; k < s->members->len && done < n; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);
      GrmSessionOp *op;

      if (!m->voting_right || m->present)
        continue;
      op = op_new (GRM_SESSION_OP_ARRIVE);
      op->person = g_strdup (m->person);
      run_ok (f, op);
      done++;
    }
}

static const char *
item_id (GrmSessionState *s, const char *number)
{
  for (guint k = 0; k < s->items->len; k++)
    {
      GrmSessionItem *i = g_ptr_array_index (s->items, k);

      if (g_strcmp0 (i->number, number) == 0)
        return i->id;
    }
  g_assert_not_reached ();
}

static const char *
entitled_member (GrmSessionState *s, guint nth)
{
  for (guint k = 0, n = 0; k < s->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);

      if (grm_session_state_is_entitled (s, m, NULL) && n++ == nth)
        return m->person;
    }
  g_assert_not_reached ();
}

static GrmSessionOp *
vote_op (const char *item, GrmVoteKind kind, guint yes, guint no, guint abstain, guint invalid)
{
  GrmSessionOp *op = op_new (GRM_SESSION_OP_VOTE_RECORD);

  op->item = g_strdup (item);
  op->vote_kind = kind;
  op->counts = (GrmVoteCounts) { yes, no, abstain, invalid };
  return op;
}

static void
test_session (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmSessionState) s = NULL;
  g_autoptr(GError) error = NULL;
  GrmSessionOp *op;
  GrmSessionItem *item;
  GrmQuorum q;
  char *item5, *item6, *item4, *item18;
  g_autofree char *excluded = NULL;
  gint64 vid, named, corrected, n_entries = 0;

  run_ok (f, op_new (GRM_SESSION_OP_START));
  run_ok (f, op_new (GRM_SESSION_OP_START)); /* starting twice changes nothing */
  s = load (f);
  g_assert_true (s->has_session);
  g_assert_cmpstr (s->meeting_name, ==, "Gemeinderat (8. Sitzung)");
  g_assert_cmpstr (s->organization_name, ==, "Gemeinderat");
  g_assert_cmpuint (s->members->len, ==, 29);   /* memberships active on 2021-09-16 */
  g_assert_cmpuint (s->statutory, ==, 27);      /* with voting right */
  g_assert_cmpuint (s->items->len, ==, 33);
  item5 = g_strdup (item_id (s, "5."));
  item6 = g_strdup (item_id (s, "6."));
  item4 = g_strdup (item_id (s, "4."));
  item18 = g_strdup (item_id (s, "18."));
  g_assert_false (grm_session_state_find_item (s, item_id (s, "22."))->is_public);
  g_assert_true (grm_session_state_find_item (s, item5)->is_public);

  /* 13 of 27: no quorum computed, but quorate until noted */
  arrive (f, s, 13);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  grm_session_state_quorum (s, NULL, &q);
  g_assert_cmpuint (q.present, ==, 13);
  g_assert_cmpuint (q.required, ==, 14);
  g_assert_false (q.computed);
  g_assert_true (q.quorate);
  arrive (f, s, 2);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  grm_session_state_quorum (s, NULL, &q);
  g_assert_cmpuint (q.present, ==, 15);
  g_assert_true (q.computed);
  /* arriving twice is refused */
  op = op_new (GRM_SESSION_OP_ARRIVE);
  op->person = g_strdup (entitled_member (s, 0));
  run_fails (f, op, GRM_ERROR_CONFLICT);

  /* exclusion: needs a reason; moves the item's quorum and base */
  excluded = g_strdup (entitled_member (s, 0));
  op = op_new (GRM_SESSION_OP_EXCLUDE);
  op->item = g_strdup (item5);
  op->person = g_strdup (excluded);
  run_fails (f, op, GRM_ERROR_INVALID_DATA);
  op = op_new (GRM_SESSION_OP_EXCLUDE);
  op->item = g_strdup (item5);
  op->person = g_strdup (excluded);
  op->text = g_strdup ("Owner of the plot concerned (§ 31 GO NRW)");
  run_ok (f, op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item5);
  g_assert_cmpuint (item->exclusions->len, ==, 1);
  g_assert_cmpuint (grm_session_state_count_entitled (s, item), ==, 14);
  grm_session_state_quorum (s, item, &q);
  g_assert_cmpuint (q.present, ==, 14);
  g_assert_true (q.computed);
  assert_sql_agrees (f);

  /* open vote: 15 votes from 14 entitled are refused; 14 are fine */
  run_fails (f, vote_op (item5, GRM_VOTE_KIND_COUNTS, 10, 4, 1, 0), GRM_ERROR_VOTE_INVALID);
  vid = run_ok (f, vote_op (item5, GRM_VOTE_KIND_COUNTS, 7, 7, 0, 0));
  g_assert_cmpint (vid, >, 0);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item5);
  g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_REJECTED); /* a tie fails */
  g_assert_cmpuint (item->vote->entitled, ==, 14);
  g_assert_nonnull (strstr (item->result, "Rejected"));
  g_assert_null (strstr (item->vote->eligible, excluded));

  /* a correction is a new record; the closed vote stays frozen */
  op = op_new (GRM_SESSION_OP_VOTE_CORRECT);
  op->vid = vid;
  op->counts = (GrmVoteCounts) { 8, 6, 0, 0 };
  run_fails (f, op, GRM_ERROR_VOTE_INVALID); /* without a reason */
  op = op_new (GRM_SESSION_OP_VOTE_CORRECT);
  op->vid = vid;
  op->counts = (GrmVoteCounts) { 8, 6, 0, 0 };
  op->text = g_strdup ("Miscounted: one no vote was a yes vote");
  run_ok (f, op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item5);
  g_assert_cmpuint (item->votes->len, ==, 2);
  g_assert_cmpint (item->vote->corrects, ==, vid);
  g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_PASSED);
  g_assert_cmpstr (item->vote->actor, ==, "Test Secretary");

  /* named vote: one record per member, counts derived */
  op = op_new (GRM_SESSION_OP_VOTE_BEGIN);
  op->item = g_strdup (item6);
  op->vote_kind = GRM_VOTE_KIND_NAMED;
  op->rule = g_strdup ("two-thirds-present");
  named = run_ok (f, op);
  for (guint k = 0; k < 15; k++)
    {
      op = op_new (GRM_SESSION_OP_VOTE_CAST);
      op->vid = named;
      op->person = g_strdup (entitled_member (s, k));
      op->text = g_strdup (k < 10 ? "yes" : k < 13 ? "no" : "abstain");
      run_ok (f, op);
    }
  op = op_new (GRM_SESSION_OP_VOTE_CLOSE);
  op->vid = named;
  run_ok (f, op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item6);
  g_assert_cmpuint (g_hash_table_size (item->vote->casts), ==, 15);
  g_assert_cmpuint (item->vote->counts.yes, ==, 10);
  g_assert_cmpuint (item->vote->counts.no, ==, 3);
  /* 10 of 15 present is exactly two thirds */
  g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_PASSED);
  /* closed: no more casts */
  op = op_new (GRM_SESSION_OP_VOTE_CAST);
  op->vid = named;
  op->person = g_strdup (entitled_member (s, 0));
  op->text = g_strdup ("no");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);

  /* a member's choice corrected: a new record pointing at the old one */
  op = op_new (GRM_SESSION_OP_VOTE_CORRECT);     /* counts don't fit a named vote */
  op->vid = named;
  op->counts = (GrmVoteCounts) { 9, 4, 2, 0 };
  op->text = g_strdup ("miscounted");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);
  op = op_new (GRM_SESSION_OP_CAST_CORRECT);       /* without a reason */
  op->vid = named;
  op->person = g_strdup (entitled_member (s, 0));
  op->text2 = g_strdup ("no");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);
  op = op_new (GRM_SESSION_OP_CAST_CORRECT);       /* the same choice again */
  op->vid = named;
  op->person = g_strdup (entitled_member (s, 0));
  op->text2 = g_strdup ("yes");
  op->text = g_strdup ("pressed twice");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);
  op = op_new (GRM_SESSION_OP_CAST_CORRECT);       /* not entitled then */
  op->vid = named;
  op->person = g_strdup (((GrmSessionMember *) s->members->pdata[s->members->len - 1])->person);
  op->text2 = g_strdup ("yes");
  op->text = g_strdup ("was there");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);
  op = op_new (GRM_SESSION_OP_CAST_CORRECT);
  op->vid = named;
  op->person = g_strdup (entitled_member (s, 0));
  op->text2 = g_strdup ("no");
  op->text = g_strdup ("She said no; the keys were pressed for the next member");
  corrected = run_ok (f, op);
  {
    g_autoptr(GrmSessionState) now = load (f);
    g_autofree char *change = NULL;
    GrmSessionVote *old;

    item = grm_session_state_find_item (now, item6);
    old = grm_session_item_find_vote (item, named);
    g_assert_cmpint (item->vote->vid, ==, corrected);
    g_assert_cmpint (item->vote->corrects, ==, named);
    g_assert_cmpstr (item->vote->actor, ==, "Test Secretary");
    g_assert_cmpint (item->vote->recorded, >, 0);
    g_assert_cmpint (item->vote->kind, ==, GRM_VOTE_KIND_NAMED);
    g_assert_cmpuint (g_hash_table_size (item->vote->casts), ==, 15);
    g_assert_cmpstr (g_hash_table_lookup (item->vote->casts, entitled_member (s, 0)), ==, "no");
    g_assert_cmpstr (g_hash_table_lookup (old->casts, entitled_member (s, 0)), ==, "yes");
    g_assert_cmpuint (item->vote->counts.yes, ==, 9);
    g_assert_cmpuint (item->vote->counts.no, ==, 4);
    g_assert_cmpuint (item->vote->entitled, ==, old->entitled);
    g_assert_cmpstr (item->vote->eligible, ==, old->eligible);
    /* 9 of 15 present is less than two thirds */
    g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_REJECTED);
    g_assert_cmpint (old->outcome, ==, GRM_VOTE_OUTCOME_PASSED);  /* frozen */
    change = grm_session_state_describe_correction (now, item, item->vote);
    g_assert_nonnull (strstr (change, ": yes → no"));
  }
  {
    g_autoptr(GrmDb) db = grm_db_open (grm_store_get_path (f->store), TRUE, &error);
    sqlite3_stmt *stmt;

    g_assert_no_error (error);
    stmt = grm_db_prepare (db, "SELECT actor, payload FROM audit_log WHERE action = "
                               "'vote.correct' ORDER BY seq DESC LIMIT 1", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Test Secretary");
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1),
                              "\"choice\":\"no\""));
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1),
                              "\"was\":\"yes\""));
    g_assert_nonnull (strstr ((const char *) sqlite3_column_text (stmt, 1),
                              entitled_member (s, 0)));
    sqlite3_reset (stmt);
  }

  /* secret ballot: counts only, never a choice per person */
  vid = run_ok (f, vote_op (item18, GRM_VOTE_KIND_SECRET, 9, 4, 1, 1));
  op = op_new (GRM_SESSION_OP_VOTE_CAST);
  op->vid = vid;
  op->person = g_strdup (entitled_member (s, 0));
  op->text = g_strdup ("yes");
  run_fails (f, op, GRM_ERROR_VOTE_INVALID);

  /* election with candidates */
  op = vote_op (item4, GRM_VOTE_KIND_ELECTION, 0, 1, 1, 0);
  op->candidates = g_strdup ("[{\"name\": \"Anna Schmitz\", \"votes\": 9},"
                             " {\"name\": \"Bernd Lauscher\", \"votes\": 4}]");
  run_ok (f, op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item4);
  g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_ELECTED);
  g_assert_cmpstr (item->vote->winner, ==, "Anna Schmitz");
  g_assert_cmpuint (item->vote->candidates->len, ==, 2);

  /* the lack of quorum, once noted, stops votes until the quorum is back */
  for (guint k = 0; k < 2; k++)
    {
      op = op_new (GRM_SESSION_OP_LEAVE);
      op->person = g_strdup (entitled_member (s, k));
      run_ok (f, op);
    }
  run_ok (f, vote_op (item_id (s, "7."), GRM_VOTE_KIND_UNANIMOUS, 0, 0, 0, 0));
  op = op_new (GRM_SESSION_OP_NOTE_QUORUM);
  op->flag = TRUE;
  run_ok (f, op);
  run_fails (f, vote_op (item_id (s, "8."), GRM_VOTE_KIND_UNANIMOUS, 0, 0, 0, 0),
             GRM_ERROR_VOTE_INVALID);
  /* § 49 Abs. 2: item 10, called a second time, is quorate regardless */
  op = op_new (GRM_SESSION_OP_SECOND_CONVOCATION);
  op->item = g_strdup ("https://example.org/not-on-this-agenda");
  op->flag = TRUE;
  run_fails (f, op, GRM_ERROR_NOT_FOUND);
  op = op_new (GRM_SESSION_OP_SECOND_CONVOCATION);
  op->item = g_strdup (item_id (s, "10."));
  op->flag = TRUE;
  run_ok (f, op);
  run_ok (f, vote_op (item_id (s, "10."), GRM_VOTE_KIND_COUNTS, 10, 2, 1, 0));
  {
    g_autoptr(GrmSessionState) now = load (f);

    item = grm_session_state_find_item (now, item_id (now, "10."));
    g_assert_true (item->second_convocation);
    g_assert_cmpint (item->vote->outcome, ==, GRM_VOTE_OUTCOME_PASSED);
    grm_session_state_quorum (now, item, &q);
    g_assert_true (q.regardless);
    g_assert_true (q.quorate);
    g_assert_false (q.computed);
    grm_session_state_quorum (now, NULL, &q);
    g_assert_false (q.quorate);             /* the meeting as a whole still lacks it */
  }
  op = op_new (GRM_SESSION_OP_SECOND_CONVOCATION);
  op->item = g_strdup (item_id (s, "11."));
  op->flag = TRUE;
  run_ok (f, op);
  op = op_new (GRM_SESSION_OP_SECOND_CONVOCATION);
  op->item = g_strdup (item_id (s, "11."));
  op->flag = FALSE;                         /* marked by mistake: taken back */
  run_ok (f, op);
  assert_sql_agrees (f);
  run_fails (f, vote_op (item_id (s, "11."), GRM_VOTE_KIND_UNANIMOUS, 0, 0, 0, 0),
             GRM_ERROR_VOTE_INVALID);
  op = op_new (GRM_SESSION_OP_ARRIVE);
  op->person = g_strdup (entitled_member (s, 0));
  run_ok (f, op);
  run_ok (f, vote_op (item_id (s, "8."), GRM_VOTE_KIND_UNANIMOUS, 0, 0, 0, 0));
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item_id (s, "8."));
  g_assert_cmpuint (item->vote->counts.yes, ==, 14);
  g_assert_true (s->lack_noted);
  item = grm_session_state_find_item (s, item_id (s, "7."));
  g_assert_cmpuint (item->vote->counts.yes, ==, 13);

  /* decision text goes back to the agenda item */
  op = op_new (GRM_SESSION_OP_DECISION);
  op->item = g_strdup (item5);
  op->text = g_strdup ("Der Rat beschließt die Grundsatzentscheidung.");
  op->text2 = g_strdup ("Debatte 20 Minuten.");
  run_ok (f, op);

  /* sealing: nothing changes any more, corrections go to the next minutes */
  run_ok (f, op_new (GRM_SESSION_OP_SEAL));
  op = op_new (GRM_SESSION_OP_DECISION);
  op->item = g_strdup (item5);
  op->text = g_strdup ("changed");
  run_fails (f, op, GRM_ERROR_SEALED);
  run_fails (f, vote_op (item_id (s, "9."), GRM_VOTE_KIND_UNANIMOUS, 0, 0, 0, 0), GRM_ERROR_SEALED);
  op = op_new (GRM_SESSION_OP_CORRECTION);
  op->text = g_strdup ("Zu TOP 5: Herr X war anwesend.");
  run_ok (f, op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load (f);
  item = grm_session_state_find_item (s, item5);
  g_assert_cmpstr (item->decision, ==, "Der Rat beschließt die Grundsatzentscheidung.");
  g_assert_cmpint (s->sealed, >, 0);
  g_assert_nonnull (s->sealed_audit_head);
  g_assert_cmpint (s->ended, >, 0);

  /* the audit chain holds */
  {
    g_autoptr(GrmDb) db = grm_db_open (grm_store_get_path (f->store), TRUE, &error);

    g_assert_no_error (error);
    g_assert_true (grm_session_store_verify_audit (db, &n_entries, &error));
    g_assert_no_error (error);
    g_assert_cmpint (n_entries, >, 40);
  }
  g_free (item4);
  g_free (item5);
  g_free (item6);
  g_free (item18);
}

static void
sql (const char *path, const char *statement)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmDb) db = grm_db_open (path, FALSE, &error);

  g_assert_no_error (error);
  grm_db_exec (db, statement, &error);
  g_assert_no_error (error);
}

static void
assert_broken (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmDb) db = grm_db_open (path, TRUE, &error);

  g_assert_no_error (error);
  g_assert_false (grm_session_store_verify_audit (db, NULL, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN);
  g_test_message ("detected: %s", error->message);
}

/* Tampering with the file behind the app's back is evident. */
static void
test_tamper (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (grm_store_get_path (f->store));
  g_autofree char *copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSessionState) s = NULL;

  run_ok (f, op_new (GRM_SESSION_OP_START));
  s = load (f);
  arrive (f, s, 20);
  run_ok (f, vote_op (item_id (s, "5."), GRM_VOTE_KIND_COUNTS, 12, 5, 3, 0));
  run_ok (f, vote_op (item_id (s, "6."), GRM_VOTE_KIND_COUNTS, 15, 5, 0, 0));
  g_clear_object (&f->store);

  /* the triggers refuse the plain way */
  {
    g_autoptr(GrmDb) db = grm_db_open (path, FALSE, &error);

    g_assert_no_error (error);
    g_assert_false (grm_db_exec (db, "UPDATE audit_log SET actor = 'x' WHERE seq = 3", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_false (grm_db_exec (db, "UPDATE vote SET yes = 20 WHERE vid = 1", &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  sql (path, "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;");
  sql (path, "CREATE TABLE saved AS SELECT * FROM audit_log");

  /* edited */
  sql (path, "UPDATE audit_log SET payload = replace (payload, '12', '13') "
             "WHERE action = 'vote.close' AND payload LIKE '%[12,5,3,0]%'");
  assert_broken (path);
  sql (path, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM saved");
  {
    g_autoptr(GrmDb) db = grm_db_open (path, TRUE, &error);

    g_assert_true (grm_session_store_verify_audit (db, NULL, &error));
    g_assert_no_error (error);
  }
  /* removed from the middle */
  sql (path, "DELETE FROM audit_log WHERE seq = 5");
  assert_broken (path);
  sql (path, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM saved");
  /* removed at the end */
  sql (path, "DELETE FROM audit_log WHERE seq = (SELECT max (seq) FROM audit_log)");
  assert_broken (path);
  sql (path, "DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM saved");
  /* reordered: two entries swap places (their seq numbers swapped) */
  sql (path, "UPDATE audit_log SET seq = -1 WHERE seq = 3; "
             "UPDATE audit_log SET seq = 3 WHERE seq = 4; "
             "UPDATE audit_log SET seq = 4 WHERE seq = -1");
  assert_broken (path);
  (void) copy;
}

static gboolean
create_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  const char *items[] = { "Ö 1|Eröffnung|1", "Ö 2|Haushalt 2027|1", "N 1|Personalsache|0", NULL };

  *result = grm_session_store_create_meeting (db, "Bauausschuss (1. Sitzung)",
                                              "2026-11-28T18:00:00+01:00",
                                              "https://sdnetrim.kdvz-frechen.de/rim4220/"
                                              "webservice/oparl/v1.0/body/1/organization/1-2",
                                              items, "Test Secretary", error);
  return *result != NULL;
}

static gboolean
local_load_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, data, error);
  return *result != NULL;
}

#define ORG "https://sdnetrim.kdvz-frechen.de/rim4220/webservice/oparl/v1.0/body/1/organization/1-8"

static void
add_member (const char *path, const char *person, const char *name, const char *role)
{
  g_autofree char *statement = g_strdup_printf (
    "INSERT INTO object (id, type, raw) VALUES ('%s', 'Person', '{}');"
    "INSERT INTO person (oid, name, family_name) VALUES (last_insert_rowid (), '%s', '%s');"
    "INSERT INTO object (id, type, parent, position, raw) "
    " VALUES ('%s#m', 'Membership', '%s', 0, '{}');"
    "INSERT INTO membership (oid, person, organization, role, voting_right, start_date) "
    " VALUES (last_insert_rowid (), '%s', '" ORG "', '%s', 1, '2020-11-01');",
    person, name, name, person, person, person, role);

  sql (path, statement);
}

/* Deputies by the roles OParl servers use, in any case, are on the roll
 * without a vote; a deputy office is no deputy membership. A present deputy
 * is marked explicitly as standing in for an absent member. */
static void
test_deputies (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (grm_store_get_path (f->store));
  g_autoptr(GrmSessionState) s = NULL;
  GrmSessionMember *m, *regular;
  GrmSessionOp *op;

  add_member (path, "urn:test:dora", "Dora Deputy", "Stellvertreter");
  add_member (path, "urn:test:emil", "Emil Ersatz", "stellvertretendes Mitglied");
  add_member (path, "urn:test:fiona", "Fiona Vertretung", "VERTRETERIN");
  add_member (path, "urn:test:greta", "Greta Gross", "1. stellv. Bürgermeisterin");
  run_ok (f, op_new (GRM_SESSION_OP_START));
  s = load (f);
  g_assert_cmpuint (s->members->len, ==, 33);
  g_assert_cmpuint (s->statutory, ==, 28);      /* 27 + the deputy mayor */
  g_assert_false (grm_session_state_find_member (s, "urn:test:dora")->voting_right);
  g_assert_false (grm_session_state_find_member (s, "urn:test:emil")->voting_right);
  g_assert_false (grm_session_state_find_member (s, "urn:test:fiona")->voting_right);
  g_assert_true (grm_session_state_find_member (s, "urn:test:greta")->voting_right);
  /* those without a vote come last on the roll */
  m = g_ptr_array_index (s->members, s->members->len - 1);
  g_assert_false (m->voting_right);
  m = g_ptr_array_index (s->members, 0);
  g_assert_true (m->voting_right);

  /* Dora is present and stands in for the absent first member */
  regular = g_ptr_array_index (s->members, 0);
  op = op_new (GRM_SESSION_OP_ARRIVE);
  op->person = g_strdup ("urn:test:dora");
  run_ok (f, op);
  op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE);
  op->person = g_strdup ("urn:test:greta");             /* a member with a vote: refused */
  op->item = g_strdup (regular->person);
  run_fails (f, op, GRM_ERROR_INVALID_DATA);
  op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE);
  op->person = g_strdup ("urn:test:dora");
  op->item = g_strdup (regular->person);
  run_ok (f, op);
  {
    g_autoptr(GrmSessionState) now = load (f);

    m = grm_session_state_find_member (now, "urn:test:dora");
    g_assert_true (m->voting_right);
    g_assert_cmpstr (m->substitute_for, ==, regular->person);
    g_assert_cmpstr (m->name, ==, "Dora Deputy");
    g_assert_cmpstr (m->role, ==, "Stellvertreter");
    g_assert_true (grm_session_state_is_entitled (now, m, NULL));
    g_assert_cmpuint (grm_session_state_count_present (now), ==, 1);
    g_assert_cmpuint (now->members->len, ==, 33);       /* no second Dora */
  }
  assert_sql_agrees (f);
  /* One substitute per member: neither Emil nor a new person can stand in
   * for the same member as well, and the message names both. Dora may be
   * marked again. */
  op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE);
  op->person = g_strdup ("urn:test:emil");
  op->item = g_strdup (regular->person);
  run_fails (f, op, GRM_ERROR_CONFLICT);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = g_strdup_printf ("Dora Deputy already stands in for %s",
                                                 regular->name);

    op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE);
    op->text = g_strdup ("Nina Neu");
    op->item = g_strdup (regular->person);
    g_assert_false (live_fixture_run (f->store, op, &error));
    g_assert_error (error, GRM_ERROR, GRM_ERROR_CONFLICT);
    g_assert_true (g_str_has_prefix (error->message, expected));
    grm_session_op_free (op);
  }
  op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE);
  op->person = g_strdup ("urn:test:dora");
  op->item = g_strdup (regular->person);
  run_ok (f, op);
  {
    g_autoptr(GrmSessionState) now = load (f);

    g_assert_cmpuint (now->members->len, ==, 33);       /* nobody added */
    g_assert_false (grm_session_state_find_member (now, "urn:test:emil")->voting_right);
  }
  /* the member is back: Dora no longer votes */
  op = op_new (GRM_SESSION_OP_ARRIVE);
  op->person = g_strdup (regular->person);
  run_ok (f, op);
  {
    g_autoptr(GrmSessionState) now = load (f);

    g_assert_false (grm_session_state_is_entitled (
                      now, grm_session_state_find_member (now, "urn:test:dora"), NULL));
    g_assert_cmpuint (grm_session_state_count_present (now), ==, 1);
  }
  assert_sql_agrees (f);
}

/* The state's quorum rule is chosen at the start and kept with the
 * session; an unknown one is refused and starts nothing. */
static void
test_state_rule (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmSessionState) s = NULL;
  GrmSessionOp *op;
  GrmQuorum q;

  op = op_new (GRM_SESSION_OP_START);
  op->rule = g_strdup ("atlantis");
  run_fails (f, op, GRM_ERROR_INVALID_DATA);
  s = load (f);
  g_assert_false (s->has_session);
  g_clear_pointer (&s, grm_session_state_free);

  op = op_new (GRM_SESSION_OP_START);
  op->rule = g_strdup ("bw");
  run_ok (f, op);
  s = load (f);
  g_assert_true (s->has_session);
  g_assert_cmpstr (s->quorum_rule, ==, "bw");
  g_assert_cmpstr (grm_session_state_quorum_rule (s)->id, ==, "bw");
  /* at least half of 27 (§ 37 Abs. 2 GemO BW) */
  grm_session_state_quorum (s, NULL, &q);
  g_assert_cmpuint (q.required, ==, 14);
  assert_sql_agrees (f);
}

static void
test_local_meeting (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GrmSessionState) s = NULL;
  GrmSessionOp *op;

  grm_store_write_sync (f->store, create_job, NULL, (gpointer *) &id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (id, "urn:uuid:"));
  op = grm_session_op_new (GRM_SESSION_OP_START, id, "Test Secretary");
  live_fixture_run (f->store, op, &error);
  g_assert_no_error (error);
  grm_session_op_free (op);
  grm_store_read_sync (f->store, local_load_job, id, (gpointer *) &s, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (s->items->len, ==, 3);
  g_assert_true (g_str_has_prefix (((GrmSessionItem *) s->items->pdata[0])->id, "urn:uuid:"));
  g_assert_false (((GrmSessionItem *) s->items->pdata[2])->is_public);
  g_assert_cmpstr (s->organization_name, ==, "Haupt- und Finanzausschuss");
  /* Haupt- und Finanzausschuss in November 2026: the members of the
   * current term, deputies on the roll without a vote */
  g_assert_cmpuint (s->members->len, >, 0);
  g_assert_cmpuint (s->statutory, <, s->members->len);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/live/store/session", Fixture, NULL, fixture_setup, test_session, fixture_teardown);
  g_test_add ("/live/store/tamper", Fixture, NULL, fixture_setup, test_tamper, fixture_teardown);
  g_test_add ("/live/store/deputies", Fixture, NULL, fixture_setup, test_deputies,
              fixture_teardown);
  g_test_add ("/live/store/state-rule", Fixture, NULL, fixture_setup, test_state_rule,
              fixture_teardown);
  g_test_add ("/live/store/local-meeting", Fixture, NULL, fixture_setup, test_local_meeting,
              fixture_teardown);
  return g_test_run ();
}
