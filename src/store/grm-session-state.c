/* grm-session-state.c: reading the snapshot of a live session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-state"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grm-error.h"
#include "grm-session-store.h"

static void
member_free (gpointer data)
{
  GrmSessionMember *m = data;

  g_free (m->person);
  g_free (m->name);
  g_free (m->role);
  g_free (m->substitute_for);
  g_array_unref (m->stays);
  g_free (m);
}

static void
exclusion_free (gpointer data)
{
  GrmSessionExclusion *e = data;

  g_free (e->person);
  g_free (e->name);
  g_free (e->reason);
  g_free (e);
}

static void
candidate_free (gpointer data)
{
  GrmSessionCandidate *c = data;

  g_free (c->name);
  g_free (c);
}

static void
vote_free (gpointer data)
{
  GrmSessionVote *v = data;

  g_free (v->rule);
  g_free (v->rule_name);
  g_ptr_array_unref (v->candidates);
  g_free (v->winner);
  g_free (v->reason);
  g_free (v->actor);
  g_hash_table_unref (v->casts);
  g_free (v->eligible);
  g_free (v);
}

static void
item_free (gpointer data)
{
  GrmSessionItem *i = data;

  g_free (i->id);
  g_free (i->number);
  g_free (i->name);
  g_free (i->result);
  g_free (i->decision);
  g_free (i->notes);
  g_ptr_array_unref (i->exclusions);
  g_ptr_array_unref (i->votes);
  g_free (i);
}

static void
event_free (gpointer data)
{
  GrmSessionEvent *e = data;

  g_free (e->kind);
  g_free (e->detail);
  g_free (e);
}

static void
correction_free (gpointer data)
{
  GrmSessionCorrection *c = data;

  g_free (c->text);
  g_free (c->about_meeting);
  g_free (c);
}

void
grm_session_state_free (GrmSessionState *s)
{
  if (s == NULL)
    return;
  g_free (s->meeting);
  g_free (s->meeting_name);
  g_free (s->start);
  g_free (s->location);
  g_free (s->organization);
  g_free (s->organization_name);
  g_free (s->default_rule);
  g_free (s->quorum_rule);
  g_free (s->current_item);
  g_ptr_array_unref (s->members);
  g_ptr_array_unref (s->items);
  g_ptr_array_unref (s->events);
  g_ptr_array_unref (s->corrections);
  g_free (s->minutes_text);
  g_free (s->sealed_audit_head);
  g_free (s->audit_head);
  g_free (s);
}

/* Runs @sql with @meeting bound to ?1 and calls @row_cb for each row. */
typedef void (*RowFunc) (GrmSessionState *s, sqlite3_stmt *stmt);

static gboolean
for_each_row (GrmDb            *db,
              GrmSessionState  *s,
              const char       *sql,
              RowFunc           row_cb,
              GError          **error)
{
  sqlite3_stmt *stmt = grm_db_prepare_bind (db, sql, GRM_DB_VALUES (GRM_DB_TEXT (s->meeting)),
                                            error);
  GrmDbStep step;

  if (stmt == NULL)
    return FALSE;
  while ((step = grm_db_step (db, stmt, error)) == GRM_DB_ROW)
    row_cb (s, stmt);
  return step == GRM_DB_DONE;
}

static void
meeting_row (GrmSessionState *s,
             sqlite3_stmt    *stmt)
{
  s->meeting_name = grm_db_column_dup (stmt, 0);
  s->start = grm_db_column_dup (stmt, 1);
  s->start_utc = sqlite3_column_int64 (stmt, 2);
  s->location = grm_db_column_dup (stmt, 3);
  s->organization = grm_db_column_dup (stmt, 4);
  s->organization_name = grm_db_column_dup (stmt, 5);
}

static void
session_row (GrmSessionState *s,
             sqlite3_stmt    *stmt)
{
  s->has_session = TRUE;
  s->started = sqlite3_column_int64 (stmt, 0);
  s->ended = sqlite3_column_int64 (stmt, 1);
  s->statutory = sqlite3_column_int (stmt, 2);
  g_free (s->default_rule);
  s->default_rule = grm_db_column_dup (stmt, 3);
  s->current_item = grm_db_column_dup (stmt, 4);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    {
      g_free (s->organization);
      s->organization = grm_db_column_dup (stmt, 5);
    }
  g_free (s->quorum_rule);
  s->quorum_rule = grm_db_column_dup (stmt, 6);
}

static void
session_item_row (GrmSessionState *s,
                  sqlite3_stmt    *stmt)
{
  GrmSessionItem *i = grm_session_state_find_item (s, grm_db_column_text (stmt, 0));

  if (i != NULL)
    i->second_convocation = sqlite3_column_int (stmt, 1) != 0;
}

static void
member_row (GrmSessionState *s,
            sqlite3_stmt    *stmt)
{
  GrmSessionMember *m = g_new0 (GrmSessionMember, 1);

  m->person = grm_db_column_dup (stmt, 0);
  m->name = grm_db_column_dup (stmt, 1);
  m->role = grm_db_column_dup (stmt, 2);
  m->voting_right = sqlite3_column_int (stmt, 3) != 0;
  m->substitute_for = grm_db_column_dup (stmt, 4);
  m->stays = g_array_new (FALSE, TRUE, sizeof (GrmSessionStay));
  g_ptr_array_add (s->members, m);
}

static void
stay_row (GrmSessionState *s,
          sqlite3_stmt    *stmt)
{
  GrmSessionMember *m = grm_session_state_find_member (s, grm_db_column_text (stmt, 0));
  GrmSessionStay stay = { sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };

  if (m == NULL)
    return;
  g_array_append_val (m->stays, stay);
  m->present = stay.left == 0;
}

static void
item_row (GrmSessionState *s,
          sqlite3_stmt    *stmt)
{
  GrmSessionItem *i = g_new0 (GrmSessionItem, 1);

  i->id = grm_db_column_dup (stmt, 0);
  i->number = grm_db_column_dup (stmt, 1);
  i->name = grm_db_column_dup (stmt, 2);
  /* Unknown counts as public: the safe default is to hide nothing by
   * mistake only when the server said so. */
  i->is_public = sqlite3_column_type (stmt, 3) == SQLITE_NULL || sqlite3_column_int (stmt, 3);
  i->result = grm_db_column_dup (stmt, 4);
  i->decision = grm_db_column_dup (stmt, 5);
  i->notes = grm_db_column_dup (stmt, 6);
  i->exclusions = g_ptr_array_new_with_free_func (exclusion_free);
  i->votes = g_ptr_array_new_with_free_func (vote_free);
  g_ptr_array_add (s->items, i);
}

static void
exclusion_row (GrmSessionState *s,
               sqlite3_stmt    *stmt)
{
  GrmSessionItem *i = grm_session_state_find_item (s, grm_db_column_text (stmt, 0));
  GrmSessionExclusion *e;

  if (i == NULL)
    return;
  e = g_new0 (GrmSessionExclusion, 1);
  e->person = grm_db_column_dup (stmt, 1);
  e->name = grm_db_column_dup (stmt, 2);
  e->reason = grm_db_column_dup (stmt, 3);
  e->recorded = sqlite3_column_int64 (stmt, 4);
  g_ptr_array_add (i->exclusions, e);
}

static void
parse_candidates (GrmSessionVote *v,
                  const char     *json)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (json == NULL || (node = json_from_string (json, NULL)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (node))
    return;
  array = json_node_get_array (node);
  for (guint k = 0; k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);
      GrmSessionCandidate *c;

      if (o == NULL)
        continue;
      c = g_new0 (GrmSessionCandidate, 1);
      c->name = g_strdup (json_object_get_string_member_with_default (o, "name", ""));
      c->votes = json_object_get_int_member_with_default (o, "votes", 0);
      g_ptr_array_add (v->candidates, c);
    }
}

static void
vote_row (GrmSessionState *s,
          sqlite3_stmt    *stmt)
{
  GrmSessionItem *i = grm_session_state_find_item (s, grm_db_column_text (stmt, 1));
  GrmSessionVote *v;
  g_autoptr(JsonNode) def = NULL;
  const char *rule_def;

  if (i == NULL)
    return;
  v = g_new0 (GrmSessionVote, 1);
  v->vid = sqlite3_column_int64 (stmt, 0);
  if (!grm_vote_kind_from_string (grm_db_column_text (stmt, 2), &v->kind))
    v->kind = GRM_VOTE_KIND_COUNTS;
  v->rule = grm_db_column_dup (stmt, 3);
  rule_def = grm_db_column_text (stmt, 4);
  if (rule_def != NULL && (def = json_from_string (rule_def, NULL)) != NULL &&
      JSON_NODE_HOLDS_OBJECT (def))
    v->rule_name = g_strdup (json_object_get_string_member_with_default (
                               json_node_get_object (def), "name", NULL));
  v->counts.yes = sqlite3_column_int (stmt, 5);
  v->counts.no = sqlite3_column_int (stmt, 6);
  v->counts.abstain = sqlite3_column_int (stmt, 7);
  v->counts.invalid = sqlite3_column_int (stmt, 8);
  v->candidates = g_ptr_array_new_with_free_func (candidate_free);
  parse_candidates (v, grm_db_column_text (stmt, 9));
  v->winner = grm_db_column_dup (stmt, 10);
  v->outcome = grm_vote_outcome_from_string (grm_db_column_text (stmt, 11));
  v->entitled = sqlite3_column_int (stmt, 12);
  v->statutory = sqlite3_column_int (stmt, 13);
  v->eligible = grm_db_column_dup (stmt, 14);
  v->closed = sqlite3_column_int64 (stmt, 15);
  v->corrects = sqlite3_column_int64 (stmt, 16);
  v->reason = grm_db_column_dup (stmt, 17);
  v->actor = grm_db_column_dup (stmt, 18);
  v->recorded = sqlite3_column_int64 (stmt, 19);
  v->casts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_ptr_array_add (i->votes, v);
}

static void
cast_row (GrmSessionState *s,
          sqlite3_stmt    *stmt)
{
  GrmSessionItem *i = grm_session_state_find_item (s, grm_db_column_text (stmt, 0));
  gint64 vid = sqlite3_column_int64 (stmt, 1);

  for (guint k = 0; i != NULL && k < i->votes->len; k++)
    {
      GrmSessionVote *v = g_ptr_array_index (i->votes, k);

      if (v->vid == vid)
        g_hash_table_insert (v->casts, grm_db_column_dup (stmt, 2), grm_db_column_dup (stmt, 3));
    }
}

static void
event_row (GrmSessionState *s,
           sqlite3_stmt    *stmt)
{
  GrmSessionEvent *e = g_new0 (GrmSessionEvent, 1);

  e->at = sqlite3_column_int64 (stmt, 0);
  e->kind = grm_db_column_dup (stmt, 1);
  e->detail = grm_db_column_dup (stmt, 2);
  if (g_str_equal (e->kind, "quorum-lacking"))
    s->lack_noted = TRUE;
  else if (g_str_equal (e->kind, "quorum-restored"))
    s->lack_noted = FALSE;
  g_ptr_array_add (s->events, e);
}

static void
minutes_row (GrmSessionState *s,
             sqlite3_stmt    *stmt)
{
  s->minutes_text = grm_db_column_dup (stmt, 0);
  s->sealed = sqlite3_column_int64 (stmt, 1);
  s->sealed_audit_head = grm_db_column_dup (stmt, 2);
}

static void
correction_row (GrmSessionState *s,
                sqlite3_stmt    *stmt)
{
  GrmSessionCorrection *c = g_new0 (GrmSessionCorrection, 1);

  c->recorded = sqlite3_column_int64 (stmt, 0);
  c->text = grm_db_column_dup (stmt, 1);
  c->about_meeting = grm_db_column_dup (stmt, 2);
  g_ptr_array_add (s->corrections, c);
}

static void
audit_row (GrmSessionState *s,
           sqlite3_stmt    *stmt)
{
  s->audit_seq = sqlite3_column_int64 (stmt, 0);
  s->audit_head = grm_db_column_dup (stmt, 1);
}

#define ITEMS_OF_MEETING_JOIN_DECISION \
  "FROM agenda_item a JOIN object o ON o.oid = a.oid " \
  "LEFT JOIN decision d ON d.agenda_item = o.id " \
  "WHERE (a.meeting = ?1 OR (a.meeting IS NULL AND o.parent = ?1)) AND o.deleted = 0 "

GrmSessionState *
grm_session_state_load (GrmDb       *db,
                        const char  *meeting,
                        GError     **error)
{
  g_autoptr(GrmSessionState) s = g_new0 (GrmSessionState, 1);

  s->meeting = g_strdup (meeting);
  s->default_rule = g_strdup ("simple");
  s->members = g_ptr_array_new_with_free_func (member_free);
  s->items = g_ptr_array_new_with_free_func (item_free);
  s->events = g_ptr_array_new_with_free_func (event_free);
  s->corrections = g_ptr_array_new_with_free_func (correction_free);

  if (!for_each_row (db, s,
                     "SELECT m.name, m.start, m.start_utc, "
                     " (SELECT coalesce (l.room, l.description) FROM location l "
                     "  JOIN object lo ON lo.oid = l.oid WHERE lo.id = m.location), "
                     " r.target, (SELECT g.name FROM organization g JOIN object go "
                     "  ON go.oid = g.oid WHERE go.id = r.target) "
                     "FROM object o JOIN meeting m ON m.oid = o.oid "
                     "LEFT JOIN object_ref r ON r.oid = o.oid AND r.rel = 'organization' "
                     "  AND r.position = 0 "
                     "WHERE o.id = ?1",
                     meeting_row, error))
    return NULL;
  if (s->meeting_name == NULL && s->start == NULL)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_NOT_FOUND,
                   _("The meeting is not in the local database"));
      return NULL;
    }

  if (!for_each_row (db, s,
                     "SELECT started, ended, statutory_members, default_rule, current_item, "
                     " organization, quorum_rule FROM session WHERE meeting = ?1",
                     session_row, error) ||
      !for_each_row (db, s,
                     "SELECT person, name, role, voting_right, substitute_for "
                     "FROM session_member WHERE meeting = ?1 ORDER BY position",
                     member_row, error) ||
      !for_each_row (db, s,
                     "SELECT person, arrived, left FROM attendance WHERE meeting = ?1 "
                     "ORDER BY aid",
                     stay_row, error) ||
      !for_each_row (db, s,
                     "SELECT o.id, a.number, a.name, a.public, a.result, d.text, d.notes "
                     ITEMS_OF_MEETING_JOIN_DECISION
                     "ORDER BY coalesce (a.ord, o.position), o.position, o.oid",
                     item_row, error) ||
      !for_each_row (db, s,
                     "SELECT agenda_item, second_convocation FROM session_item "
                     "WHERE meeting = ?1",
                     session_item_row, error) ||
      !for_each_row (db, s,
                     "SELECT e.agenda_item, e.person, coalesce (sm.name, e.person), e.reason, "
                     " e.recorded FROM exclusion e LEFT JOIN session_member sm "
                     " ON sm.meeting = e.meeting AND sm.person = e.person "
                     "WHERE e.meeting = ?1 ORDER BY e.eid",
                     exclusion_row, error) ||
      !for_each_row (db, s,
                     "SELECT vid, agenda_item, kind, rule, rule_def, yes, no, abstain, invalid, "
                     " candidates, winner, result, entitled, statutory, eligible, closed, "
                     " corrects, reason, actor, recorded "
                     "FROM vote WHERE meeting = ?1 ORDER BY vid",
                     vote_row, error) ||
      !for_each_row (db, s,
                     "SELECT v.agenda_item, c.vid, c.person, c.choice FROM vote_cast c "
                     "JOIN vote v ON v.vid = c.vid WHERE v.meeting = ?1",
                     cast_row, error) ||
      !for_each_row (db, s,
                     "SELECT at, kind, detail FROM session_event WHERE meeting = ?1 "
                     "ORDER BY seid",
                     event_row, error) ||
      !for_each_row (db, s,
                     "SELECT text, sealed, audit_head FROM minutes WHERE meeting = ?1",
                     minutes_row, error) ||
      !for_each_row (db, s,
                     "SELECT c.recorded, c.text, (SELECT mm.name FROM minutes mi "
                     " JOIN object mo ON mo.id = mi.meeting JOIN meeting mm ON mm.oid = mo.oid "
                     " WHERE mi.mid = c.minutes) "
                     "FROM correction c WHERE c.for_meeting = ?1 ORDER BY c.cid",
                     correction_row, error) ||
      !for_each_row (db, s,
                     "SELECT seq, hash FROM audit_head WHERE ?1 IS NOT NULL",
                     audit_row, error))
    return NULL;

  /* The vote in force on each item: the last one that no later one corrects. */
  for (guint k = 0; k < s->items->len; k++)
    {
      GrmSessionItem *item = g_ptr_array_index (s->items, k);

      for (guint j = 0; j < item->votes->len; j++)
        {
          GrmSessionVote *v = g_ptr_array_index (item->votes, j);
          gboolean corrected = FALSE;

          for (guint n = j + 1; n < item->votes->len; n++)
            if (((GrmSessionVote *) g_ptr_array_index (item->votes, n))->corrects == v->vid)
              corrected = TRUE;
          if (!corrected)
            item->vote = v;
        }
    }

  return g_steal_pointer (&s);
}

GrmSessionItem *
grm_session_state_find_item (GrmSessionState *state,
                             const char      *item)
{
  for (guint k = 0; item != NULL && k < state->items->len; k++)
    {
      GrmSessionItem *i = g_ptr_array_index (state->items, k);

      if (g_str_equal (i->id, item))
        return i;
    }
  return NULL;
}

GrmSessionMember *
grm_session_state_find_member (GrmSessionState *state,
                               const char      *person)
{
  for (guint k = 0; person != NULL && k < state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);

      if (g_str_equal (m->person, person))
        return m;
    }
  return NULL;
}

gboolean
grm_session_item_is_excluded (GrmSessionItem *item,
                              const char     *person)
{
  for (guint k = 0; item != NULL && k < item->exclusions->len; k++)
    if (g_str_equal (((GrmSessionExclusion *) g_ptr_array_index (item->exclusions, k))->person,
                     person))
      return TRUE;
  return FALSE;
}

gboolean
grm_session_state_is_entitled (GrmSessionState  *state,
                               GrmSessionMember *member,
                               GrmSessionItem   *item)
{
  if (!member->present || !member->voting_right)
    return FALSE;
  if (member->substitute_for != NULL)
    {
      GrmSessionMember *regular = grm_session_state_find_member (state, member->substitute_for);

      /* The member is back: the substitute no longer votes. */
      if (regular != NULL && regular->present)
        return FALSE;
    }
  return !grm_session_item_is_excluded (item, member->person);
}

guint
grm_session_state_count_present (GrmSessionState *state)
{
  return grm_session_state_count_entitled (state, NULL);
}

guint
grm_session_state_count_entitled (GrmSessionState *state,
                                  GrmSessionItem  *item)
{
  guint n = 0;

  for (guint k = 0; k < state->members->len; k++)
    if (grm_session_state_is_entitled (state, g_ptr_array_index (state->members, k), item))
      n++;
  return n;
}

const GrmQuorumRule *
grm_session_state_quorum_rule (GrmSessionState *state)
{
  GrmQuorumRuleTable *table = grm_session_store_get_quorum_rules ();
  const GrmQuorumRule *rule = grm_quorum_rule_table_lookup (table, state->quorum_rule);

  return rule ? rule : g_ptr_array_index (grm_quorum_rule_table_get_rules (table), 0);
}

void
grm_session_state_quorum (GrmSessionState *state,
                          GrmSessionItem  *item,
                          GrmQuorum       *out)
{
  guint present = grm_session_state_count_present (state);
  guint entitled = grm_session_state_count_entitled (state, item);

  grm_quorum_compute (grm_session_state_quorum_rule (state), state->statutory, present,
                      present - entitled, state->lack_noted,
                      item != NULL && item->second_convocation, out);
}

GrmSessionVote *
grm_session_item_find_vote (GrmSessionItem *item,
                            gint64          vid)
{
  for (guint k = 0; item != NULL && k < item->votes->len; k++)
    if (((GrmSessionVote *) item->votes->pdata[k])->vid == vid)
      return item->votes->pdata[k];
  return NULL;
}

const char *
grm_session_choice_label (const char *choice)
{
  if (g_strcmp0 (choice, "yes") == 0)
    return _("yes");
  if (g_strcmp0 (choice, "no") == 0)
    return _("no");
  if (g_strcmp0 (choice, "abstain") == 0)
    return _("abstained");
  return _("did not vote");
}

char *
grm_session_state_describe_correction (GrmSessionState *state,
                                       GrmSessionItem  *item,
                                       GrmSessionVote  *vote)
{
  GrmSessionVote *old = grm_session_item_find_vote (item, vote->corrects);
  g_autoptr(GString) text = g_string_new (NULL);

  if (old == NULL || vote->kind != GRM_VOTE_KIND_NAMED)
    return NULL;
  for (guint k = 0; k < state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);
      const char *now = g_hash_table_lookup (vote->casts, m->person);
      const char *was = g_hash_table_lookup (old->casts, m->person);
      g_autofree char *change = NULL;

      if (g_strcmp0 (now, was) == 0)
        continue;
      /* TRANSLATORS: a corrected choice in a named vote: name, old, new */
      change = g_strdup_printf (_("%s: %s → %s"), m->name, grm_session_choice_label (was),
                                grm_session_choice_label (now));
      g_string_append_printf (text, "%s%s", text->len ? "; " : "", change);
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gint64
grm_session_state_item_opened (GrmSessionState *state,
                               GrmSessionItem  *item)
{
  gint64 at = 0;

  for (guint k = 0; item != NULL && k < state->events->len; k++)
    {
      GrmSessionEvent *e = g_ptr_array_index (state->events, k);

      if (g_str_equal (e->kind, "item-opened") && g_strcmp0 (e->detail, item->id) == 0)
        at = e->at;
    }
  return at;
}

static gboolean
present_at (GrmSessionMember *m,
            gint64            at)
{
  for (guint k = 0; k < m->stays->len; k++)
    {
      GrmSessionStay *stay = &g_array_index (m->stays, GrmSessionStay, k);

      /* Within the same second counts as present: times are in seconds. */
      if (stay->arrived <= at && (stay->left == 0 || stay->left >= at))
        return TRUE;
    }
  return FALSE;
}

GPtrArray *
grm_session_state_entitled_at (GrmSessionState *state,
                               GrmSessionItem  *item,
                               gint64           at)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint k = 0; k < state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (state->members, k);
      GrmSessionMember *regular = m->substitute_for
        ? grm_session_state_find_member (state, m->substitute_for) : NULL;

      if (!m->voting_right || !present_at (m, at) ||
          (regular != NULL && present_at (regular, at)) ||
          grm_session_item_is_excluded (item, m->person))
        continue;
      g_ptr_array_add (out, m);
    }
  return out;
}
