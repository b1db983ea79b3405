/* grm-presenter-window.c: the projector window.
 *
 * Only what the room needs, readable from the back row: the item, and the
 * result of its vote. Non-public items show their number only.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-presenter"

#include <glib/gi18n-lib.h>

#include "grm-presenter-window.h"
#include "grm-session-page.h"

struct _GrmPresenterWindow
{
  AdwWindow       parent_instance;

  GrmSessionPage *page;
  GtkWidget      *meeting;
  GtkWidget      *item;
  GtkWidget      *result;
  GtkWidget      *counts;
};

G_DEFINE_FINAL_TYPE (GrmPresenterWindow, grm_presenter_window, ADW_TYPE_WINDOW)

static const char css[] =
  ".grm-presenter { background-color: #1d1d20; color: #f6f5f4; }\n"
  ".grm-presenter-meeting { font-size: 20pt; opacity: 0.7; }\n"
  ".grm-presenter-item { font-size: 34pt; font-weight: 700; }\n"
  ".grm-presenter-result { font-size: 88pt; font-weight: 800; }\n"
  ".grm-presenter-result.passed { color: #8ff0a4; }\n"
  ".grm-presenter-result.rejected { color: #ff7b63; }\n"
  ".grm-presenter-counts { font-size: 30pt; font-feature-settings: \"tnum\"; }\n";

static void
update (GrmPresenterWindow *self)
{
  GrmSessionState *s = self->page ? grm_session_page_get_state (self->page) : NULL;
  GrmSessionItem *item;
  GrmSessionVote *vote;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;

  if (s == NULL)
    return;
  gtk_label_set_text (GTK_LABEL (self->meeting), s->meeting_name);
  item = grm_session_state_find_item (s, grm_session_page_get_current_item (self->page));
  if (item == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->item), "");
      gtk_widget_set_visible (self->result, FALSE);
      gtk_widget_set_visible (self->counts, FALSE);
      return;
    }
  /* The projector is seen by the public: a non-public item keeps its name. */
  if (item->is_public)
    {
      g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);
      g_autofree char *name = g_regex_replace_literal (re, item->name ? item->name : "", -1, 0,
                                                       " ", 0, NULL);

      title = g_strdup_printf ("%s %s", item->number ? item->number : "", name);
    }
  else
    title = g_strdup_printf (_("%s (non-public)"), item->number ? item->number : "");
  gtk_label_set_text (GTK_LABEL (self->item), title);

  vote = item->vote;
  gtk_widget_remove_css_class (self->result, "passed");
  gtk_widget_remove_css_class (self->result, "rejected");
  if (vote == NULL)
    {
      gtk_widget_set_visible (self->result, FALSE);
      gtk_widget_set_visible (self->counts, FALSE);
      return;
    }
  gtk_widget_set_visible (self->result, TRUE);
  gtk_widget_set_visible (self->counts, vote->closed != 0);
  if (vote->closed == 0)
    {
      gtk_label_set_text (GTK_LABEL (self->result), _("Voting…"));
      return;
    }
  if (vote->winner != NULL)
    {
      g_autofree char *elected = g_strdup_printf (_("Elected: %s"), vote->winner);

      gtk_label_set_text (GTK_LABEL (self->result), elected);
    }
  else
    gtk_label_set_text (GTK_LABEL (self->result), grm_vote_outcome_to_label (vote->outcome));
  gtk_widget_add_css_class (self->result, vote->outcome == GRM_VOTE_OUTCOME_REJECTED ||
                                          vote->outcome == GRM_VOTE_OUTCOME_RUNOFF
                                          ? "rejected" : "passed");
  if (vote->kind == GRM_VOTE_KIND_UNANIMOUS)
    counts = g_strdup (_("Unanimous"));
  else if (vote->kind == GRM_VOTE_KIND_ELECTION)
    {
      GString *s2 = g_string_new (NULL);

      for (guint k = 0; k < vote->candidates->len; k++)
        {
          GrmSessionCandidate *c = g_ptr_array_index (vote->candidates, k);

          g_string_append_printf (s2, "%s%s %u", k ? " · " : "", c->name, c->votes);
        }
      counts = g_string_free (s2, FALSE);
    }
  else
    counts = g_strdup_printf (_("Yes %u · No %u · Abstentions %u"), vote->counts.yes,
                              vote->counts.no, vote->counts.abstain);
  gtk_label_set_text (GTK_LABEL (self->counts), counts);
}

static void
grm_presenter_window_dispose (GObject *object)
{
  GrmPresenterWindow *self = GRM_PRESENTER_WINDOW (object);

  g_clear_weak_pointer (&self->page);
  G_OBJECT_CLASS (grm_presenter_window_parent_class)->dispose (object);
}

static void
fullscreen_action (GtkWidget *widget, const char *name, GVariant *param)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (widget)))
    gtk_window_unfullscreen (GTK_WINDOW (widget));
  else
    gtk_window_fullscreen (GTK_WINDOW (widget));
}

static void
grm_presenter_window_class_init (GrmPresenterWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = grm_presenter_window_dispose;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "presenter.fullscreen", NULL,
                                   fullscreen_action);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_F11, 0,
                                       "presenter.fullscreen", NULL);
}

static GtkWidget *
big_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  return label;
}

static void
grm_presenter_window_init (GrmPresenterWindow *self)
{
  static gsize css_once;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 36);

  if (g_once_init_enter (&css_once))
    {
      GtkCssProvider *provider = gtk_css_provider_new ();

      gtk_css_provider_load_from_data (provider, css, -1);
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      g_once_init_leave (&css_once, 1);
    }
  self->meeting = big_label ("grm-presenter-meeting");
  self->item = big_label ("grm-presenter-item");
  self->result = big_label ("grm-presenter-result");
  self->counts = big_label ("grm-presenter-counts");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 60);
  gtk_widget_set_margin_end (box, 60);
  gtk_box_append (GTK_BOX (box), self->meeting);
  gtk_box_append (GTK_BOX (box), self->item);
  gtk_box_append (GTK_BOX (box), self->result);
  gtk_box_append (GTK_BOX (box), self->counts);
  gtk_widget_add_css_class (GTK_WIDGET (self), "grm-presenter");
  gtk_window_set_title (GTK_WINDOW (self), _("Presenter"));
  gtk_window_set_default_size (GTK_WINDOW (self), 1280, 720);
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
grm_presenter_window_new (GrmSessionPage *page)
{
  GrmPresenterWindow *self = g_object_new (GRM_TYPE_PRESENTER_WINDOW, NULL);

  /* Not transient: it lives on the other screen. */
  g_set_weak_pointer (&self->page, page);
  g_signal_connect_object (page, "state-changed", G_CALLBACK (update), self,
                           G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}
