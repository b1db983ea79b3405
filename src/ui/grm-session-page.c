/* grm-session-page.c: the session page: its status strip, the agenda, the
 * roll call, and the machinery that turns every action into one durable
 * write and the committed snapshot back into the screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>

#include "grm-presenter-window.h"
#include "grm-session-page-private.h"

G_DEFINE_FINAL_TYPE (GrmSessionPage, grm_session_page, ADW_TYPE_BIN)

enum {
  STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void apply_state (GrmSessionPage *self, GrmSessionState *state);
static void refresh (GrmSessionPage *self);

GrmSessionOp *
grm_session_page_op (GrmSessionPage   *self,
                     GrmSessionOpKind  kind)
{
  /* The snapshot is read after the write, on a reader: the write job only
   * writes (see refresh ()). */
  return grm_session_op_new (kind, self->meeting, self->actor);
}

void
grm_session_page_toast (GrmSessionPage *self,
                        const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (self->toasts), toast);
}

static void
set_saved_label (GrmSessionPage *self,
                 gboolean        ok)
{
  if (self->writes > 0)
    {
      gtk_label_set_text (GTK_LABEL (self->saved_label), _("Saving…"));
      gtk_widget_remove_css_class (self->saved_label, "success");
    }
  else if (!ok)
    {
      gtk_label_set_text (GTK_LABEL (self->saved_label), _("✗ Not saved"));
      gtk_widget_remove_css_class (self->saved_label, "success");
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
      /* TRANSLATORS: shown after a change is on disk; %s is the time */
      g_autofree char *text = g_strdup_printf (_("✓ Saved %s"), time);

      gtk_label_set_text (GTK_LABEL (self->saved_label), text);
      gtk_widget_add_css_class (self->saved_label, "success");
    }
  grm_session_page_fit_strip (self);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GrmSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  grm_store_write_finish (GRM_STORE (source), result, &error);
  self->pending--;
  self->writes--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      /* Refused or failed: nothing changed on disk. Say why, in full, where
       * the secretary is looking. */
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_set_visible (self->error_label, TRUE);
      set_saved_label (self, FALSE);
      if (self->state != NULL)
        {
          self->updating = TRUE;
          grm_session_page_update_item (self); /* undo what the widgets show */
          grm_session_page_update_roll (self);
          self->updating = FALSE;
        }
      return;
    }
  /* Committed: on disk now. The screen catches up with a read. */
  gtk_widget_set_visible (self->error_label, FALSE);
  set_saved_label (self, TRUE);
  refresh (self);
}

char *
grm_session_page_one_line (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);

  return g_strstrip (g_regex_replace_literal (re, text ? text : "", -1, 0, " ", 0, NULL));
}

void
grm_session_page_run (GrmSessionPage *self,
                      GrmSessionOp   *op)
{
  self->pending++;
  self->writes++;
  set_saved_label (self, FALSE);
  grm_store_write_async (self->store, grm_session_op_run, op, grm_session_op_free,
                         (GDestroyNotify) grm_session_state_free, self->cancellable,
                         write_done_cb, g_object_ref (self));
}

static gboolean
load_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  *result = grm_session_state_load (db, data, error);
  return *result != NULL;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrmSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GrmSessionState *state = grm_store_read_finish (GRM_STORE (source), result, &error);

  self->pending--;
  self->reading = FALSE;
  if (state == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        grm_session_page_toast (self, error->message);
      return;
    }
  /* Writes that came back while this read ran want a newer snapshot; the
   * one in hand is shown meanwhile (it is never older than the last). */
  if (self->state == NULL || state->audit_seq >= self->state->audit_seq)
    apply_state (self, state);
  else
    grm_session_state_free (state);
  if (self->read_again)
    refresh (self);
}

/* One snapshot read at a time; writes that come back meanwhile ask for one
 * more. Holding a key thus costs one read per round trip, not one per
 * press, and the writer never waits for a read. */
static void
refresh (GrmSessionPage *self)
{
  if (self->reading)
    {
      self->read_again = TRUE;
      return;
    }
  self->reading = TRUE;
  self->read_again = FALSE;
  self->pending++;
  grm_store_read_async (self->store, load_job, g_strdup (self->meeting), g_free,
                        (GDestroyNotify) grm_session_state_free, self->cancellable,
                        load_done_cb, g_object_ref (self));
}

GrmSessionItem *
grm_session_page_item (GrmSessionPage *self)
{
  return self->state ? grm_session_state_find_item (self->state, self->item) : NULL;
}

/* Status strip */

/* The quorum of the meeting, said calmly: how many are present of how many
 * members, and how many are needed. What an item changes (exclusions, a
 * second convocation) is said on the item. */
static void
update_status (GrmSessionPage *self)
{
  GrmSessionState *s = self->state;
  GrmSessionItem *item = grm_session_page_item (self);
  g_autofree char *quorum = NULL;
  const char *style;
  GrmQuorum q, here;

  gtk_label_set_text (GTK_LABEL (self->title_label), s->meeting_name);
  gtk_widget_set_visible (self->quorum_label, s->has_session);
  grm_session_state_quorum (s, NULL, &q);
  grm_session_state_quorum (s, item, &here);
  gtk_widget_remove_css_class (self->quorum_label, "success");
  gtk_widget_remove_css_class (self->quorum_label, "warning");
  gtk_widget_remove_css_class (self->quorum_label, "error");
  /* Which state's rule counts, where the quorum is shown. */
  gtk_widget_set_tooltip_text (self->quorum_label, _(grm_session_state_quorum_rule (s)->name));
  if (s->ended > 0)
    {
      g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (s->ended);
      g_autofree char *clock = g_date_time_format (at, "%H:%M");

      /* After the end nobody is present, and that is no lack of quorum. */
      quorum = g_strdup_printf (_("Session closed at %s"), clock);
      gtk_label_set_text (GTK_LABEL (self->quorum_label), quorum);
      gtk_widget_set_visible (self->quorum_button, FALSE);
      return;
    }
  if (q.computed)
    {
      /* TRANSLATORS: the quorum in the header: present, members, needed */
      quorum = g_strdup_printf (_("Quorate · %u of %u present (%u needed)"), q.present,
                                q.statutory, q.required);
      style = "success";
    }
  else if (q.quorate)
    {
      g_autofree char *tip = g_strdup_printf ("%s\n%s",
                                              _(grm_session_state_quorum_rule (s)->name),
                                              _("Votes go on until the lack of quorum is "
                                                "formally noted."));

      quorum = g_strdup_printf (_("Below quorum · %u of %u present (%u needed)"), q.present,
                                q.statutory, q.required);
      gtk_widget_set_tooltip_text (self->quorum_label, tip);
      style = "warning";
    }
  else
    {
      quorum = g_strdup_printf (_("No quorum (noted) · %u of %u present (%u needed)"),
                                q.present, q.statutory, q.required);
      style = "error";
    }
  gtk_label_set_text (GTK_LABEL (self->quorum_label), quorum);
  gtk_widget_add_css_class (self->quorum_label, style);
  /* Also when only the item lacks it (its exclusions). */
  gtk_widget_set_visible (self->quorum_button,
                          s->has_session && !here.computed && !here.regardless &&
                          !s->lack_noted);
  grm_session_page_fit_strip (self);
}

static void
apply_state (GrmSessionPage  *self,
             GrmSessionState *state)
{
  g_clear_pointer (&self->state, grm_session_state_free);
  self->state = state;
  if (self->item == NULL && state->current_item != NULL)
    self->item = g_strdup (state->current_item);

  self->updating = TRUE;
  update_status (self);
  grm_session_page_update_agenda (self);
  grm_session_page_update_roll (self);
  grm_session_page_update_item (self);
  grm_session_page_update_minutes (self);
  if (!state->has_session)
    {
      /* Folded, the start (and the choice of the state's rules) would
       * hide behind the agenda: it comes first until the session runs. */
      gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "start");
      adw_leaflet_set_visible_child (ADW_LEAFLET (self->leaflet),
                                     gtk_widget_get_parent (self->content_stack));
    }
  else if (g_str_equal (gtk_stack_get_visible_child_name (GTK_STACK (self->content_stack)),
                        "start"))
    gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), "roll");
  self->updating = FALSE;

  g_signal_emit (self, signals[STATE_CHANGED], 0);
}

/* Actions */

static void
note_quorum_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  GrmSessionOp *op = grm_session_page_op (self, GRM_SESSION_OP_NOTE_QUORUM);

  op->flag = TRUE;
  grm_session_page_run (self, op);
}

static void
show (GrmSessionPage *self,
      const char     *page,
      const char     *title)
{
  /* Before the start there is nothing else to show. */
  if (self->state != NULL && !self->state->has_session)
    page = "start";
  gtk_stack_set_visible_child_name (GTK_STACK (self->content_stack), page);
  gtk_label_set_text (GTK_LABEL (self->content_title), title);
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* After another item is opened the secretary keeps her place: a focus in
 * the agenda moves to the new item's row; a focus that went away with the
 * old item's widgets goes to the new row, or into the item pane. */
static void
keep_place (GrmSessionPage *self,
            gboolean        in_agenda)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row = grm_session_page_find_row (self->agenda_list, self->item);
  gboolean lost = focus == NULL || !gtk_widget_is_drawable (focus);

  if (row != NULL && (in_agenda || lost) && gtk_widget_is_drawable (row))
    gtk_widget_grab_focus (row);
  else if (lost)
    gtk_widget_child_focus (self->content_stack, GTK_DIR_TAB_FORWARD);
}

static void
open_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  gboolean in_agenda = grm_session_page_focus_row (self->agenda_list) != NULL;
  GrmSessionOp *op;

  if (self->state == NULL || !self->state->has_session)
    return;
  g_free (self->item);
  self->item = g_variant_dup_string (param, NULL);
  g_clear_pointer (&self->named_person, g_free);
  g_ptr_array_set_size (self->candidates, 0);
  show (self, "item", _("Agenda item"));
  self->updating = TRUE;
  grm_session_page_update_item (self);
  grm_session_page_update_agenda (self);
  update_status (self);
  self->updating = FALSE;
  keep_place (self, in_agenda);
  if (gtk_widget_get_visible (self->open_box))
    grm_session_page_reveal_vote (self);
  op = grm_session_page_op (self, GRM_SESSION_OP_OPEN_ITEM);
  op->item = g_strdup (self->item);
  grm_session_page_run (self, op);
}

static void
step_item (GrmSessionPage *self,
           int             delta)
{
  int index = -1;
  int n;

  if (self->state == NULL || (n = self->state->items->len) == 0)
    return;
  for (int k = 0; k < n; k++)
    if (g_strcmp0 (((GrmSessionItem *) self->state->items->pdata[k])->id, self->item) == 0)
      index = k;
  index = CLAMP (index + delta, 0, n - 1);
  gtk_widget_activate_action (GTK_WIDGET (self), "session.open-item", "s",
                              ((GrmSessionItem *) self->state->items->pdata[index])->id);
}

static void
next_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  step_item (GRM_SESSION_PAGE (widget), 1);
}

static void
prev_item_action (GtkWidget *widget, const char *name, GVariant *param)
{
  step_item (GRM_SESSION_PAGE (widget), -1);
}

static void
show_roll_action (GtkWidget *widget, const char *name, GVariant *param)
{
  show (GRM_SESSION_PAGE (widget), "roll", _("Roll call"));
}

static void
show_minutes_action (GtkWidget *widget, const char *name, GVariant *param)
{
  show (GRM_SESSION_PAGE (widget), "minutes", _("Minutes"));
}

static void
back_cb (GtkButton      *button,
         GrmSessionPage *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
present_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);

  if (self->presenter == NULL)
    {
      self->presenter = GTK_WINDOW (grm_presenter_window_new (self));
      g_object_add_weak_pointer (G_OBJECT (self->presenter), (gpointer *) &self->presenter);
    }
  gtk_window_present (self->presenter);
}

/* Building */

GtkWidget *
grm_session_page_button (const char *label,
                         const char *action,
                         GVariant   *target,
                         const char *style)
{
  GtkWidget *b = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (b), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (b), target);
  if (style != NULL)
    gtk_widget_add_css_class (b, style);
  return b;
}

static gboolean
fit_title_cb (gpointer data)
{
  GrmSessionPage *self = data;

  gtk_widget_set_visible (self->title_label,
                          !adw_leaflet_get_folded (ADW_LEAFLET (self->leaflet)));
  return G_SOURCE_REMOVE;
}

/* Narrow, the meeting's name would shrink to "…": the strip keeps the
 * quorum, and the name gives way. The leaflet folds while it is being
 * allocated, so the strip changes after that frame. */
static void
folded_cb (AdwLeaflet     *leaflet,
           GParamSpec     *pspec,
           GrmSessionPage *self)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fit_title_cb, g_object_ref (self), g_object_unref);
}

static GtkWidget *
build_status (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 18);
  GtkWidget *present_button = grm_session_page_button (_("_Presenter"), "session.present", NULL,
                                                       NULL);

  /* A second line, below, takes "Note lack of quorum" when narrow. */
  self->strip = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  self->strip_top = box;
  self->present_button = present_button;
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  self->title_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->title_label, "title-4");
  gtk_label_set_ellipsize (GTK_LABEL (self->title_label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (self->title_label, TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->title_label), 0);
  g_signal_connect (self->leaflet, "notify::folded", G_CALLBACK (folded_cb), self);
  self->quorum_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->quorum_label, "heading");
  gtk_label_set_wrap (GTK_LABEL (self->quorum_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->quorum_label), 46);
  /* One line while there is room; wrapped only when narrow. */
  gtk_label_set_natural_wrap_mode (GTK_LABEL (self->quorum_label), GTK_NATURAL_WRAP_NONE);
  gtk_label_set_justify (GTK_LABEL (self->quorum_label), GTK_JUSTIFY_RIGHT);
  self->quorum_button = grm_session_page_button (_("Note _lack of quorum"), "session.note-quorum",
                                                 NULL, "destructive-action");
  gtk_widget_set_visible (self->quorum_button, FALSE);
  self->saved_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->saved_label, "caption");
  gtk_widget_set_size_request (self->saved_label, 110, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (present_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Open the presenter window"), -1);
  gtk_box_append (GTK_BOX (box), self->title_label);
  gtk_box_append (GTK_BOX (box), self->quorum_label);
  gtk_box_append (GTK_BOX (box), self->quorum_button);
  gtk_box_append (GTK_BOX (box), self->saved_label);
  gtk_box_append (GTK_BOX (box), present_button);
  gtk_box_append (GTK_BOX (self->strip), box);
  self->strip_bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (self->strip_bottom, 12);
  gtk_widget_set_margin_end (self->strip_bottom, 12);
  gtk_widget_set_margin_bottom (self->strip_bottom, 6);
  gtk_widget_set_visible (self->strip_bottom, FALSE);
  gtk_box_append (GTK_BOX (self->strip), self->strip_bottom);
  return self->strip;
}

static GtkWidget *
build_sidebar (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_widget_set_size_request (box, 300, -1);
  gtk_widget_set_margin_top (buttons, 6);
  gtk_widget_set_margin_bottom (buttons, 6);
  gtk_widget_set_margin_start (buttons, 6);
  gtk_widget_set_margin_end (buttons, 6);
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_box_append (GTK_BOX (buttons), grm_session_page_button (_("_Roll call"), "session.show-roll",
                                                              NULL, "flat"));
  gtk_box_append (GTK_BOX (buttons), grm_session_page_button (_("_Minutes"),
                                                              "session.show-minutes", NULL, "flat"));
  grm_session_page_build_agenda (self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), self->agenda_list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (sw, TRUE);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), sw);
  return box;
}

static GtkWidget *
build_content (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->back_button = gtk_button_new_from_icon_name ("go-previous-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back to the agenda"), -1);
  g_signal_connect (self->back_button, "clicked", G_CALLBACK (back_cb), self);
  g_object_bind_property (self->leaflet, "folded", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  self->content_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->content_title, "dim-label");
  gtk_box_append (GTK_BOX (top), self->back_button);
  gtk_box_append (GTK_BOX (top), self->content_title);
  gtk_widget_set_margin_start (top, 6);
  gtk_widget_set_margin_top (top, 6);

  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_add_css_class (self->error_label, "heading");
  gtk_widget_set_margin_start (self->error_label, 24);
  gtk_widget_set_margin_end (self->error_label, 24);
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Refused change"), -1);

  self->content_stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (self->content_stack), grm_session_page_build_start (self), "start");
  gtk_stack_add_named (GTK_STACK (self->content_stack), grm_session_page_build_roll (self), "roll");
  gtk_stack_add_named (GTK_STACK (self->content_stack), grm_session_page_build_item (self),
                       "item");
  gtk_stack_add_named (GTK_STACK (self->content_stack), grm_session_page_build_minutes (self),
                       "minutes");
  gtk_widget_set_hexpand (self->content_stack, TRUE);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_box_append (GTK_BOX (box), self->content_stack);
  return box;
}

/* Page Up and Page Down go to the previous and next item from anywhere on
 * the page: lists would otherwise take them to move their own cursor.
 * Where they edit (text, numbers) they keep their usual meaning. */
static gboolean
key_capture_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GrmSessionPage        *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if ((keyval != GDK_KEY_Page_Down && keyval != GDK_KEY_Page_Up) ||
      (state & gtk_accelerator_get_default_mod_mask ()) != 0 ||
      GTK_IS_TEXT (focus) || GTK_IS_TEXT_VIEW (focus))
    return FALSE;
  step_item (self, keyval == GDK_KEY_Page_Down ? 1 : -1);
  return TRUE;
}

static void
grm_session_page_dispose (GObject *object)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  grm_session_page_narrow_dispose (self);
  if (self->presenter != NULL)
    gtk_window_destroy (self->presenter);
  G_OBJECT_CLASS (grm_session_page_parent_class)->dispose (object);
}

static void
grm_session_page_finalize (GObject *object)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->state, grm_session_state_free);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  g_free (self->meeting);
  g_free (self->actor);
  g_free (self->item);
  g_free (self->named_person);
  G_OBJECT_CLASS (grm_session_page_parent_class)->finalize (object);
}

static void
grm_session_page_class_init (GrmSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_session_page_dispose;
  object_class->finalize = grm_session_page_finalize;

  /* Emitted on the main thread after a committed snapshot was applied. */
  signals[STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);

  grm_session_page_roll_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "session.note-quorum", NULL, note_quorum_action);
  gtk_widget_class_install_action (widget_class, "session.open-item", "s", open_item_action);
  gtk_widget_class_install_action (widget_class, "session.next-item", NULL, next_item_action);
  gtk_widget_class_install_action (widget_class, "session.prev-item", NULL, prev_item_action);
  gtk_widget_class_install_action (widget_class, "session.show-roll", NULL, show_roll_action);
  gtk_widget_class_install_action (widget_class, "session.show-minutes", NULL,
                                   show_minutes_action);
  gtk_widget_class_install_action (widget_class, "session.present", NULL, present_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "session.next-item",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "session.prev-item",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "session.show-roll", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "session.present", NULL);
  grm_session_page_item_actions (widget_class);
  grm_session_page_minutes_actions (widget_class);
  grm_session_page_narrow_class_init (widget_class);
}

static void
grm_session_page_init (GrmSessionPage *self)
{
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *keys;
  AdwLeafletPage *page;

  grm_session_page_narrow_init (self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->cancellable = g_cancellable_new ();
  self->candidates = g_ptr_array_new_with_free_func (g_free);
  self->actor = g_strdup (g_get_real_name ());
  self->toasts = adw_toast_overlay_new ();
  self->leaflet = adw_leaflet_new ();
  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (self->leaflet), TRUE);
  adw_leaflet_append (ADW_LEAFLET (self->leaflet), build_sidebar (self));
  page = adw_leaflet_append (ADW_LEAFLET (self->leaflet),
                             gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);
  adw_leaflet_append (ADW_LEAFLET (self->leaflet), build_content (self));
  gtk_box_append (GTK_BOX (outer), build_status (self));
  gtk_box_append (GTK_BOX (outer), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (outer), self->leaflet);
  gtk_widget_set_vexpand (self->leaflet, TRUE);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (self->toasts), outer);
  adw_bin_set_child (ADW_BIN (self), self->toasts);
}

GtkWidget *
grm_session_page_new (GrmStore   *store,
                      const char *meeting_id)
{
  GrmSessionPage *self = g_object_new (GRM_TYPE_SESSION_PAGE, NULL);

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  self->store = g_object_ref (store);
  self->meeting = g_strdup (meeting_id);
  refresh (self);
  return GTK_WIDGET (self);
}

GrmSessionState *
grm_session_page_get_state (GrmSessionPage *self)
{
  g_return_val_if_fail (GRM_IS_SESSION_PAGE (self), NULL);
  return self->state;
}

const char *
grm_session_page_get_current_item (GrmSessionPage *self)
{
  g_return_val_if_fail (GRM_IS_SESSION_PAGE (self), NULL);
  return self->item;
}

gboolean
grm_session_page_get_busy (GrmSessionPage *self)
{
  g_return_val_if_fail (GRM_IS_SESSION_PAGE (self), FALSE);
  return self->pending > 0;
}
