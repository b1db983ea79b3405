/* ots-write-auth.c: accounts and tokens of the write extension.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Accounts come from --account USER:PASSWORD. POST .../token with HTTP Basic
 * returns a Bearer token (kept in memory until /_admin/reset); every other
 * call may use the token or Basic. The same credentials let OParl reads see
 * objects that are not public.
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include <string.h>

#include "ots-write-private.h"

static const char *
check_basic (OtsWrite   *write,
             const char *encoded)
{
  gsize len = 0;
  g_autofree guchar *decoded = g_base64_decode (encoded, &len);
  g_autofree char *text = g_strndup ((char *) decoded, len);
  char *colon = strchr (text, ':');
  gpointer user, password;

  if (colon == NULL)
    return NULL;
  *colon = '\0';
  if (!g_hash_table_lookup_extended (write->accounts, text, &user, &password) ||
      !g_str_equal (password, colon + 1))
    return NULL;

  return user;
}

/* The account a request authenticates as (Bearer token or Basic), or NULL. */
const char *
ots_write_authenticated (OtsServer         *server,
                         SoupServerMessage *msg)
{
  const char *header;

  if (server->write == NULL)
    return NULL;
  header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                         "Authorization");
  if (header == NULL)
    return NULL;
  if (g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    return g_hash_table_lookup (server->write->tokens, header + 7);
  if (g_ascii_strncasecmp (header, "Basic ", 6) == 0)
    return check_basic (server->write, header + 6);

  return NULL;
}

void
ots_write_issue_token (OtsServer         *server,
                       SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                     "Authorization");
  const char *user = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *token = NULL;
  g_autofree char *text = NULL;

  if (header != NULL && g_ascii_strncasecmp (header, "Basic ", 6) == 0)
    user = check_basic (server->write, header + 6);
  if (user == NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Basic realm=\"gremium\"");
      ots_write_reply_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", "Wrong user name or password");
      return;
    }

  token = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uuid, -1);
  g_hash_table_replace (server->write->tokens, g_strdup (token), g_strdup (user));
  text = g_strdup_printf ("{\"token\":\"%s\",\"tokenType\":\"Bearer\",\"user\":\"%s\"}", token, user);
  ots_write_reply (msg, SOUP_STATUS_OK, text, NULL);
}
