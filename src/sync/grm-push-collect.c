/* grm-push-collect.c: turns what the live session recorded into outbox
 * entries, without touching the session code: it only reads the session
 * tables (migration 0002).
 *
 * One entry per meeting: a PUT of the meeting as the server delivered it
 * (object.raw), with the records as "gremium:" members (write extension,
 * section 4): on the meeting "gremium:session", "gremium:attendance" and,
 * once sealed, "gremium:minutes"; on each embedded agenda item
 * "gremium:votes" (closed votes, corrections included),
 * "gremium:decision" and "gremium:exclusions". An agenda item that the
 * meeting does not embed gets its own PUT. A meeting created here (urn:uuid:
 * id) is built from its typed columns and created with a POST; once the
 * server answered with its ids, changes go there as PUTs. A digest per
 * target (push_target) makes collecting again enqueue only what changed;
 * an entry not yet tried is updated in place instead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-push"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grm-push-private.h"

#define PREP(sql) stmt = grm_db_prepare (db, sql, error); if (stmt == NULL) return FALSE

static char *
iso_time (gint64 unix_time)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (unix_time);

  return dt ? g_date_time_format_iso8601 (dt) : NULL;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
add_time (JsonBuilder  *b,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  g_autofree char *text = NULL;

  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;
  text = iso_time (sqlite3_column_int64 (stmt, column));
  add_string (b, name, text);
}

static void
add_int (JsonBuilder  *b,
         const char   *name,
         sqlite3_stmt *stmt,
         int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    return;
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, sqlite3_column_int64 (stmt, column));
}

/* Adds a column that holds JSON as a JSON value (kept as a string if broken). */
static void
add_json (JsonBuilder  *b,
          const char   *name,
          sqlite3_stmt *stmt,
          int           column)
{
  const char *text = grm_db_column_text (stmt, column);
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return;
  node = json_from_string (text, NULL);
  json_builder_set_member_name (b, name);
  if (node != NULL)
    json_builder_add_value (b, g_steal_pointer (&node));
  else
    json_builder_add_string_value (b, text);
}

gboolean
grm_push_build_session (GrmDb        *db,
                        const char   *meeting,
                        JsonObject   *records,
                        GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  PREP ("SELECT started, ended, statutory_members, default_rule FROM session WHERE meeting = ?");
  grm_db_bind_text (stmt, 1, meeting);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_time (b, "started", stmt, 0);
      add_time (b, "ended", stmt, 1);
      add_int (b, "statutoryMembers", stmt, 2);
      add_string (b, "rule", grm_db_column_text (stmt, 3));
      json_builder_end_object (b);
      json_object_set_member (records, "gremium:session", json_builder_get_root (b));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  json_builder_reset (b);
  PREP ("SELECT a.person, sm.name, a.arrived, a.left, sm.substitute_for FROM attendance a "
        "LEFT JOIN session_member sm ON sm.meeting = a.meeting AND sm.person = a.person "
        "WHERE a.meeting = ? ORDER BY a.aid");
  grm_db_bind_text (stmt, 1, meeting);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_string (b, "person", grm_db_column_text (stmt, 0));
      add_string (b, "name", grm_db_column_text (stmt, 1));
      add_time (b, "arrived", stmt, 2);
      add_time (b, "left", stmt, 3);
      add_string (b, "substituteFor", grm_db_column_text (stmt, 4));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  if (json_array_get_length (json_node_get_array (json_builder_get_root (b))) > 0)
    json_object_set_member (records, "gremium:attendance", json_builder_get_root (b));

  /* Minutes travel once sealed: before that they may still change. */
  json_builder_reset (b);
  PREP ("SELECT text, sealed, sealed_by, audit_head FROM minutes "
        "WHERE meeting = ? AND sealed IS NOT NULL");
  grm_db_bind_text (stmt, 1, meeting);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_string (b, "text", grm_db_column_text (stmt, 0));
      add_time (b, "sealed", stmt, 1);
      add_string (b, "sealedBy", grm_db_column_text (stmt, 2));
      add_string (b, "auditHead", grm_db_column_text (stmt, 3));
      json_builder_end_object (b);
      json_object_set_member (records, "gremium:minutes", json_builder_get_root (b));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  return TRUE;
}

static JsonNode *
build_choices (GrmDb        *db,
               gint64        vid,
               GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT person, choice FROM vote_cast WHERE vid = ? "
                                           "ORDER BY person", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, vid);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_string (b, "person", grm_db_column_text (stmt, 0));
      add_string (b, "choice", grm_db_column_text (stmt, 1));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }

  return json_builder_get_root (b);
}

/* The records of one agenda item, into @records (left empty if none). */
gboolean
grm_push_build_item (GrmDb        *db,
                     const char   *item,
                     JsonObject   *records,
                     GError      **error)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  /* Only closed votes: they are frozen, an open one may still change. */
  PREP ("SELECT vid, kind, rule, yes, no, abstain, invalid, result, entitled, statutory, "
        "closed, candidates, winner, eligible, corrects, reason, actor, rule_def FROM vote "
        "WHERE agenda_item = ? AND closed IS NOT NULL ORDER BY vid");
  grm_db_bind_text (stmt, 1, item);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_int (b, "number", stmt, 0);
      add_string (b, "kind", grm_db_column_text (stmt, 1));
      add_string (b, "rule", grm_db_column_text (stmt, 2));
      add_json (b, "ruleDefinition", stmt, 17);
      add_int (b, "yes", stmt, 3);
      add_int (b, "no", stmt, 4);
      add_int (b, "abstain", stmt, 5);
      add_int (b, "invalid", stmt, 6);
      add_string (b, "result", grm_db_column_text (stmt, 7));
      add_int (b, "entitled", stmt, 8);
      add_int (b, "statutory", stmt, 9);
      add_time (b, "closed", stmt, 10);
      add_json (b, "candidates", stmt, 11);
      add_string (b, "winner", grm_db_column_text (stmt, 12));
      add_json (b, "eligible", stmt, 13);
      add_int (b, "corrects", stmt, 14);
      add_string (b, "reason", grm_db_column_text (stmt, 15));
      add_string (b, "recordedBy", grm_db_column_text (stmt, 16));
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  if (n > 0)
    {
      JsonNode *votes = json_builder_get_root (b);
      JsonArray *array = json_node_get_array (votes);

      /* Named votes carry each member's choice (secret ones never do). */
      for (guint i = 0; i < n; i++)
        {
          JsonObject *vote = json_array_get_object_element (array, i);
          JsonNode *choices;

          if (g_strcmp0 (json_object_get_string_member_with_default (vote, "kind", NULL),
                         "named") != 0)
            continue;
          choices = build_choices (db, json_object_get_int_member (vote, "number"), error);
          if (choices == NULL)
            {
              json_node_unref (votes);
              return FALSE;
            }
          json_object_set_member (vote, "choices", choices);
        }
      json_object_set_member (records, "gremium:votes", votes);
    }

  json_builder_reset (b);
  PREP ("SELECT text, notes, modified, actor FROM decision WHERE agenda_item = ?");
  grm_db_bind_text (stmt, 1, item);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_string (b, "text", grm_db_column_text (stmt, 0));
      add_string (b, "notes", grm_db_column_text (stmt, 1));
      add_time (b, "modified", stmt, 2);
      add_string (b, "recordedBy", grm_db_column_text (stmt, 3));
      json_builder_end_object (b);
      json_object_set_member (records, "gremium:decision", json_builder_get_root (b));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  json_builder_reset (b);
  n = 0;
  PREP ("SELECT person, reason, recorded FROM exclusion WHERE agenda_item = ? ORDER BY eid");
  grm_db_bind_text (stmt, 1, item);
  json_builder_begin_array (b);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (b);
      add_string (b, "person", grm_db_column_text (stmt, 0));
      add_string (b, "reason", grm_db_column_text (stmt, 1));
      add_time (b, "recorded", stmt, 2);
      json_builder_end_object (b);
      n++;
    }
  json_builder_end_array (b);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  if (n > 0)
    json_object_set_member (records, "gremium:exclusions", json_builder_get_root (b));

  return TRUE;
}

/* The label of the entry that creates a meeting made here (its strings are
 * translated in this file). */
char *
grm_push_label_new_meeting (const char *name)
{
  return g_strdup_printf (_("New meeting “%s”"), name);
}

/* The label of the entry that changes a meeting's records. */
char *
grm_push_label_records (const char *name)
{
  return g_strdup_printf (_("Records of “%s”"), name);
}

/* Replaces every "gremium:" member of @obj by those of @records. */
void
grm_push_apply_records (JsonObject *obj,
                        JsonObject *records)
{
  g_autoptr(GList) members = json_object_get_members (obj);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  for (GList *l = members; l != NULL; l = l->next)
    if (g_str_has_prefix (l->data, "gremium:"))
      json_object_remove_member (obj, l->data);
  json_object_iter_init (&iter, records);
  while (json_object_iter_next (&iter, &name, &value))
    json_object_set_member (obj, name, json_node_copy (value));
}

static char *
to_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  return json_generator_to_data (gen, NULL);
}

char *
grm_push_digest_of (JsonObject *digest_src)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), digest_src);
  g_autofree char *text = to_json (node);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* Enqueues @obj as a @method of @target unless its @digest was enqueued
 * last (under @key in push_target). */
gboolean
grm_push_enqueue_target (GrmDb       *db,
                         const char  *method,
                         const char  *key,
                         const char  *target,
                         JsonObject  *obj,
                         const char  *digest,
                         const char  *label,
                         guint       *n_enqueued,
                         GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), obj);
  g_autofree char *body = to_json (node);
  g_autofree char *old_digest = NULL;
  const char *modified = json_object_get_string_member_with_default (obj, "modified", NULL);
  sqlite3_stmt *stmt;
  gint64 seq = 0, old_seq = 0;
  gboolean replaced = FALSE;
  int rc;

  PREP ("SELECT digest, seq FROM push_target WHERE target = ?");
  grm_db_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_digest = grm_db_column_dup (stmt, 0);
      old_seq = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);
  if (g_strcmp0 (old_digest, digest) == 0)
    return TRUE;

  if (old_seq > 0)
    {
      g_autoptr(GError) local_error = NULL;

      replaced = grm_store_outbox_replace_body (db, old_seq, body, modified, label, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      seq = old_seq;
    }
  if (!replaced && g_str_equal (method, "POST") && old_seq > 0)
    {
      /* A creation that may have reached the server must not be sent
       * twice: the change goes out as a PUT once the server's id is known. */
      g_autoptr(GrmOutboxEntry) old = grm_store_outbox_get (db, old_seq, error);

      if (old == NULL)
        return FALSE;
      if (old->state != GRM_OUTBOX_SENT && old->state != GRM_OUTBOX_DROPPED)
        return TRUE;
    }
  if (!replaced && !grm_store_outbox_enqueue (db, method, target, NULL, body, modified, label,
                                              &seq, error))
    return FALSE;

  PREP ("INSERT INTO push_target (target, digest, seq) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (target) DO UPDATE SET digest = ?2, seq = ?3");
  grm_db_bind_text (stmt, 1, key);
  grm_db_bind_text (stmt, 2, digest);
  sqlite3_bind_int64 (stmt, 3, seq);
  if (!grm_db_step_done (db, stmt, error))
    return FALSE;

  (*n_enqueued)++;
  return TRUE;
}

static JsonObject *
load_object (GrmDb        *db,
             const char   *id,
             GError      **error)
{
  sqlite3_stmt *stmt = grm_db_prepare (db, "SELECT raw FROM object WHERE id = ? AND deleted = 0",
                                       error);
  g_autoptr(JsonNode) node = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  grm_db_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && grm_db_column_text (stmt, 0) != NULL)
    node = json_from_string (grm_db_column_text (stmt, 0), NULL);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      grm_db_set_error (db, rc, error);
      return NULL;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

/* The agenda items embedded in @meeting, by id. */
static GHashTable *
embedded_items (JsonObject *meeting)
{
  GHashTable *items = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *node = json_object_get_member (meeting, "agendaItem");
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return items;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      id = json_object_get_string_member_with_default (json_node_get_object (element), "id", NULL);
      if (id != NULL)
        g_hash_table_insert (items, (gpointer) id, json_node_get_object (element));
    }

  return items;
}

static gboolean
collect_meeting (GrmDb        *db,
                 const char   *meeting,
                 guint        *n_enqueued,
                 GError      **error)
{
  g_autoptr(JsonObject) obj = NULL;
  g_autoptr(JsonObject) records = json_object_new ();
  g_autoptr(JsonObject) digest_src = json_object_new ();
  g_autoptr(GHashTable) embedded = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *label = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) item_ids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  if (g_str_has_prefix (meeting, "urn:"))
    return grm_push_collect_local_meeting (db, meeting, n_enqueued, error);
  obj = load_object (db, meeting, error);
  if (obj == NULL && error != NULL && *error != NULL)
    return FALSE;
  /* Made here and created on the server by an earlier Gremium, but never
   * pulled since: built from its columns, as before, under the server's id. */
  if (obj == NULL)
    return grm_push_collect_local_meeting (db, meeting, n_enqueued, error);

  if (!grm_push_build_session (db, meeting, records, error))
    return FALSE;
  grm_push_apply_records (obj, records);
  json_object_set_object_member (digest_src, meeting, json_object_ref (records));

  embedded = embedded_items (obj);
  PREP ("SELECT agenda_item FROM vote WHERE meeting = ?1 AND closed IS NOT NULL "
        "UNION SELECT agenda_item FROM decision WHERE meeting = ?1 "
        "UNION SELECT agenda_item FROM exclusion WHERE meeting = ?1");
  grm_db_bind_text (stmt, 1, meeting);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (item_ids, grm_db_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  /* Items the meeting embeds travel with it; the others get their own PUT. */
  for (guint i = 0; i < item_ids->len; i++)
    {
      const char *item = g_ptr_array_index (item_ids, i);
      JsonObject *embedded_item = g_hash_table_lookup (embedded, item);
      g_autoptr(JsonObject) item_records = json_object_new ();

      if (!grm_push_build_item (db, item, item_records, error))
        return FALSE;
      if (embedded_item != NULL)
        {
          grm_push_apply_records (embedded_item, item_records);
          json_object_set_object_member (digest_src, item, json_object_ref (item_records));
        }
      else
        {
          g_autoptr(JsonObject) item_obj = load_object (db, item, error);
          g_autoptr(JsonObject) item_digest_src = json_object_new ();
          g_autofree char *item_digest = NULL;
          g_autofree char *item_label = NULL;
          const char *name;

          if (item_obj == NULL)
            {
              if (error != NULL && *error != NULL)
                return FALSE;
              continue;
            }
          grm_push_apply_records (item_obj, item_records);
          json_object_set_object_member (item_digest_src, item, json_object_ref (item_records));
          item_digest = grm_push_digest_of (item_digest_src);
          name = json_object_get_string_member_with_default (item_obj, "name", item);
          item_label = g_strdup_printf (_("Votes and decision on “%s”"), name);
          if (!grm_push_enqueue_target (db, "PUT", item, item, item_obj, item_digest, item_label,
                               n_enqueued, error))
            return FALSE;
        }
    }

  digest = grm_push_digest_of (digest_src);
  label = grm_push_label_records (json_object_get_string_member_with_default (obj, "name",
                                                                             meeting));
  return grm_push_enqueue_target (db, "PUT", meeting, meeting, obj, digest, label, n_enqueued,
                                  error);
}

gboolean
grm_push_collect_job (GrmDb     *db,
                      gpointer   data,
                      gpointer  *result,
                      GError   **error)
{
  g_autoptr(GPtrArray) meetings = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  guint n_enqueued = 0;
  int rc;

  PREP ("SELECT meeting FROM session UNION SELECT meeting FROM attendance "
        "UNION SELECT meeting FROM vote WHERE closed IS NOT NULL "
        "UNION SELECT meeting FROM decision UNION SELECT meeting FROM exclusion "
        "UNION SELECT meeting FROM minutes WHERE sealed IS NOT NULL");
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (meetings, grm_db_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return grm_db_set_error (db, rc, error);

  for (guint i = 0; i < meetings->len; i++)
    if (!collect_meeting (db, g_ptr_array_index (meetings, i), &n_enqueued, error))
      return FALSE;

  if (n_enqueued > 0)
    g_debug ("Collected %u changes to publish", n_enqueued);
  if (result != NULL)
    *result = GUINT_TO_POINTER (n_enqueued);
  return TRUE;
}
