/* live-recorder.c: a child process for the durability test. It records
 * votes into an existing session, one durable write job each, and prints
 * "vote VID ITEM YES NO" on stdout only after the job returned: from then
 * on the vote must survive anything, SIGKILL included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "grm-session-store.h"
#include "live-fixture.h"

static gboolean
items_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmStore) store = NULL;
  g_autoptr(GrmSessionState) state = NULL;
  guint entitled;

  if (argc != 2)
    {
      g_printerr ("usage: live-recorder DB\n");
      return 2;
    }
  store = grm_store_open (argv[1], &error);
  if (store == NULL || !grm_store_read_sync (store, items_job, NULL, (gpointer *) &state, &error))
    {
      g_printerr ("live-recorder: %s\n", error->message);
      return 1;
    }
  entitled = grm_session_state_count_entitled (state, NULL);

  for (guint n = 0;; n++)
    {
      GrmSessionItem *item = g_ptr_array_index (state->items, 1 + n % 19);
      GrmSessionOp *op = grm_session_op_new (GRM_SESSION_OP_VOTE_RECORD, LIVE_MEETING, "recorder");
      guint yes = n % (entitled + 1);

      op->item = g_strdup (item->id);
      op->vote_kind = GRM_VOTE_KIND_COUNTS;
      op->counts = (GrmVoteCounts) { yes, entitled - yes, 0, 0 };
      if (!grm_store_write_sync (store, grm_session_op_run, op, NULL, &error))
        {
          g_printerr ("live-recorder: %s\n", error->message);
          return 1;
        }
      /* Only now, with the transaction committed, is the vote confirmed. */
      printf ("vote %" G_GINT64_FORMAT " %s %u %u\n", op->vid, item->id, yes, entitled - yes);
      fflush (stdout);
      grm_session_op_free (op);
    }
  return 0;
}
