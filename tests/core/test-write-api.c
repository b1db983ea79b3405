/* test-write-api.c: discovery of the write extension in the System object
 * (docs/write-extension.md, section 1): exactly "gremium:writeApi" with an
 * absolute http(s) URL; look-alike vendor keys and other values leave the
 * server read-only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "grm-oparl.h"

#define SYSTEM_HEAD "{\"id\": \"https://oparl.example.org/system\", " \
                    "\"type\": \"https://schema.oparl.org/1.1/System\", \"name\": \"Test\""

static char *
write_api_of (const char *members)
{
  g_autofree char *json = g_strconcat (SYSTEM_HEAD, members, "}", NULL);
  g_autoptr(GError) error = NULL;
  GrmOparlObject *o = grm_oparl_parse_object (json, -1, GRM_OPARL_SYSTEM, &error);
  char *write_api;

  g_assert_no_error (error);
  g_assert_nonnull (o);
  g_assert_cmpint (o->type, ==, GRM_OPARL_SYSTEM);
  write_api = g_strdup (o->write_api);
  grm_oparl_object_free (o);
  return write_api;
}

static void
test_exact_key (void)
{
  g_autofree char *api = write_api_of (", \"gremium:writeApi\": "
                                       "\"https://oparl.example.org/_write/v1/\"");
  g_autofree char *local = write_api_of (", \"gremium:writeApi\": "
                                         "\"http://127.0.0.1:8080/_write/v1/\"");
  /* Ours is taken even when a look-alike comes first. */
  g_autofree char *both = write_api_of (", \"acme:writeApi\": \"https://acme.example/w/\", "
                                        "\"gremium:writeApi\": \"https://oparl.example.org/w/v1/\"");

  g_assert_cmpstr (api, ==, "https://oparl.example.org/_write/v1/");
  g_assert_cmpstr (local, ==, "http://127.0.0.1:8080/_write/v1/");
  g_assert_cmpstr (both, ==, "https://oparl.example.org/w/v1/");
}

static void
test_others_ignored (void)
{
  static const char * const members[] = {
    "",
    /* Other vendors, other spellings of ours. */
    ", \"acme:writeApi\": \"https://acme.example/w/\"",
    ", \"vendor:write\": \"https://acme.example/w/\"",
    ", \"gremium:writeAPI\": \"https://oparl.example.org/w/\"",
    ", \"gremium:WriteApi\": \"https://oparl.example.org/w/\"",
    ", \"Gremium:writeApi\": \"https://oparl.example.org/w/\"",
    ", \"gremium:writeApiUrl\": \"https://oparl.example.org/w/\"",
    ", \"writeApi\": \"https://oparl.example.org/w/\"",
    ", \"gremium:write\": {\"url\": \"https://oparl.example.org/w/\"}",
    /* Our key with what is not the URL of an API root. */
    ", \"gremium:writeApi\": {\"url\": \"https://oparl.example.org/w/\"}",
    ", \"gremium:writeApi\": [\"https://oparl.example.org/w/\"]",
    ", \"gremium:writeApi\": \"\"",
    ", \"gremium:writeApi\": \"N/A\"",
    ", \"gremium:writeApi\": true",
    ", \"gremium:writeApi\": 1",
    ", \"gremium:writeApi\": null",
    ", \"gremium:writeApi\": \"/_write/v1/\"",
    ", \"gremium:writeApi\": \"file:///etc/passwd\"",
    ", \"gremium:writeApi\": \"javascript:alert(1)\"",
    ", \"gremium:writeApi\": \"https://\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *api = write_api_of (members[i]);

      if (api != NULL)
        g_error ("members %s gave a write API %s", members[i], api);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/oparl/write-api/exact-key", test_exact_key);
  g_test_add_func ("/oparl/write-api/others-ignored", test_others_ignored);
  return g_test_run ();
}
