/* ots-write.c: the write extension of the OParl test server (see
 * docs/write-extension.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-server"

#include "ots-private.h"

struct _OtsWrite {
  GHashTable *accounts;
};

OtsWrite *
ots_write_new (OtsServer  *server,
               char      **accounts)
{
  OtsWrite *write = g_new0 (OtsWrite, 1);

  write->accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return write;
}

void
ots_write_free (OtsWrite *write)
{
  if (write == NULL)
    return;
  g_hash_table_unref (write->accounts);
  g_free (write);
}

void
ots_write_handle (OtsServer         *server,
                  SoupServerMessage *msg,
                  const char        *path)
{
  ots_http_error (msg, SOUP_STATUS_NOT_FOUND, "The write extension is not enabled");
}
