/* test-ots-write.c: the write extension of oparl-test-server: discovery,
 * tokens, idempotency keys, If-Match versions, conflicts and non-public
 * objects.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server-test"

#include <string.h>

#include "test-ots-helpers.h"

void test_write_register (void);

typedef struct {
  guint  status;
  char  *etag;
  char  *replayed;
  JsonNode *json;
} Answer;

static void
answer_clear (Answer *answer)
{
  g_clear_pointer (&answer->etag, g_free);
  g_clear_pointer (&answer->replayed, g_free);
  g_clear_pointer (&answer->json, json_node_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Answer, answer_clear)

static gboolean
call (TestServer *server,
      const char *method,
      const char *url,
      const char *auth,
      const char *key,
      const char *if_match,
      const char *body,
      Answer     *answer,
      GError    **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr(GBytes) reply = NULL;

  if (auth != NULL)
    soup_message_headers_replace (headers, "Authorization", auth);
  if (key != NULL)
    soup_message_headers_replace (headers, "Idempotency-Key", key);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  reply = soup_session_send_and_read (server->session, msg, NULL, error);
  if (reply == NULL)
    return FALSE;

  answer_clear (answer);
  answer->status = soup_message_get_status (msg);
  headers = soup_message_get_response_headers (msg);
  answer->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  answer->replayed = g_strdup (soup_message_headers_get_one (headers, "Idempotency-Replayed"));
  if (g_bytes_get_size (reply) > 0)
    answer->json = test_parse (reply);

  return TRUE;
}

static JsonObject *
obj (Answer *answer)
{
  return json_node_get_object (answer->json);
}

static char *
login (TestServer *server,
       const char *api)
{
  g_autofree char *token_url = g_strconcat (api, "token", NULL);
  g_autofree char *basic = g_base64_encode ((const guchar *) "clerk:secret", 12);
  g_autofree char *wrong = g_base64_encode ((const guchar *) "clerk:guess", 11);
  g_autofree char *header = g_strconcat ("Basic ", basic, NULL);
  g_autofree char *wrong_header = g_strconcat ("Basic ", wrong, NULL);
  g_auto(Answer) answer = { 0, };
  g_autoptr(GError) error = NULL;

  call (server, "POST", token_url, wrong_header, NULL, NULL, NULL, &answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.status, ==, 401);

  call (server, "POST", token_url, header, NULL, NULL, NULL, &answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.status, ==, 200);

  return g_strconcat ("Bearer ", json_object_get_string_member (obj (&answer), "token"), NULL);
}

static char *
discover (TestServer *server)
{
  g_autoptr(JsonNode) system = test_get_json (server, server->system_url, NULL);
  JsonObject *o = json_node_get_object (system);

  g_assert_true (json_object_has_member (o, "gremium:writeApi"));
  return g_strdup (json_object_get_string_member (o, "gremium:writeApi"));
}

static guint
count_in_list (TestServer *server,
               const char *list_path,
               const char *id,
               const char *auth)
{
  g_autofree char *url = test_url (server, list_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = test_get (server, url, auth ? "Authorization" : NULL, auth, NULL, NULL,
                                     &error);
  g_autoptr(JsonNode) page = test_parse (bytes);
  JsonArray *data = json_object_get_array_member (json_node_get_object (page), "data");
  guint n = 0;

  for (guint i = 0; i < json_array_get_length (data); i++)
    n += g_str_equal (json_object_get_string_member (json_array_get_object_element (data, i), "id"), id);
  return n;
}

static void
test_write_flow (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--account=clerk:secret", "--page-size=5000", NULL);
  g_autoptr(JsonNode) plain_system = test_get_json (test_replay, test_replay->system_url, NULL);
  g_autofree char *api = discover (server);
  g_autofree char *objects = g_strconcat (api, "objects", NULL);
  g_autofree char *token = login (server, api);
  g_autofree char *id = NULL;
  g_autofree char *object_url = NULL;
  g_autofree char *v1 = NULL;
  g_autofree char *admin_body = NULL;
  g_autofree char *admin = test_url (server, "_admin/objects");
  g_autoptr(GBytes) admin_reply = NULL;
  g_auto(Answer) answer = { 0, };
  g_autoptr(GError) error = NULL;
  const char *meeting = "{\"id\":\"urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e\","
                        "\"type\":\"https://schema.oparl.org/1.0/Meeting\",\"name\":\"Hauptausschuss\","
                        "\"start\":\"2026-12-01T18:00:00+01:00\"}";

  /* Without accounts there is no write API. */
  g_assert_false (json_object_has_member (json_node_get_object (plain_system), "gremium:writeApi"));

  /* No token: 401. No Idempotency-Key: 400. */
  call (server, "POST", objects, NULL, "k1", NULL, meeting, &answer, &error);
  g_assert_cmpuint (answer.status, ==, 401);
  call (server, "POST", objects, token, NULL, NULL, meeting, &answer, &error);
  g_assert_cmpuint (answer.status, ==, 400);

  /* Create; the retry with the same key gives the same object, once. */
  call (server, "POST", objects, token, "k1", NULL, meeting, &answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.status, ==, 201);
  id = g_strdup (json_object_get_string_member (obj (&answer), "id"));
  g_assert_true (g_str_has_prefix (id, server->base));
  v1 = g_strdup (answer.etag);
  call (server, "POST", objects, token, "k1", NULL, meeting, &answer, &error);
  g_assert_cmpuint (answer.status, ==, 201);
  g_assert_cmpstr (answer.replayed, ==, "true");
  g_assert_cmpstr (json_object_get_string_member (obj (&answer), "id"), ==, id);
  g_assert_cmpuint (count_in_list (server, "body/1/meeting", id, NULL), ==, 1);
  /* The same key with another request is refused. */
  call (server, "POST", objects, token, "k1", NULL, "{\"type\":\"https://schema.oparl.org/1.0/Paper\"}",
        &answer, &error);
  g_assert_cmpuint (answer.status, ==, 422);

  /* Change with If-Match: the version moves on. */
  object_url = g_strconcat (objects, "?id=", id, NULL);
  call (server, "PUT", object_url, token, "k2", NULL,
        "{\"type\":\"https://schema.oparl.org/1.0/Meeting\",\"name\":\"Ohne Version\"}", &answer, &error);
  g_assert_cmpuint (answer.status, ==, 428);
  call (server, "PUT", object_url, token, "k3", v1,
        "{\"type\":\"https://schema.oparl.org/1.0/Meeting\",\"name\":\"Hauptausschuss (verlegt)\"}",
        &answer, &error);
  g_assert_cmpuint (answer.status, ==, 200);
  g_assert_cmpstr (answer.etag, !=, v1);

  /* Someone else changes it (admin API); a change based on v1 conflicts and
   * the answer carries the server's current object. */
  admin_body = g_strdup_printf ("{\"id\":\"%s\",\"type\":\"https://schema.oparl.org/1.0/Meeting\","
                                "\"name\":\"Geändert im Rathaus\"}", id);
  admin_reply = test_send (server, "POST", admin, admin_body, NULL);
  call (server, "PUT", object_url, token, "k4", v1,
        "{\"type\":\"https://schema.oparl.org/1.0/Meeting\",\"name\":\"Alt\"}", &answer, &error);
  g_assert_cmpuint (answer.status, ==, 409);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj (&answer), "current"), "name"),
                   ==, "Geändert im Rathaus");
  g_assert_nonnull (answer.etag);

  /* Delete with the current version: a stub with deleted: true. */
  {
    g_autofree char *current = g_strdup (answer.etag);

    call (server, "DELETE", object_url, token, "k5", current, NULL, &answer, &error);
    g_assert_cmpuint (answer.status, ==, 200);
    g_assert_true (json_object_get_boolean_member (obj (&answer), "deleted"));
  }
  g_assert_cmpuint (count_in_list (server, "body/1/meeting", id, NULL), ==, 0);
  test_server_stop (server);
}

static void
test_write_non_public (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--account=clerk:secret", "--page-size=5000", NULL);
  g_autofree char *api = discover (server);
  g_autofree char *objects = g_strconcat (api, "objects", NULL);
  g_autofree char *token = login (server, api);
  g_autofree char *id = NULL;
  g_autoptr(JsonNode) anonymous = NULL;
  g_auto(Answer) answer = { 0, };
  g_autoptr(GError) error = NULL;
  guint status = 0;
  const char *paper = "{\"type\":\"https://schema.oparl.org/1.0/Paper\",\"name\":\"Personalsache\","
                      "\"public\":false}";

  call (server, "POST", objects, token, "np1", NULL, paper, &answer, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (answer.status, ==, 201);
  id = g_strdup (json_object_get_string_member (obj (&answer), "id"));

  g_assert_cmpuint (count_in_list (server, "body/1/paper", id, NULL), ==, 0);
  g_assert_cmpuint (count_in_list (server, "body/1/paper", id, token), ==, 1);
  anonymous = test_get_json (server, id, &status);
  g_assert_cmpuint (status, ==, 404);
  test_server_stop (server);
}

static void
test_write_lost_answer (void)
{
  TestServer *server = test_server_start ("huertgenwald", "--account=clerk:secret", "--page-size=5000",
                                          NULL);
  g_autofree char *api = discover (server);
  g_autofree char *objects = g_strconcat (api, "objects", NULL);
  g_autofree char *token = login (server, api);
  g_autofree char *faults = test_url (server, "_admin/faults");
  g_autoptr(GBytes) reply = NULL;
  g_auto(Answer) answer = { 0, };
  g_autoptr(GError) error = NULL;
  const char *paper = "{\"type\":\"https://schema.oparl.org/1.0/Paper\",\"name\":\"Antrag\"}";

  /* The change is made but its answer is lost; the retry with the same key
   * returns the first outcome instead of a second paper. */
  reply = test_send (server, "POST", faults, "{\"reset_rate\":1}", NULL);
  g_assert_false (call (server, "POST", objects, token, "lost-1", NULL, paper, &answer, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_bytes_unref (reply);
  reply = test_send (server, "POST", faults, "{\"reset_rate\":0}", NULL);
  g_assert_true (call (server, "POST", objects, token, "lost-1", NULL, paper, &answer, &error));
  g_assert_cmpuint (answer.status, ==, 201);
  g_assert_cmpstr (answer.replayed, ==, "true");
  g_assert_cmpuint (count_in_list (server, "body/1/paper", json_object_get_string_member (obj (&answer), "id"),
                                   NULL), ==, 1);
  test_server_stop (server);
}

void
test_write_register (void)
{
  g_test_add_func ("/oparl-server/write/flow", test_write_flow);
  g_test_add_func ("/oparl-server/write/non-public", test_write_non_public);
  g_test_add_func ("/oparl-server/write/lost-answer", test_write_lost_answer);
}
