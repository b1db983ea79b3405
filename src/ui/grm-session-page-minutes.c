/* grm-session-page-minutes.c: the minutes pane: closing remarks, export
 * (off the main thread), ending the session, sealing, and corrections of
 * sealed minutes for the next meeting.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-session-page"

#include <glib/gi18n-lib.h>
#include <inttypes.h>

#include "grm-minutes-pdf.h"
#include "grm-session-page-private.h"

typedef struct
{
  GrmSessionPage *self;
  char           *path;
} Export;

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Export *ex = user_data;
  g_autoptr(GrmSessionPage) self = ex->self;
  g_autofree char *path = ex->path;
  g_autoptr(GError) error = NULL;

  g_free (ex);
  self->pending--;
  if (!grm_minutes_export_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        grm_session_page_toast (self, error->message);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *msg = g_strdup_printf (_("Minutes written to “%s”"), base);

    grm_session_page_toast (self, msg);
  }
  g_signal_emit_by_name (self, "state-changed");
}

static void
export_to_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  const char *path;
  gboolean public_only;
  Export *ex = g_new0 (Export, 1);

  g_variant_get (param, "(&sb)", &path, &public_only);
  ex->self = g_object_ref (self);
  ex->path = g_strdup (path);
  self->pending++;
  grm_minutes_export_async (self->store, self->meeting, public_only, path, self->cancellable,
                            export_done_cb, ex);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     GrmSessionPage  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      gboolean public_only = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "public"));

      if (path != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self), "session.export-to", "(sb)", path,
                                    public_only);
    }
  /* The page held the dialog until it answered. */
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  gboolean public_only = g_variant_get_boolean (param);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *suggested = NULL;

  chooser = gtk_file_chooser_native_new (public_only ? _("Export the public minutes")
                                                     : _("Export the minutes"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  suggested = g_strdup_printf ("%s.pdf", public_only ? _("minutes-public") : _("minutes"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  g_object_set_data (G_OBJECT (chooser), "public", GINT_TO_POINTER (public_only));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_text_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  GrmSessionOp *op = grm_session_page_op (self, GRM_SESSION_OP_MINUTES_TEXT);

  op->text = grm_session_page_text_of (self->minutes_view);
  grm_session_page_run (self, op);
}

static void
end_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);

  grm_session_page_run (self, grm_session_page_op (self, GRM_SESSION_OP_END));
}

static void
seal_now_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);

  grm_session_page_run (self, grm_session_page_op (self, GRM_SESSION_OP_SEAL));
}

static void
seal_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  GrmSessionPage   *self)
{
  if (g_str_equal (response, "seal"))
    gtk_widget_activate_action (GTK_WIDGET (self), "session.seal-now", NULL);
}

static void
seal_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Seal the minutes?"),
                                   _("Sealed minutes never change. Later corrections are "
                                     "recorded for the minutes of the next meeting."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "seal", _("_Seal"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "seal",
                                              ADW_RESPONSE_DESTRUCTIVE);
  g_signal_connect_object (dialog, "response", G_CALLBACK (seal_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
correction_action (GtkWidget *widget, const char *name, GVariant *param)
{
  GrmSessionPage *self = GRM_SESSION_PAGE (widget);
  GrmSessionOp *op = grm_session_page_op (self, GRM_SESSION_OP_CORRECTION);
  GtkWidget *entry = g_object_get_data (G_OBJECT (self), "correction-entry");

  op->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  grm_session_page_run (self, op);
}

void
grm_session_page_minutes_actions (GtkWidgetClass *wc)
{
  gtk_widget_class_install_action (wc, "session.export-to", "(sb)", export_to_action);
  gtk_widget_class_install_action (wc, "session.export", "b", export_action);
  gtk_widget_class_install_action (wc, "session.save-minutes-text", NULL, save_text_action);
  gtk_widget_class_install_action (wc, "session.end", NULL, end_action);
  gtk_widget_class_install_action (wc, "session.seal", NULL, seal_action);
  gtk_widget_class_install_action (wc, "session.seal-now", NULL, seal_now_action);
  gtk_widget_class_install_action (wc, "session.record-correction", NULL, correction_action);
  gtk_widget_class_add_binding_action (wc, GDK_KEY_e, GDK_CONTROL_MASK, "session.export", "b",
                                       FALSE);
}

GtkWidget *
grm_session_page_build_minutes (GrmSessionPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (_("Minutes"));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *row1 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row2 = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *corr = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *remarks = gtk_label_new (_("Closing remarks"));
  GtkWidget *sw = gtk_scrolled_window_new ();

  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  self->minutes_status = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->minutes_status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->minutes_status), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->minutes_status), 0);
  gtk_label_set_selectable (GTK_LABEL (self->minutes_status), TRUE);
  gtk_widget_add_css_class (remarks, "heading");
  gtk_label_set_xalign (GTK_LABEL (remarks), 0);
  self->minutes_view = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (self->minutes_view), GTK_WRAP_WORD_CHAR);
  gtk_widget_set_size_request (self->minutes_view, -1, 120);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (self->minutes_view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (self->minutes_view), 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->minutes_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Closing remarks"), -1);
  gtk_frame_set_child (GTK_FRAME (frame), self->minutes_view);
  gtk_box_append (GTK_BOX (row1), grm_session_page_button (_("Save _remarks"),
                                                           "session.save-minutes-text", NULL, NULL));
  gtk_box_append (GTK_BOX (row1), grm_session_page_button (_("_Export PDF…"), "session.export",
                                                           g_variant_new_boolean (FALSE),
                                                           "suggested-action"));
  gtk_box_append (GTK_BOX (row1), grm_session_page_button (_("Export _public PDF…"),
                                                           "session.export",
                                                           g_variant_new_boolean (TRUE), NULL));
  gtk_box_append (GTK_BOX (row2), grm_session_page_button (_("E_nd the session"), "session.end",
                                                           NULL, NULL));
  gtk_box_append (GTK_BOX (row2), grm_session_page_button (_("_Seal the minutes…"), "session.seal",
                                                           NULL, "destructive-action"));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Correction of the sealed minutes"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Correction of the sealed minutes"), -1);
  gtk_widget_set_hexpand (entry, TRUE);
  g_object_set_data (G_OBJECT (self), "correction-entry", entry);
  g_object_set_data (G_OBJECT (self), "correction-box", corr);
  gtk_box_append (GTK_BOX (corr), entry);
  gtk_box_append (GTK_BOX (corr), grm_session_page_button (_("Record _correction"),
                                                           "session.record-correction", NULL, NULL));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), self->minutes_status);
  gtk_box_append (GTK_BOX (box), remarks);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_box_append (GTK_BOX (box), row1);
  gtk_box_append (GTK_BOX (box), row2);
  gtk_box_append (GTK_BOX (box), corr);
  gtk_widget_set_margin_start (box, 24);
  gtk_widget_set_margin_end (box, 24);
  gtk_widget_set_margin_top (box, 12);
  grm_session_page_narrow_margins (self, box);
  grm_session_page_flip_box (self, row1);
  grm_session_page_flip_box (self, row2);
  grm_session_page_flip_box (self, corr);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (sw), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (sw), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  return sw;
}

void
grm_session_page_update_minutes (GrmSessionPage *self)
{
  GrmSessionState *s = self->state;
  g_autofree char *status = NULL;
  gboolean sealed = s->sealed > 0;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->minutes_view));

  if (sealed)
    {
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (s->sealed);
      g_autofree char *at = g_date_time_format (when, "%Y-%m-%d %H:%M");

      status = g_strdup_printf (_("Sealed on %s. Audit head: %s"), at, s->sealed_audit_head);
    }
  else
    status = g_strdup_printf (_("Draft. Audit log: %" PRId64 " entries, head %s"),
                              s->audit_seq, s->audit_head ? s->audit_head : "–");
  gtk_label_set_text (GTK_LABEL (self->minutes_status), status);
  if (!gtk_text_buffer_get_modified (buffer))
    {
      gtk_text_buffer_set_text (buffer, s->minutes_text ? s->minutes_text : "", -1);
      gtk_text_buffer_set_modified (buffer, FALSE);
    }
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->minutes_view), !sealed);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (self), "correction-box"), sealed);
}
