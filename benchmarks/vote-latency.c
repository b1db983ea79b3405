/* vote-latency.c: from a key press to the vote being durably on disk.
 *
 * A key press in the session page becomes one write job (one transaction,
 * synchronous=FULL, audit entry included); the screen confirms when the
 * job's callback runs on the main loop, then reads a new snapshot on a
 * reader. This measures that path for the choices of a named vote and for
 * count increments of an open vote, late in a session (most items already
 * voted on, some by name), three ways:
 *
 *   lean     the write alone: key press -> on disk (what "Saved" waits for)
 *   +read    the write, then the snapshot read on a reader (the page now);
 *            both the time to disk and the time to the snapshot in hand
 *   before   the snapshot read inside the write transaction (the old page)
 *
 * The three run interleaved in short rounds, so that the load of a shared
 * machine falls on all of them alike. Prints median, p99 and max.
 *
 *   build-x/benchmarks/vote-latency [N [BUSY]]   (GRM_SHARED_DATA must be set)
 *
 * N presses per way and vote (default 600); BUSY threads spin on the CPU
 * meanwhile, to see the tail under load.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "grm-session-store.h"
#include "live-fixture.h"

#define ROUNDS 10

typedef enum { LEAN, THEN_READ, BEFORE, N_WAYS } Way;

static const char *way_names[] = { "lean", "+read", "before" };

typedef struct
{
  GMainLoop *loop;
  GrmStore  *store;
  GPtrArray *people;
  gint64     vid;
  gboolean   counts;
  Way        way;
  guint      left;
  guint      n;           /* presses so far, for the choice pattern */
  gint64     started;
  GArray    *times[N_WAYS];
  GArray    *screen;      /* THEN_READ: press -> snapshot in hand */
} Bench;

static void press (Bench *b);

static gboolean
state_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

static void
next (Bench *b)
{
  if (--b->left == 0)
    g_main_loop_quit (b->loop);
  else
    press (b);
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  gpointer state = grm_store_read_finish (GRM_STORE (source), result, &error);
  double ms = (g_get_monotonic_time () - b->started) / 1000.0;

  if (error != NULL)
    g_error ("%s", error->message);
  g_clear_pointer (&state, grm_session_state_free);
  g_array_append_val (b->screen, ms);
  next (b);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  Bench *b = data;
  g_autoptr(GError) error = NULL;
  gpointer state = grm_store_write_finish (GRM_STORE (source), result, &error);
  double ms = (g_get_monotonic_time () - b->started) / 1000.0;

  if (error != NULL)
    g_error ("%s", error->message);
  g_clear_pointer (&state, grm_session_state_free);
  g_array_append_val (b->times[b->way], ms);
  if (b->way == THEN_READ)
    grm_store_read_async (b->store, state_job, NULL, NULL,
                          (GDestroyNotify) grm_session_state_free, NULL, read_cb, b);
  else
    next (b);
}

static void
press (Bench *b)
{
  GrmSessionOp *op;
  guint n = b->n++;

  if (b->counts)
    {
      /* A key press: one more yes or no on what is recorded; every 20th
       * press the counts go back to zero (27 may vote). */
      op = grm_session_op_new (n % 20 == 19 ? GRM_SESSION_OP_VOTE_COUNTS
                                            : GRM_SESSION_OP_VOTE_ADD, LIVE_MEETING, "bench");
      if (n % 20 != 19)
        op->counts = (GrmVoteCounts) { n % 2, (n + 1) % 2, 0, 0 };
    }
  else
    {
      op = grm_session_op_new (GRM_SESSION_OP_VOTE_CAST, LIVE_MEETING, "bench");
      op->person = g_strdup (g_ptr_array_index (b->people, n % b->people->len));
      op->text = g_strdup (n % 3 == 0 ? "yes" : n % 3 == 1 ? "no" : "abstain");
    }
  op->vid = b->vid;
  op->reload = b->way == BEFORE;
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
report (const char *label,
        GArray     *times)
{
  guint n = times->len;

  g_array_sort (times, cmp_double);
  printf ("  %-40s n=%-5u median %6.2f ms   p99 %6.2f ms   max %6.2f ms\n", label, n,
          g_array_index (times, double, n / 2),
          g_array_index (times, double, (n * 99) / 100),
          g_array_index (times, double, n - 1));
}

static void
measure (Bench      *b,
         const char *what,
         guint       n)
{
  for (Way w = 0; w < N_WAYS; w++)
    g_array_set_size (b->times[w], 0);
  g_array_set_size (b->screen, 0);
  for (guint r = 0; r < ROUNDS; r++)
    for (Way w = 0; w < N_WAYS; w++)
      {
        b->way = w;
        b->left = n / ROUNDS;
        press (b);
        g_main_loop_run (b->loop);
      }
  printf ("%s\n", what);
  for (Way w = 0; w < N_WAYS; w++)
    {
      g_autofree char *label = g_strdup_printf ("%s: key press -> on disk", way_names[w]);

      report (label, b->times[w]);
      if (w == THEN_READ)
        report ("+read: key press -> snapshot for screen", b->screen);
    }
}

/* A thread that keeps a core busy, as a compiler or a browser would. */
static gpointer
busy_thread (gpointer data)
{
  volatile guint64 x = 0;

  while (!g_atomic_int_get ((int *) data))
    for (guint k = 0; k < 100000; k++)
      x += k * k;
  return NULL;
}

static gint64
run_sync (GrmStore *store, GrmSessionOp *op)
{
  g_autoptr(GError) error = NULL;
  gint64 vid;

  if (!live_fixture_run (store, op, &error))
    g_error ("%s", error->message);
  vid = op->vid;
  grm_session_op_free (op);
  return vid;
}

static gint64
begin_vote (GrmStore *store, const char *item, GrmVoteKind kind)
{
  GrmSessionOp *op = grm_session_op_new (GRM_SESSION_OP_VOTE_BEGIN, LIVE_MEETING, "bench");

  op->item = g_strdup (item);
  op->vote_kind = kind;
  return run_sync (store, op);
}

/* Late in a session: items 8 to 32 voted on, every fifth by name. */
static void
fill_session (GrmStore *store, GrmSessionState *state, GPtrArray *people)
{
  for (guint k = 7; k < state->items->len; k++)
    {
      const char *item = ((GrmSessionItem *) state->items->pdata[k])->id;
      GrmSessionOp *op;

      if (k % 5 == 0)
        {
          gint64 vid = begin_vote (store, item, GRM_VOTE_KIND_NAMED);

          for (guint p = 0; p < people->len; p++)
            {
              op = grm_session_op_new (GRM_SESSION_OP_VOTE_CAST, LIVE_MEETING, "bench");
              op->vid = vid;
              op->person = g_strdup (g_ptr_array_index (people, p));
              op->text = g_strdup (p % 4 ? "yes" : "no");
              run_sync (store, op);
            }
          op = grm_session_op_new (GRM_SESSION_OP_VOTE_CLOSE, LIVE_MEETING, "bench");
          op->vid = vid;
          run_sync (store, op);
          continue;
        }
      op = grm_session_op_new (GRM_SESSION_OP_VOTE_RECORD, LIVE_MEETING, "bench");
      op->item = g_strdup (item);
      op->vote_kind = GRM_VOTE_KIND_COUNTS;
      op->counts = (GrmVoteCounts) { 15, 10, 2, 0 };
      run_sync (store, op);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *load = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmSessionState) state = NULL;
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 600;
  guint busy = argc > 2 ? (guint) atoi (argv[2]) : 0;
  int stop = 0;
  Bench b = { 0 };

  b.store = live_fixture_open (&dir);
  if (!live_fixture_load (b.store, &error))
    g_error ("%s", error->message);
  run_sync (b.store, grm_session_op_new (GRM_SESSION_OP_START, LIVE_MEETING, "bench"));
  grm_store_read_sync (b.store, state_job, NULL, (gpointer *) &state, &error);
  for (guint k = 0; k < state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);
      GrmSessionOp *op;

      if (!m->voting_right)
        continue;
      op = grm_session_op_new (GRM_SESSION_OP_ARRIVE, LIVE_MEETING, "bench");
      op->person = g_strdup (m->person);
      run_sync (b.store, op);
      g_ptr_array_add (people, g_strdup (m->person));
    }
  fill_session (b.store, state, people);

  b.loop = g_main_loop_new (NULL, FALSE);
  b.people = people;
  for (Way w = 0; w < N_WAYS; w++)
    b.times[w] = g_array_new (FALSE, FALSE, sizeof (double));
  b.screen = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < busy; k++)
    g_ptr_array_add (threads, g_thread_new ("busy", busy_thread, &stop));
  g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
  printf ("database: %s (synchronous=FULL, WAL)\n", grm_store_get_path (b.store));
  printf ("busy threads: %u; /proc/loadavg at start: %s", busy, load ? load : "?\n");

  b.vid = begin_vote (b.store, ((GrmSessionItem *) state->items->pdata[5])->id,
                      GRM_VOTE_KIND_NAMED);
  measure (&b, "named vote, one choice per key press", n);
  b.vid = begin_vote (b.store, ((GrmSessionItem *) state->items->pdata[6])->id,
                      GRM_VOTE_KIND_COUNTS);
  b.counts = TRUE;
  measure (&b, "open vote, one more yes or no per key press", n);

  g_clear_pointer (&load, g_free);
  g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
  printf ("/proc/loadavg at end: %s", load ? load : "?\n");
  g_atomic_int_set (&stop, 1);
  for (guint k = 0; k < threads->len; k++)
    g_thread_join (g_ptr_array_index (threads, k));
  for (Way w = 0; w < N_WAYS; w++)
    g_array_unref (b.times[w]);
  g_array_unref (b.screen);
  g_main_loop_unref (b.loop);
  g_clear_object (&b.store);
  live_fixture_remove (dir);
  return 0;
}
