/* ots-write-private.h: state shared by the write extension's files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ots-private.h"

G_BEGIN_DECLS

#define API_PATH "/_write/v1/"

typedef struct {
  char  *fingerprint;   /* sha256 of method, URL and body */
  guint  status;
  char  *body;
  char  *etag;
} Outcome;

struct _OtsWrite {
  GHashTable *accounts;   /* user → password */
  GHashTable *tokens;     /* token → user */
  GHashTable *outcomes;   /* "user\nkey" → Outcome */
  guint       next_id;
};

void ots_write_reply       (SoupServerMessage *msg,
                            guint              status,
                            const char        *body,
                            const char        *etag);
void ots_write_reply_error (SoupServerMessage *msg,
                            guint              status,
                            const char        *code,
                            const char        *message);
void ots_write_issue_token (OtsServer         *server,
                            SoupServerMessage *msg);

G_END_DECLS
