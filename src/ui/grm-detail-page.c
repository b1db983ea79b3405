/* grm-detail-page.c: the page of one meeting, paper, committee or person.
 *
 * The page reads everything it shows in one job on a store reader thread,
 * builds its widgets on the main thread, and reads again when the store
 * changes (a sync delivered a new agenda, a file arrived). A committee and a
 * person have a second tab with their meetings, a lazily loaded list. A
 * committee can be followed: its meetings then show under Upcoming.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-detail-page"

#include <glib/gi18n-lib.h>

#include "grm-application-private.h"
#include "grm-browse-list.h"
#include "grm-detail-build.h"
#include "grm-detail-page.h"
#include "grm-store-browse-detail.h"

#define RELOAD_DELAY_MS 600

struct _GrmDetailPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *error_page;
  AdwViewSwitcher *switcher;
  AdwViewStack   *view_stack;
  AdwViewStackPage *details_page;
  GtkBox         *content_box;

  GrmStore       *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  GrmDetailKind   kind;
  char           *id;
  char           *files_dir;
  char           *title;
  GtkWidget      *follow_button;
  GtkWidget      *keep_button;
  GtkWidget      *keep_label;
  GtkWidget      *keep_spinner;
  gulong          changed_handler;
  guint           reload_source;
  gboolean        loaded;
};

G_DEFINE_FINAL_TYPE (GrmDetailPage, grm_detail_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  GrmDetailKind  kind;
  char          *id;
  char          *files_dir;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->id);
  g_free (job->files_dir);
  g_free (job);
}

/* Runs on a store reader thread. */
static gboolean
load_func (GrmDb     *db,
           gpointer   data,
           gpointer  *result,
           GError   **error)
{
  LoadJob *job = data;
  GrmBrowseDetail *detail = NULL;

  switch (job->kind)
    {
    case GRM_DETAIL_MEETING:
      detail = grm_browse_load_meeting (db, job->id, job->files_dir, error);
      break;
    case GRM_DETAIL_PAPER:
      detail = grm_browse_load_paper (db, job->id, job->files_dir, error);
      break;
    case GRM_DETAIL_COMMITTEE:
      detail = grm_browse_load_organization (db, job->id, error);
      break;
    case GRM_DETAIL_PERSON:
      detail = grm_browse_load_person (db, job->id, error);
      break;
    default:
      g_assert_not_reached ();
    }
  *result = detail;
  return detail != NULL;
}

static const char *
kind_title (GrmDetailKind kind)
{
  switch (kind)
    {
    case GRM_DETAIL_MEETING:
      return _("Meeting");
    case GRM_DETAIL_PAPER:
      return _("Paper");
    case GRM_DETAIL_COMMITTEE:
      return _("Committee");
    case GRM_DETAIL_PERSON:
    default:
      return _("Person");
    }
}

static void
set_title (GrmDetailPage *self,
           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static gboolean
is_followed (GrmDetailPage *self)
{
  g_auto(GStrv) followed = g_settings_get_strv (self->settings, "followed-committees");

  return g_strv_contains ((const char * const *) followed, self->id);
}

static void
follow_toggled_cb (GrmDetailPage   *self,
                   GtkToggleButton *button)
{
  g_auto(GStrv) followed = g_settings_get_strv (self->settings, "followed-committees");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  gboolean follow = gtk_toggle_button_get_active (button);

  if (follow == is_followed (self))
    return;
  for (guint i = 0; followed[i] != NULL; i++)
    if (g_strcmp0 (followed[i], self->id) != 0)
      g_strv_builder_add (builder, followed[i]);
  if (follow)
    g_strv_builder_add (builder, self->id);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "followed-committees", (const char * const *) updated);
}

static void
update_follow_button (GrmDetailPage *self)
{
  gboolean followed = is_followed (self);

  if (self->follow_button == NULL)
    return;
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->follow_button), followed);
  gtk_button_set_label (GTK_BUTTON (self->follow_button),
                        followed ? _("Following") : _("Follow"));
  gtk_widget_set_tooltip_text (self->follow_button,
                               followed
                               ? _("Meetings of this committee show under Upcoming")
                               : _("Show the meetings of this committee under Upcoming"));
}

static GtkWidget *
build_follow_button (GrmDetailPage *self)
{
  self->follow_button = gtk_toggle_button_new ();
  gtk_widget_set_halign (self->follow_button, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->follow_button, "pill");
  update_follow_button (self);
  g_signal_connect_object (self->follow_button, "toggled",
                           G_CALLBACK (follow_toggled_cb), self, G_CONNECT_SWAPPED);
  return self->follow_button;
}

/* While the meeting's files download, the button says how far it got. */
static void
update_keep_button (GrmDetailPage *self)
{
  GApplication *app = g_application_get_default ();
  GrmSync *sync = GRM_IS_APPLICATION (app)
                  ? grm_application_get_keeping (GRM_APPLICATION (app), self->id) : NULL;
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;

  if (self->keep_button == NULL)
    return;
  gtk_widget_set_sensitive (self->keep_button, sync == NULL);
  gtk_widget_set_visible (self->keep_spinner, sync != NULL);
  gtk_spinner_set_spinning (GTK_SPINNER (self->keep_spinner), sync != NULL);
  if (sync == NULL)
    {
      gtk_label_set_text_with_mnemonic (GTK_LABEL (self->keep_label), _("_Keep Offline"));
      return;
    }
  size = g_format_size (grm_sync_get_bytes (sync));
  if (grm_sync_get_files (sync) == 0)
    text = g_strdup (_("Downloading…"));
  else
    /* Translators: on the button of a meeting whose documents are being
     * downloaded (a spinner is beside it); %u is a number of files, %s an
     * amount such as "1.2 MB". Keep it short. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file, %s", "%u files, %s",
                                         grm_sync_get_files (sync)),
                            grm_sync_get_files (sync), size);
  gtk_label_set_text (GTK_LABEL (self->keep_label), text);
}

static void
keeping_changed_cb (GrmDetailPage *self,
                    const char    *meeting_id)
{
  if (g_strcmp0 (meeting_id, self->id) == 0)
    update_keep_button (self);
}

static GtkWidget *
build_keep_button (GrmDetailPage *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->keep_button = gtk_button_new ();
  self->keep_label = gtk_label_new (NULL);
  gtk_label_set_use_underline (GTK_LABEL (self->keep_label), TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->keep_label), self->keep_button);
  gtk_label_set_ellipsize (GTK_LABEL (self->keep_label), PANGO_ELLIPSIZE_END);
  /* The progress must not widen the button and push the next one down. */
  gtk_label_set_max_width_chars (GTK_LABEL (self->keep_label), 26);
  self->keep_spinner = gtk_spinner_new ();
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->keep_spinner);
  gtk_box_append (GTK_BOX (box), self->keep_label);
  gtk_button_set_child (GTK_BUTTON (self->keep_button), box);
  update_keep_button (self);
  return self->keep_button;
}

static GtkWidget *
build_meeting_buttons (GrmDetailPage *self,
                       GrmBrowseRow  *header)
{
  /* A flow box puts the buttons below each other in a narrow window. */
  GtkWidget *box = gtk_flow_box_new ();
  GtkWidget *keep = build_keep_button (self);
  GtkWidget *session = gtk_button_new_with_mnemonic (_("Run the _Live Session"));
  GtkWidget *clamp;

  gtk_widget_add_css_class (keep, "pill");
  gtk_widget_add_css_class (keep, "suggested-action");
  gtk_widget_set_tooltip_text (keep, _("Download the invitation, the minutes and every paper "
                                       "of this meeting now"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (keep), "win.keep-meeting");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (keep), "s", self->id);

  /* For the secretary: roll call, votes and minutes of this meeting. */
  gtk_widget_add_css_class (session, "pill");
  gtk_widget_set_tooltip_text (session, _("Roll call, votes and minutes of this meeting"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (session), "win.open-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (session), "(ss)", self->id,
                                    grm_browse_row_get_title (header));

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 12);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), 2);
  gtk_flow_box_append (GTK_FLOW_BOX (box), keep);
  gtk_flow_box_append (GTK_FLOW_BOX (box), session);
  /* Wide windows keep the buttons at their natural size, on the left. */
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 600);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 600);
  gtk_widget_set_halign (clamp, GTK_ALIGN_START);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  return clamp;
}

static void
append (GrmDetailPage *self,
        GtkWidget     *widget)
{
  if (widget != NULL)
    gtk_box_append (self->content_box, widget);
}

static void
add_meetings_tab (GrmDetailPage *self)
{
  g_autoptr(GrmBrowseQuery) query = grm_browse_query_new (GRM_BROWSE_MEETINGS);
  g_autoptr(GrmBrowseModel) model = NULL;
  GtkWidget *list = grm_browse_list_new ();
  AdwViewStackPage *page;

  if (self->kind == GRM_DETAIL_COMMITTEE)
    query->committee = g_strdup (self->id);
  else
    query->person = g_strdup (self->id);
  model = grm_browse_model_new (self->store, query);
  grm_browse_list_set_model (GRM_BROWSE_LIST (list), model);
  grm_browse_list_set_empty (GRM_BROWSE_LIST (list), "x-office-calendar-symbolic",
                             _("No Meetings"),
                             self->kind == GRM_DETAIL_COMMITTEE
                             ? _("This committee has no meetings in the local database.")
                             : _("The committees of this person have no meetings in the "
                                 "local database."));
  page = adw_view_stack_add_titled (self->view_stack, list, "meetings", _("Meetings"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");
  adw_view_stack_page_set_title (self->details_page,
                                 self->kind == GRM_DETAIL_COMMITTEE ? _("Members")
                                                                    : _("Memberships"));
  adw_view_stack_page_set_icon_name (self->details_page, "system-users-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->switcher), TRUE);
}

static void
build_content (GrmDetailPage   *self,
               GrmBrowseDetail *detail)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content_box))) != NULL)
    gtk_box_remove (self->content_box, child);
  self->keep_button = self->keep_label = self->keep_spinner = NULL;
  self->follow_button = NULL;

  append (self, grm_detail_build_header (detail->header));
  if (self->kind == GRM_DETAIL_COMMITTEE)
    append (self, build_follow_button (self));
  append (self, grm_detail_build_facts (detail->facts));

  switch (self->kind)
    {
    case GRM_DETAIL_MEETING:
      append (self, build_meeting_buttons (self, detail->header));
      append (self, grm_detail_build_section (_("Committees"), NULL, detail->committees));
      append (self, grm_detail_build_section (_("Documents"), NULL, detail->files));
      grm_detail_build_agenda (self->content_box, detail->agenda);
      break;
    case GRM_DETAIL_PAPER:
      append (self, grm_detail_build_section (_("Originators"), NULL, detail->people));
      append (self, grm_detail_build_section (_("Documents"), NULL, detail->files));
      append (self, grm_detail_build_section (_("Route Through the Committees"),
                                              _("Every consultation, in the order of the "
                                                "meetings."),
                                              detail->consultations));
      append (self, grm_detail_build_section (_("Related Papers"), NULL, detail->papers));
      break;
    case GRM_DETAIL_COMMITTEE:
      if (detail->memberships->len == 0)
        append (self, grm_detail_build_label (_("The server lists no members for this "
                                                "committee."), "dim-label"));
      append (self, grm_detail_build_section (_("Members"), NULL, detail->memberships));
      break;
    case GRM_DETAIL_PERSON:
      append (self, grm_detail_build_section (_("Memberships"), NULL, detail->memberships));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GrmDetailPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GrmBrowseDetail) detail = grm_store_read_finish (GRM_STORE (object), result, &error);

  if (detail == NULL)
    {
      g_autofree char *escaped = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The description of a status page is markup. */
      escaped = g_markup_escape_text (error->message, -1);
      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      build_content (self, detail);
      set_title (self, grm_browse_row_get_title (detail->header));
      gtk_stack_set_visible_child_name (self->stack, "content");
    }
  self->loaded = TRUE;
}

static void
load (GrmDetailPage *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->kind = self->kind;
  job->id = g_strdup (self->id);
  job->files_dir = g_strdup (self->files_dir);
  grm_store_read_async (self->store, load_func, job, load_job_free,
                        (GDestroyNotify) grm_browse_detail_free,
                        self->cancellable, load_cb, g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  GrmDetailPage *self = user_data;

  self->reload_source = 0;
  load (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (GrmDetailPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_cb, self);
}

static void
grm_detail_page_dispose (GObject *object)
{
  GrmDetailPage *self = GRM_DETAIL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_DETAIL_PAGE);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grm_detail_page_parent_class)->dispose (object);
}

static void
grm_detail_page_finalize (GObject *object)
{
  GrmDetailPage *self = GRM_DETAIL_PAGE (object);

  g_clear_object (&self->cancellable);
  g_free (self->id);
  g_free (self->files_dir);
  g_free (self->title);

  G_OBJECT_CLASS (grm_detail_page_parent_class)->finalize (object);
}

static void
grm_detail_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GrmDetailPage *self = GRM_DETAIL_PAGE (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_detail_page_class_init (GrmDetailPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_detail_page_dispose;
  object_class->finalize = grm_detail_page_finalize;
  object_class->get_property = grm_detail_page_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-detail-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, switcher);
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, details_page);
  gtk_widget_class_bind_template_child (widget_class, GrmDetailPage, content_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
grm_detail_page_init (GrmDetailPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
grm_detail_page_new (GrmStore      *store,
                     GSettings     *settings,
                     const char    *files_dir,
                     GrmDetailKind  kind,
                     const char    *id)
{
  GrmDetailPage *self;

  g_return_val_if_fail (GRM_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  self = g_object_new (GRM_TYPE_DETAIL_PAGE, NULL);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  self->files_dir = g_strdup (files_dir);
  self->kind = kind;
  self->id = g_strdup (id);
  self->title = g_strdup (kind_title (kind));
  if (kind == GRM_DETAIL_COMMITTEE || kind == GRM_DETAIL_PERSON)
    add_meetings_tab (self);
  /* Connected once: the content, and the buttons in it, are built anew
   * whenever the store changes. */
  if (kind == GRM_DETAIL_COMMITTEE)
    g_signal_connect_object (settings, "changed::followed-committees",
                             G_CALLBACK (update_follow_button), self, G_CONNECT_SWAPPED);
  if (kind == GRM_DETAIL_MEETING && GRM_IS_APPLICATION (g_application_get_default ()))
    g_signal_connect_object (g_application_get_default (), "keeping-changed",
                             G_CALLBACK (keeping_changed_cb), self, G_CONNECT_SWAPPED);
  self->changed_handler = g_signal_connect_swapped (store, "changed",
                                                    G_CALLBACK (store_changed_cb), self);
  load (self);
  return GTK_WIDGET (self);
}

GrmDetailKind
grm_detail_page_get_kind (GrmDetailPage *self)
{
  g_return_val_if_fail (GRM_IS_DETAIL_PAGE (self), 0);
  return self->kind;
}

const char *
grm_detail_page_get_id (GrmDetailPage *self)
{
  g_return_val_if_fail (GRM_IS_DETAIL_PAGE (self), NULL);
  return self->id;
}

gboolean
grm_detail_page_get_loaded (GrmDetailPage *self)
{
  g_return_val_if_fail (GRM_IS_DETAIL_PAGE (self), FALSE);
  return self->loaded;
}
