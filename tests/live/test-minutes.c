/* test-minutes.c: the minutes PDF says what was recorded.
 *
 * Records a session on the real Hürtgenwald council, exports the minutes
 * off the main thread and through the command line entry point, and reads
 * the PDFs back with pdftotext: attendance, the exclusion, the votes with
 * their rules and results, the decision; the public version leaves the
 * non-public part out; sealed minutes print the audit head.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-minutes-pdf.h"
#include "grm-session-store.h"
#include "live-fixture.h"

int grm_cli_export_minutes (int argc, char **argv);
int grm_cli_fail (GError *error);

/* gremium-cli.c's error printer, which the command calls. */
int
grm_cli_fail (GError *error)
{
  g_printerr ("gremium-cli: %s\n", error ? error->message : "failed");
  return 1;
}

static GrmStore *store;
static char *dir;

static gboolean
state_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, LIVE_MEETING, error);
  return *result != NULL;
}

static GrmSessionState *
load (void)
{
  gpointer state = NULL;

  g_assert_true (grm_store_read_sync (store, state_job, NULL, &state, NULL));
  return state;
}

static gint64
run (GrmSessionOp *op)
{
  g_autoptr(GError) error = NULL;
  gint64 vid;

  live_fixture_run (store, op, &error);
  g_assert_no_error (error);
  vid = op->vid;
  grm_session_op_free (op);
  return vid;
}

static GrmSessionOp *
op_new (GrmSessionOpKind kind, const char *item)
{
  GrmSessionOp *op = grm_session_op_new (kind, LIVE_MEETING, "Frau Sekretärin");

  op->item = g_strdup (item);
  return op;
}

static const char *
item (GrmSessionState *s, const char *number)
{
  for (guint k = 0; k < s->items->len; k++)
    if (g_strcmp0 (((GrmSessionItem *) s->items->pdata[k])->number, number) == 0)
      return ((GrmSessionItem *) s->items->pdata[k])->id;
  g_assert_not_reached ();
}

static void
record_session (void)
{
  g_autoptr(GrmSessionState) s = NULL;
  GrmSessionMember *first, *absent;
  GrmSessionOp *op;
  gint64 vid;
  guint n = 0;

  run (op_new (GRM_SESSION_OP_START, NULL));
  s = load ();
  absent = g_ptr_array_index (s->members, 0);
  first = g_ptr_array_index (s->members, 1);
  for (guint k = 1; k < s->members->len && n < 20; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);

      if (!m->voting_right)
        continue;
      op = op_new (GRM_SESSION_OP_ARRIVE, NULL);
      op->person = g_strdup (m->person);
      run (op);
      n++;
    }
  op = op_new (GRM_SESSION_OP_ADD_SUBSTITUTE, absent->person);
  op->text = g_strdup ("Erika Mustermann");
  op->text2 = g_strdup ("Vertreterin");
  op->person = g_strdup ("urn:uuid:5b7e0000-0000-4000-8000-000000000001");
  run (op);
  op = op_new (GRM_SESSION_OP_ARRIVE, NULL);
  op->person = g_strdup ("urn:uuid:5b7e0000-0000-4000-8000-000000000001");
  run (op);

  op = op_new (GRM_SESSION_OP_EXCLUDE, item (s, "16."));
  op->person = g_strdup (first->person);
  op->text = g_strdup ("Nachbar des Grundstücks");
  run (op);
  op = op_new (GRM_SESSION_OP_VOTE_RECORD, item (s, "16."));
  op->vote_kind = GRM_VOTE_KIND_COUNTS;
  op->counts = (GrmVoteCounts) { 12, 5, 3, 0 };
  run (op);
  op = op_new (GRM_SESSION_OP_DECISION, item (s, "16."));
  op->text = g_strdup ("Der Rat beschließt die Veräußerung der Grundstücke an der Kallbrücke.");
  op->text2 = g_strdup ("Aussprache über die Erschließung.");
  run (op);

  op = op_new (GRM_SESSION_OP_VOTE_BEGIN, item (s, "17."));
  op->vote_kind = GRM_VOTE_KIND_NAMED;
  op->rule = g_strdup ("two-thirds-present");
  vid = run (op);
  g_clear_pointer (&s, grm_session_state_free);
  s = load ();
  for (guint k = 0, c = 0; k < s->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);

      if (!grm_session_state_is_entitled (s, m, NULL))
        continue;
      op = op_new (GRM_SESSION_OP_VOTE_CAST, NULL);
      op->vid = vid;
      op->person = g_strdup (m->person);
      op->text = g_strdup (c++ < 15 ? "yes" : "no");
      run (op);
    }
  op = op_new (GRM_SESSION_OP_VOTE_CLOSE, NULL);
  op->vid = vid;
  run (op);

  op = op_new (GRM_SESSION_OP_VOTE_RECORD, item (s, "18."));
  op->vote_kind = GRM_VOTE_KIND_SECRET;
  op->counts = (GrmVoteCounts) { 11, 8, 1, 1 };
  run (op);

  op = op_new (GRM_SESSION_OP_VOTE_RECORD, item (s, "4."));
  op->vote_kind = GRM_VOTE_KIND_ELECTION;
  op->candidates = g_strdup ("[{\"name\":\"Anna Schmitz\",\"votes\":13},"
                             "{\"name\":\"Bernd Lauscher\",\"votes\":7}]");
  run (op);

  run (op_new (GRM_SESSION_OP_OPEN_ITEM, item (s, "22.")));
  op = op_new (GRM_SESSION_OP_DECISION, item (s, "22."));
  op->text = g_strdup ("Vertraulicher Beschluss über Schadensersatz.");
  run (op);
  run (op_new (GRM_SESSION_OP_END, NULL));
}

static char *
pdf_text (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static char *
collapse (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);

  return g_regex_replace_literal (re, text, -1, 0, " ", 0, NULL);
}

/* pdftotext breaks lines where the PDF does: compare with blanks collapsed. */
static void
assert_contains (const char *text, const char *needle)
{
  g_autofree char *t = collapse (text);

  if (strstr (t, needle) == NULL)
    g_error ("the minutes lack “%s”", needle);
}

/* The text of the minutes between two markers (item titles). */
static char *
section (const char *text, const char *from, const char *to)
{
  g_autofree char *t = collapse (text);
  const char *a = strstr (t, from);
  const char *b = a ? strstr (a, to) : NULL;

  if (a == NULL || b == NULL)
    g_error ("the minutes lack “%s” … “%s”", from, to);
  return g_strndup (a, b - a);
}

static void
export_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (grm_minutes_export_finish (result, &error));
  g_assert_no_error (error);
  g_main_loop_quit (data);
}

static void
test_minutes (void)
{
  g_autofree char *full = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "live-minutes.pdf",
                                            NULL);
  g_autofree char *pub = g_build_filename (g_getenv ("G_TEST_BUILDDIR"),
                                           "live-minutes-public.pdf", NULL);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *text = NULL;
  g_autofree char *ptext = NULL;
  g_autofree char *db = g_strdup (grm_store_get_path (store));
  char *argv[] = { "export-minutes", "--db", db, "--meeting", LIVE_MEETING, "--public",
                   "-o", pub, NULL };

  record_session ();
  grm_minutes_export_async (store, LIVE_MEETING, FALSE, full, NULL, export_cb, loop);
  g_main_loop_run (loop);

  text = pdf_text (full);
  assert_contains (text, "Gemeinderat (8. Sitzung)");
  assert_contains (text, "Attendance");
  assert_contains (text, "Erika Mustermann");
  assert_contains (text, "substitute for");
  assert_contains (text, "Absent");
  assert_contains (text, "Nachbar des Grundstücks");
  assert_contains (text, "Excluded for bias");
  assert_contains (text, "yes 12, no 5, abstentions 3, invalid 0; entitled to vote: 20");
  assert_contains (text, "Simple majority");
  assert_contains (text, "Two thirds of the members present");
  assert_contains (text, "Named vote");
  assert_contains (text, "Secret ballot");
  assert_contains (text, "yes 11, no 8, abstentions 1, invalid 1");
  assert_contains (text, "Elected: Anna Schmitz");
  assert_contains (text, "Kallbrücke");
  assert_contains (text, "Aussprache über die Erschließung");
  assert_contains (text, "Non-public part");
  assert_contains (text, "Vertraulicher Beschluss");
  assert_contains (text, "Audit log verified");
  assert_contains (text, "Draft");
  assert_contains (text, "Page 1 of ");

  /* per item: who was present and entitled, by name in a named vote, and
   * who was excluded */
  {
    g_autofree char *i16 = section (text, "Grundstückveräußerung zur Entwicklung",
                                    "Befreiung von der Pflicht");
    g_autofree char *i17 = section (text, "Befreiung von der Pflicht",
                                    "Feststellung des Jahresabschlusses");
    g_autofree char *i22 = section (text, "Vertraulicher Beschluss", "Record");
    g_autofree char *np = section (text, "Non-public part", "Vertraulicher Beschluss");

    g_test_message ("item 16: %s", i16);
    g_test_message ("item 17: %s", i17);
    assert_contains (i16, "Attendance 20 of 27 members present and entitled to vote");
    assert_contains (i16, "Excluded for bias");
    assert_contains (i16, "Nachbar des Grundstücks");
    g_assert_null (strstr (i16, "Entitled to vote")); /* counts only: no names */
    assert_contains (i17, "Attendance 21 of 27 members present and entitled to vote");
    assert_contains (i17, "Entitled to vote");
    assert_contains (i17, "Erika Mustermann");
    g_assert_null (strstr (i17, "Excluded for bias"));
    /* item 22 was opened and decided without a vote: counted from the stays */
    assert_contains (np, "Attendance 21 of 27 members present and entitled to vote");
    g_assert_null (strstr (i22, "Attendance"));
  }

  /* the public version, sealed, through the command's entry point */
  run (op_new (GRM_SESSION_OP_SEAL, NULL));
  g_assert_cmpint (grm_cli_export_minutes (G_N_ELEMENTS (argv) - 1, argv), ==, 0);
  ptext = pdf_text (pub);
  assert_contains (ptext, "Public version");
  assert_contains (ptext, "Kallbrücke");
  assert_contains (ptext, "Sealed on");
  g_assert_null (strstr (ptext, "Vertraulicher Beschluss"));
  g_assert_null (strstr (ptext, "Non-public part"));
  g_assert_null (strstr (ptext, "Sachstandbericht mit Details"));
  g_test_message ("minutes written to %s and %s", full, pub);
}

static void
test_atomic (void)
{
  g_autofree char *target = g_build_filename (dir, "nested", "minutes.pdf", NULL);
  g_autoptr(GError) error = NULL;

  /* A directory that does not exist: fails cleanly, leaves nothing. */
  g_assert_false (grm_minutes_export_sync (store, LIVE_MEETING, FALSE, target, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  store = live_fixture_open (&dir);
  live_fixture_load (store, &error);
  g_assert_no_error (error);
  g_test_add_func ("/live/minutes/pdf", test_minutes);
  g_test_add_func ("/live/minutes/atomic", test_atomic);
  ret = g_test_run ();
  g_clear_object (&store);
  live_fixture_remove (dir);
  g_free (dir);
  return ret;
}
