/* vote-latency.c: from a key press to the vote being durably on disk.
 *
 * A key press in the session page becomes one write job (one transaction,
 * synchronous=FULL, audit entry included); the screen confirms when the
 * job's callback runs on the main loop. This measures exactly that path for
 * the choices of a named vote and for count increments of an open vote,
 * with and without the snapshot re-read the page asks for, and prints the
 * median and the 99th percentile.
 *
 *   build-x/benchmarks/vote-latency [N]      (GRM_SHARED_DATA must be set)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "grm-session-store.h"
#include "live-fixture.h"

typedef struct
{
  GMainLoop *loop;
  GrmStore  *store;
  GArray    *times;
  gint64     started;
  guint      left;
  GPtrArray *people;
  gint64     vid;
  gboolean   reload;
  gboolean   counts;
} Bench;

static void press (Bench *b);

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  gpointer state = grm_store_write_finish (GRM_STORE (source), result, &error);
  double ms = (g_get_monotonic_time () - b->started) / 1000.0;

  if (error != NULL)
    g_error ("%s", error->message);
  g_clear_pointer (&state, grm_session_state_free);
  g_array_append_val (b->times, ms);
  if (--b->left == 0)
    g_main_loop_quit (b->loop);
  else
    press (b);
}

static void
press (Bench *b)
{
  GrmSessionOp *op;
  guint n = b->times->len;

  if (b->counts)
    {
      op = grm_session_op_new (GRM_SESSION_OP_VOTE_COUNTS, LIVE_MEETING, "bench");
      op->counts = (GrmVoteCounts) { n % 10, (n / 10) % 5, 0, 0 };
    }
  else
    {
      op = grm_session_op_new (GRM_SESSION_OP_VOTE_CAST, LIVE_MEETING, "bench");
      op->person = g_strdup (g_ptr_array_index (b->people, n % b->people->len));
      op->text = g_strdup (n % 3 == 0 ? "yes" : n % 3 == 1 ? "no" : "abstain");
    }
  op->vid = b->vid;
  op->reload = b->reload;
  b->started = g_get_monotonic_time ();
  grm_store_write_async (b->store, grm_session_op_run, op, grm_session_op_free,
                         (GDestroyNotify) grm_session_state_free, NULL, done_cb, b);
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
run (Bench      *b,
     const char *label,
     guint       n)
{
  b->times = g_array_new (FALSE, FALSE, sizeof (double));
  b->left = n;
  press (b);
  g_main_loop_run (b->loop);
  g_array_sort (b->times, cmp_double);
  printf ("%-44s n=%u  median %.2f ms  p99 %.2f ms  max %.2f ms\n", label, n,
          g_array_index (b->times, double, n / 2),
          g_array_index (b->times, double, (n * 99) / 100),
          g_array_index (b->times, double, n - 1));
  g_array_unref (b->times);
}

static gboolean
state_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

static gint64
begin_vote (GrmStore *store, const char *item, GrmVoteKind kind)
{
  g_autoptr(GError) error = NULL;
  GrmSessionOp *op = grm_session_op_new (GRM_SESSION_OP_VOTE_BEGIN, LIVE_MEETING, "bench");
  gint64 vid;

  op->item = g_strdup (item);
  op->vote_kind = kind;
  if (!live_fixture_run (store, op, &error))
    g_error ("%s", error->message);
  vid = op->vid;
  grm_session_op_free (op);
  return vid;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSessionState) state = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 500;
  Bench b = { 0 };
  GrmSessionOp *op;

  b.store = live_fixture_open (&dir);
  if (!live_fixture_load (b.store, &error))
    g_error ("%s", error->message);
  op = grm_session_op_new (GRM_SESSION_OP_START, LIVE_MEETING, "bench");
  live_fixture_run (b.store, op, NULL);
  grm_session_op_free (op);
  grm_store_read_sync (b.store, state_job, NULL, (gpointer *) &state, &error);
  for (guint k = 0; k < state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);

      if (!m->voting_right)
        continue;
      op = grm_session_op_new (GRM_SESSION_OP_ARRIVE, LIVE_MEETING, "bench");
      op->person = g_strdup (m->person);
      live_fixture_run (b.store, op, NULL);
      grm_session_op_free (op);
      g_ptr_array_add (people, g_strdup (m->person));
    }

  b.loop = g_main_loop_new (NULL, FALSE);
  b.people = people;
  printf ("database: %s (synchronous=FULL, WAL)\n", grm_store_get_path (b.store));

  b.vid = begin_vote (b.store, ((GrmSessionItem *) state->items->pdata[5])->id,
                      GRM_VOTE_KIND_NAMED);
  run (&b, "named vote, one choice per key press", n);
  b.reload = TRUE;
  run (&b, "named vote, key press + snapshot for screen", n);
  b.vid = begin_vote (b.store, ((GrmSessionItem *) state->items->pdata[6])->id,
                      GRM_VOTE_KIND_COUNTS);
  b.counts = TRUE;
  b.reload = FALSE;
  run (&b, "open vote, counts per key press", n);
  b.reload = TRUE;
  run (&b, "open vote, key press + snapshot for screen", n);

  g_main_loop_unref (b.loop);
  g_clear_object (&b.store);
  live_fixture_remove (dir);
  return 0;
}
