/* grm-session-page-item-update.c: setting the item pane from a committed
 * snapshot. Text the secretary is still typing is left alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grm-session-page-private.h"

static void
set_text_unless_edited (GtkWidget  *view,
                        const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_autofree char *shown = grm_session_page_text_of (view);

  /* Typed and not saved yet: keep it. Saved: the same text, settled. */
  if (g_strcmp0 (shown, text ? text : "") == 0)
    {
      gtk_text_buffer_set_modified (buffer, FALSE);
      return;
    }
  if (gtk_text_buffer_get_modified (buffer))
    return;
  gtk_text_buffer_set_text (buffer, text ? text : "", -1);
  gtk_text_buffer_set_modified (buffer, FALSE);
}

static GtkWidget *
exclusion_row (GrmSessionExclusion *e)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *b = gtk_button_new_with_label (_("Withdraw"));
  g_autofree char *a11y = g_strdup_printf (_("Withdraw the exclusion of %s"), e->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), e->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), e->reason);
  gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (b, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.withdraw-exclusion");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (b), "s", e->person);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
  gtk_widget_set_name (row, e->person);
  return row;
}

static void
update_exclusions (GrmSessionPage *self,
                   GrmSessionItem *item)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();

  /* Rows keyed by the item too: the same member excluded on another item
   * has another reason. */
  for (guint k = 0; k < item->exclusions->len; k++)
    g_ptr_array_add (keys, ((GrmSessionExclusion *) item->exclusions->pdata[k])->person);
  if (!grm_session_page_rows_match (self->exclusion_list, keys) ||
      g_strcmp0 (g_object_get_data (G_OBJECT (self->exclusion_list), "item"), item->id) != 0)
    {
      grm_session_page_clear_list (self->exclusion_list);
      for (guint k = 0; k < item->exclusions->len; k++)
        gtk_list_box_append (GTK_LIST_BOX (self->exclusion_list),
                             exclusion_row (g_ptr_array_index (item->exclusions, k)));
      g_object_set_data_full (G_OBJECT (self->exclusion_list), "item", g_strdup (item->id),
                              g_free);
    }
  gtk_widget_set_visible (self->exclusion_list, item->exclusions->len > 0);

  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);

      if (!grm_session_state_is_entitled (self->state, m, item))
        continue;
      g_ptr_array_add (names, m->name);
      g_ptr_array_add (persons, m->person);
    }
  grm_session_page_set_names (self->exclude_member, names, persons);
}

static const char *choices[] = { "yes", "no", "abstain" };

static GtkWidget *
named_row (GrmSessionMember *m)
{
  const char *labels[] = { _("Yes"), _("No"), _("Abstain") };
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *group = NULL;

  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      GtkWidget *t = gtk_toggle_button_new_with_label (labels[c]);
      g_autofree char *a11y = g_strdup_printf ("%s: %s", m->name, labels[c]);

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (t), GTK_TOGGLE_BUTTON (group));
      group = t;
      gtk_actionable_set_action_name (GTK_ACTIONABLE (t), "session.cast");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (t), "(ss)", m->person, choices[c]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (t), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_box_append (GTK_BOX (box), t);
      g_object_set_data (G_OBJECT (row), choices[c], t);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  gtk_widget_set_name (row, m->person);
  return row;
}

static void
set_named_row (GtkWidget  *row,
               const char *choice)
{
  const char *said[] = { _("Voted yes"), _("Voted no"), _("Abstained") };
  const char *subtitle = _("Not voted yet");

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      GtkToggleButton *t = g_object_get_data (G_OBJECT (row), choices[c]);
      gboolean active = g_strcmp0 (choice, choices[c]) == 0;

      if (gtk_toggle_button_get_active (t) != active)
        gtk_toggle_button_set_active (t, active);
      if (active)
        subtitle = said[c];
    }
  /* In words as well: the pressed button alone is a faint grey. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

/* The highlighted row is the member the keys act on; a keyboard focus in
 * the list follows it, so holding Y walks down the roll. */
static void
update_named (GrmSessionPage *self,
              GrmSessionItem *item,
              GrmSessionVote *vote)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  gboolean focused = grm_session_page_focus_row (self->named_list) != NULL;
  gboolean rebuild;
  GtkWidget *row;

  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);

      if (!grm_session_state_is_entitled (self->state, m, item))
        continue;
      g_ptr_array_add (keys, m->person);
      g_ptr_array_add (members, m);
      if (self->named_person == NULL && !g_hash_table_contains (vote->casts, m->person))
        self->named_person = g_strdup (m->person);
    }
  rebuild = !grm_session_page_rows_match (self->named_list, keys);
  if (rebuild)
    grm_session_page_clear_list (self->named_list);
  row = gtk_widget_get_first_child (self->named_list);
  for (guint k = 0; k < members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (members, k);

      if (rebuild)
        {
          row = named_row (m);
          gtk_list_box_append (GTK_LIST_BOX (self->named_list), row);
        }
      set_named_row (row, g_hash_table_lookup (vote->casts, m->person));
      row = gtk_widget_get_next_sibling (row);
    }
  row = grm_session_page_find_row (self->named_list, self->named_person);
  if (row != NULL &&
      GTK_LIST_BOX_ROW (row) != gtk_list_box_get_selected_row (GTK_LIST_BOX (self->named_list)))
    gtk_list_box_select_row (GTK_LIST_BOX (self->named_list), GTK_LIST_BOX_ROW (row));
  if (row != NULL && focused && grm_session_page_focus_row (self->named_list) != row)
    gtk_widget_grab_focus (row);
}

static void
candidate_spin_cb (GtkSpinButton  *spin,
                   GrmSessionPage *self)
{
  if (!self->updating)
    g_signal_emit_by_name (self->spins[1], "value-changed");
}

static GtkWidget *
candidate_row (GrmSessionPage *self,
               const char     *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (0, 999, 1);
  g_autofree char *a11y = g_strdup_printf (_("Votes for %s"), name);

  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spin, "numeric");
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (spin, "value-changed", G_CALLBACK (candidate_spin_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  gtk_widget_set_name (row, name);
  g_object_set_data (G_OBJECT (row), "spin", spin);
  return row;
}

static void
update_candidates (GrmSessionPage *self,
                   GrmSessionVote *vote)
{
  GtkWidget *row;

  if (vote->candidates->len > self->candidates->len)
    {
      g_ptr_array_set_size (self->candidates, 0);
      for (guint k = 0; k < vote->candidates->len; k++)
        g_ptr_array_add (self->candidates,
                         g_strdup (((GrmSessionCandidate *) vote->candidates->pdata[k])->name));
    }
  if (!grm_session_page_rows_match (self->candidate_list, self->candidates))
    {
      grm_session_page_clear_list (self->candidate_list);
      for (guint k = 0; k < self->candidates->len; k++)
        gtk_list_box_append (GTK_LIST_BOX (self->candidate_list),
                             candidate_row (self, g_ptr_array_index (self->candidates, k)));
    }
  row = gtk_widget_get_first_child (self->candidate_list);
  for (guint k = 0; k < vote->candidates->len && row != NULL;
       k++, row = gtk_widget_get_next_sibling (row))
    {
      GtkSpinButton *spin = g_object_get_data (G_OBJECT (row), "spin");
      guint votes = ((GrmSessionCandidate *) vote->candidates->pdata[k])->votes;

      if (gtk_spin_button_get_value_as_int (spin) != (int) votes)
        gtk_spin_button_set_value (spin, votes);
    }
}

static void
update_open_vote (GrmSessionPage *self,
                  GrmSessionItem *item,
                  GrmSessionVote *vote)
{
  const GrmVoteRule *rule = grm_vote_rule_table_lookup (grm_session_store_get_rules (), vote->rule);
  guint entitled = grm_session_state_count_entitled (self->state, item);
  guint counts[4] = { vote->counts.yes, vote->counts.no, vote->counts.abstain,
                      vote->counts.invalid };
  g_autofree char *hint = NULL;
  gboolean named = vote->kind == GRM_VOTE_KIND_NAMED;
  gboolean election = vote->kind == GRM_VOTE_KIND_ELECTION;

  if (named)
    hint = g_strdup_printf (_("%s · %s · %u of %u have voted"),
                            grm_vote_kind_to_label (vote->kind), rule ? _(rule->name) : vote->rule,
                            g_hash_table_size (vote->casts), entitled);
  else if (election)
    hint = g_strdup_printf (_("%s · %s · %u entitled to vote"),
                            grm_vote_kind_to_label (vote->kind),
                            rule ? _(rule->name) : vote->rule, entitled);
  else
    hint = g_strdup_printf (_("%s · %s · %u entitled to vote · passes with %u yes or more"),
                            grm_vote_kind_to_label (vote->kind), rule ? _(rule->name) : vote->rule,
                            entitled,
                            rule ? grm_vote_rule_required_yes (rule, vote->counts.no, entitled,
                                                               self->state->statutory) : 0);
  gtk_label_set_text (GTK_LABEL (self->vote_hint), hint);
  for (int i = 0; i < 4; i++)
    if (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->spins[i])) != (int) counts[i])
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spins[i]), counts[i]);
  gtk_widget_set_visible (self->counts_grid, !named);
  gtk_widget_set_visible (self->spins[0], !election);
  gtk_widget_set_visible (self->count_labels[0], !election);
  gtk_widget_set_visible (self->spins[3], vote->kind == GRM_VOTE_KIND_SECRET || election);
  gtk_widget_set_visible (self->count_labels[3], vote->kind == GRM_VOTE_KIND_SECRET || election);
  gtk_widget_set_visible (self->named_list, named);
  gtk_widget_set_visible (self->election_box, election);
  if (named)
    update_named (self, item, vote);
  if (election)
    update_candidates (self, vote);
}

/* The members frozen with a named vote, for correcting one's choice. */
static void
update_correct_members (GrmSessionPage *self,
                        GrmSessionVote *vote)
{
  g_autoptr(JsonNode) node = vote->eligible ? json_from_string (vote->eligible, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint k = 0; array != NULL && k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);

      if (o == NULL)
        continue;
      g_ptr_array_add (names, (char *) json_object_get_string_member_with_default (o, "name", ""));
      g_ptr_array_add (persons,
                       (char *) json_object_get_string_member_with_default (o, "person", ""));
    }
  grm_session_page_set_names (self->correct_member, names, persons);
}

static void
update_result (GrmSessionPage *self,
               GrmSessionItem *item,
               GrmSessionVote *vote)
{
  gboolean named = vote->kind == GRM_VOTE_KIND_NAMED;

  g_autofree char *detail = NULL;
  g_autofree char *result = NULL;
  const char *rule = vote->rule_name ? _(vote->rule_name) : vote->rule;

  if (vote->winner != NULL)
    result = g_strdup_printf (_("Elected: %s"), vote->winner);
  else
    result = g_strdup (grm_vote_outcome_to_label (vote->outcome));
  gtk_label_set_text (GTK_LABEL (self->result_label), result);
  gtk_widget_remove_css_class (self->result_label, "success");
  gtk_widget_remove_css_class (self->result_label, "error");
  gtk_widget_add_css_class (self->result_label,
                            vote->outcome == GRM_VOTE_OUTCOME_REJECTED ||
                            vote->outcome == GRM_VOTE_OUTCOME_RUNOFF ? "error" : "success");
  detail = g_strdup_printf (_("%s · yes %u · no %u · abstentions %u · invalid %u · %s · "
                              "%u entitled to vote"),
                            grm_vote_kind_to_label (vote->kind), vote->counts.yes, vote->counts.no,
                            vote->counts.abstain, vote->counts.invalid, rule, vote->entitled);
  if (vote->corrects != 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (vote->recorded);
      g_autofree char *clock = g_date_time_format (at, "%H:%M");
      g_autofree char *change = grm_session_state_describe_correction (self->state, item, vote);
      /* TRANSLATORS: the details, then: time, who, why */
      g_autofree char *with = g_strdup_printf (_("%s\nCorrected at %s by %s: %s"), detail, clock,
                                               vote->actor ? vote->actor : "?",
                                               vote->reason ? vote->reason : "");

      g_free (detail);
      detail = change ? g_strdup_printf ("%s\n%s", with, change) : g_steal_pointer (&with);
    }
  gtk_label_set_text (GTK_LABEL (self->result_detail), detail);
  gtk_widget_set_visible (self->correct_counts, !named);
  gtk_widget_set_visible (self->correct_named, named);
  if (named)
    update_correct_members (self, vote);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->correct_spins[0]), vote->counts.yes);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->correct_spins[1]), vote->counts.no);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->correct_spins[2]), vote->counts.abstain);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->correct_spins[3]), vote->counts.invalid);
}

void
grm_session_page_update_item (GrmSessionPage *self)
{
  GrmSessionItem *item = grm_session_page_item (self);
  GrmSessionVote *vote = item ? item->vote : NULL;
  gboolean was = self->updating;
  gboolean open = vote != NULL && vote->closed == 0;
  gboolean closed = vote != NULL && vote->closed != 0;
  g_autofree char *title = NULL;
  g_autofree char *status = NULL;

  self->updating = TRUE;
  gtk_widget_set_sensitive (gtk_widget_get_parent (self->item_title), item != NULL);
  if (item == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->item_title), _("Choose an agenda item"));
      self->updating = was;
      return;
    }
  {
    g_autofree char *name = grm_session_page_one_line (item->name);

    title = g_strdup_printf ("%s %s", item->number ? item->number : "", name);
  }
  gtk_label_set_text (GTK_LABEL (self->item_title), title);
  {
    const char *part = item->is_public ? _("Public") : _("Non-public");
    guint entitled = grm_session_state_count_entitled (self->state, item);
    GrmQuorum q;

    /* On the item the quorum counts those entitled on it (§ 31). */
    grm_session_state_quorum (self->state, item, &q);
    if (q.regardless)
      status = g_strdup_printf (_("%s · %u entitled to vote · second convocation: quorate "
                                  "regardless of attendance"), part, entitled);
    else if (!q.computed && self->state->ended == 0)
      status = g_strdup_printf (_("%s · %u entitled to vote · below quorum on this item "
                                  "(%u needed)"), part, entitled, q.required);
    else
      status = g_strdup_printf (_("%s · %u entitled to vote"), part, entitled);
  }
  gtk_label_set_text (GTK_LABEL (self->item_status), status);
  gtk_label_set_wrap (GTK_LABEL (self->item_status), TRUE);

  gtk_widget_set_visible (self->second_list,
                          grm_session_state_quorum_rule (self->state)->second_convocation);
  if (gtk_switch_get_active (GTK_SWITCH (self->second_switch)) != item->second_convocation)
    gtk_switch_set_active (GTK_SWITCH (self->second_switch), item->second_convocation);
  if (gtk_switch_get_state (GTK_SWITCH (self->second_switch)) != item->second_convocation)
    gtk_switch_set_state (GTK_SWITCH (self->second_switch), item->second_convocation);
  update_exclusions (self, item);
  gtk_widget_set_visible (self->begin_box, !open);
  /* In a narrow window the counts of a vote just opened would be below
   * the fold: the pane scrolls them up. */
  if (open && !gtk_widget_get_visible (self->open_box))
    grm_session_page_reveal_vote (self);
  gtk_widget_set_visible (self->open_box, open);
  if (open)
    update_open_vote (self, item, vote);
  gtk_widget_set_visible (self->result_label, closed);
  gtk_widget_set_visible (self->result_detail, closed);
  gtk_widget_set_visible (self->correct_box, closed);
  if (closed)
    update_result (self, item, vote);

  if (g_strcmp0 (g_object_get_data (G_OBJECT (self->decision_view), "item"), item->id) != 0)
    {
      /* Another item: what is typed belongs to the one before, and so does
       * a correction begun there. */
      gtk_expander_set_expanded (GTK_EXPANDER (self->correct_box), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->correct_reason), "");
      gtk_text_buffer_set_modified (gtk_text_view_get_buffer (
                                      GTK_TEXT_VIEW (self->decision_view)), FALSE);
      gtk_text_buffer_set_modified (gtk_text_view_get_buffer (
                                      GTK_TEXT_VIEW (self->notes_view)), FALSE);
      g_object_set_data_full (G_OBJECT (self->decision_view), "item", g_strdup (item->id),
                              g_free);
    }
  set_text_unless_edited (self->decision_view, item->decision);
  set_text_unless_edited (self->notes_view, item->notes);
  self->updating = was;
}
