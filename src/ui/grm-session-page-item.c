/* grm-session-page-item.c: the agenda item on screen: exclusions for bias,
 * the vote and its result, the decision and notes.
 *
 * Keys: Y, N, A count a yes, a no or an abstention (in a named vote: the
 * choice of the highlighted member, then the next one); Ctrl+Return closes
 * the vote; Page Down goes to the next item; Ctrl+S saves the decision.
 * A number on screen changes only after its write is on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grm-session-page-private.h"

static const GrmVoteKind kinds[] = {
  GRM_VOTE_KIND_COUNTS, GRM_VOTE_KIND_NAMED, GRM_VOTE_KIND_SECRET, GRM_VOTE_KIND_ELECTION
};
static const char *count_names[] = { N_("_Yes"), N_("_No"), N_("_Abstentions"), N_("_Invalid") };

static GrmSessionVote *
open_vote (GrmSessionPage *self)
{
  GrmSessionItem *item = grm_session_page_item (self);

  return item && item->vote && item->vote->closed == 0 ? item->vote : NULL;
}

char *
grm_session_page_text_of (GtkWidget *text_view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
candidates_json (GrmSessionPage *self)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GtkWidget *row;
  guint k = 0;

  json_builder_begin_array (b);
  for (row = gtk_widget_get_first_child (self->candidate_list); row != NULL;
       row = gtk_widget_get_next_sibling (row), k++)
    {
      GtkWidget *spin = g_object_get_data (G_OBJECT (row), "spin");

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, g_ptr_array_index (self->candidates, k));
      json_builder_set_member_name (b, "votes");
      json_builder_add_int_value (b, gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
send_counts (GrmSessionPage *self,
             GrmVoteCounts   counts)
{
  GrmSessionVote *vote = open_vote (self);
  GrmSessionOp *op;

  if (vote == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_COUNTS);
  op->vid = vote->vid;
  op->counts = counts;
  if (vote->kind == GRM_VOTE_KIND_ELECTION)
    op->candidates = candidates_json (self);
  grm_session_page_run (self, op);
}

static GrmVoteCounts
spin_counts (GtkWidget **spins)
{
  GrmVoteCounts c;

  c.yes = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spins[0]));
  c.no = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spins[1]));
  c.abstain = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spins[2]));
  c.invalid = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spins[3]));
  return c;
}

static void
spin_changed_cb (GtkSpinButton  *spin,
                 GrmSessionPage *self)
{
  if (!self->updating)
    send_counts (self, spin_counts (self->spins));
}

/* In a named vote the keys act on the highlighted member, then move on to
 * the next one who has not voted yet. */
static void
cast (GrmSessionPage *self,
      const char     *person,
      const char     *choice)
{
  GrmSessionVote *vote = open_vote (self);
  GrmSessionItem *item = grm_session_page_item (self);
  GrmSessionOp *op;
  gboolean after = FALSE;

  if (vote == NULL || person == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_CAST);
  op->vid = vote->vid;
  op->person = g_strdup (person);
  op->text = g_strdup (choice);
  grm_session_page_run (self, op);

  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);

      if (g_str_equal (m->person, person))
        after = TRUE;
      else if (after && grm_session_state_is_entitled (self->state, m, item) &&
               !g_hash_table_contains (vote->casts, m->person))
        {
          g_free (self->named_person);
          self->named_person = g_strdup (m->person);
          return;
        }
    }
}

static void
key_vote (GrmSessionPage *self,
          int             which)
{
  static const char *choices[] = { "yes", "no", "abstain" };
  GrmSessionVote *vote = open_vote (self);
  GrmSessionOp *op;
  GrmVoteCounts c;

  if (vote == NULL)
    {
      grm_session_page_toast (self, _("Start a vote first"));
      return;
    }
  if (vote->kind == GRM_VOTE_KIND_NAMED)
    {
      cast (self, self->named_person, choices[which]);
      return;
    }
  if (vote->kind == GRM_VOTE_KIND_ELECTION)
    return;
  /* One more on what is on disk, added in the write itself: the screen may
   * not have caught up with the last press yet. */
  c = (GrmVoteCounts) { which == 0, which == 1, which == 2, 0 };
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_ADD);
  op->vid = vote->vid;
  op->counts = c;
  grm_session_page_run (self, op);
}

static void
yes_action (GtkWidget *w, const char *n, GVariant *p)
{
  key_vote (GRM_SESSION_PAGE (w), 0);
}

static void
no_action (GtkWidget *w, const char *n, GVariant *p)
{
  key_vote (GRM_SESSION_PAGE (w), 1);
}

static void
abstain_action (GtkWidget *w, const char *n, GVariant *p)
{
  key_vote (GRM_SESSION_PAGE (w), 2);
}

static void
cast_action (GtkWidget *w, const char *n, GVariant *param)
{
  const char *person, *choice;

  g_variant_get (param, "(&s&s)", &person, &choice);
  cast (GRM_SESSION_PAGE (w), person, choice);
}

static const char *
selected_rule (GrmSessionPage *self)
{
  GPtrArray *rules = grm_vote_rule_table_get_rules (grm_session_store_get_rules ());
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->rule_dropdown));

  return index < rules->len ? ((GrmVoteRule *) g_ptr_array_index (rules, index))->id : NULL;
}

static void
begin_vote_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionOp *op;

  if (grm_session_page_item (self) == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_BEGIN);
  op->item = g_strdup (self->item);
  op->vote_kind = kinds[gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_dropdown))];
  op->rule = g_strdup (selected_rule (self));
  g_clear_pointer (&self->named_person, g_free);
  g_ptr_array_set_size (self->candidates, 0);
  grm_session_page_run (self, op);
}

static void
unanimous_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionOp *op;

  if (grm_session_page_item (self) == NULL || open_vote (self) != NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_RECORD);
  op->item = g_strdup (self->item);
  op->vote_kind = GRM_VOTE_KIND_UNANIMOUS;
  op->rule = g_strdup (selected_rule (self));
  grm_session_page_run (self, op);
}

static void
close_vote_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionVote *vote = open_vote (self);
  GrmSessionOp *op;

  if (vote == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_CLOSE);
  op->vid = vote->vid;
  grm_session_page_run (self, op);
}

static void
add_candidate_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->candidate_entry));
  GrmSessionVote *vote = open_vote (self);

  if (vote == NULL || *name == '\0')
    return;
  g_ptr_array_add (self->candidates, g_strdup (name));
  gtk_editable_set_text (GTK_EDITABLE (self->candidate_entry), "");
  self->updating = TRUE;
  grm_session_page_update_item (self);
  self->updating = FALSE;
  send_counts (self, spin_counts (self->spins));
}

static void
exclude_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  const char *person = grm_session_page_selected_key (self->exclude_member);
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->exclude_reason));
  GrmSessionOp *op;

  if (person == NULL || self->state == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_EXCLUDE);
  op->item = g_strdup (self->item);
  op->person = g_strdup (person);
  op->text = g_strdup (reason);
  gtk_editable_set_text (GTK_EDITABLE (self->exclude_reason), "");
  grm_session_page_run (self, op);
}

static void
withdraw_action (GtkWidget *w, const char *n, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionOp *op = grm_session_page_op (self, GRM_SESSION_OP_WITHDRAW_EXCLUSION);

  op->item = g_strdup (self->item);
  op->person = g_variant_dup_string (param, NULL);
  grm_session_page_run (self, op);
}

static void
save_decision_action (GtkWidget *w, const char *n, GVariant *p)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionOp *op;

  if (grm_session_page_item (self) == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_DECISION);
  op->item = g_strdup (self->item);
  op->text = grm_session_page_text_of (self->decision_view);
  op->text2 = grm_session_page_text_of (self->notes_view);
  grm_session_page_run (self, op);
}

static void
correct_action (GtkWidget *w, const char *n, GVariant *p)
{
  static const char *choices[] = { "yes", "no", "abstain" };
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionItem *item = grm_session_page_item (self);
  GrmSessionOp *op;
  guint choice;

  if (item == NULL || item->vote == NULL || item->vote->closed == 0)
    return;
  if (item->vote->kind == GRM_VOTE_KIND_NAMED)
    {
      /* One member's choice; the counts follow from the choices. */
      op = grm_session_page_op (self, GRM_SESSION_OP_CAST_CORRECT);
      op->person = g_strdup (grm_session_page_selected_key (self->correct_member));
      choice = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->correct_choice));
      op->text2 = g_strdup (choices[MIN (choice, G_N_ELEMENTS (choices) - 1)]);
    }
  else
    {
      op = grm_session_page_op (self, GRM_SESSION_OP_VOTE_CORRECT);
      op->counts = spin_counts (self->correct_spins);
    }
  op->vid = item->vote->vid;
  op->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->correct_reason)));
  gtk_editable_set_text (GTK_EDITABLE (self->correct_reason), "");
  grm_session_page_run (self, op);
}

static void
second_convocation_action (GtkWidget *w, const char *n, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (w);
  GrmSessionOp *op;

  if (grm_session_page_item (self) == NULL)
    return;
  op = grm_session_page_op (self, GRM_SESSION_OP_SECOND_CONVOCATION);
  op->item = g_strdup (self->item);
  op->flag = g_variant_get_boolean (param);
  grm_session_page_run (self, op);
}

static void
second_toggled_cb (GtkSwitch      *sw,
                   GParamSpec     *pspec,
                   GrmSessionPage *self)
{
  if (!self->updating)
    gtk_widget_activate_action (GTK_WIDGET (self), "session.second-convocation", "b",
                                gtk_switch_get_active (sw));
}

void
grm_session_page_item_actions (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "session.second-convocation", "b",
                                   second_convocation_action);
  gtk_widget_class_install_action (wc, "session.yes", NULL, yes_action);
  gtk_widget_class_install_action (wc, "session.no", NULL, no_action);
  gtk_widget_class_install_action (wc, "session.abstain", NULL, abstain_action);
  gtk_widget_class_install_action (wc, "session.cast", "(ss)", cast_action);
  gtk_widget_class_install_action (wc, "session.begin-vote", NULL, begin_vote_action);
  gtk_widget_class_install_action (wc, "session.unanimous", NULL, unanimous_action);
  gtk_widget_class_install_action (wc, "session.close-vote", NULL, close_vote_action);
  gtk_widget_class_install_action (wc, "session.add-candidate", NULL, add_candidate_action);
  gtk_widget_class_install_action (wc, "session.exclude", NULL, exclude_action);
  gtk_widget_class_install_action (wc, "session.withdraw-exclusion", "s", withdraw_action);
  gtk_widget_class_install_action (wc, "session.save-decision", NULL, save_decision_action);
  gtk_widget_class_install_action (wc, "session.correct-vote", NULL, correct_action);
  /* Y/N/A, and the German J(a)/N(ein)/E(nthaltung): both always work. */
  gtk_widget_class_add_binding_action (wc, GDK_KEY_y, 0, "session.yes", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_j, 0, "session.yes", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_n, 0, "session.no", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_a, 0, "session.abstain", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_e, 0, "session.abstain", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "session.close-vote", NULL);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "session.save-decision", NULL);
}

/* Building */

static GtkWidget *
heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "title-4");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);   /* long German words, narrow windows */
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static GtkWidget *
text_area (GtkWidget **view,
           const char *a11y)
{
  GtkWidget *frame = gtk_frame_new (NULL);

  *view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (*view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (*view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (*view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (*view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (*view), 8);
  gtk_widget_set_size_request (*view, -1, 90);
  gtk_accessible_update_property (GTK_ACCESSIBLE (*view), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  gtk_frame_set_child (GTK_FRAME (frame), *view);
  return frame;
}

static GtkWidget *
counts_row (GtkWidget **spins,
            GtkWidget **labels,
            gpointer    self,
            gboolean    connect)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  for (int i = 0; i < 4; i++)
    {
      GtkWidget *label = gtk_label_new_with_mnemonic (_(count_names[i]));

      spins[i] = gtk_spin_button_new_with_range (0, 999, 1);
      gtk_widget_add_css_class (spins[i], "title-2");
      gtk_widget_add_css_class (spins[i], "numeric");
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), spins[i]);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      if (labels != NULL)
        labels[i] = label;
      if (connect)
        g_signal_connect (spins[i], "value-changed", G_CALLBACK (spin_changed_cb), self);
      g_object_set_data (G_OBJECT (label), "count", GINT_TO_POINTER (i + 1));
      g_object_set_data (G_OBJECT (spins[i]), "count", GINT_TO_POINTER (i + 1));
      gtk_grid_attach (GTK_GRID (grid), label, i, 0, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), spins[i], i, 1, 1, 1);
    }
  return grid;
}

/* Moving through the named list (arrow keys, a click) chooses the member
 * the keys act on. */
static void
named_selected_cb (GtkListBox     *list,
                   GtkListBoxRow  *row,
                   GrmSessionPage *self)
{
  if (self->updating || row == NULL)
    return;
  g_free (self->named_person);
  self->named_person = g_strdup (gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
kind_changed_cb (GtkDropDown    *dd,
                 GParamSpec     *pspec,
                 GrmSessionPage *self)
{
  GPtrArray *rules = grm_vote_rule_table_get_rules (grm_session_store_get_rules ());
  gboolean election = kinds[gtk_drop_down_get_selected (dd)] == GRM_VOTE_KIND_ELECTION;
  const char *want = election ? "election"
                              : self->state ? self->state->default_rule : "simple";
  const GrmVoteRule *current = grm_vote_rule_table_lookup (grm_session_store_get_rules (),
                                                           selected_rule (self));

  if (current != NULL && current->election == election)
    return;
  for (guint k = 0; k < rules->len; k++)
    if (g_str_equal (((GrmVoteRule *) g_ptr_array_index (rules, k))->id, want))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->rule_dropdown), k);
}

GtkWidget *
grm_session_page_build_item (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  GtkWidget *exclude = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *cand = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close_button = gtk_button_new_with_mnemonic (_("_Close the vote"));
  GtkWidget *sw = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *b;
  GtkStringList *kind_names = gtk_string_list_new (NULL);
  GtkStringList *rule_names = gtk_string_list_new (NULL);
  GPtrArray *rules = grm_vote_rule_table_get_rules (grm_session_store_get_rules ());

  self->item_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->item_title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (self->item_title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->item_title), 0);
  gtk_label_set_selectable (GTK_LABEL (self->item_title), FALSE);
  self->item_status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->item_status, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->item_status), 0);
  gtk_box_append (GTK_BOX (box), self->item_title);
  gtk_box_append (GTK_BOX (box), self->item_status);

  /* § 49 Abs. 2 GO NRW, where the quorum rule knows it */
  self->second_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->second_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->second_list), GTK_SELECTION_NONE);
  {
    GtkWidget *row = adw_action_row_new ();

    self->second_switch = gtk_switch_new ();
    gtk_widget_set_valign (self->second_switch, GTK_ALIGN_CENTER);
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Second convocation"));
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                 _("Postponed for lack of quorum and called again: quorate "
                                   "regardless of attendance"));
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), self->second_switch);
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), self->second_switch);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->second_switch),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Second convocation"), -1);
    g_signal_connect (self->second_switch, "notify::active", G_CALLBACK (second_toggled_cb),
                      self);
    gtk_list_box_append (GTK_LIST_BOX (self->second_list), row);
  }
  gtk_box_append (GTK_BOX (box), self->second_list);

  /* Exclusions */
  gtk_box_append (GTK_BOX (box), heading (_("Excluded for bias")));
  self->exclusion_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->exclusion_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->exclusion_list), GTK_SELECTION_NONE);
  gtk_box_append (GTK_BOX (box), self->exclusion_list);
  self->exclude_member = grm_session_page_dropdown_new (NULL, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exclude_member),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Member to exclude"), -1);
  self->exclude_reason = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->exclude_reason), _("Reason"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->exclude_reason),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for the exclusion"),
                                  -1);
  gtk_widget_set_hexpand (self->exclude_reason, TRUE);
  b = gtk_button_new_with_mnemonic (_("E_xclude"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.exclude");
  gtk_box_append (GTK_BOX (exclude), self->exclude_member);
  {
    /* The reason and its button stay side by side when narrow. */
    GtkWidget *reason = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

    gtk_widget_set_hexpand (reason, TRUE);
    gtk_box_append (GTK_BOX (reason), self->exclude_reason);
    gtk_box_append (GTK_BOX (reason), b);
    gtk_box_append (GTK_BOX (exclude), reason);
  }
  gtk_box_append (GTK_BOX (box), exclude);
  grm_session_page_flip_box (self, exclude);

  /* Vote */
  gtk_box_append (GTK_BOX (box), heading (_("Vote")));
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    gtk_string_list_append (kind_names, grm_vote_kind_to_label (kinds[k]));
  for (guint k = 0; k < rules->len; k++)
    gtk_string_list_append (rule_names, _(((GrmVoteRule *) g_ptr_array_index (rules, k))->name));
  self->kind_dropdown = grm_session_page_dropdown_new (G_LIST_MODEL (kind_names), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->kind_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Kind of vote"), -1);
  self->rule_dropdown = grm_session_page_dropdown_new (G_LIST_MODEL (rule_names), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rule_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Majority required"), -1);
  g_signal_connect (self->kind_dropdown, "notify::selected", G_CALLBACK (kind_changed_cb), self);
  self->begin_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->begin_box), self->kind_dropdown);
  gtk_box_append (GTK_BOX (self->begin_box), self->rule_dropdown);
  b = gtk_button_new_with_mnemonic (_("_Unanimous"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.unanimous");
  gtk_box_append (GTK_BOX (actions), b);
  b = gtk_button_new_with_mnemonic (_("Start _vote"));
  gtk_widget_add_css_class (b, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.begin-vote");
  gtk_box_append (GTK_BOX (actions), b);
  gtk_box_append (GTK_BOX (self->begin_box), actions);
  gtk_widget_set_hexpand (actions, TRUE);
  gtk_widget_set_halign (actions, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), self->begin_box);
  grm_session_page_flip_box (self, self->begin_box);

  self->open_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  self->vote_hint = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->vote_hint, "heading");
  gtk_label_set_wrap (GTK_LABEL (self->vote_hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->vote_hint), 0);
  self->counts_grid = counts_row (self->spins, self->count_labels, self, TRUE);
  grm_session_page_count_grid (self, self->counts_grid);
  self->named_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->named_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->named_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Named vote"), -1);
  g_signal_connect (self->named_list, "row-selected", G_CALLBACK (named_selected_cb), self);
  self->election_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  self->candidate_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->candidate_entry), _("Candidate"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->candidate_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of a candidate"), -1);
  gtk_widget_set_hexpand (self->candidate_entry, TRUE);
  b = gtk_button_new_with_mnemonic (_("Add _candidate"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.add-candidate");
  gtk_box_append (GTK_BOX (cand), self->candidate_entry);
  gtk_box_append (GTK_BOX (cand), b);
  self->candidate_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->candidate_list, "boxed-list");
  gtk_box_append (GTK_BOX (self->election_box), cand);
  gtk_box_append (GTK_BOX (self->election_box), self->candidate_list);
  gtk_widget_add_css_class (close_button, "suggested-action");
  gtk_widget_add_css_class (close_button, "pill");
  gtk_widget_set_halign (close_button, GTK_ALIGN_START);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close_button), "session.close-vote");
  gtk_box_append (GTK_BOX (self->open_box), self->vote_hint);
  {
    GtkWidget *keys = gtk_label_new (_("Keys: Y yes · N no · A abstain · Ctrl+Return closes the "
                                       "vote · Page Down next item"));

    gtk_widget_add_css_class (keys, "caption");
    gtk_widget_add_css_class (keys, "dim-label");
    gtk_label_set_wrap (GTK_LABEL (keys), TRUE);
    gtk_label_set_xalign (GTK_LABEL (keys), 0);
    gtk_box_append (GTK_BOX (self->open_box), keys);
  }
  gtk_box_append (GTK_BOX (self->open_box), self->election_box);
  gtk_box_append (GTK_BOX (self->open_box), self->counts_grid);
  gtk_box_append (GTK_BOX (self->open_box), self->named_list);
  gtk_box_append (GTK_BOX (self->open_box), close_button);
  gtk_box_append (GTK_BOX (box), self->open_box);

  self->result_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->result_label, "title-1");
  gtk_label_set_xalign (GTK_LABEL (self->result_label), 0);
  self->result_detail = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->result_detail), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->result_detail), 0);
  gtk_box_append (GTK_BOX (box), self->result_label);
  gtk_box_append (GTK_BOX (box), self->result_detail);

  self->correct_box = gtk_expander_new_with_mnemonic (_("Record a _correction of this vote"));
  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

    GtkStringList *choice_names = gtk_string_list_new (NULL);

    self->correct_counts = counts_row (self->correct_spins, NULL, self, FALSE);
    grm_session_page_count_grid (self, self->correct_counts);
    gtk_box_append (GTK_BOX (inner), self->correct_counts);
    self->correct_named = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    self->correct_member = grm_session_page_dropdown_new (NULL, TRUE);
    gtk_widget_set_hexpand (self->correct_member, TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->correct_member),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Member whose choice is corrected"), -1);
    gtk_string_list_append (choice_names, _("Yes"));
    gtk_string_list_append (choice_names, _("No"));
    gtk_string_list_append (choice_names, _("Abstain"));
    self->correct_choice = grm_session_page_dropdown_new (G_LIST_MODEL (choice_names), FALSE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->correct_choice),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Corrected choice"), -1);
    gtk_box_append (GTK_BOX (self->correct_named), self->correct_member);
    gtk_box_append (GTK_BOX (self->correct_named), self->correct_choice);
    gtk_box_append (GTK_BOX (inner), self->correct_named);
    self->correct_reason = gtk_entry_new ();
    gtk_entry_set_placeholder_text (GTK_ENTRY (self->correct_reason), _("Reason"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->correct_reason),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Reason for the correction"), -1);
    b = gtk_button_new_with_mnemonic (_("Save co_rrection"));
    gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.correct-vote");
    gtk_widget_set_halign (b, GTK_ALIGN_START);
    gtk_box_append (GTK_BOX (inner), self->correct_reason);
    gtk_box_append (GTK_BOX (inner), b);
    gtk_widget_set_margin_top (inner, 6);
    gtk_expander_set_child (GTK_EXPANDER (self->correct_box), inner);
  }
  gtk_box_append (GTK_BOX (box), self->correct_box);

  /* Decision */
  gtk_box_append (GTK_BOX (box), heading (_("Decision")));
  gtk_box_append (GTK_BOX (box), text_area (&self->decision_view, _("Decision text")));
  gtk_box_append (GTK_BOX (box), heading (_("Notes for the minutes")));
  gtk_box_append (GTK_BOX (box), text_area (&self->notes_view, _("Notes for the minutes")));
  b = gtk_button_new_with_mnemonic (_("_Save decision and notes"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), "session.save-decision");
  gtk_widget_set_halign (b, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), b);

  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 24);
  grm_session_page_narrow_margins (self, box);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), clamp);
  return sw;
}
