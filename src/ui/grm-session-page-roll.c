/* grm-session-page-roll.c: the start of the session (with the choice of
 * the state's quorum rule) and the roll call: who is present, who stands
 * in for whom.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>

#include "grm-session-page-private.h"

static void
start_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  GPtrArray *rules = grm_quorum_rule_table_get_rules (grm_session_store_get_quorum_rules ());
  guint index = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->rules_dropdown));
  GrmSessionOp *op = grm_session_page_op (self, GRM_SESSION_OP_START);

  if (index < rules->len)
    op->rule = g_strdup (((GrmQuorumRule *) g_ptr_array_index (rules, index))->id);
  grm_session_page_run (self, op);
}

static void
toggle_present_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  const char *person = g_variant_get_string (param, NULL);
  GrmSessionMember *m = self->state ? grm_session_state_find_member (self->state, person) : NULL;
  GrmSessionOp *op;

  if (m == NULL)
    return;
  op = grm_session_page_op (self, m->present ? GRM_SESSION_OP_LEAVE : GRM_SESSION_OP_ARRIVE);
  op->person = g_strdup (person);
  grm_session_page_run (self, op);
}

/* From the roll's switch: what the switch now says, not the opposite of a
 * snapshot that may not have caught up with the last flip yet. */
static void
set_present_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  const char *person;
  gboolean present;
  GrmSessionOp *op;

  g_variant_get (param, "(&sb)", &person, &present);
  op = grm_session_page_op (self, present ? GRM_SESSION_OP_ARRIVE : GRM_SESSION_OP_LEAVE);
  op->person = g_strdup (person);
  grm_session_page_run (self, op);
}

static void
all_present_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);

  for (guint k = 0; self->state && k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);
      GrmSessionOp *op;

      if (m->present || !m->voting_right || m->substitute_for != NULL)
        continue;
      op = grm_session_page_op (self, GRM_SESSION_OP_ARRIVE);
      op->person = g_strdup (m->person);
      grm_session_page_run (self, op);
    }
}

/* A new person (typed), or someone on the roll without a vote of their own
 * (a deputy), stands in for a member. */
static void
substitute_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->substitute_name));
  const char *who = grm_session_page_selected_key (self->substitute_who);
  GrmSessionMember *m = who && *who && self->state
                        ? grm_session_state_find_member (self->state, who) : NULL;
  GrmSessionOp *op;

  if (self->state == NULL || (m == NULL && *text == '\0'))
    {
      grm_session_page_toast (self, _("Enter the name of the substitute"));
      return;
    }
  op = grm_session_page_op (self, GRM_SESSION_OP_ADD_SUBSTITUTE);
  op->person = m ? g_strdup (m->person) : NULL;
  op->text = g_strdup (m ? m->name : text);
  op->item = g_strdup (grm_session_page_selected_key (self->substitute_for));
  if (m == NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->substitute_name), "");
  grm_session_page_run (self, op);
}

void
grm_session_page_roll_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "session.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "session.toggle-present", "s",
                                   toggle_present_action);
  gtk_widget_class_install_action (widget_class, "session.set-present", "(sb)",
                                   set_present_action);
  gtk_widget_class_install_action (widget_class, "session.all-present", NULL, all_present_action);
  gtk_widget_class_install_action (widget_class, "session.substitute", NULL, substitute_action);
}

/* Building */

static GtkWidget *
scrolled (GtkWidget *child)
{
  GtkWidget *sw = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_child (ADW_CLAMP (clamp), child);
  gtk_widget_set_margin_start (child, 18);
  gtk_widget_set_margin_end (child, 18);
  gtk_widget_set_margin_top (child, 18);
  gtk_widget_set_margin_bottom (child, 24);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), clamp);
  gtk_widget_set_vexpand (sw, TRUE);
  return sw;
}

GtkWidget *
grm_session_page_build_start (GrmSessionPage *self)
{
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Quorum rule of the state"));
  GtkWidget *b = grm_session_page_button (_("_Start the session"), "session.start", NULL,
                                          "suggested-action");
  GtkStringList *names = gtk_string_list_new (NULL);
  GPtrArray *rules = grm_quorum_rule_table_get_rules (grm_session_store_get_quorum_rules ());

  /* The state's rules are chosen once, before the roll call, and kept with
   * the session: the quorum of every item follows them. */
  for (guint k = 0; k < rules->len; k++)
    gtk_string_list_append (names, _(((GrmQuorumRule *) g_ptr_array_index (rules, k))->name));
  self->rules_dropdown = grm_session_page_dropdown_new (G_LIST_MODEL (names), FALSE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->rules_dropdown);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (self->rules_dropdown, 280, -1);
  gtk_widget_set_halign (self->rules_dropdown, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->rules_dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Quorum rule of the state"),
                                  -1);
  gtk_widget_add_css_class (b, "pill");
  gtk_widget_set_halign (b, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (b, 12);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), self->rules_dropdown);
  gtk_box_append (GTK_BOX (box), b);
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("The session has not started"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   _("Starting it takes the roll from the committee's members "
                                     "on the day of the meeting."));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), box);
  return status;
}

/* A name is typed only for a new person. */
static void
who_changed_cb (GtkDropDown    *dropdown,
                GParamSpec     *pspec,
                GrmSessionPage *self)
{
  const char *who = grm_session_page_selected_key (self->substitute_who);

  gtk_widget_set_sensitive (self->substitute_name, who == NULL || *who == '\0');
  /* Someone already standing in shows whom for; anyone else, who is free. */
  if (self->state != NULL)
    grm_session_page_update_substitutes (self);
}

GtkWidget *
grm_session_page_build_roll (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *sub = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sub2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (_("Roll call"));
  GtkWidget *for_label;
  GtkWidget *sub_title = gtk_label_new (_("Substitute"));

  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->roll_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->roll_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->roll_list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->roll_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Members"), -1);
  gtk_widget_add_css_class (sub_title, "heading");
  gtk_label_set_xalign (GTK_LABEL (sub_title), 0);
  self->substitute_name = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->substitute_name), _("Name of the substitute"));
  gtk_widget_set_hexpand (self->substitute_name, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->substitute_name),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the substitute"), -1);
  self->substitute_for = grm_session_page_dropdown_new (NULL, TRUE);
  gtk_widget_set_hexpand (self->substitute_for, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->substitute_for),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stands in for"), -1);
  self->substitute_who = grm_session_page_dropdown_new (NULL, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->substitute_who),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Substitute"), -1);
  g_signal_connect (self->substitute_who, "notify::selected", G_CALLBACK (who_changed_cb), self);
  for_label = gtk_label_new (_("stands in for"));
  gtk_widget_add_css_class (for_label, "dim-label");
  gtk_box_append (GTK_BOX (sub), self->substitute_who);
  gtk_box_append (GTK_BOX (sub), self->substitute_name);
  gtk_box_append (GTK_BOX (sub2), for_label);
  gtk_box_append (GTK_BOX (sub2), self->substitute_for);
  gtk_box_append (GTK_BOX (sub2), grm_session_page_button (_("_Add"), "session.substitute", NULL,
                                                           NULL));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), grm_session_page_button (_("Everyone with a vote is _present"),
                                                          "session.all-present", NULL, NULL));
  gtk_box_append (GTK_BOX (box), self->roll_list);
  gtk_box_append (GTK_BOX (box), sub_title);
  gtk_box_append (GTK_BOX (box), sub);
  gtk_box_append (GTK_BOX (box), sub2);
  grm_session_page_flip_box (self, sub);
  gtk_widget_set_halign (gtk_widget_get_prev_sibling (self->roll_list), GTK_ALIGN_START);
  grm_session_page_narrow_margins (self, box);
  return scrolled (box);
}
