/* grm-test-ui.c: helpers for the in-process UI tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-test-ui"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "grm-store-browse-row.h"
#include "grm-test-ui.h"

GrmWindow *
grm_test_start_app (GrmApplication **app_out,
                    const char      *db_path)
{
  g_autoptr(GError) error = NULL;
  GrmApplication *app;
  GtkWindow *window;

  /* For looking at the screens in another language from the build tree:
   * GRM_TEST_LOCALEDIR=<dir with de/LC_MESSAGES/gremium.mo> LC_ALL=de_DE.UTF-8 */
  if (g_getenv ("GRM_TEST_LOCALEDIR") != NULL)
    {
      /* gtk_test_init() keeps the C locale; this run asks for another. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("GRM_TEST_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* Templates without a domain translate through the default one, as
       * main.c sets it. */
      textdomain (GETTEXT_PACKAGE);
    }
  g_setenv ("GREMIUM_DB", db_path, TRUE);
  app = grm_application_new ();
  /* No id: nothing is exported on the bus, so tests never meet another
   * instance (or the one of the previous test). */
  g_application_set_application_id (G_APPLICATION (app), NULL);
  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));
  /* Screenshots show what a user sees after a transition, not during it. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (GRM_IS_WINDOW (window));
  *app_out = app;
  return GRM_WINDOW (window);
}

void
grm_test_stop_app (GrmApplication *app)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  grm_test_settle (100);
  g_object_unref (app);
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
grm_test_wait_for (GrmTestPredicate  predicate,
                   gpointer          data,
                   guint             seconds,
                   const char       *what)
{
  gboolean timed_out = FALSE;
  guint source = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!predicate (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (source);
}

void
grm_test_settle (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  GtkWidget *widget;
  const char *path;
  gboolean   done;
} Shot;

/* Runs right after a frame was painted: the layout is current, so the
 * snapshot shows what the screen shows. */
static void
after_paint_cb (GdkFrameClock *clock,
                Shot          *shot)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;
  int width = gtk_widget_get_width (shot->widget);
  int height = gtk_widget_get_height (shot->widget);

  if (shot->done || width == 0 || height == 0)
    return;
  paintable = gtk_widget_paintable_new (shot->widget);
  snapshot = gtk_snapshot_new ();
  renderer = gtk_native_get_renderer (gtk_widget_get_native (shot->widget));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, shot->path));
  shot->done = TRUE;
}

static gboolean
shot_done (gpointer data)
{
  Shot *shot = data;

  if (!shot->done)
    gtk_widget_queue_draw (shot->widget);
  return shot->done;
}

char *
grm_test_screenshot (GtkWidget  *widget,
                     const char *name)
{
  const char *dir = g_getenv ("G_TEST_BUILDDIR");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : ".", name, NULL);
  GdkFrameClock *clock;
  Shot shot = { widget, path, FALSE };
  gulong handler;

  grm_test_settle (150);
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &shot);
  gtk_widget_queue_draw (widget);
  grm_test_wait_for (shot_done, &shot, 10, name);
  g_signal_handler_disconnect (clock, handler);
  g_test_message ("Screenshot: %s", path);
  return g_steal_pointer (&path);
}

static gboolean
really_visible (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget);
}

GtkWidget *
grm_test_find_label (GtkWidget  *root,
                     const char *text)
{
  if (GTK_IS_LABEL (root) && really_visible (root)
      && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = grm_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
grm_test_find_type (GtkWidget *root,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = grm_test_find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
grm_test_find_row (GtkWidget  *root,
                   const char *target)
{
  if (GTK_IS_LIST_BOX_ROW (root))
    {
      GrmBrowseRow *row = g_object_get_data (G_OBJECT (root), "grm-browse-row");

      if (row != NULL && (g_strcmp0 (grm_browse_row_get_target (row), target) == 0
                          || g_strcmp0 (grm_browse_row_get_id (row), target) == 0))
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = grm_test_find_row (child, target);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Keyboard */

static gboolean
is_control (GtkWidget *widget)
{
  /* The inner button of a menu button or drop-down is the control. */
  if (GTK_IS_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget)
      || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget))
    return TRUE;
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))
           || gtk_widget_get_focusable (widget);
  /* The rows of a list view (their type is private). */
  if (gtk_widget_get_parent (widget) != NULL && GTK_IS_LIST_VIEW (gtk_widget_get_parent (widget))
      && gtk_widget_get_focusable (widget))
    return TRUE;
  return FALSE;
}

static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_is_sensitive (widget)
         && gtk_widget_get_child_visible (widget) && gtk_widget_get_width (widget) > 0;
}

static void
collect_controls (GtkWidget *root,
                  GPtrArray *controls)
{
  /* Minimize, maximize and close are for the pointer; the keyboard has
   * Super+Up and Ctrl+W or Ctrl+Q for them. */
  if (!gtk_widget_get_mapped (root) || GTK_IS_WINDOW_CONTROLS (root))
    return;
  if (is_control (root) && shown (root))
    {
      g_ptr_array_add (controls, root);
      /* A button's parts are not controls of their own. */
      if (!GTK_IS_LIST_BOX_ROW (root))
        return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_controls (child, controls);
}

static gboolean
has_text_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root)
      && gtk_label_get_text (GTK_LABEL (root))[0] != '\0')
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_text_label (child))
      return TRUE;
  return FALSE;
}

static gboolean
has_name (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (tooltip != NULL && tooltip[0] != '\0')
    return TRUE;
  /* A menu button or drop-down has the tooltip, its inner button not. */
  if (parent != NULL && (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent))
      && gtk_widget_get_tooltip_text (parent) != NULL)
    return TRUE;
  if (GTK_IS_ENTRY (widget) && gtk_entry_get_placeholder_text (GTK_ENTRY (widget)) != NULL)
    return TRUE;
  if (GTK_IS_SEARCH_ENTRY (widget))
    {
      const char *placeholder = NULL;

      g_object_get (widget, "placeholder-text", &placeholder, NULL);
      if (placeholder != NULL)
        return TRUE;
    }
  return has_text_label (widget);
}

static gboolean
reached (GtkWidget  *control,
         GHashTable *focused)
{
  GtkWidget *list;

  for (GtkWidget *w = control; w != NULL; w = gtk_widget_get_parent (w))
    if (g_hash_table_contains (focused, w))
      return TRUE;
  /* A descendant had focus (the text of an entry). */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, focused);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (gtk_widget_is_ancestor (key, control))
        return TRUE;
  }
  /* The arrows walk the rows of a list that Tab entered. */
  list = gtk_widget_get_ancestor (control, GTK_TYPE_LIST_BOX);
  if (GTK_IS_LIST_BOX_ROW (control) && list != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, focused);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (gtk_widget_is_ancestor (key, list))
          return TRUE;
    }
  return FALSE;
}

guint
grm_test_check_keyboard (GtkWidget  *window,
                         GtkWidget  *root,
                         const char *screen)
{
  g_autoptr(GHashTable) focused = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = g_ptr_array_new ();
  GtkWidget *first = NULL;

  /* The controls in sight before Tab scrolls lists and realizes new rows;
   * their names are checked now: rows that Tab scrolls into sight are
   * reused for rows not loaded yet, and nothing here lets them load. */
  collect_controls (root, controls);
  for (guint i = 0; i < controls->len; i++)
    if (!has_name (controls->pdata[i]))
      g_error ("%s: %s (%s) has no label or tooltip", screen,
               G_OBJECT_TYPE_NAME (controls->pdata[i]), gtk_widget_get_name (controls->pdata[i]));
  gtk_root_set_focus (GTK_ROOT (window), NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
        {
          /* Off the end: Tab wraps round to the start. */
          gtk_root_set_focus (GTK_ROOT (window), NULL);
          if (!gtk_widget_child_focus (window, GTK_DIR_TAB_FORWARD))
            break;
        }
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL || focus == first)
        break;
      if (first == NULL)
        first = focus;
      g_hash_table_add (focused, focus);
    }
  g_assert_cmpuint (g_hash_table_size (focused), >, 0);

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = controls->pdata[i];

      if (!reached (control, focused))
        g_error ("%s: %s in %s (%s) cannot be reached with Tab", screen,
                 G_OBJECT_TYPE_NAME (control),
                 G_OBJECT_TYPE_NAME (gtk_widget_get_parent (control)),
                 gtk_widget_get_tooltip_text (control) ? gtk_widget_get_tooltip_text (control) : "");
    }
  g_test_message ("%s: %u controls, %u stops of Tab", screen, controls->len,
                  g_hash_table_size (focused));
  return controls->len;
}

/* The action of the shortcut @trigger on @widget, with its arguments. */
static GtkShortcutAction *
find_shortcut (GtkWidget           *widget,
               GtkShortcutTrigger  *trigger,
               GVariant           **arguments)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            {
              *arguments = gtk_shortcut_get_arguments (shortcut);
              if (*arguments != NULL)
                g_variant_ref (*arguments);
              return g_object_ref (gtk_shortcut_get_action (shortcut));
            }
        }
    }
  return NULL;
}

gboolean
grm_test_press_key (GtkWidget       *widget,
                    guint            keyval,
                    GdkModifierType  mods)
{
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, mods);

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GVariant) arguments = NULL;
      g_autoptr(GtkShortcutAction) action = find_shortcut (w, trigger, &arguments);
      g_autoptr(GtkWidget) target = NULL;

      if (action == NULL)
        continue;
      /* The action may close the window: keep the widget until it is done. */
      target = g_object_ref (w);
      if (gtk_shortcut_action_activate (action, 0, target, arguments))
        return TRUE;
    }
  return FALSE;
}
