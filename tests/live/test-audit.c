/* test-audit.c: the hash chain detects an edited, removed or reordered entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "grm-audit.h"
#include "grm-error.h"

#define N 6

typedef struct
{
  GrmAuditEntry e[N];
  char         *payload[N];
  char         *hash[N];
} Chain;

static void
chain_build (Chain *c)
{
  const char *prev = GRM_AUDIT_GENESIS;

  for (int i = 0; i < N; i++)
    {
      c->payload[i] = g_strdup_printf ("{\"item\":\"urn:uuid:%d\",\"yes\":%d}", i, i * 2);
      c->e[i] = (GrmAuditEntry) { i + 1, 1700000000 + i, "secretary", "vote.record",
                                  c->payload[i], prev, NULL };
      c->hash[i] = grm_audit_compute_hash (prev, i + 1, c->e[i].at, c->e[i].actor,
                                           c->e[i].action, c->payload[i]);
      c->e[i].hash = c->hash[i];
      prev = c->hash[i];
    }
}

static void
chain_clear (Chain *c)
{
  for (int i = 0; i < N; i++)
    {
      g_free (c->payload[i]);
      g_free (c->hash[i]);
    }
}

static void
test_intact (void)
{
  Chain c;
  g_autoptr(GError) error = NULL;

  chain_build (&c);
  g_assert_true (grm_audit_verify (c.e, N, c.hash[N - 1], NULL, &error));
  g_assert_no_error (error);
  g_assert_true (grm_audit_verify (c.e, 0, NULL, NULL, &error));
  g_assert_cmpuint (strlen (c.hash[0]), ==, 64);
  chain_clear (&c);
}

static void
test_edited (void)
{
  Chain c;
  g_autoptr(GError) error = NULL;
  gsize bad = 0;

  chain_build (&c);
  c.e[3].payload = "{\"item\":\"urn:uuid:3\",\"yes\":7}";
  g_assert_false (grm_audit_verify (c.e, N, c.hash[N - 1], &bad, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN);
  g_assert_cmpuint (bad, ==, 3);
  g_clear_error (&error);
  /* an edited time or actor is caught too */
  c.e[3].payload = c.payload[3];
  c.e[1].actor = "someone else";
  g_assert_false (grm_audit_verify (c.e, N, NULL, &bad, &error));
  g_assert_cmpuint (bad, ==, 1);
  chain_clear (&c);
}

static void
test_removed (void)
{
  Chain c;
  GrmAuditEntry cut[N];
  g_autoptr(GError) error = NULL;
  gsize bad = 0;

  chain_build (&c);
  /* the middle one removed */
  memcpy (cut, c.e, 2 * sizeof (GrmAuditEntry));
  memcpy (cut + 2, c.e + 3, (N - 3) * sizeof (GrmAuditEntry));
  g_assert_false (grm_audit_verify (cut, N - 1, c.hash[N - 1], &bad, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN);
  g_assert_cmpuint (bad, ==, 2);
  g_clear_error (&error);
  /* the last one removed: only the recorded head can tell */
  g_assert_true (grm_audit_verify (c.e, N - 1, NULL, NULL, NULL));
  g_assert_false (grm_audit_verify (c.e, N - 1, c.hash[N - 1], &bad, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN);
  g_assert_cmpuint (bad, ==, N - 1);
  chain_clear (&c);
}

static void
test_reordered (void)
{
  Chain c;
  GrmAuditEntry tmp;
  g_autoptr(GError) error = NULL;
  gsize bad = 0;

  chain_build (&c);
  tmp = c.e[2];
  c.e[2] = c.e[3];
  c.e[3] = tmp;
  g_assert_false (grm_audit_verify (c.e, N, c.hash[N - 1], &bad, &error));
  g_assert_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN);
  g_assert_cmpuint (bad, ==, 2);
  g_clear_error (&error);
  /* reordered with renumbered seqs: the links break */
  c.e[2].seq = 3;
  c.e[3].seq = 4;
  g_assert_false (grm_audit_verify (c.e, N, NULL, &bad, &error));
  g_assert_cmpuint (bad, ==, 2);
  chain_clear (&c);
}

static void
test_canonical (void)
{
  g_autoptr(JsonNode) a = json_from_string ("{\"b\": 1, \"a\": [true, null, \"x\\\"\\n\"],"
                                            " \"c\": {\"z\": 2, \"y\": \"ü\"}}", NULL);
  g_autoptr(JsonNode) b = json_from_string ("{\"c\":{\"y\":\"ü\",\"z\":2},\"a\":[true,null,"
                                            "\"x\\\"\\n\"],\"b\":1}", NULL);
  g_autofree char *ca = grm_audit_canonical_json (a);
  g_autofree char *cb = grm_audit_canonical_json (b);

  g_assert_cmpstr (ca, ==, "{\"a\":[true,null,\"x\\\"\\u000a\"],\"b\":1,\"c\":{\"y\":\"ü\",\"z\":2}}");
  g_assert_cmpstr (ca, ==, cb);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/live/audit/intact", test_intact);
  g_test_add_func ("/live/audit/edited", test_edited);
  g_test_add_func ("/live/audit/removed", test_removed);
  g_test_add_func ("/live/audit/reordered", test_reordered);
  g_test_add_func ("/live/audit/canonical", test_canonical);
  return g_test_run ();
}
