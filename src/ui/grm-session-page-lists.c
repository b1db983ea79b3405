/* grm-session-page-lists.c: the agenda and the roll of the session page,
 * and keeping the secretary's place in them.
 *
 * A write comes back many times a minute (every key press). Rebuilding a
 * list would destroy the row that has the keyboard focus, so the rows are
 * updated in place while the list holds the same keys in the same order;
 * only a changed roll (a substitute added) rebuilds, and then the focus
 * goes back to the row with the same key.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>

#include "grm-session-page-private.h"

gboolean
grm_session_page_rows_match (GtkWidget *list,
                             GPtrArray *keys)
{
  GtkWidget *row = gtk_widget_get_first_child (list);

  for (guint k = 0; k < keys->len; k++, row = gtk_widget_get_next_sibling (row))
    if (row == NULL || g_strcmp0 (gtk_widget_get_name (row), g_ptr_array_index (keys, k)) != 0)
      return FALSE;
  return row == NULL;
}

GtkWidget *
grm_session_page_focus_row (GtkWidget *list)
{
  GtkRoot *root = gtk_widget_get_root (list);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, list))
    return NULL;
  return gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
}

GtkWidget *
grm_session_page_find_row (GtkWidget  *list,
                           const char *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL && key != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), key) == 0)
      return row;
  return NULL;
}

void
grm_session_page_clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

void
grm_session_page_set_names (GtkWidget *dropdown,
                            GPtrArray *names,
                            GPtrArray *keys)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  GtkStringObject *sel = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));
  g_autofree char *selected = sel ? g_strdup (g_object_get_data (G_OBJECT (sel), "key")) : NULL;
  GtkStringList *list;
  gboolean same = model != NULL && g_list_model_get_n_items (model) == names->len;

  /* The same choices: leave the model, and what is chosen, alone. */
  for (guint k = 0; same && k < names->len; k++)
    {
      g_autoptr(GObject) obj = g_list_model_get_item (model, k);

      same = g_strcmp0 (gtk_string_object_get_string (GTK_STRING_OBJECT (obj)),
                        g_ptr_array_index (names, k)) == 0 &&
             g_strcmp0 (g_object_get_data (obj, "key"), g_ptr_array_index (keys, k)) == 0;
    }
  if (same)
    return;
  list = gtk_string_list_new (NULL);
  for (guint k = 0; k < names->len; k++)
    {
      g_autoptr(GObject) obj = NULL;

      gtk_string_list_append (list, g_ptr_array_index (names, k));
      obj = g_list_model_get_item (G_LIST_MODEL (list), k);
      g_object_set_data_full (obj, "key", g_strdup (g_ptr_array_index (keys, k)), g_free);
    }
  gtk_drop_down_set_model (GTK_DROP_DOWN (dropdown), G_LIST_MODEL (list));
  for (guint k = 0; k < keys->len; k++)
    if (g_strcmp0 (g_ptr_array_index (keys, k), selected) == 0)
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), k);
  g_object_unref (list);
}

const char *
grm_session_page_selected_key (GtkWidget *dropdown)
{
  GtkStringObject *sel = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dropdown));

  return sel ? g_object_get_data (G_OBJECT (sel), "key") : NULL;
}

/* Agenda */

static GtkWidget *
caption (const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
agenda_row (GrmSessionItem *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *number = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *result = caption ("caption-heading");
  GtkWidget *np = caption ("caption");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_size_request (number, 44, -1);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_set_valign (number, GTK_ALIGN_START);
  gtk_widget_add_css_class (number, "heading");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_lines (GTK_LABEL (name), 2);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_text (GTK_LABEL (np), _("Non-public"));
  gtk_widget_add_css_class (np, "dim-label");
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), result);
  gtk_box_append (GTK_BOX (text), np);
  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, item->id);
  g_object_set_data (G_OBJECT (row), "number", number);
  g_object_set_data (G_OBJECT (row), "name", name);
  g_object_set_data (G_OBJECT (row), "result", result);
  g_object_set_data (G_OBJECT (row), "non-public", np);
  return row;
}

static void
set_agenda_row (GtkWidget      *row,
                GrmSessionItem *item)
{
  g_autofree char *one_line = grm_session_page_one_line (item->name);
  GtkWidget *result = g_object_get_data (G_OBJECT (row), "result");
  gboolean closed = item->vote != NULL && item->vote->closed;
  gboolean rejected = closed && item->vote->outcome == GRM_VOTE_OUTCOME_REJECTED;

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "number"), item->number);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "name"), one_line);
  gtk_widget_set_visible (result, closed);
  if (closed)
    gtk_label_set_text (GTK_LABEL (result), grm_vote_outcome_to_label (item->vote->outcome));
  gtk_widget_remove_css_class (result, rejected ? "success" : "error");
  gtk_widget_add_css_class (result, rejected ? "error" : "success");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "non-public"), !item->is_public);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  one_line, -1);
}

/* The item opened with Page Down stays in sight in the agenda, also when
 * the focus is elsewhere (a focused row scrolls by itself). */
static void
scroll_to_row (GtkWidget *list,
               GtkWidget *row)
{
  GtkWidget *sw = gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  if (sw == NULL || !gtk_widget_compute_bounds (row, list, &bounds))
    return;
  gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)),
                             bounds.origin.y, bounds.origin.y + bounds.size.height);
}

void
grm_session_page_update_agenda (GrmSessionPage *self)
{
  GtkListBox *list = GTK_LIST_BOX (self->agenda_list);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GtkWidget *focus_row = grm_session_page_focus_row (self->agenda_list);
  g_autofree char *focus_key = focus_row ? g_strdup (gtk_widget_get_name (focus_row)) : NULL;
  GtkWidget *row;
  gboolean rebuild;

  for (guint k = 0; k < self->state->items->len; k++)
    g_ptr_array_add (keys, ((GrmSessionItem *) self->state->items->pdata[k])->id);
  rebuild = !grm_session_page_rows_match (self->agenda_list, keys);
  if (rebuild)
    grm_session_page_clear_list (self->agenda_list);
  row = gtk_widget_get_first_child (self->agenda_list);
  for (guint k = 0; k < self->state->items->len; k++)
    {
      GrmSessionItem *item = g_ptr_array_index (self->state->items, k);

      if (rebuild)
        {
          row = agenda_row (item);
          gtk_list_box_append (list, row);
        }
      set_agenda_row (row, item);
      row = gtk_widget_get_next_sibling (row);
    }
  row = grm_session_page_find_row (self->agenda_list, self->item);
  if (row != NULL && GTK_LIST_BOX_ROW (row) != gtk_list_box_get_selected_row (list))
    {
      gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
      scroll_to_row (self->agenda_list, row);
    }
  if (rebuild && focus_key != NULL && (row = grm_session_page_find_row (self->agenda_list,
                                                                          focus_key)) != NULL)
    gtk_widget_grab_focus (row);
}

static void
agenda_activated_cb (GtkListBox     *list,
                     GtkListBoxRow  *row,
                     GrmSessionPage *self)
{
  if (self->updating || row == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "session.open-item", "s",
                              gtk_widget_get_name (GTK_WIDGET (row)));
}

void
grm_session_page_build_agenda (GrmSessionPage *self)
{
  self->agenda_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->agenda_list, "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->agenda_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Agenda"), -1);
  g_signal_connect (self->agenda_list, "row-activated", G_CALLBACK (agenda_activated_cb), self);
}

/* Roll call */

static char *
stay_times (GrmSessionMember *m)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < m->stays->len; k++)
    {
      GrmSessionStay *stay = &g_array_index (m->stays, GrmSessionStay, k);
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (stay->arrived);
      g_autofree char *from = g_date_time_format (a, "%H:%M");
      g_autofree char *to = NULL;

      if (stay->left)
        {
          g_autoptr(GDateTime) l = g_date_time_new_from_unix_local (stay->left);

          to = g_date_time_format (l, "%H:%M");
        }
      g_string_append_printf (s, "%s%s–%s", k ? ", " : "", from, to ? to : "");
    }
  return g_string_free (s, FALSE);
}

static void
present_toggled_cb (GtkSwitch      *sw,
                    GParamSpec     *pspec,
                    GrmSessionPage *self)
{
  if (self->updating)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "session.set-present", "(sb)",
                              gtk_widget_get_name (GTK_WIDGET (sw)), gtk_switch_get_active (sw));
}

static GtkWidget *
roll_row (GrmSessionPage   *self,
          GrmSessionMember *m)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_widget_set_name (sw, m->person);
  gtk_widget_set_name (row, m->person);
  g_signal_connect (sw, "notify::active", G_CALLBACK (present_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_object_set_data (G_OBJECT (row), "switch", sw);
  return row;
}

static void
set_roll_row (GrmSessionPage   *self,
              GtkWidget        *row,
              GrmSessionMember *m)
{
  GtkWidget *sw = g_object_get_data (G_OBJECT (row), "switch");
  g_autofree char *times = stay_times (m);
  g_autofree char *subtitle = NULL;
  g_autofree char *a11y = g_strdup_printf (_("%s present"), m->name);
  GrmSessionMember *regular = m->substitute_for
    ? grm_session_state_find_member (self->state, m->substitute_for) : NULL;

  if (regular != NULL)
    subtitle = g_strdup_printf (_("Substitute for %s"), regular->name);
  else if (!m->voting_right)
    subtitle = m->role && *m->role ? g_strdup_printf (_("%s · no vote"), m->role)
                                   : g_strdup (_("No vote"));
  else
    subtitle = g_strdup (m->role ? m->role : "");
  if (*times)
    {
      g_autofree char *with = *subtitle ? g_strdup_printf ("%s · %s", subtitle, times)
                                        : g_strdup (times);

      g_free (subtitle);
      subtitle = g_steal_pointer (&with);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (gtk_switch_get_active (GTK_SWITCH (sw)) != m->present)
    gtk_switch_set_active (GTK_SWITCH (sw), m->present);
  if (gtk_switch_get_state (GTK_SWITCH (sw)) != m->present)
    gtk_switch_set_state (GTK_SWITCH (sw), m->present);
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
}

void
grm_session_page_update_roll (GrmSessionPage *self)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GtkWidget *focus_row = grm_session_page_focus_row (self->roll_list);
  g_autofree char *focus_key = focus_row ? g_strdup (gtk_widget_get_name (focus_row)) : NULL;
  GtkWidget *row;
  gboolean rebuild;

  for (guint k = 0; k < self->state->members->len; k++)
    g_ptr_array_add (keys, ((GrmSessionMember *) self->state->members->pdata[k])->person);
  rebuild = !grm_session_page_rows_match (self->roll_list, keys);
  if (rebuild)
    grm_session_page_clear_list (self->roll_list);
  row = gtk_widget_get_first_child (self->roll_list);
  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);

      if (rebuild)
        {
          row = roll_row (self, m);
          gtk_list_box_append (GTK_LIST_BOX (self->roll_list), row);
        }
      set_roll_row (self, row, m);
      row = gtk_widget_get_next_sibling (row);
    }
  if (rebuild && focus_key != NULL &&
      (row = grm_session_page_find_row (self->roll_list, focus_key)) != NULL)
    gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "switch"));

  grm_session_page_update_substitutes (self);
}

/* Who can stand in: a new person (typed), anyone on the roll without a vote
 * of their own (deputies), and those already standing in (to change whom
 * for). Whom for: members with a vote who are away and whom nobody stands
 * in for yet, and, for someone already standing in, the member they stand
 * in for, chosen. The choices survive every write. */
void
grm_session_page_update_substitutes (GrmSessionPage *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) persons = g_ptr_array_new ();
  g_autoptr(GPtrArray) who = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) who_keys = g_ptr_array_new ();
  const char *chosen = NULL;
  GrmSessionMember *sub;

  g_ptr_array_add (who, g_strdup (_("New person")));
  g_ptr_array_add (who_keys, "");
  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);

      if (!m->voting_right || m->substitute_for != NULL)
        {
          g_ptr_array_add (who, m->role && *m->role
                                ? g_strdup_printf ("%s (%s)", m->name, m->role)
                                : g_strdup (m->name));
          g_ptr_array_add (who_keys, m->person);
        }
    }
  grm_session_page_set_names (self->substitute_who, who, who_keys);

  sub = grm_session_state_find_member (self->state,
                                       grm_session_page_selected_key (self->substitute_who));
  for (guint k = 0; k < self->state->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (self->state->members, k);
      gboolean taken = FALSE;

      if (!m->voting_right || m->substitute_for != NULL)
        continue;
      for (guint j = 0; j < self->state->members->len && !taken; j++)
        taken = g_strcmp0 (((GrmSessionMember *) self->state->members->pdata[j])->substitute_for,
                           m->person) == 0;
      if (sub != NULL && g_strcmp0 (sub->substitute_for, m->person) == 0)
        chosen = m->person;
      else if (m->present || taken)
        continue;
      g_ptr_array_add (names, m->name);
      g_ptr_array_add (persons, m->person);
    }
  grm_session_page_set_names (self->substitute_for, names, persons);
  for (guint k = 0; chosen != NULL && k < persons->len; k++)
    if (g_str_equal (persons->pdata[k], chosen))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (self->substitute_for), k);
}
