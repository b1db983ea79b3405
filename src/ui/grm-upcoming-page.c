/* grm-upcoming-page.c: the next meetings of the committees the user follows
 * (all committees while they follow none), soonest first, cancelled ones
 * marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-upcoming-page"

#include <glib/gi18n-lib.h>

#include "grm-browse-list.h"
#include "grm-upcoming-page.h"

/* Meetings that began up to this long ago still count as upcoming: the
 * meeting of tonight stays at the top while it runs. */
#define RUNNING_SECONDS (6 * 60 * 60)

struct _GrmUpcomingPage
{
  GtkWidget       parent_instance;

  GtkWidget      *filter_bar;
  GrmBrowseList  *list;
  GtkWidget      *hint;

  GrmStore       *store;
  GSettings      *settings;
  GrmBrowseModel *model;
  gulong          settings_handler;
};

G_DEFINE_FINAL_TYPE (GrmUpcomingPage, grm_upcoming_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

/* "Now", which tests may fix through GREMIUM_NOW (an ISO 8601 date-time). */
static gint64
now_unix (void)
{
  const char *fixed = g_getenv ("GREMIUM_NOW");

  if (fixed != NULL)
    {
      g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (fixed, NULL);

      if (date != NULL)
        return g_date_time_to_unix (date);
    }
  return g_get_real_time () / G_USEC_PER_SEC;
}

static GrmBrowseQuery *
build_query (GrmUpcomingPage *self)
{
  GrmBrowseQuery *query = grm_browse_query_new (GRM_BROWSE_UPCOMING);

  query->committees = g_settings_get_strv (self->settings, "followed-committees");
  query->now = now_unix () - RUNNING_SECONDS;
  return query;
}

static void
followed_changed_cb (GrmUpcomingPage *self)
{
  g_autoptr(GrmBrowseQuery) query = build_query (self);
  gboolean follows = query->committees != NULL && query->committees[0] != NULL;

  gtk_label_set_text (GTK_LABEL (self->hint),
                      follows
                      ? _("Meetings of the committees you follow.")
                      : _("Meetings of all committees. Follow a committee on its page "
                          "to see only the meetings that concern you."));
  if (self->model != NULL)
    grm_browse_model_set_query (self->model, query);
}

static void
grm_upcoming_page_dispose (GObject *object)
{
  GrmUpcomingPage *self = GRM_UPCOMING_PAGE (object);
  GtkWidget *child;

  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_handler, self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), GRM_TYPE_UPCOMING_PAGE);
  /* The separator has no id, so the template does not dispose of it. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grm_upcoming_page_parent_class)->dispose (object);
}

static void
grm_upcoming_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, _("Upcoming"));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
grm_upcoming_page_class_init (GrmUpcomingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = grm_upcoming_page_dispose;
  object_class->get_property = grm_upcoming_page_get_property;
  g_object_class_install_property (object_class, PROP_TITLE,
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_type_ensure (GRM_TYPE_BROWSE_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/io/github/gremium/Gremium/ui/grm-upcoming-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GrmUpcomingPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, GrmUpcomingPage, list);
}

static void
grm_upcoming_page_init (GrmUpcomingPage *self)
{
  GtkWidget *button;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_box_append (GTK_BOX (self->filter_bar), self->hint);

  grm_browse_list_set_empty (self->list, "x-office-calendar-symbolic",
                             _("No Upcoming Meetings"),
                             _("No meeting is scheduled after today. New dates appear here "
                               "after the next sync; the past meetings are under Meetings."));
  /* A way forward: the latest meetings, newest first. */
  button = gtk_button_new_with_mnemonic (_("Show the _Latest Meetings"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.show-section");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", "meetings");
  adw_status_page_set_child (grm_browse_list_get_empty_page (self->list), button);
}

GtkWidget *
grm_upcoming_page_new (GrmStore  *store,
                       GSettings *settings)
{
  GrmUpcomingPage *self = g_object_new (GRM_TYPE_UPCOMING_PAGE, NULL);
  g_autoptr(GrmBrowseQuery) query = NULL;

  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);
  query = build_query (self);
  self->model = grm_browse_model_new (store, query);
  grm_browse_list_set_model (self->list, self->model);
  self->settings_handler = g_signal_connect_swapped (settings, "changed::followed-committees",
                                                     G_CALLBACK (followed_changed_cb), self);
  followed_changed_cb (self);
  return GTK_WIDGET (self);
}
