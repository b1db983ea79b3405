/* grm-upcoming-page.c: the next meetings of the committees the user follows
 * (all committees while they follow none), soonest first, cancelled ones
 * marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-upcoming-page"

#include <glib/gi18n-lib.h>

#include "grm-upcoming-page.h"

/* Meetings that began up to this long ago still count as upcoming: the
 * meeting of tonight stays at the top while it runs. */
#define RUNNING_SECONDS (6 * 60 * 60)

struct _GrmUpcomingPage
{
  GrmListPage     parent_instance;

  GtkWidget      *hint;

  GSettings      *settings;
  gulong          settings_handler;
};

G_DEFINE_FINAL_TYPE (GrmUpcomingPage, grm_upcoming_page, GRM_TYPE_LIST_PAGE)

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
grm_upcoming_page_build_query (GrmListPage *page)
{
  GrmUpcomingPage *self = GRM_UPCOMING_PAGE (page);
  GrmBrowseQuery *query = grm_browse_query_new (GRM_BROWSE_UPCOMING);

  query->committees = g_settings_get_strv (self->settings, "followed-committees");
  query->now = now_unix () - RUNNING_SECONDS;
  return query;
}

static void
followed_changed_cb (GrmUpcomingPage *self)
{
  g_auto(GStrv) committees = g_settings_get_strv (self->settings, "followed-committees");
  gboolean follows = committees[0] != NULL;

  gtk_label_set_text (GTK_LABEL (self->hint),
                      follows
                      ? _("Meetings of the committees you follow.")
                      : _("Meetings of all committees. Follow a committee on its page "
                          "to see only the meetings that concern you."));
  grm_list_page_update_query (GRM_LIST_PAGE (self));
}

static void
grm_upcoming_page_dispose (GObject *object)
{
  GrmUpcomingPage *self = GRM_UPCOMING_PAGE (object);

  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_handler, self->settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (grm_upcoming_page_parent_class)->dispose (object);
}

static void
grm_upcoming_page_class_init (GrmUpcomingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GrmListPageClass *page_class = GRM_LIST_PAGE_CLASS (klass);

  object_class->dispose = grm_upcoming_page_dispose;
  page_class->title = N_("Upcoming");
  page_class->build_query = grm_upcoming_page_build_query;
}

static void
grm_upcoming_page_init (GrmUpcomingPage *self)
{
  GrmBrowseList *list = grm_list_page_get_list (GRM_LIST_PAGE (self));
  GtkWidget *button;

  self->hint = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->hint), 0);
  gtk_widget_add_css_class (self->hint, "dim-label");
  gtk_box_append (GTK_BOX (grm_list_page_get_filter_bar (GRM_LIST_PAGE (self))), self->hint);

  grm_browse_list_set_empty (list, "x-office-calendar-symbolic",
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
  adw_status_page_set_child (grm_browse_list_get_empty_page (list), button);
}

GtkWidget *
grm_upcoming_page_new (GrmStore  *store,
                       GSettings *settings)
{
  GrmUpcomingPage *self = g_object_new (GRM_TYPE_UPCOMING_PAGE, NULL);

  self->settings = g_object_ref (settings);
  grm_list_page_set_store (GRM_LIST_PAGE (self), store);
  self->settings_handler = g_signal_connect_swapped (settings, "changed::followed-committees",
                                                     G_CALLBACK (followed_changed_cb), self);
  followed_changed_cb (self);
  return GTK_WIDGET (self);
}
