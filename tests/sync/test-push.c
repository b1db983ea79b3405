/* test-push.c: publishing a recorded session through the write extension
 * of the real test server (Hürtgenwald, synced first; account clerk:secret).
 *
 * argv[1] is the test server, argv[2] the push command as its own program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "grm-error.h"
#include "grm-push.h"
#include "grm-push-scheduler.h"
#include "grm-session-state.h"
#include "grm-session-store.h"
#include "grm-store.h"
#include "grm-store-outbox.h"
#include "grm-sync.h"

static const char *server_path;
static const char *cli_path;

typedef struct
{
  GSubprocess *server;
  char        *system_url;
  char        *base;
  char        *api;
  char        *meeting;
  char        *dir;
  char        *db_path;
  GrmStore    *store;
  char        *item;       /* agenda item "5." of the meeting */
  char        *item6;
  char        *item7;
  GPtrArray   *persons;    /* present members */
  guint        present;
} Fixture;

/* ---- the test server ---- */

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
start_server (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *shared = g_getenv ("GRM_SHARED_DATA");
  g_autofree char *data = g_build_filename (shared, "oparl", "huertgenwald", NULL);
  g_autofree char *pdfs = g_build_filename (shared, "pdfs", "text", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;

  /* GRM_TEST_SERVER_LOG=1 shows the server's log; a test that aborts
   * takes its server with it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        (g_getenv ("GRM_TEST_SERVER_LOG")
                                         ? 0 : G_SUBPROCESS_FLAGS_STDERR_SILENCE));
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  f->server = g_subprocess_launcher_spawn (launcher, &error, server_path, "--data", data,
                                           "--pdfs", pdfs, "--port", "0",
                                           "--account", "clerk:secret", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->server));
  f->system_url = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (f->system_url, "http://127.0.0.1:"));
  f->base = g_strndup (f->system_url, strchr (f->system_url + 7, '/') + 1 - f->system_url);
  f->api = g_strconcat (f->base, "_write/v1/", NULL);
  f->meeting = g_strconcat (f->base, "body/1/meeting/2531", NULL);
}

/* A request as another client would make it; returns the status. */
static guint
http (const char  *method,
      const char  *url,
      const char  *auth_user_password,
      const char  *json,
      const char  *idempotency_key,
      char       **etag,
      JsonObject **reply,
      gboolean    *replayed)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  if (auth_user_password != NULL)
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) auth_user_password,
                                              strlen (auth_user_password));
      g_autofree char *value = g_strconcat ("Basic ", b64, NULL);

      soup_message_headers_replace (headers, "Authorization", value);
    }
  if (idempotency_key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", idempotency_key);
  if (json != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (json, strlen (json));

      soup_message_set_request_body_from_bytes (msg, "application/json", request);
    }
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"));
  if (replayed != NULL)
    *replayed = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                              "Idempotency-Replayed") != NULL;
  if (reply != NULL)
    {
      g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (body, NULL), NULL);

      *reply = node && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node))
                                                     : NULL;
    }
  return soup_message_get_status (msg);
}

/* The meeting as the write API shows it now, and its version. */
static JsonObject *
server_meeting (Fixture  *f,
                char    **etag)
{
  g_autofree char *escaped = g_uri_escape_string (f->meeting, NULL, FALSE);
  g_autofree char *url = g_strconcat (f->api, "objects?id=", escaped, NULL);
  JsonObject *obj = NULL;

  g_assert_cmpuint (http ("GET", url, "clerk:secret", NULL, NULL, etag, &obj, NULL), ==, 200);
  g_assert_nonnull (obj);
  return obj;
}

/* Someone else renames the meeting on the server (its version moves on). */
static void
change_on_server (Fixture    *f,
                  const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (f->meeting, NULL, FALSE);
  g_autofree char *url = g_strconcat (f->base, "_admin/objects?id=", escaped, NULL);
  g_autofree char *put_url = g_strconcat (f->base, "_admin/objects", NULL);
  g_autoptr(JsonObject) obj = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpuint (http ("GET", url, NULL, NULL, NULL, NULL, &obj, NULL), ==, 200);
  json_object_set_string_member (obj, "name", name);
  node = json_node_init_object (json_node_alloc (), obj);
  json = json_to_string (node, FALSE);
  g_assert_cmpuint (http ("PUT", put_url, NULL, json, NULL, NULL, NULL, NULL), ==, 200);
}

static JsonObject *
embedded_item (JsonObject *meeting,
               const char *id)
{
  JsonArray *items = json_object_get_array_member (meeting, "agendaItem");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (item, "id", NULL), id) == 0)
        return item;
    }
  g_assert_not_reached ();
}

/* ---- the local side ---- */

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!grm_sync_run_finish (GRM_SYNC (source), result, error) && *error == NULL)
    g_assert_not_reached ();
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static void
sync_store (Fixture *f)
{
  g_autoptr(GrmSyncOptions) options = grm_sync_options_new ();
  g_autoptr(GrmSync) sync = grm_sync_new (f->store, f->system_url, options);
  g_autoptr(GError) error = NULL;

  grm_sync_run_async (sync, NULL, sync_done_cb, &error);
  while (g_object_get_data (G_OBJECT (sync), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
}

static gboolean
load_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_session_state_load (db, data, error);
  return *result != NULL;
}

static void
run_op (Fixture      *f,
        GrmSessionOp *op)
{
  g_autoptr(GError) error = NULL;

  grm_store_write_sync (f->store, grm_session_op_run, op, NULL, &error);
  g_assert_no_error (error);
  grm_session_op_free (op);
}

static GrmSessionOp *
op_new (Fixture *f, GrmSessionOpKind kind)
{
  return grm_session_op_new (kind, f->meeting, "Test Secretary");
}

static void
set_decision (Fixture *f, const char *text)
{
  GrmSessionOp *op = op_new (f, GRM_SESSION_OP_DECISION);

  op->item = g_strdup (f->item);
  op->text = g_strdup (text);
  run_op (f, op);
}

/* Starts the session, 16 members arrive, item 5 gets a vote and a decision. */
static void
record_session (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GrmSessionState *s = NULL;
  GrmSessionOp *op;

  run_op (f, op_new (f, GRM_SESSION_OP_START));
  grm_store_read_sync (f->store, load_job, f->meeting, (gpointer *) &s, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < s->members->len && f->present < 16; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);

      if (!m->voting_right)
        continue;
      op = op_new (f, GRM_SESSION_OP_ARRIVE);
      op->person = g_strdup (m->person);
      run_op (f, op);
      g_ptr_array_add (f->persons, g_strdup (m->person));
      f->present++;
    }
  for (guint k = 0; k < s->items->len; k++)
    {
      GrmSessionItem *item = g_ptr_array_index (s->items, k);

      if (g_strcmp0 (item->number, "5.") == 0)
        f->item = g_strdup (item->id);
      else if (g_strcmp0 (item->number, "6.") == 0)
        f->item6 = g_strdup (item->id);
      else if (g_strcmp0 (item->number, "7.") == 0)
        f->item7 = g_strdup (item->id);
    }
  grm_session_state_free (s);
  g_assert_nonnull (f->item);

  op = op_new (f, GRM_SESSION_OP_VOTE_RECORD);
  op->item = g_strdup (f->item);
  op->vote_kind = GRM_VOTE_KIND_COUNTS;
  op->counts = (GrmVoteCounts) { 10, 4, 2, 0 };
  run_op (f, op);
  set_decision (f, "Der Rat beschließt den Radweg Südstadt.");
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  start_server (f);
  f->persons = g_ptr_array_new_with_free_func (g_free);
  f->dir = g_dir_make_tmp ("gremium-push-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "gremium.db", NULL);
  f->store = grm_store_open (f->db_path, &error);
  g_assert_no_error (error);
  sync_store (f);
  record_session (f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (f->db_path, suffixes[i], NULL);

      g_unlink (p);
    }
  g_rmdir (f->dir);
  g_subprocess_force_exit (f->server);
  g_subprocess_wait (f->server, NULL, NULL);
  g_clear_object (&f->server);
  g_free (f->system_url);
  g_free (f->base);
  g_free (f->api);
  g_free (f->meeting);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->item);
  g_free (f->item6);
  g_free (f->item7);
  g_ptr_array_unref (f->persons);
}

/* ---- pushing ---- */

static GrmPush *
push_new (Fixture *f, const char *password)
{
  g_autoptr(GrmCredentials) credentials = grm_credentials_new_in_memory (f->system_url, "clerk",
                                                                         password);
  GrmPush *push = grm_push_new (f->store, credentials);

  grm_push_set_retry (push, 4, 20);
  return push;
}

static void
push_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  grm_push_run_finish (GRM_PUSH (source), result, error);
  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

static gboolean
run_push (GrmPush *push, GError **error)
{
  g_object_set_data (G_OBJECT (push), "done", NULL);
  grm_push_run_async (push, NULL, push_done_cb, error);
  while (g_object_get_data (G_OBJECT (push), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  return error == NULL || *error == NULL;
}

static gboolean
list_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_store_outbox_list (db, -1, error);
  return *result != NULL;
}

static GPtrArray *
outbox (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = NULL;

  grm_store_read_sync (f->store, list_job, NULL, (gpointer *) &entries, &error);
  g_assert_no_error (error);
  return entries;
}

static void
resolved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;

  grm_push_resolve_conflict_finish (GRM_PUSH (source), result, error);
  g_object_set_data (source, "resolved", GINT_TO_POINTER (1));
}

static void
resolve (GrmPush *push, gint64 seq, GrmPushResolution resolution)
{
  g_autoptr(GError) error = NULL;

  g_object_set_data (G_OBJECT (push), "resolved", NULL);
  grm_push_resolve_conflict_async (push, seq, resolution, NULL, resolved_cb, &error);
  while (g_object_get_data (G_OBJECT (push), "resolved") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (error);
}

static GrmOutboxEntry *
last_entry (GPtrArray *entries)
{
  g_assert_cmpuint (entries->len, >, 0);
  return g_ptr_array_index (entries, entries->len - 1);
}

/* ---- the tests ---- */

/* The recorded vote, decision and attendance arrive on the server, once. */
static void
test_push_arrives (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *etag2 = NULL;
  JsonObject *item, *vote;
  gint64 start;

  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_false (json_object_has_member (meeting, "gremium:attendance"));
  g_clear_pointer (&meeting, json_object_unref);
  g_clear_pointer (&etag, g_free);

  start = g_get_monotonic_time ();
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_test_message ("first push (collect, discover, token, check, PUT): %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (grm_push_get_collected (push), ==, 1);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 0);
  g_assert_cmpuint (grm_push_get_failed (push), ==, 0);

  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  g_assert_cmpstr (json_object_get_string_member (meeting, "name"), ==, "Gemeinderat (8. Sitzung)");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (meeting,
                                                                          "gremium:attendance")),
                    ==, f->present);
  g_assert_true (json_object_has_member (meeting, "gremium:session"));
  item = embedded_item (meeting, f->item);
  vote = json_array_get_object_element (json_object_get_array_member (item, "gremium:votes"), 0);
  g_assert_cmpint (json_object_get_int_member (vote, "yes"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (vote, "no"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (vote, "abstain"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (vote, "result"), ==, "passed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item,
                                                                                 "gremium:decision"),
                                                  "text"),
                   ==, "Der Rat beschließt den Radweg Südstadt.");

  /* Collecting and pushing again sends nothing: nothing changed. */
  start = g_get_monotonic_time ();
  g_assert_true (run_push (push, &error));
  g_test_message ("push with nothing to send: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (grm_push_get_collected (push), ==, 0);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 0);
  again = server_meeting (f, &etag2);
  g_assert_cmpstr (etag2, ==, "\"v2\"");
  g_clear_pointer (&etag2, g_free);

  /* A later change is based on the version our first write stored. */
  set_decision (f, "Der Rat beschließt den Radweg Südstadt, geändert.");
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 0);
  g_clear_pointer (&again, json_object_unref);
  again = server_meeting (f, &etag2);
  g_assert_cmpstr (etag2, ==, "\"v3\"");
  item = embedded_item (again, f->item);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item,
                                                                                 "gremium:decision"),
                                                  "text"),
                   ==, "Der Rat beschließt den Radweg Südstadt, geändert.");

  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, 2);
  for (guint i = 0; i < entries->len; i++)
    {
      GrmOutboxEntry *e = g_ptr_array_index (entries, i);

      g_assert_cmpint (e->state, ==, GRM_OUTBOX_SENT);
      g_assert_cmpstr (e->method, ==, "PUT");
      g_assert_cmpstr (e->target, ==, f->meeting);
    }
  g_assert_cmpstr (((GrmOutboxEntry *) g_ptr_array_index (entries, 1))->base_version, ==, "\"v2\"");
}

/* A named vote carries each member's choice, a secret one none; bias
 * exclusions and the sealed minutes travel too. */
static void
test_push_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  JsonObject *item, *vote, *minutes;
  JsonArray *choices, *exclusions;
  GrmSessionOp *op;
  gint64 vid;

  op = op_new (f, GRM_SESSION_OP_VOTE_BEGIN);
  op->item = g_strdup (f->item6);
  op->vote_kind = GRM_VOTE_KIND_NAMED;
  grm_store_write_sync (f->store, grm_session_op_run, op, NULL, &error);
  g_assert_no_error (error);
  vid = op->vid;
  grm_session_op_free (op);
  for (guint i = 0; i < f->persons->len; i++)
    {
      op = op_new (f, GRM_SESSION_OP_VOTE_CAST);
      op->vid = vid;
      op->person = g_strdup (g_ptr_array_index (f->persons, i));
      op->text = g_strdup (i == 0 ? "no" : "yes");
      run_op (f, op);
    }
  op = op_new (f, GRM_SESSION_OP_VOTE_CLOSE);
  op->vid = vid;
  run_op (f, op);

  op = op_new (f, GRM_SESSION_OP_EXCLUDE);
  op->item = g_strdup (f->item7);
  op->person = g_strdup (g_ptr_array_index (f->persons, 1));
  op->text = g_strdup ("Eigentümer des Grundstücks (§ 31 GO NRW)");
  run_op (f, op);
  op = op_new (f, GRM_SESSION_OP_VOTE_RECORD);
  op->item = g_strdup (f->item7);
  op->vote_kind = GRM_VOTE_KIND_SECRET;
  op->counts = (GrmVoteCounts) { 9, 5, 1, 0 };
  run_op (f, op);

  op = op_new (f, GRM_SESSION_OP_MINUTES_TEXT);
  op->text = g_strdup ("Ende der Sitzung: 20:05 Uhr");
  run_op (f, op);
  run_op (f, op_new (f, GRM_SESSION_OP_SEAL));

  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  meeting = server_meeting (f, NULL);

  item = embedded_item (meeting, f->item6);
  vote = json_array_get_object_element (json_object_get_array_member (item, "gremium:votes"), 0);
  g_assert_cmpstr (json_object_get_string_member (vote, "kind"), ==, "named");
  choices = json_object_get_array_member (vote, "choices");
  g_assert_cmpuint (json_array_get_length (choices), ==, f->persons->len);
  g_assert_cmpint (json_object_get_int_member (vote, "yes"), ==, f->persons->len - 1);

  item = embedded_item (meeting, f->item7);
  vote = json_array_get_object_element (json_object_get_array_member (item, "gremium:votes"), 0);
  g_assert_cmpstr (json_object_get_string_member (vote, "kind"), ==, "secret");
  g_assert_false (json_object_has_member (vote, "choices"));
  g_assert_cmpint (json_object_get_int_member (vote, "yes"), ==, 9);
  exclusions = json_object_get_array_member (item, "gremium:exclusions");
  g_assert_cmpuint (json_array_get_length (exclusions), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (exclusions, 0),
                                                  "person"),
                   ==, g_ptr_array_index (f->persons, 1));

  minutes = json_object_get_object_member (meeting, "gremium:minutes");
  g_assert_nonnull (minutes);
  g_assert_cmpstr (json_object_get_string_member (minutes, "text"), ==,
                   "Ende der Sitzung: 20:05 Uhr");
  g_assert_cmpstr (json_object_get_string_member (minutes, "sealedBy"), ==, "Test Secretary");
  g_assert_nonnull (json_object_get_string_member_with_default (minutes, "auditHead", NULL));
  g_assert_nonnull (json_object_get_string_member_with_default (
                      json_object_get_object_member (meeting, "gremium:session"), "ended", NULL));
}

/* The server applies the change and drops the connection before it
 * answers; the retry with the same key is answered from the server's
 * memory, so the change is applied once. */
static void
test_push_lost_answer (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) replay = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *faults_url = g_strconcat (f->base, "_admin/faults", NULL);
  g_autofree char *escaped = g_uri_escape_string (f->meeting, NULL, FALSE);
  g_autofree char *url = g_strconcat (f->api, "objects?id=", escaped, NULL);
  g_autofree char *etag = NULL;
  g_autofree char *replay_etag = NULL;
  GrmOutboxEntry *e;
  gboolean replayed = FALSE;

  g_assert_cmpuint (http ("POST", faults_url, NULL, "{\"reset_rate\": 1.0}", NULL, NULL, NULL,
                          NULL), ==, 200);
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);

  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_SENT);
  g_assert_cmpuint (e->attempts, ==, 2);          /* the lost answer, then the replay */
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");           /* applied once, not twice */

  /* The same request sent by hand again: replayed, still applied once. */
  g_assert_cmpuint (http ("PUT", url, "clerk:secret", e->body, e->idempotency_key, &replay_etag,
                          &replay, &replayed), ==, 200);
  g_assert_true (replayed);
  g_assert_cmpstr (replay_etag, ==, "\"v2\"");
  g_clear_pointer (&meeting, json_object_unref);
  g_clear_pointer (&etag, g_free);
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");
}

/* The server fails every change: the push retries with backoff (honouring
 * Retry-After), then stops with the entry still pending; later it goes out. */
static void
test_push_server_down (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autofree char *faults_url = g_strconcat (f->base, "_admin/faults", NULL);
  g_autofree char *etag = NULL;
  g_autofree char *key = NULL;
  GrmOutboxEntry *e;
  gint64 start;

  g_assert_cmpuint (http ("POST", faults_url, NULL, "{\"error_rate\": 1.0}", NULL, NULL, NULL,
                          NULL), ==, 200);
  grm_push_set_retry (push, 3, 20);
  start = g_get_monotonic_time ();
  g_assert_false (run_push (push, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_SERVER);
  /* Two waits of the server's Retry-After: 1 between three attempts. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (grm_push_get_pending (push), ==, 1);
  entries = outbox (f);
  e = last_entry (entries);
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_PENDING);
  g_assert_cmpuint (e->attempts, ==, 3);
  g_assert_nonnull (e->last_error);
  key = g_strdup (e->idempotency_key);
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_clear_error (&error);

  g_assert_cmpuint (http ("POST", faults_url, NULL, "{\"error_rate\": 0.0}", NULL, NULL, NULL,
                          NULL), ==, 200);
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  entries = outbox (f);
  e = last_entry (entries);
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_SENT);
  g_assert_cmpstr (e->idempotency_key, ==, key);   /* the same request, not a new one */
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");
}

/* Someone else changed the meeting: the entry keeps the server's object,
 * the user decides; both ways. */
static void
test_push_conflict (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autoptr(JsonObject) current = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *etag = NULL;
  GrmOutboxEntry *e;
  gint64 seq;

  change_on_server (f, "Gemeinderat (8. Sitzung), verlegt");
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 0);
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 1);
  entries = outbox (f);
  e = last_entry (entries);
  seq = e->seq;
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_CONFLICT);
  g_assert_cmpstr (e->server_version, ==, "\"v2\"");
  current = json_object_ref (json_node_get_object (json_from_string (e->server_object, NULL)));
  g_assert_cmpstr (json_object_get_string_member (current, "name"), ==,
                   "Gemeinderat (8. Sitzung), verlegt");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Keep mine, but the server changes again before it goes out: a 409. */
  resolve (push, seq, GRM_PUSH_KEEP_MINE);
  change_on_server (f, "Gemeinderat (8. Sitzung), noch einmal verlegt");
  g_assert_true (run_push (push, &error));
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 1);
  entries = outbox (f);
  e = last_entry (entries);
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_CONFLICT);
  g_assert_cmpstr (e->server_version, ==, "\"v3\"");
  g_assert_nonnull (strstr (e->server_object, "noch einmal verlegt"));
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Keep mine again: sent, based on v3, with a new key. */
  resolve (push, seq, GRM_PUSH_KEEP_MINE);
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v4\"");
  g_assert_cmpstr (json_object_get_string_member (meeting, "name"), ==, "Gemeinderat (8. Sitzung)");
  g_assert_true (json_object_has_member (embedded_item (meeting, f->item), "gremium:decision"));
  g_clear_pointer (&meeting, json_object_unref);
  g_clear_pointer (&etag, g_free);

  /* Take the server's: a new local change meets another change there. */
  set_decision (f, "Vertagt.");
  change_on_server (f, "Gemeinderat (8. Sitzung), Fortsetzung");
  g_assert_true (run_push (push, &error));
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 1);
  entries = outbox (f);
  e = last_entry (entries);
  g_assert_cmpint (e->state, ==, GRM_OUTBOX_CONFLICT);
  seq = e->seq;
  g_clear_pointer (&entries, g_ptr_array_unref);
  resolve (push, seq, GRM_PUSH_TAKE_SERVER);
  entries = outbox (f);
  g_assert_cmpint (last_entry (entries)->state, ==, GRM_OUTBOX_DROPPED);
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 0);
  g_assert_cmpuint (grm_push_get_collected (push), ==, 0);
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v5\"");
  g_assert_cmpstr (json_object_get_string_member (meeting, "name"), ==,
                   "Gemeinderat (8. Sitzung), Fortsetzung");
}

typedef struct
{
  char *meeting;
  char *item;
} LocalMeeting;

static gboolean
create_meeting_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  LocalMeeting *lm = data;
  const char * const items[] = { "1.|Eröffnung der Sitzung|1", "2.|Radweg Südstadt|1", NULL };
  sqlite3_stmt *stmt;

  lm->meeting = grm_session_store_create_meeting (db, "Hauptausschuss (Sondersitzung)",
                                                  "2026-12-01T18:00:00+01:00", NULL, items,
                                                  "Test Secretary", error);
  if (lm->meeting == NULL)
    return FALSE;
  stmt = grm_db_prepare (db, "SELECT o.id FROM agenda_item a JOIN object o ON o.oid = a.oid "
                             "WHERE a.meeting = ? AND a.number = '2.'", error);
  grm_db_bind_text (stmt, 1, lm->meeting);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  lm->item = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
remote_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  *result = grm_store_outbox_dup_remote (db, data, error);
  return TRUE;
}

static void
local_decision (Fixture *f, LocalMeeting *lm, const char *text)
{
  GrmSessionOp *op = grm_session_op_new (GRM_SESSION_OP_DECISION, lm->meeting, "Test Secretary");

  op->item = g_strdup (lm->item);
  op->text = g_strdup (text);
  run_op (f, op);
}

/* How many rows of the store still name @data (a local id), and how many
 * meetings carry the local meeting's name. */
static gboolean
local_refs_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  static const char * const queries[] = {
    "SELECT count(*) FROM object WHERE id = ?1 OR parent = ?1",
    "SELECT count(*) FROM object_ref WHERE target = ?1",
    "SELECT count(*) FROM agenda_item WHERE meeting = ?1",
    "SELECT count(*) FROM session WHERE meeting = ?1 OR current_item = ?1",
    "SELECT count(*) FROM session_item WHERE meeting = ?1 OR agenda_item = ?1",
    "SELECT count(*) FROM decision WHERE meeting = ?1 OR agenda_item = ?1",
    "SELECT count(*) FROM vote WHERE meeting = ?1 OR agenda_item = ?1",
    "SELECT count(*) FROM attendance WHERE meeting = ?1",
    "SELECT count(*) FROM outbox WHERE target = ?1",
    "SELECT count(*) FROM push_target WHERE target = ?1",
  };
  gint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = grm_db_prepare (db, queries[i], error);

      g_assert_nonnull (stmt);
      grm_db_bind_text (stmt, 1, data);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n += sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  *result = GSIZE_TO_POINTER ((gsize) n + 1);
  return TRUE;
}

static gsize
local_refs (Fixture *f, const char *id)
{
  gpointer n = NULL;

  g_assert_true (grm_store_read_sync (f->store, local_refs_job, (gpointer) id, &n, NULL));
  return GPOINTER_TO_SIZE (n) - 1;
}

static gboolean
count_named_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT count(*) FROM meeting m JOIN object o "
                                           "ON o.oid = m.oid WHERE m.name = ? AND o.deleted = 0",
                                       error);

  grm_db_bind_text (stmt, 1, data);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *result = GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0) + 1);
  sqlite3_reset (stmt);
  return TRUE;
}

/* A meeting created here is created on the server (POST); the server's ids
 * then replace the local ones everywhere, so a later change is a PUT to
 * the server's meeting and a pull finds the same meeting, not a second. */
static void
test_push_local_meeting (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) created = NULL;
  g_autofree char *remote = NULL;
  g_autofree char *remote_item = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  LocalMeeting lm = { 0 };
  JsonObject *item;

  grm_store_write_sync (f->store, create_meeting_job, &lm, NULL, &error);
  g_assert_no_error (error);
  run_op (f, grm_session_op_new (GRM_SESSION_OP_START, lm.meeting, "Test Secretary"));
  local_decision (f, &lm, "Die Planung wird beauftragt.");
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 2);   /* the synced meeting and the new one */

  grm_store_read_sync (f->store, remote_job, lm.meeting, (gpointer *) &remote, &error);
  grm_store_read_sync (f->store, remote_job, lm.item, (gpointer *) &remote_item, &error);
  g_assert_nonnull (remote);
  g_assert_true (g_str_has_prefix (remote, f->base));
  g_assert_nonnull (remote_item);
  escaped = g_uri_escape_string (remote, NULL, FALSE);
  url = g_strconcat (f->api, "objects?id=", escaped, NULL);
  g_assert_cmpuint (http ("GET", url, "clerk:secret", NULL, NULL, &etag, &created, NULL), ==, 200);
  g_assert_cmpstr (etag, ==, "\"v1\"");
  g_assert_cmpstr (json_object_get_string_member (created, "name"), ==,
                   "Hauptausschuss (Sondersitzung)");
  item = json_array_get_object_element (json_object_get_array_member (created, "agendaItem"), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, remote_item);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item,
                                                                                 "gremium:decision"),
                                                  "text"), ==, "Die Planung wird beauftragt.");
  g_clear_pointer (&created, json_object_unref);
  g_clear_pointer (&etag, g_free);

  /* No row names the local ids any more: the session, its decision, the
   * agenda and the bookkeeping all use the server's. */
  g_assert_cmpuint (local_refs (f, lm.meeting), ==, 0);
  g_assert_cmpuint (local_refs (f, lm.item), ==, 0);
  g_assert_cmpuint (local_refs (f, remote), >, 3);
  {
    g_autoptr(GrmSessionState) state = NULL;

    grm_store_read_sync (f->store, load_job, remote, (gpointer *) &state, &error);
    g_assert_no_error (error);
    g_assert_true (state->has_session);
  }
  /* A pull brings the server's meeting: it is the same one. */
  sync_store (f);
  {
    gpointer n = NULL;

    grm_store_read_sync (f->store, count_named_job, "Hauptausschuss (Sondersitzung)", &n, &error);
    g_assert_cmpuint (GPOINTER_TO_SIZE (n) - 1, ==, 1);
  }
  g_assert_cmpuint (local_refs (f, lm.meeting), ==, 0);
  g_free (lm.meeting);
  g_free (lm.item);
  lm.meeting = g_strdup (remote);
  lm.item = g_strdup (remote_item);

  /* Changed again, by its server id: a PUT to the server's meeting. */
  local_decision (f, &lm, "Die Planung wird beauftragt, mit Bürgerbeteiligung.");
  g_assert_true (run_push (push, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 1);
  entries = outbox (f);
  g_assert_cmpstr (last_entry (entries)->method, ==, "PUT");
  g_assert_cmpstr (last_entry (entries)->target, ==, remote);
  g_assert_cmpuint (http ("GET", url, "clerk:secret", NULL, NULL, &etag, &created, NULL), ==, 200);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  item = json_array_get_object_element (json_object_get_array_member (created, "agendaItem"), 1);
  g_assert_cmpstr (json_object_get_string_member (item, "id"), ==, remote_item);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (item,
                                                                                 "gremium:decision"),
                                                  "text"),
                   ==, "Die Planung wird beauftragt, mit Bürgerbeteiligung.");
  g_free (lm.meeting);
  g_free (lm.item);
}

static gboolean
local_name_job (GrmDb *db, gpointer data, gpointer *result, GError **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT name FROM meeting m JOIN object o "
                                           "ON o.oid = m.oid WHERE o.id = ?", error);

  grm_db_bind_text (stmt, 1, data);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *result = grm_db_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Taking the server's version also puts it in place of the local copy. */
static void
test_push_take_server_local (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *name = NULL;

  change_on_server (f, "Gemeinderat (8. Sitzung), anderswo");
  g_assert_true (run_push (push, &error));
  g_assert_cmpuint (grm_push_get_conflicts (push), ==, 1);
  entries = outbox (f);
  resolve (push, last_entry (entries)->seq, GRM_PUSH_TAKE_SERVER);
  grm_store_read_sync (f->store, local_name_job, f->meeting, (gpointer *) &name, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Gemeinderat (8. Sitzung), anderswo");
}

/* A wrong password stops the push with a clear message; nothing is sent. */
static void
test_push_wrong_password (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "wrong");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autofree char *etag = NULL;

  g_assert_false (run_push (push, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password"));
  g_assert_nonnull (strstr (error->message, "clerk"));
  g_test_message ("refused as expected: %s", error->message);
  g_assert_cmpuint (grm_push_get_sent (push), ==, 0);
  g_assert_cmpuint (grm_push_get_pending (push), ==, 1);
  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (last_entry (entries)->state, ==, GRM_OUTBOX_PENDING);
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v1\"");
}

static void
scheduler_failed_cb (GrmPushScheduler *scheduler,
                     const char       *message,
                     guint            *n_failed)
{
  g_assert_nonnull (message);
  g_test_message ("failed: %s", message);
  (*n_failed)++;
}

static void
spin_until (GrmPushScheduler *scheduler,
            guint            *n_failed,
            guint             failed,
            guint             waiting,
            guint             seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while ((*n_failed != failed || grm_push_scheduler_get_n_waiting (scheduler) != waiting
          || grm_push_scheduler_get_busy (scheduler))
         && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (5000);
    }
  g_assert_cmpuint (*n_failed, ==, failed);
  g_assert_cmpuint (grm_push_scheduler_get_n_waiting (scheduler), ==, waiting);
}

/* The app's background publishing: changes in a burst are collected once;
 * a server that is down is said once and tried again later by itself,
 * with the same entry, until the change is on the server. */
static void
test_push_scheduler (Fixture *f, gconstpointer data)
{
  g_autoptr(GrmPush) push = push_new (f, "secret");
  g_autoptr(GrmPushScheduler) scheduler = grm_push_scheduler_new (f->store);
  g_autofree char *faults_url = g_strconcat (f->base, "_admin/faults", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autofree char *etag = NULL;
  guint n_failed = 0;
  guint attempts;

  g_assert_cmpuint (http ("POST", faults_url, NULL, "{\"error_rate\": 1.0}", NULL, NULL, NULL,
                          NULL), ==, 200);
  grm_push_set_retry (push, 1, 10);
  grm_push_scheduler_set_delay (scheduler, 100);
  grm_push_scheduler_set_retry_delay (scheduler, 1);
  g_signal_connect (scheduler, "failed", G_CALLBACK (scheduler_failed_cb), &n_failed);
  grm_push_scheduler_set_push (scheduler, push);
  for (guint i = 0; i < 5; i++)
    grm_push_scheduler_poke (scheduler);
  spin_until (scheduler, &n_failed, 1, 1, 20);
  g_assert_nonnull (grm_push_scheduler_get_last_error (scheduler));

  /* A retry later (after 1 s): still down, said only once. */
  {
    gint64 end = g_get_monotonic_time () + 3500 * 1000;

    while (g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (5000);
      }
  }
  spin_until (scheduler, &n_failed, 1, 1, 4);
  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  attempts = last_entry (entries)->attempts;
  g_assert_cmpuint (attempts, >=, 2);   /* tried again by itself */
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* Back up: the next retry publishes, with no change needed to poke it. */
  g_assert_cmpuint (http ("POST", faults_url, NULL, "{\"error_rate\": 0.0}", NULL, NULL, NULL,
                          NULL), ==, 200);
  spin_until (scheduler, &n_failed, 1, 0, 20);
  g_assert_null (grm_push_scheduler_get_last_error (scheduler));
  entries = outbox (f);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (last_entry (entries)->state, ==, GRM_OUTBOX_SENT);
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  grm_push_scheduler_stop (scheduler);
}

static int
run_cli (Fixture *f, const char *password, char **out, char **err)
{
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  /* The store is closed while the command runs. */
  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                          | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          cli_path, "--db", f->db_path, "--user", "clerk", "--password-stdin",
                          NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (cli, input, NULL, out, err, &error);
  g_assert_no_error (error);
  return g_subprocess_get_exit_status (cli);
}

/* gremium-cli push: a wrong password fails clearly, the right one publishes. */
static void
test_push_cli (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonObject) meeting = NULL;
  g_autofree char *etag = NULL;

  g_clear_object (&f->store);
  g_assert_cmpint (run_cli (f, "wrong", &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "did not accept the password"));
  g_assert_nonnull (strstr (out, "sent: 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli (f, "secret", &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "sent: 1, conflicts: 0, failed: 0, still pending: 0"));
  meeting = server_meeting (f, &etag);
  g_assert_cmpstr (etag, ==, "\"v2\"");
  g_assert_true (json_object_has_member (embedded_item (meeting, f->item), "gremium:votes"));
}

static void
lookup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GError **error = user_data;
  g_autofree char *secret = grm_credentials_lookup_finish (GRM_CREDENTIALS (source), result, error);

  g_object_set_data (source, "done", GINT_TO_POINTER (1));
}

/* Without a secret service the keyring path says so instead of failing
 * obscurely (the test points the session bus at nothing). */
static void
test_credentials_no_keyring (void)
{
  g_autoptr(GrmCredentials) credentials = grm_credentials_new ("http://127.0.0.1:1/system", "clerk");
  g_autoptr(GError) error = NULL;

  g_assert_false (grm_credentials_is_in_memory (credentials));
  grm_credentials_lookup_async (credentials, GRM_CREDENTIAL_PASSWORD, NULL, lookup_cb, &error);
  while (g_object_get_data (G_OBJECT (credentials), "done") == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, GRM_ERROR, GRM_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "No keyring is available to store the password");
}

int
main (int argc, char **argv)
{
  /* No keyring daemon in tests, and none should be reached by accident. */
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/gremium-test-bus", TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (argc, >=, 3);
  server_path = argv[1];
  cli_path = argv[2];

  g_test_add_func ("/push/credentials/no-keyring", test_credentials_no_keyring);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("/push/arrives", test_push_arrives);
  ADD ("/push/records", test_push_records);
  ADD ("/push/lost-answer", test_push_lost_answer);
  ADD ("/push/server-down", test_push_server_down);
  ADD ("/push/conflict", test_push_conflict);
  ADD ("/push/take-server-local", test_push_take_server_local);
  ADD ("/push/local-meeting", test_push_local_meeting);
  ADD ("/push/scheduler", test_push_scheduler);
  ADD ("/push/wrong-password", test_push_wrong_password);
  ADD ("/push/cli", test_push_cli);
#undef ADD

  return g_test_run ();
}
