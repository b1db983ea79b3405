/* grm-connect-dialog.c: the dialog that adds a server account.
 *
 * Nothing is saved before the server has shown that it is an OParl system:
 * a wrong address is caught here, in words a council member understands,
 * not by a failing sync later.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-connect-dialog"

#include "grm-connect-dialog.h"

#include <glib/gi18n-lib.h>

#include "grm-application-private.h"
#include "grm-error.h"
#include "grm-sync-discover.h"

struct _GrmConnectDialog
{
  AdwWindow         parent_instance;

  GtkWidget        *next_button;
  GtkStack         *stack;
  GtkEditable      *url_row;
  GtkEditable      *user_row;
  GtkEditable      *password_row;
  GtkLabel         *error_label;
  GtkSpinner       *spinner;
  AdwPreferencesGroup *bodies_group;
  GtkListBox       *bodies_list;

  GrmApplication   *application;
  GCancellable     *cancellable;
  GrmSyncDiscovery *discovery;
  GPtrArray        *checks;     /* GtkCheckButton per body; [0] is "all" with several */
  gboolean          has_all;
};

G_DEFINE_FINAL_TYPE (GrmConnectDialog, grm_connect_dialog, ADW_TYPE_WINDOW)

static char *
entered_url (GrmConnectDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (self->url_row)));
}

static gboolean
is_server_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0'
         && (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0
             || g_strcmp0 (g_uri_get_scheme (uri), "http") == 0);
}

static void
show_stage (GrmConnectDialog *self,
            const char       *stage)
{
  gtk_stack_set_visible_child_name (self->stack, stage);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (stage, "checking"));
  if (g_str_equal (stage, "bodies"))
    {
      gtk_button_set_label (GTK_BUTTON (self->next_button), _("C_onnect"));
      gtk_widget_set_sensitive (self->next_button, TRUE);
    }
  else
    {
      g_autofree char *url = entered_url (self);

      gtk_button_set_label (GTK_BUTTON (self->next_button), _("_Next"));
      gtk_widget_set_sensitive (self->next_button,
                                g_str_equal (stage, "address") && is_server_url (url));
    }
}

static void
url_changed_cb (GrmConnectDialog *self)
{
  g_autofree char *url = entered_url (self);

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "address") == 0)
    gtk_widget_set_sensitive (self->next_button, is_server_url (url));
}

static GtkWidget *
body_row (GrmConnectDialog *self,
          const char       *title,
          const char       *subtitle,
          GtkWidget        *group,
          gboolean          choice)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check;

  /* Titles are server text: AdwPreferencesRow would read them as markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (!choice)
    {
      /* One body: nothing to choose, so no check box to untick. */
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("x-office-address-book-symbolic"));
      gtk_list_box_append (self->bodies_list, row);
      return NULL;
    }
  check = gtk_check_button_new ();
  /* The row's title names the check box for screen readers too. */
  gtk_widget_set_tooltip_text (check, title);
  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (group));
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  row, NULL, -1);
  gtk_list_box_append (self->bodies_list, row);
  g_ptr_array_add (self->checks, check);
  return check;
}

static void
fill_bodies (GrmConnectDialog *self)
{
  GPtrArray *bodies = self->discovery->bodies;
  const char *version = grm_sync_discovery_get_version (self->discovery);
  g_autofree char *description = NULL;
  GtkWidget *first = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bodies_list))) != NULL)
    gtk_list_box_remove (self->bodies_list, child);
  g_ptr_array_set_size (self->checks, 0);

  if (version != NULL)
    /* Translators: the first %s is the server's name, the second "1.0" or "1.1". */
    description = g_strdup_printf (_("%s speaks OParl %s."),
                                   self->discovery->name ? self->discovery->name
                                                         : self->discovery->system_url,
                                   version);
  else
    description = g_strdup_printf (_("%s speaks OParl."),
                                   self->discovery->name ? self->discovery->name
                                                         : self->discovery->system_url);
  adw_preferences_group_set_description (self->bodies_group, description);
  self->has_all = bodies->len > 1;
  if (self->has_all)
    {
      adw_preferences_group_set_title (self->bodies_group, _("Which Council?"));
      first = body_row (self, _("All of Them"), _("Every body this server offers"), NULL, TRUE);
    }
  else
    adw_preferences_group_set_title (self->bodies_group, _("The Server Offers"));
  for (guint i = 0; i < bodies->len; i++)
    {
      GrmSyncDiscoveredBody *body = g_ptr_array_index (bodies, i);
      const char *subtitle = body->short_name != NULL
                             && g_strcmp0 (body->short_name, body->name) != 0
                             ? body->short_name : NULL;
      body_row (self, body->name, subtitle, first, self->has_all);
    }
  if (first != NULL)
    gtk_check_button_set_active (GTK_CHECK_BUTTON (first), TRUE);
}

static void
discover_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GrmConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GrmSyncDiscovery *discovery = grm_sync_discover_finish (result, &error);

  if (discovery == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      show_stage (self, "address");
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  g_clear_pointer (&self->discovery, grm_sync_discovery_free);
  self->discovery = discovery;
  fill_bodies (self);
  show_stage (self, "bodies");
}

static char **
chosen_bodies (GrmConnectDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint offset = self->has_all ? 1 : 0;

  /* One body, or "all of them": no filter, so bodies the server adds
   * later are synced too. */
  if (!self->has_all
      || gtk_check_button_get_active (GTK_CHECK_BUTTON (g_ptr_array_index (self->checks, 0))))
    return NULL;
  for (guint i = offset; i < self->checks->len; i++)
    if (gtk_check_button_get_active (GTK_CHECK_BUTTON (g_ptr_array_index (self->checks, i))))
      {
        GrmSyncDiscoveredBody *body = g_ptr_array_index (self->discovery->bodies, i - offset);

        g_strv_builder_add (builder, body->id);
      }
  return g_strv_builder_end (builder);
}

static void
save (GrmConnectDialog *self)
{
  g_auto(GStrv) bodies = chosen_bodies (self);

  grm_application_add_account (self->application, self->discovery->system_url,
                               gtk_editable_get_text (self->user_row),
                               gtk_editable_get_text (self->password_row),
                               (const char * const *) bodies);
  gtk_window_close (GTK_WINDOW (self));
}

static void
next_clicked_cb (GrmConnectDialog *self)
{
  const char *stage = gtk_stack_get_visible_child_name (self->stack);
  g_autofree char *url = entered_url (self);

  if (g_str_equal (stage, "bodies"))
    {
      save (self);
      return;
    }
  if (!g_str_equal (stage, "address") || !is_server_url (url))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  show_stage (self, "checking");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  grm_sync_discover_async (url, self->cancellable, discover_cb, g_object_ref (self));
}

static void
cancel_clicked_cb (GrmConnectDialog *self)
{
  /* Looking at the server: back to the address. Otherwise: close. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "address") != 0)
    {
      g_cancellable_cancel (self->cancellable);
      show_stage (self, "address");
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

const char *
grm_connect_dialog_get_stage (GrmConnectDialog *self)
{
  g_return_val_if_fail (GRM_IS_CONNECT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
grm_connect_dialog_get_error (GrmConnectDialog *self)
{
  g_return_val_if_fail (GRM_IS_CONNECT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->error_label))
         ? gtk_label_get_text (self->error_label) : NULL;
}

static gboolean
grm_connect_dialog_close_request (GtkWindow *window)
{
  GrmConnectDialog *self = GRM_CONNECT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (grm_connect_dialog_parent_class)->close_request (window);
}

static void
grm_connect_dialog_dispose (GObject *object)
{
  GrmConnectDialog *self = GRM_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_CONNECT_DIALOG);
  g_clear_object (&self->application);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->discovery, grm_sync_discovery_free);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  G_OBJECT_CLASS (grm_connect_dialog_parent_class)->dispose (object);
}

static void
grm_connect_dialog_class_init (GrmConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = grm_connect_dialog_dispose;
  window_class->close_request = grm_connect_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, bodies_group);
  gtk_widget_class_bind_template_child (widget_class, GrmConnectDialog, bodies_list);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
grm_connect_dialog_init (GrmConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->checks = g_ptr_array_new ();
}

GrmConnectDialog *
grm_connect_dialog_new (GrmApplication *application,
                        GtkWindow      *parent)
{
  GrmConnectDialog *self = g_object_new (GRM_TYPE_CONNECT_DIALOG,
                                         "transient-for", parent, NULL);

  self->application = g_object_ref (application);
  return self;
}
