/* grm-audit.c: canonical payloads, hashing and verification of the chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-audit"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "grm-audit.h"
#include "grm-error.h"

static void
append_string (GString    *out,
               const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
append_node (GString  *out,
             JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);
        g_autoptr(GPtrArray) names = g_ptr_array_new ();

        for (GList *l = members; l != NULL; l = l->next)
          g_ptr_array_add (names, l->data);
        g_ptr_array_sort (names, compare_names);
        g_string_append_c (out, '{');
        for (guint i = 0; i < names->len; i++)
          {
            const char *name = g_ptr_array_index (names, i);

            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, name);
            g_string_append_c (out, ':');
            append_node (out, json_object_get_member (object, name));
          }
        g_string_append_c (out, '}');
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
        break;
      }
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
    default:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          append_string (out, json_node_get_string (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buf[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
            break;
          }
        default:
          g_string_append_printf (out, "%" PRId64, json_node_get_int (node));
          break;
        }
      break;
    }
}

char *
grm_audit_canonical_json (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  if (node == NULL)
    g_string_append (out, "null");
  else
    append_node (out, node);
  return g_string_free (out, FALSE);
}

static void
update_field (GChecksum  *sum,
              const char *value)
{
  char len[32];

  /* Length-prefixed, so that no two field lists give the same bytes. */
  if (value == NULL)
    value = "";
  g_snprintf (len, sizeof len, "%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *) len, -1);
  g_checksum_update (sum, (const guchar *) value, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
}

char *
grm_audit_compute_hash (const char *prev_hash,
                        gint64      seq,
                        gint64      at,
                        const char *actor,
                        const char *action,
                        const char *payload)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char num[32];

  update_field (sum, prev_hash);
  g_snprintf (num, sizeof num, "%" PRId64, seq);
  update_field (sum, num);
  g_snprintf (num, sizeof num, "%" PRId64, at);
  update_field (sum, num);
  update_field (sum, actor);
  update_field (sum, action);
  update_field (sum, payload);
  return g_strdup (g_checksum_get_string (sum));
}

typedef enum
{
  BROKEN_SEQUENCE,
  BROKEN_LINK,
  BROKEN_HASH,
  BROKEN_HEAD,
} Broken;

static gboolean
fail (gsize    index,
      gsize   *bad_index,
      GError **error,
      Broken   why,
      gint64   seq)
{
  if (bad_index != NULL)
    *bad_index = index;
  switch (why)
    {
    case BROKEN_SEQUENCE:
      g_set_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                   _("The audit log is broken: entry %" PRId64
                     " is out of sequence (an entry was removed or moved)"), seq);
      break;
    case BROKEN_LINK:
      g_set_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                   _("The audit log is broken: entry %" PRId64
                     " does not follow the entry before it"), seq);
      break;
    case BROKEN_HASH:
      g_set_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                   _("The audit log is broken: entry %" PRId64
                     " was changed after it was written"), seq);
      break;
    case BROKEN_HEAD:
    default:
      g_set_error (error, GRM_ERROR, GRM_ERROR_AUDIT_BROKEN,
                   _("The audit log is broken: it ends at entry %" PRId64
                     ", not at the recorded head (entries were removed)"), seq);
      break;
    }
  return FALSE;
}

gboolean
grm_audit_verify (const GrmAuditEntry  *entries,
                  gsize                 n,
                  const char           *expected_head,
                  gsize                *bad_index,
                  GError              **error)
{
  const char *prev = GRM_AUDIT_GENESIS;
  gint64 prev_seq = 0;

  for (gsize i = 0; i < n; i++)
    {
      const GrmAuditEntry *e = &entries[i];
      g_autofree char *hash = NULL;

      if (e->seq != prev_seq + 1)
        return fail (i, bad_index, error, BROKEN_SEQUENCE, e->seq);
      if (g_strcmp0 (e->prev_hash, prev) != 0)
        return fail (i, bad_index, error, BROKEN_LINK, e->seq);
      hash = grm_audit_compute_hash (e->prev_hash, e->seq, e->at, e->actor, e->action,
                                     e->payload);
      if (g_strcmp0 (hash, e->hash) != 0)
        return fail (i, bad_index, error, BROKEN_HASH, e->seq);
      prev = e->hash;
      prev_seq = e->seq;
    }

  if (expected_head != NULL && g_strcmp0 (expected_head, prev) != 0)
    return fail (n, bad_index, error, BROKEN_HEAD, prev_seq);
  return TRUE;
}
