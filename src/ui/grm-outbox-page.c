/* grm-outbox-page.c: GrmOutboxPage, the list of changes waiting to be
 * published through the write extension. A change whose object was changed
 * on the server meanwhile shows what the server has now and two buttons:
 * "Keep Mine" (send mine again, based on the server's version) and "Take
 * Server’s" (drop mine). "Publish Now" runs the push.
 *
 * The outbox is read on a store reader thread; rows are rebuilt on the main
 * thread when the read returns. Server text is set as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-outbox-page"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "grm-error.h"
#include "grm-outbox-page.h"
#include "grm-push-scheduler.h"
#include "grm-store-outbox.h"

struct _GrmOutboxPage
{
  GtkWidget     parent_instance;

  GtkStack     *stack;
  GtkListBox   *list;
  GtkLabel     *status_label;
  GtkWidget    *account_button;
  GtkWidget    *publish_button;

  GrmStore     *store;
  GrmPush      *push;       /* NULL: the scheduler's */
  GrmPushScheduler *scheduler;
  GCancellable *cancellable;
  gulong        changed_id;
  guint         n_rows;
};

G_DEFINE_FINAL_TYPE (GrmOutboxPage, grm_outbox_page, GTK_TYPE_WIDGET)

static GrmPush *
get_push (GrmOutboxPage *self)
{
  if (self->push != NULL)
    return self->push;
  return self->scheduler ? grm_push_scheduler_get_push (self->scheduler) : NULL;
}

static gboolean
list_job (GrmDb     *db,
          gpointer   data,
          gpointer  *result,
          GError   **error)
{
  GPtrArray *all = grm_store_outbox_list (db, -1, error);

  *result = all;
  return all != NULL;
}

/* The server's name of the object, when it differs from ours. */
static char *
server_name (GrmOutboxEntry *entry)
{
  g_autoptr(JsonNode) mine = entry->body ? json_from_string (entry->body, NULL) : NULL;
  g_autoptr(JsonNode) theirs = entry->server_object ? json_from_string (entry->server_object, NULL)
                                                    : NULL;
  const char *a, *b;

  if (theirs == NULL || !JSON_NODE_HOLDS_OBJECT (theirs))
    return NULL;
  b = json_object_get_string_member_with_default (json_node_get_object (theirs), "name", NULL);
  a = mine && JSON_NODE_HOLDS_OBJECT (mine)
    ? json_object_get_string_member_with_default (json_node_get_object (mine), "name", NULL) : NULL;
  if (b == NULL || g_strcmp0 (a, b) == 0)
    return NULL;

  return g_strdup (b);
}

/* What a row's buttons do: the two resolutions of a conflict, and the two
 * ways out of a refusal. */
enum
{
  ACTION_RETRY = 100,
  ACTION_GIVE_UP,
};

typedef struct
{
  gint64 seq;
  int    action;     /* a GrmOutboxResolution or one of the above */
} Resolve;

/* Resolving is local: no push (and no account) is needed for it. */
static gboolean
resolve_job (GrmDb     *db,
             gpointer   data,
             gpointer  *result,
             GError   **error)
{
  Resolve *r = data;

  if (r->action == ACTION_RETRY || r->action == ACTION_GIVE_UP)
    return grm_store_outbox_retry_failed (db, r->seq, r->action == ACTION_GIVE_UP, error);
  return grm_store_outbox_resolve (db, r->seq, (GrmOutboxResolution) r->action, error);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrmOutboxPage) self = user_data;
  g_autoptr(GError) error = NULL;

  grm_store_write_finish (GRM_STORE (source), result, &error);
  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  grm_store_notify_changed (self->store, "outbox");
  /* Keep mine, try again: the entry waits again; send it with the next
   * push. */
  if (self->scheduler != NULL)
    grm_push_scheduler_poke (self->scheduler);
}

static void
resolve_clicked_cb (GtkButton     *button,
                    GrmOutboxPage *self)
{
  Resolve *r = g_new0 (Resolve, 1);

  r->seq = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "grm-seq"));
  r->action = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "grm-action"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  grm_store_write_async (self->store, resolve_job, r, g_free, NULL, self->cancellable,
                         resolved_cb, g_object_ref (self));
}

static GtkWidget *
resolve_button (GrmOutboxPage     *self,
                GrmOutboxEntry    *entry,
                const char        *label,
                int                action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "grm-seq", GSIZE_TO_POINTER ((gsize) entry->seq));
  g_object_set_data (G_OBJECT (button), "grm-action", GINT_TO_POINTER (action));
  g_signal_connect (button, "clicked", G_CALLBACK (resolve_clicked_cb), self);
  return button;
}

/* When a change was recorded: the time of day today, else date and time. */
static char *
format_since (gint64 unix_time)
{
  g_autoptr(GDateTime) then = g_date_time_new_from_unix_local (unix_time);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (then == NULL)
    return g_strdup ("");
  if (g_date_time_get_year (then) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (now))
    return g_date_time_format (then, "%H:%M");
  /* Translators: a date and time in strftime format, e.g. "27.11.2026, 18:42" */
  return g_date_time_format (then, _("%d.%m.%Y, %H:%M"));
}

static GtkWidget *
entry_row (GrmOutboxPage  *self,
           GrmOutboxEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *theirs = NULL;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->label ? entry->label
                                                                         : entry->target);
  switch (entry->state)
    {
    case GRM_OUTBOX_CONFLICT:
      theirs = server_name (entry);
      subtitle = theirs ? g_strdup_printf (_("Changed on the server meanwhile; it now says “%s”"),
                                           theirs)
                        : g_strdup (_("Changed on the server meanwhile"));
      button = resolve_button (self, entry, _("_Keep Mine"), GRM_PUSH_KEEP_MINE);
      gtk_widget_set_tooltip_text (button, _("Send this change again, in place of what the "
                                             "server has now"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = resolve_button (self, entry, _("_Take Server’s"), GRM_PUSH_TAKE_SERVER);
      gtk_widget_set_tooltip_text (button, _("Keep what the server has now and do not send this "
                                             "change; your records stay in Gremium"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      break;
    case GRM_OUTBOX_FAILED:
      subtitle = g_strdup_printf (_("Refused: %s"), entry->last_error ? entry->last_error : "");
      button = resolve_button (self, entry, _("Try _Again"), ACTION_RETRY);
      gtk_widget_set_tooltip_text (button, _("Send this change once more"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = resolve_button (self, entry, _("_Do Not Send"), ACTION_GIVE_UP);
      gtk_widget_set_tooltip_text (button, _("Remove this change from the outbox; your records "
                                             "stay in Gremium"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      break;
    case GRM_OUTBOX_PENDING:
    case GRM_OUTBOX_SENT:
    case GRM_OUTBOX_DROPPED:
    default:
      {
        g_autofree char *since = format_since (entry->created);

        /* Translators: %s is a time of day ("18:42") or a date and time. */
        subtitle = entry->last_error
                 ? g_strdup_printf (_("Waiting since %s; last attempt: %s"), since,
                                    entry->last_error)
                 : g_strdup_printf (_("Waiting since %s"), since);
      }
      break;
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

/* What the background publishing says, where the user looks for it; in
 * the app, "Publish Now" is offered while anything waits. */
static void
scheduler_notify_cb (GrmOutboxPage *self)
{
  const char *error = grm_push_scheduler_get_last_error (self->scheduler);
  gboolean no_account = self->n_rows > 0 && grm_push_scheduler_get_push (self->scheduler) == NULL;

  /* Without an account nothing can be sent: the way to add one is here. */
  gtk_widget_set_visible (self->account_button, no_account);
  gtk_widget_set_visible (self->publish_button, !no_account);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outbox.publish",
                                 self->n_rows > 0 && !no_account
                                 && !grm_push_scheduler_get_busy (self->scheduler));
  if (grm_push_scheduler_get_busy (self->scheduler))
    gtk_label_set_text (self->status_label, _("Publishing…"));
  else if (error != NULL)
    gtk_label_set_text (self->status_label, error);
  else if (no_account)
    gtk_label_set_text (self->status_label, _("Not sent yet: Gremium has no account on this "
                                              "council’s server"));
  else if (g_strcmp0 (gtk_label_get_text (self->status_label), _("Publishing…")) == 0)
    gtk_label_set_text (self->status_label, "");
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GrmOutboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = grm_store_read_finish (GRM_STORE (source), result, &error);
  GtkWidget *child;

  if (entries == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  for (guint i = 0; i < entries->len; i++)
    {
      GrmOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (entry->state == GRM_OUTBOX_SENT || entry->state == GRM_OUTBOX_DROPPED)
        continue;
      gtk_list_box_append (self->list, entry_row (self, entry));
      self->n_rows++;
    }
  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
  if (self->scheduler != NULL)
    scheduler_notify_cb (self);
}

void
grm_outbox_page_reload (GrmOutboxPage *self)
{
  g_return_if_fail (GRM_IS_OUTBOX_PAGE (self));
  grm_store_read_async (self->store, list_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        self->cancellable, loaded_cb, g_object_ref (self));
}

guint
grm_outbox_page_get_n_rows (GrmOutboxPage *self)
{
  g_return_val_if_fail (GRM_IS_OUTBOX_PAGE (self), 0);
  return self->n_rows;
}

static void
store_changed_cb (GrmStore      *store,
                  const char    *what,
                  GrmOutboxPage *self)
{
  if (g_strcmp0 (what, "outbox") == 0)
    grm_outbox_page_reload (self);
}

static void
password_stored_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GrmOutboxPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!grm_credentials_store_finish (GRM_CREDENTIALS (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "outbox.publish", NULL);
}

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GrmOutboxPage    *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, "sign-in") == 0 && *gtk_editable_get_text (entry) != '\0')
    grm_credentials_store_async (grm_push_get_credentials (get_push (self)), GRM_CREDENTIAL_PASSWORD,
                                 gtk_editable_get_text (entry), self->cancellable,
                                 password_stored_cb, g_object_ref (self));
}

/* The server refused the stored password, or none is stored: ask for it
 * and keep it in the keyring. */
static void
ask_password (GrmOutboxPage *self,
              const char    *reason)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GrmCredentials *credentials = grm_push_get_credentials (get_push (self));
  g_autofree char *body = g_strdup_printf (_("%s\n\nEnter the password of “%s” for this "
                                             "server. It is kept in the keyring."),
                                           reason, grm_credentials_get_user (credentials));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Sign In to Publish"), body);
  /* A plain GtkEntry: GTK 4.8's GtkPasswordEntry is used after it was
   * freed when a dialog holding it is destroyed. */
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Password"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "sign-in", _("_Sign In"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-in",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "sign-in");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
published_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GrmOutboxPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GrmPush *push = GRM_PUSH (source);
  g_autofree char *summary = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outbox.publish", TRUE);
  if (!grm_push_run_finish (push, result, &error))
    {
      if (g_error_matches (error, GRM_ERROR, GRM_ERROR_AUTH))
        ask_password (self, error->message);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->status_label, error->message);
    }
  else
    {
      guint sent = grm_push_get_sent (push);
      guint problems = grm_push_get_conflicts (push) + grm_push_get_failed (push);

      if (problems == 0)
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change published",
                                                "%u changes published", sent), sent);
      else
        summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u published; %u need your decision below",
                                                "%u published; %u need your decision below",
                                                problems), sent, problems);
      gtk_label_set_text (self->status_label, summary);
      /* Signed in again: the background publishing may go on. */
      if (self->scheduler != NULL && grm_push_scheduler_get_push (self->scheduler) == push)
        grm_push_scheduler_set_push (self->scheduler, push);
    }
  grm_outbox_page_reload (self);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GrmOutboxPage *self = GRM_OUTBOX_PAGE (widget);
  GrmPush *push = get_push (self);

  if (push == NULL)
    {
      gtk_label_set_text (self->status_label,
                          _("To publish, add your account on this council’s server in the "
                            "preferences"));
      return;
    }
  gtk_widget_action_set_enabled (widget, "outbox.publish", FALSE);
  gtk_label_set_text (self->status_label, _("Publishing…"));
  grm_push_run_async (push, self->cancellable, published_cb, g_object_ref (self));
}

static void
grm_outbox_page_dispose (GObject *object)
{
  GrmOutboxPage *self = GRM_OUTBOX_PAGE (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->scheduler != NULL)
    g_signal_handlers_disconnect_by_data (self->scheduler, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_OUTBOX_PAGE);
  /* The action bar is not a bound child: unparent what is left. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->push);
  g_clear_object (&self->scheduler);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (grm_outbox_page_parent_class)->dispose (object);
}

static void
grm_outbox_page_class_init (GrmOutboxPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_outbox_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/gremium/Gremium/ui/grm-outbox-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmOutboxPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GrmOutboxPage, list);
  gtk_widget_class_bind_template_child (widget_class, GrmOutboxPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, GrmOutboxPage, account_button);
  gtk_widget_class_bind_template_child (widget_class, GrmOutboxPage, publish_button);
  gtk_widget_class_install_action (widget_class, "outbox.publish", NULL, publish_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "outbox.publish", NULL);
}

static void
grm_outbox_page_init (GrmOutboxPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
grm_outbox_page_new (GrmStore *store,
                     GrmPush  *push)
{
  GrmOutboxPage *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  g_return_val_if_fail (GRM_IS_PUSH (push), NULL);

  self = g_object_new (GRM_TYPE_OUTBOX_PAGE, NULL);
  self->store = g_object_ref (store);
  self->push = g_object_ref (push);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  grm_outbox_page_reload (self);
  return GTK_WIDGET (self);
}

GtkWidget *
grm_outbox_page_new_for_scheduler (GrmStore         *store,
                                   GrmPushScheduler *scheduler)
{
  GrmOutboxPage *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  g_return_val_if_fail (GRM_IS_PUSH_SCHEDULER (scheduler), NULL);

  self = g_object_new (GRM_TYPE_OUTBOX_PAGE, NULL);
  self->store = g_object_ref (store);
  self->scheduler = g_object_ref (scheduler);
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  g_signal_connect_swapped (scheduler, "notify::last-error", G_CALLBACK (scheduler_notify_cb),
                            self);
  g_signal_connect_swapped (scheduler, "notify::busy", G_CALLBACK (scheduler_notify_cb), self);
  scheduler_notify_cb (self);
  grm_outbox_page_reload (self);
  return GTK_WIDGET (self);
}
