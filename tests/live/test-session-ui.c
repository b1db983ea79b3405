/* test-session-ui.c: a session recorded end to end through the session
 * page, as a secretary would: roll call, a substitute, an exclusion, an
 * open vote by key presses, a named vote, a secret ballot, the presenter,
 * a narrow window (360 px), the minutes exported and read back with pdftotext.
 * Each screen is saved as a PNG in G_TEST_BUILDDIR.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <dlfcn.h>
#include <locale.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "grm-session-page.h"
#include "grm-session-page-private.h"
#include "live-fixture.h"

static GrmSessionPage *page;
static GtkWidget *window;
/* The words on screen are checked only in English; in another language
 * (GRM_TEST_LOCALEDIR, see main ()) the run is for looking at it. */
static gboolean english = TRUE;

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint id = g_timeout_add (5, tick_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

/* Until every write has come back (and the screen shows what is on disk). */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint id = g_timeout_add (5, tick_cb, NULL);

  while ((grm_session_page_get_busy (page) || grm_session_page_get_state (page) == NULL) &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_assert_false (grm_session_page_get_busy (page));
  spin (60);
}

static void
shot (GtkWidget  *widget,
      const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), name, NULL);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int w = 0, h = 0;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  /* A widget in the middle of a relayout has nothing to paint yet: wait
   * for the next frame. */
  for (int tries = 0; node == NULL && tries < 20; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      spin (150);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot %s", path);
}

static GtkWidget *
focus (void)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* A real key press, through the X server (XTest, which Xvfb has; libXtst
 * comes with the AT-SPI packages), so that the page's key bindings and its
 * capture of Page Down are what is tested. */
static void
press_key (guint keyval)
{
  typedef int (*FakeKey) (Display *dpy, unsigned int keycode, int press, unsigned long delay);
  static FakeKey fake;
  Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
  KeyCode code = XKeysymToKeycode (dpy, keyval);

  if (fake == NULL)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

      g_assert_nonnull (lib);
      fake = (FakeKey) dlsym (lib, "XTestFakeKeyEvent");
      g_assert_nonnull (fake);
    }
  g_assert_cmpuint (code, !=, 0);
  fake (dpy, code, True, 0);
  fake (dpy, code, False, 0);
  XFlush (dpy);
  spin (30); /* the event comes back from the X server */
}

static void
dark (gboolean on)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      on ? ADW_COLOR_SCHEME_FORCE_DARK : ADW_COLOR_SCHEME_DEFAULT);
  /* New colours restyle and relayout every widget: wait for the frame. */
  spin (700);
}

static void
act (const char *action,
     GVariant   *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), action, param));
  settle ();
}

static GrmSessionItem *
item (const char *number)
{
  GrmSessionState *s = grm_session_page_get_state (page);

  for (guint k = 0; k < s->items->len; k++)
    if (g_strcmp0 (((GrmSessionItem *) s->items->pdata[k])->number, number) == 0)
      return s->items->pdata[k];
  g_assert_not_reached ();
}


static GtkWidget *
row_of (GtkWidget *list, const char *key)
{
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), key) == 0)
      return row;
  g_assert_not_reached ();
}

static void
select_rule (const char *id)
{
  GPtrArray *rules = grm_vote_rule_table_get_rules (grm_session_store_get_rules ());

  for (guint k = 0; k < rules->len; k++)
    if (g_str_equal (((GrmVoteRule *) rules->pdata[k])->id, id))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (page->rule_dropdown), k);
}

/* When the page asks for too much: which widgets are the widest. */
static void
debug_widest (GtkWidget *w, int depth)
{
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      int m = 0;

      if (!gtk_widget_get_visible (c))
        continue;
      gtk_widget_measure (c, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
      if (m > 250)
        {
          g_printerr ("%*s%s %d %s\n", depth, "", G_OBJECT_TYPE_NAME (c), m,
                      GTK_IS_LABEL (c) ? gtk_label_get_text (GTK_LABEL (c)) : "");
          debug_widest (c, depth + 1);
        }
    }
}

/* Inside @page's own width, with a width of its own: not cut off. */
static void
assert_reachable (GtkWidget  *widget,
                  const char *what)
{
  graphene_rect_t r;
  int width = gtk_widget_get_width (GTK_WIDGET (page));

  g_test_message ("narrow: %s", what);
  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_is_drawable (widget));
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (page), &r));
  g_assert_cmpfloat (r.origin.x, >=, 0);
  g_assert_cmpfloat (r.origin.x + r.size.width, <=, width + 0.5);
}

/* The same session in a second window 360 px wide (half a small laptop
 * screen): the page asks for no more, and what the secretary needs at
 * @stage is all there, side by side with nothing cut off. The window then
 * goes away; the main one carries on. */
static void
narrow_window (const char *stage,
               const char *item_id)
{
  GrmSessionPage *wide_page = page;
  GtkWidget *wide_window = window;
  g_autofree char *name = g_strdup_printf ("live-ui-8-narrow-%s.png", stage);
  g_autofree char *dark_name = g_strdup_printf ("live-ui-8-narrow-%s-dark.png", stage);
  int min = 0, nat = 0;

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  page = GRM_SESSION_PAGE (grm_session_page_new (wide_page->store, LIVE_MEETING));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  /* mapped, allocated, and switched to the narrow layout a frame later */
  for (int k = 0; k < 100 && !(gtk_widget_get_width (window) > 0 && page->narrow); k++)
    spin (20);
  spin (200);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  if (min > 360)
    debug_widest (GTK_WIDGET (page), 0);
  g_assert_cmpint (min, <=, 360);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  g_test_message ("narrow window: page min %d, window %d, page %d, wide %d", min,
                  gtk_widget_get_width (window), gtk_widget_get_width (GTK_WIDGET (page)),
                  page->wide_min);
  g_assert_true (page->narrow);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (page->leaflet)));
  assert_reachable (page->present_button, "presenter");
  if (!grm_session_page_get_state (page)->has_session)
    {
      /* before the start: the start itself comes first, not the agenda */
      assert_reachable (page->rules_dropdown, "the state's rules");
      assert_reachable (gtk_widget_get_next_sibling (page->rules_dropdown), "start");
      shot (window, name);
      goto done;
    }
  assert_reachable (page->quorum_label, "quorum");

  /* the agenda, then the roll call with the substitute's choices */
  assert_reachable (page->agenda_list, "agenda");
  act ("session.show-roll", NULL);
  spin (300);
  assert_reachable (page->roll_list, "roll");
  assert_reachable (page->back_button, "back to the agenda");
  assert_reachable (page->substitute_who, "substitute");
  assert_reachable (page->substitute_name, "substitute's name");
  assert_reachable (page->substitute_for, "stands in for");

  act ("session.open-item", g_variant_new_string (item_id));
  spin (300);
  assert_reachable (page->item_title, "item title");
  assert_reachable (page->saved_label, "saved");
  assert_reachable (page->exclude_member, "member to exclude");
  assert_reachable (page->exclude_reason, "reason");
  if (grm_session_page_item (page)->vote != NULL &&
      grm_session_page_item (page)->vote->kind == GRM_VOTE_KIND_NAMED &&
      grm_session_page_item (page)->vote->closed == 0)
    {
      /* a named vote: every member's row with its three choices, the
       * first ones in sight (no key here: the wide window records them) */
      GtkWidget *sw = gtk_widget_get_ancestor (page->named_list, GTK_TYPE_SCROLLED_WINDOW);
      GtkWidget *first = gtk_widget_get_first_child (page->named_list);
      graphene_rect_t r;

      for (GtkWidget *row = first; row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          assert_reachable (row, "a member's row");
          assert_reachable (g_object_get_data (G_OBJECT (row), "yes"), "yes");
        }
      g_assert_true (gtk_widget_compute_bounds (first, sw, &r));
      g_assert_cmpfloat (r.origin.y, >=, 0);
      g_assert_cmpfloat (r.origin.y + r.size.height, <=, gtk_widget_get_height (sw));
    }
  else if (grm_session_page_item (page)->vote != NULL &&
           grm_session_page_item (page)->vote->closed == 0)
    {
      Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));
      Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window)));
      guint yes = grm_session_page_item (page)->vote->counts.yes;

      for (int i = 0; i < 3; i++)
        {
          assert_reachable (page->spins[i], "a count");
          assert_reachable (page->count_labels[i], "a count's name");
        }
      assert_reachable (gtk_widget_get_last_child (page->open_box), "close the vote");
      /* the pane has scrolled the counts of the open vote into sight */
      {
        GtkWidget *sw = gtk_widget_get_ancestor (page->spins[0], GTK_TYPE_SCROLLED_WINDOW);
        graphene_rect_t r;

        g_assert_true (gtk_widget_compute_bounds (page->spins[1], sw, &r));
        g_assert_cmpfloat (r.origin.y, >=, 0);
        g_assert_cmpfloat (r.origin.y + r.size.height, <=, gtk_widget_get_height (sw));
      }
      /* A key press counts here as in the wide window. Without a window
       * manager the keyboard follows the pointer, which is over the wide
       * window: this one takes the focus, and gives it back after. */
      XSetInputFocus (dpy, xid, RevertToPointerRoot, CurrentTime);
      spin (100);
      gtk_widget_grab_focus (page->agenda_list);
      press_key (GDK_KEY_y);
      settle ();
      g_assert_cmpuint (grm_session_page_item (page)->vote->counts.yes, ==, yes + 1);
    }
  else
    {
      assert_reachable (page->kind_dropdown, "kind of vote");
      assert_reachable (page->rule_dropdown, "majority");
      for (GtkWidget *b = gtk_widget_get_first_child (gtk_widget_get_last_child (page->begin_box));
           b != NULL; b = gtk_widget_get_next_sibling (b))
        assert_reachable (b, "unanimous or start the vote");
    }
  assert_reachable (page->decision_view, "decision");
  shot (window, name);
  dark (TRUE);
  shot (window, dark_name);
  dark (FALSE);

done:
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  page = wide_page;
  window = wide_window;
  /* The keyboard goes back to the wide window. */
  {
    Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (window));

    XSetInputFocus (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                    RevertToParent, CurrentTime);
    XFlush (dpy);
    for (int k = 0; k < 100 && !gtk_window_is_active (GTK_WINDOW (window)); k++)
      spin (20);
    g_assert_true (gtk_window_is_active (GTK_WINDOW (window)));
    /* A key that does nothing, so that the next one surely lands here. */
    spin (200);
    press_key (GDK_KEY_Shift_L);
    spin (100);
  }
}

/* The members offered as "stands in for": with a vote, away, and nobody
 * stands in for them yet; except @current, whom the chosen substitute
 * stands in for already. */
static guint
check_substitute_choices (const char *current)
{
  GrmSessionState *s = grm_session_page_get_state (page);
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (page->substitute_for));
  guint n = g_list_model_get_n_items (model);

  for (guint k = 0; k < n; k++)
    {
      g_autoptr(GObject) obj = g_list_model_get_item (model, k);
      const char *person = g_object_get_data (obj, "key");
      GrmSessionMember *m = grm_session_state_find_member (s, person);

      g_assert_nonnull (m);
      g_assert_true (m->voting_right);
      g_assert_null (m->substitute_for);
      if (g_strcmp0 (person, current) == 0)
        continue;
      g_assert_false (m->present);
      for (guint j = 0; j < s->members->len; j++)
        g_assert_cmpstr (((GrmSessionMember *) s->members->pdata[j])->substitute_for, !=, person);
    }
  return n;
}

static void
select_key (GtkWidget  *dropdown,
            const char *key)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint k = 0; k < g_list_model_get_n_items (model); k++)
    {
      g_autoptr(GObject) obj = g_list_model_get_item (model, k);

      if (g_strcmp0 (g_object_get_data (obj, "key"), key) == 0)
        {
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), k);
          return;
        }
    }
  g_assert_not_reached ();
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (re, out, -1, 0, " ", 0, NULL);
}

static void
test_session_ui (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(GrmStore) store = live_fixture_open (&dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "live-ui-minutes.pdf",
                                           NULL);
  g_autofree char *text = NULL;
  GrmSessionState *s;
  GrmSessionItem *it;
  GtkWidget *agenda_row, *first_row;
  g_autofree char *away = NULL;
  g_autofree char *erika = NULL;
  guint n = 0;

  live_fixture_load (store, &error);
  g_assert_no_error (error);
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  page = GRM_SESSION_PAGE (grm_session_page_new (store, LIVE_MEETING));
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  settle ();
  g_assert_false (grm_session_page_get_state (page)->has_session);
  shot (window, "live-ui-1-start.png");
  narrow_window ("start", NULL);

  /* The state's rules are chosen before the start (NRW by default), and
   * kept with the session: Lower Saxony here, whose numbers in this
   * session are those of NRW (more than half; a second convocation). */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (page->rules_dropdown)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (
                      GTK_DROP_DOWN (page->rules_dropdown))), ==, 3);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->rules_dropdown), 1);

  /* roll call: 18 members arrive, one substitute stands in */
  act ("session.start", NULL);
  s = grm_session_page_get_state (page);
  g_assert_true (s->has_session);
  g_assert_cmpstr (s->quorum_rule, ==, "nds");
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (page->quorum_label), "NKomVG"));
  for (guint k = 0; k < s->members->len && n < 18; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);

      if (!m->voting_right)
        continue;
      if (n == 17)
        {
          /* Space on the focused switch: the write comes back, and the
           * focus is still on the same switch, in the same row. */
          g_autofree char *person = g_strdup (m->person);
          GtkWidget *sw;

          act ("session.show-roll", NULL);
          sw = g_object_get_data (G_OBJECT (row_of (page->roll_list, person)), "switch");
          gtk_widget_grab_focus (sw);
          g_assert_true (focus () == sw);
          press_key (GDK_KEY_space);
          spin (400); /* the switch flips at the end of its animation */
          settle ();
          g_assert_true (grm_session_state_find_member (grm_session_page_get_state (page),
                                                        person)->present);
          g_assert_true (focus () == sw);
          g_assert_true (gtk_widget_is_ancestor (sw, page->roll_list));
          g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
        }
      else
        act ("session.toggle-present", g_variant_new_string (m->person));
      s = grm_session_page_get_state (page);
      n++;
    }
  /* whom a substitute can stand in for: the 9 members away, nobody else */
  g_assert_cmpuint (check_substitute_choices (NULL), ==, 27 - 18);
  gtk_editable_set_text (GTK_EDITABLE (page->substitute_name), "Erika Mustermann");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->substitute_for), 0);
  away = g_strdup (grm_session_page_selected_key (page->substitute_for));
  act ("session.substitute", NULL);
  s = grm_session_page_get_state (page);
  erika = g_strdup (((GrmSessionMember *) g_ptr_array_index (s->members,
                                                             s->members->len - 1))->person);
  g_assert_cmpstr (grm_session_state_find_member (s, erika)->substitute_for, ==, away);
  /* taken now: no longer offered to a new person … */
  g_assert_cmpuint (check_substitute_choices (NULL), ==, 27 - 18 - 1);
  /* … but shown, and chosen, for the one who stands in for them */
  select_key (page->substitute_who, erika);
  g_assert_cmpuint (check_substitute_choices (away), ==, 27 - 18);
  g_assert_cmpstr (grm_session_page_selected_key (page->substitute_for), ==, away);
  /* a second substitute for the same member is refused, in words */
  select_key (page->substitute_who, "");
  gtk_editable_set_text (GTK_EDITABLE (page->substitute_name), "Max Doppelt");
  select_key (page->substitute_for, grm_session_page_selected_key (page->substitute_for));
  {
    GrmSessionOp *op = grm_session_op_new (GRM_SESSION_OP_ADD_SUBSTITUTE, LIVE_MEETING,
                                           "Schriftführung");

    op->text = g_strdup ("Max Doppelt");
    op->item = g_strdup (away);
    grm_session_page_run (page, op);
    settle ();
  }
  g_assert_true (gtk_widget_get_visible (page->error_label));
  if (english)
    {
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page->error_label)),
                              "Erika Mustermann already stands in for"));
    }
  g_assert_cmpuint (grm_session_page_get_state (page)->members->len, ==, s->members->len);
  gtk_editable_set_text (GTK_EDITABLE (page->substitute_name), "");
  s = grm_session_page_get_state (page);
  act ("session.toggle-present",
       g_variant_new_string (((GrmSessionMember *) g_ptr_array_index (s->members,
                                                                     s->members->len - 1))->person));
  s = grm_session_page_get_state (page);
  g_assert_cmpuint (grm_session_state_count_present (s), ==, 19);
  act ("session.show-roll", NULL);
  /* the header, calm and in one line of German-sized text */
  if (english)
    {
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page->quorum_label)), ==,
                     "Quorate · 19 of 27 present (14 needed)");
    }
  shot (window, "live-ui-2-roll.png");
  dark (TRUE);
  shot (window, "live-ui-2-roll-dark.png");
  dark (FALSE);

  /* item 16: an exclusion, then an open vote by key presses */
  act ("session.open-item", g_variant_new_string (item ("16.")->id));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->exclude_member), 0);
  gtk_editable_set_text (GTK_EDITABLE (page->exclude_reason), "Nachbar des Grundstücks");
  act ("session.exclude", NULL);
  g_assert_cmpuint (item ("16.")->exclusions->len, ==, 1);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->kind_dropdown), 0);
  act ("session.begin-vote", NULL);
  /* Y, N, A with the focus on the item's row in the agenda: every key
   * press is a write, and the row keeps the focus and the selection. */
  agenda_row = row_of (page->agenda_list, item ("16.")->id);
  gtk_widget_grab_focus (agenda_row);
  for (guint k = 0; k < 6; k++)
    {
      press_key (GDK_KEY_y);
      settle ();
    }
  g_assert_cmpuint (item ("16.")->vote->counts.yes, ==, 6);
  /* a held key: presses faster than the writes come back all count */
  for (guint k = 0; k < 5; k++)
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), "session.yes", NULL));
  settle ();
  for (guint k = 0; k < 5; k++)
    act ("session.no", NULL);
  act ("session.abstain", NULL);
  g_assert_true (focus () == agenda_row);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (page->agenda_list)) ==
                 GTK_LIST_BOX_ROW (agenda_row));
  g_assert_true (gtk_widget_get_parent (agenda_row) == page->agenda_list);
  it = item ("16.");
  g_assert_cmpuint (it->vote->counts.yes, ==, 11);
  g_assert_cmpuint (it->vote->counts.no, ==, 5);
  if (english)
    {
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page->item_status)), ==,
                     "Public · 18 entitled to vote");
    }
  shot (window, "live-ui-3-open-vote.png");
  dark (TRUE);
  shot (window, "live-ui-3-open-vote-dark.png");
  dark (FALSE);
  act ("session.close-vote", NULL);
  it = item ("16.");
  g_assert_cmpint (it->vote->outcome, ==, GRM_VOTE_OUTCOME_PASSED);
  g_assert_cmpuint (it->vote->entitled, ==, 18);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (page->decision_view)),
                            "Der Rat beschließt die Veräußerung an der Hubertusstraße.", -1);
  act ("session.save-decision", NULL);
  g_assert_cmpstr (item ("16.")->decision, ==,
                   "Der Rat beschließt die Veräußerung an der Hubertusstraße.");
  shot (window, "live-ui-4-result.png");

  /* item 17 (next item by key): a named vote, two thirds of those present */
  gtk_widget_grab_focus (row_of (page->agenda_list, item ("16.")->id));
  /* Page Down from the agenda, which as a list would take it for itself */
  press_key (GDK_KEY_Page_Down);
  settle ();
  g_assert_cmpstr (grm_session_page_get_current_item (page), ==, item ("17.")->id);
  /* Page Down from the agenda: the focus goes along to the next item */
  g_assert_true (focus () == row_of (page->agenda_list, item ("17.")->id));
  narrow_window ("item", item ("17.")->id);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->kind_dropdown), 1);
  select_rule ("two-thirds-present");
  act ("session.begin-vote", NULL);
  narrow_window ("named", item ("17.")->id);
  /* A named vote from the keyboard: the focused row is the member the keys
   * act on, and after each key the focus walks to the next member. */
  first_row = gtk_widget_get_first_child (page->named_list);
  gtk_widget_grab_focus (first_row);
  for (guint k = 0; k < 19; k++)
    {
      const char *was = gtk_widget_get_name (focus ());

      g_assert_cmpstr (was, ==, page->named_person);
      /* J and E, the German keys, work like Y and A. */
      press_key (k < 7 ? GDK_KEY_y : k < 13 ? GDK_KEY_j : k < 17 ? GDK_KEY_n
                 : k < 18 ? GDK_KEY_a : GDK_KEY_e);
      settle ();
      g_assert_cmpstr (g_hash_table_lookup (item ("17.")->vote->casts, was), ==,
                       k < 13 ? "yes" : k < 17 ? "no" : "abstain");
      if (k < 18)
        {
          g_assert_true (gtk_widget_get_prev_sibling (focus ()) == row_of (page->named_list,
                                                                           was));
          g_assert_true (GTK_LIST_BOX_ROW (focus ()) ==
                         gtk_list_box_get_selected_row (GTK_LIST_BOX (page->named_list)));
        }
    }
  g_assert_true (gtk_widget_get_first_child (page->named_list) == first_row);
  g_assert_true (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (first_row), "yes")));
  shot (window, "live-ui-5-named.png");
  dark (TRUE);
  shot (window, "live-ui-5-named-dark.png");
  dark (FALSE);
  act ("session.close-vote", NULL);
  it = item ("17.");
  g_assert_cmpuint (g_hash_table_size (it->vote->casts), ==, 19);
  g_assert_cmpuint (it->vote->counts.yes, ==, 13);
  g_assert_cmpint (it->vote->outcome, ==, GRM_VOTE_OUTCOME_PASSED); /* 13·3 ≥ 19·2 */

  /* one member's choice corrected: a new record that points at the old one */
  {
    gint64 old_vid = it->vote->vid;
    g_autofree char *person = NULL;

    gtk_expander_set_expanded (GTK_EXPANDER (page->correct_box), TRUE);
    g_assert_true (gtk_widget_get_visible (page->correct_named));
    g_assert_false (gtk_widget_get_visible (page->correct_counts));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (page->correct_member), 0);
    person = g_strdup (grm_session_page_selected_key (page->correct_member));
    g_assert_cmpstr (g_hash_table_lookup (it->vote->casts, person), ==, "yes");
    gtk_drop_down_set_selected (GTK_DROP_DOWN (page->correct_choice), 1);
    gtk_editable_set_text (GTK_EDITABLE (page->correct_reason),
                           "Er hat mit Nein gestimmt, die Taste galt dem Nächsten");
    act ("session.correct-vote", NULL);
    it = item ("17.");
    g_assert_cmpint (it->vote->corrects, ==, old_vid);
    g_assert_cmpstr (it->vote->actor, ==, g_get_real_name ());
    g_assert_cmpstr (g_hash_table_lookup (it->vote->casts, person), ==, "no");
    g_assert_cmpuint (it->vote->counts.yes, ==, 12);
    g_assert_cmpint (it->vote->outcome, ==, GRM_VOTE_OUTCOME_REJECTED); /* 12·3 < 19·2 */
    if (english)
      {
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page->result_detail)),
                                  "Corrected at"));
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page->result_detail)),
                                  ": yes → no"));
      }
    shot (window, "live-ui-5b-named-corrected.png");
  }

  /* item 18: a secret ballot; impossible counts are refused */
  act ("session.open-item", g_variant_new_string (item ("18.")->id));
  /* marked as called a second time (§ 49 Abs. 2): one switch, one write */
  g_assert_true (gtk_widget_get_visible (page->second_list));
  g_assert_false (item ("18.")->second_convocation);
  gtk_switch_set_active (GTK_SWITCH (page->second_switch), TRUE);
  settle ();
  g_assert_true (item ("18.")->second_convocation);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (page->kind_dropdown), 2);
  select_rule ("simple");
  act ("session.begin-vote", NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page->spins[0]), 30);
  settle ();
  g_assert_cmpuint (item ("18.")->vote->counts.yes, ==, 0); /* refused: 30 > 19 */
  g_assert_true (gtk_widget_get_visible (page->error_label));
  if (english)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page->error_label)), "30 votes"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (page->spins[0])), ==, 0);
  shot (window, "live-ui-6-refused.png");
  narrow_window ("vote", item ("18.")->id);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page->spins[0]), 9);
  settle ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page->spins[1]), 9);
  settle ();
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page->spins[3]), 1);
  settle ();
  act ("session.close-vote", NULL);
  it = item ("18.");
  g_assert_true (it->vote->kind == GRM_VOTE_KIND_SECRET);
  g_assert_cmpint (it->vote->outcome, ==, GRM_VOTE_OUTCOME_REJECTED); /* a tie fails */
  g_assert_cmpuint (g_hash_table_size (it->vote->casts), ==, 0);
  shot (window, "live-ui-6-secret-result.png");

  /* the presenter shows the item and its result */
  act ("session.present", NULL);
  shot (GTK_WIDGET (page->presenter), "live-ui-7-presenter.png");
  gtk_window_destroy (page->presenter);

  /* someone on the roll without a vote is marked as standing in for an
   * absent member: no new person, the same row */
  {
    g_autofree char *who = NULL;
    g_autofree char *regular = NULL;
    guint present = grm_session_state_count_present (grm_session_page_get_state (page));
    GrmSessionMember *m;

    act ("session.show-roll", NULL);
    s = grm_session_page_get_state (page);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (page->substitute_who), 1);
    who = g_strdup (grm_session_page_selected_key (page->substitute_who));
    g_assert_false (grm_session_state_find_member (s, who)->voting_right);
    g_assert_false (gtk_widget_get_sensitive (page->substitute_name));
    g_assert_cmpuint (check_substitute_choices (NULL), >, 0);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (page->substitute_for), 0);
    regular = g_strdup (grm_session_page_selected_key (page->substitute_for));
    g_assert_false (grm_session_state_find_member (s, regular)->present);
    act ("session.substitute", NULL);
    act ("session.toggle-present", g_variant_new_string (who));
    s = grm_session_page_get_state (page);
    m = grm_session_state_find_member (s, who);
    g_assert_true (m->voting_right);
    g_assert_cmpstr (m->substitute_for, ==, regular);
    g_assert_true (grm_session_state_is_entitled (s, m, NULL));
    g_assert_cmpuint (grm_session_state_count_present (s), ==, present + 1);
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
        gtk_widget_get_ancestor (page->substitute_who, GTK_TYPE_SCROLLED_WINDOW)));

      gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
    }
    shot (window, "live-ui-8b-deputy.png");
  }

  /* minutes */
  act ("session.show-minutes", NULL);
  act ("session.end", NULL);
  act ("session.export-to", g_variant_new ("(sb)", pdf, FALSE));
  shot (window, "live-ui-9-minutes.png");
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, "Gemeinderat (8. Sitzung)"));
  g_assert_nonnull (strstr (text, "Erika Mustermann"));
  g_assert_nonnull (strstr (text, "Nachbar des Grundstücks"));
  g_assert_nonnull (strstr (text, "Hubertusstraße"));
  if (english)
    {
      g_assert_nonnull (strstr (text, "yes 11, no 5, abstentions 1, invalid 0; "
                                "entitled to vote: 18"));
      g_assert_nonnull (strstr (text, "Named vote"));
      g_assert_nonnull (strstr (text, "Two thirds of the members present"));
      g_assert_nonnull (strstr (text, "Secret ballot"));
      g_assert_nonnull (strstr (text, "yes 9, no 9, abstentions 0, invalid 1"));
      g_assert_nonnull (strstr (text, "Audit log verified"));
    }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&store);
  spin (50);
  live_fixture_remove (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* For looking at the screens in German from the build tree:
   * GRM_TEST_LOCALEDIR=<dir with de/LC_MESSAGES/gremium.mo> LC_ALL=de_DE.UTF-8 */
  if (g_getenv ("GRM_TEST_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GRM_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      english = FALSE;
    }
  adw_init ();
  g_test_add_func ("/live/ui/session", test_session_ui);
  return g_test_run ();
}
