/* grm-pdf-tab.c: one document in the viewer.
 *
 * A tab starts with a spinner, loads the document on its worker, asks for
 * a password when the file needs one (again, saying so, when it was
 * wrong; the user can always cancel), and ends either with the scrollable
 * view or with an error page that says in plain words why the file cannot
 * be shown.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-pdf-tab"

#include <glib/gi18n-lib.h>

#include "grm-error.h"
#include "grm-pdf-tab.h"

struct _GrmPdfTab
{
  AdwBin parent_instance;

  GFile *file;
  char *title;
  int page;
  double zoom;
  char *highlight;

  GCancellable *cancellable;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkWidget *retry_button;
  GrmPdfView *view;
  GrmPdfDocument *document;
  GError *error;
};

enum
{
  SIGNAL_LOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GrmPdfTab, grm_pdf_tab, ADW_TYPE_BIN)

static void start_load (GrmPdfTab  *self,
                        const char *password);

static void
show_error (GrmPdfTab    *self,
            const GError *error)
{
  gboolean locked = g_error_matches (error, GRM_ERROR, GRM_ERROR_PDF_ENCRYPTED)
                    || g_error_matches (error, GRM_ERROR, GRM_ERROR_PDF_BAD_PASSWORD);

  g_clear_error (&self->error);
  self->error = g_error_copy (error);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
  adw_status_page_set_icon_name (self->error_page, locked ? "dialog-password-symbolic"
                                                          : "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, locked ? _("This Document Is Locked")
                                                      : _("This Document Cannot Be Opened"));
  /* The description is markup; the message may quote a file name. */
  {
    g_autofree char *escaped = g_markup_escape_text (error->message, -1);

    adw_status_page_set_description (self->error_page, escaped);
  }
  gtk_widget_set_visible (self->retry_button, locked);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      GrmPdfTab        *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "grm-entry");

  if (g_str_equal (response, "unlock"))
    {
      g_autofree char *password = g_strdup (gtk_editable_get_text (entry));

      gtk_editable_set_text (entry, "");
      start_load (self, password);
      explicit_bzero (password, strlen (password));
    }
  else
    {
      g_autoptr(GError) error = g_error_new (GRM_ERROR, GRM_ERROR_PDF_ENCRYPTED,
                                             _("This file is protected by a password"));

      show_error (self, error);
    }
  g_object_unref (self);
}

static void
ask_password (GrmPdfTab *self,
              gboolean   wrong)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *entry;
  g_autofree char *body = NULL;

  if (wrong)
    body = g_strdup_printf (_("The password is wrong. Try again, or cancel to leave “%s” "
                              "closed."), self->title);
  else
    body = g_strdup_printf (_("“%s” is protected by a password. Enter it to open the "
                              "document."), self->title);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   wrong ? _("Wrong Password") : _("Password Required"), body);
  /* A GtkEntry, not a GtkPasswordEntry: GTK 4.8's password entry leaves a
   * caps-lock handler behind when its dialog is destroyed. */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  g_object_set (entry, "activates-default", TRUE, NULL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Open"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "unlock",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "grm-entry", entry);
  g_signal_connect (dialog, "response", G_CALLBACK (password_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
show_document (GrmPdfTab *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->view = GRM_PDF_VIEW (grm_pdf_view_new ());
  grm_pdf_view_set_document (self->view, self->document);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);
  if (self->zoom > 0)
    grm_pdf_view_set_zoom (self->view, self->zoom);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_widget_add_css_class (scrolled, "grm-pdf-background");
  gtk_stack_add_named (self->stack, scrolled, "view");
  gtk_stack_set_visible_child_name (self->stack, "view");

  if (self->page > 0)
    grm_pdf_view_set_page (self->view, self->page);
  if (self->highlight != NULL && self->highlight[0] != '\0')
    grm_pdf_view_find (self->view, self->highlight, MAX (self->page, 0));
}

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrmPdfTab) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmPdfDocument) document = grm_pdf_document_load_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, GRM_ERROR, GRM_ERROR_PDF_ENCRYPTED))
    ask_password (self, FALSE);
  else if (g_error_matches (error, GRM_ERROR, GRM_ERROR_PDF_BAD_PASSWORD))
    ask_password (self, TRUE);
  else if (error != NULL)
    show_error (self, error);
  else
    {
      g_clear_error (&self->error);
      self->document = g_steal_pointer (&document);
      show_document (self);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
    }
}

static void
start_load (GrmPdfTab  *self,
            const char *password)
{
  gtk_stack_set_visible_child_name (self->stack, "loading");
  grm_pdf_document_load_async (self->file, password, self->cancellable, load_cb,
                               g_object_ref (self));
}

static void
retry_clicked_cb (GrmPdfTab *self)
{
  ask_password (self, FALSE);
}

GrmPdfTab *
grm_pdf_tab_new (GFile      *file,
                 const char *title)
{
  GrmPdfTab *self = g_object_new (GRM_TYPE_PDF_TAB, NULL);

  self->file = g_object_ref (file);
  self->title = title != NULL ? g_strdup (title) : g_file_get_basename (file);
  return self;
}

void
grm_pdf_tab_load (GrmPdfTab  *self,
                  int         page,
                  double      zoom,
                  const char *highlight)
{
  g_return_if_fail (GRM_IS_PDF_TAB (self));
  self->page = page;
  self->zoom = zoom;
  g_free (self->highlight);
  self->highlight = g_strdup (highlight);
  start_load (self, NULL);
}

GFile *
grm_pdf_tab_get_file (GrmPdfTab *self)
{
  return self->file;
}

const char *
grm_pdf_tab_get_title (GrmPdfTab *self)
{
  return self->title;
}

GrmPdfView *
grm_pdf_tab_get_view (GrmPdfTab *self)
{
  return self->view;
}

GrmPdfDocument *
grm_pdf_tab_get_document (GrmPdfTab *self)
{
  return self->document;
}

const GError *
grm_pdf_tab_get_error (GrmPdfTab *self)
{
  return self->error;
}

static void
grm_pdf_tab_dispose (GObject *object)
{
  GrmPdfTab *self = GRM_PDF_TAB (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (grm_pdf_tab_parent_class)->dispose (object);
}

static void
grm_pdf_tab_finalize (GObject *object)
{
  GrmPdfTab *self = GRM_PDF_TAB (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->document);
  g_clear_error (&self->error);
  g_free (self->title);
  g_free (self->highlight);
  G_OBJECT_CLASS (grm_pdf_tab_parent_class)->finalize (object);
}

static void
grm_pdf_tab_class_init (GrmPdfTabClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = grm_pdf_tab_dispose;
  object_class->finalize = grm_pdf_tab_finalize;
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 0);
}

static void
grm_pdf_tab_init (GrmPdfTab *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  self->cancellable = g_cancellable_new ();
  self->page = -1;
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  self->retry_button = gtk_button_new_with_mnemonic (_("_Enter Password…"));
  gtk_widget_set_halign (self->retry_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->retry_button, "pill");
  gtk_widget_add_css_class (self->retry_button, "suggested-action");
  g_signal_connect_swapped (self->retry_button, "clicked", G_CALLBACK (retry_clicked_cb), self);
  adw_status_page_set_child (self->error_page, self->retry_button);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}
