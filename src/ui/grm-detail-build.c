/* grm-detail-build.c: the widgets detail pages are made of.
 *
 * The lists on a detail page are short (an agenda, a paper's route, a
 * committee's members), so they are plain GtkListBoxes built once; long
 * lists use GrmBrowseList instead. Server text goes into GtkLabels with
 * use-markup off; no AdwActionRow, whose title is markup in libadwaita 1.2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-detail-build"

#include <glib/gi18n-lib.h>

#include "grm-browse-list.h"
#include "grm-detail-build.h"

#define ROW_KEY "grm-browse-row"

GtkWidget *
grm_detail_build_label (const char *text,
                        const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_visible (label, text != NULL && text[0] != '\0');
  return label;
}

static GtkWidget *
badge_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = grm_detail_build_label (text, "badge");

  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

GtkWidget *
grm_detail_build_header (GrmBrowseRow *header)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *meta = grm_detail_build_label (grm_browse_row_get_meta (header), "accent");

  gtk_widget_add_css_class (meta, "heading");
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_box_append (GTK_BOX (line), meta);
  if (grm_browse_row_get_cancelled (header))
    gtk_box_append (GTK_BOX (line),
                    badge_label (grm_browse_row_get_kind (header) == GRM_BROWSE_ROW_PAPER
                                 ? _("Withdrawn") : _("Cancelled"), "error"));
  gtk_box_append (GTK_BOX (line), badge_label (grm_browse_row_get_badge (header), NULL));
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), grm_detail_build_label (grm_browse_row_get_title (header),
                                                          "title-2"));
  gtk_box_append (GTK_BOX (box), grm_detail_build_label (grm_browse_row_get_subtitle (header),
                                                          "dim-label"));
  return box;
}

GtkWidget *
grm_detail_build_facts (GPtrArray *facts)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  for (guint i = 0; i < facts->len; i++)
    {
      GrmBrowseRow *fact = facts->pdata[i];
      GtkWidget *label = grm_detail_build_label (grm_browse_row_get_title (fact), "dim-label");
      GtkWidget *value = grm_detail_build_label (grm_browse_row_get_subtitle (fact), NULL);

      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_label_set_selectable (GTK_LABEL (value), TRUE);
      gtk_widget_set_hexpand (value, TRUE);
      gtk_grid_attach (GTK_GRID (grid), label, 0, i, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), value, 1, i, 1, 1);
    }
  gtk_widget_set_visible (grid, facts->len > 0);
  return grid;
}

static gboolean
row_opens_something (GrmBrowseRow *row)
{
  switch (grm_browse_row_get_kind (row))
    {
    case GRM_BROWSE_ROW_MEETING:
    case GRM_BROWSE_ROW_PAPER:
    case GRM_BROWSE_ROW_ORGANIZATION:
    case GRM_BROWSE_ROW_PERSON:
      return grm_browse_row_get_id (row) != NULL
             && (grm_browse_row_get_target (row) != NULL
                 || grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_MEETING);
    case GRM_BROWSE_ROW_AGENDA_ITEM:
    case GRM_BROWSE_ROW_CONSULTATION:
      return grm_browse_row_get_target (row) != NULL;
    case GRM_BROWSE_ROW_FILE:
      return grm_browse_row_get_path (row) != NULL;
    case GRM_BROWSE_ROW_MEMBERSHIP:
    case GRM_BROWSE_ROW_HEADER:
    default:
      return FALSE;
    }
}

static GtkWidget *
file_button (GrmBrowseRow *row)
{
  GtkWidget *button;

  if (grm_browse_row_get_path (row) != NULL)
    return gtk_image_new_from_icon_name ("document-open-symbolic");
  if (g_strcmp0 (grm_browse_row_get_state (row), "wanted") == 0)
    {
      /* Asked for already: a second click would change nothing. */
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spinner, _("Waiting for the download"));
      return spinner;
    }

  button = gtk_button_new_with_mnemonic (_("_Keep Offline"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.keep-offline");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", grm_browse_row_get_id (row));
  gtk_widget_set_tooltip_text (button, _("Download this file at the next sync and keep it "
                                         "on this computer"));
  return button;
}

static GtkWidget *
build_row (GrmBrowseRow *row)
{
  GtkWidget *list_row = gtk_list_box_row_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *meta = grm_detail_build_label (grm_browse_row_get_meta (row), "caption-heading");
  GtkWidget *title = grm_detail_build_label (grm_browse_row_get_title (row), NULL);
  GtkWidget *body = grm_detail_build_label (grm_browse_row_get_body (row), "resolution");
  gboolean opens = row_opens_something (row);

  gtk_widget_add_css_class (meta, "accent");
  gtk_widget_set_hexpand (meta, TRUE);
  gtk_label_set_wrap (GTK_LABEL (meta), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (line), meta);
  if (grm_browse_row_get_cancelled (row) && grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_MEETING)
    gtk_box_append (GTK_BOX (line), badge_label (_("Cancelled"), "error"));
  gtk_box_append (GTK_BOX (line),
                  badge_label (grm_browse_row_get_badge (row),
                               g_strcmp0 (grm_browse_row_get_state (row), "stored") == 0
                               ? "success" : NULL));
  gtk_widget_set_visible (line, gtk_widget_get_visible (meta)
                                || gtk_widget_get_first_child (line) != gtk_widget_get_last_child (line));

  gtk_box_append (GTK_BOX (text), line);
  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), grm_detail_build_label (grm_browse_row_get_subtitle (row),
                                                           "dim-label"));
  gtk_label_set_selectable (GTK_LABEL (body), TRUE);
  gtk_box_append (GTK_BOX (text), body);
  gtk_widget_set_hexpand (text, TRUE);
  if (grm_browse_row_get_cancelled (row) && grm_browse_row_get_kind (row) != GRM_BROWSE_ROW_MEETING)
    gtk_widget_add_css_class (text, "dim-label");

  gtk_box_append (GTK_BOX (outer), text);
  if (grm_browse_row_get_kind (row) == GRM_BROWSE_ROW_FILE)
    gtk_box_append (GTK_BOX (outer), file_button (row));
  else if (opens)
    gtk_box_append (GTK_BOX (outer), gtk_image_new_from_icon_name ("go-next-symbolic"));

  gtk_widget_add_css_class (outer, "detail-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), outer);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), opens);
  g_object_set_data_full (G_OBJECT (list_row), ROW_KEY, g_object_ref (row), g_object_unref);
  return list_row;
}

static void
row_activated_cb (GtkListBox    *list,
                  GtkListBoxRow *list_row)
{
  GrmBrowseRow *row = g_object_get_data (G_OBJECT (list_row), ROW_KEY);

  if (row != NULL)
    grm_browse_row_activate (GTK_WIDGET (list), row);
}

static GtkWidget *
build_list (GPtrArray *rows,
            gboolean (*keep) (GrmBrowseRow *row, gpointer data),
            gpointer   data)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  g_signal_connect (list, "row-activated", G_CALLBACK (row_activated_cb), NULL);
  for (guint i = 0; i < rows->len; i++)
    if (keep == NULL || keep (rows->pdata[i], data))
      gtk_list_box_append (GTK_LIST_BOX (list), build_row (rows->pdata[i]));
  return list;
}

static GtkWidget *
section_box (const char *title,
             const char *description,
             GtkWidget  *list)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = grm_detail_build_label (title, "heading");

  gtk_accessible_update_property (GTK_ACCESSIBLE (heading),
                                  GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);
  if (description != NULL)
    gtk_box_append (GTK_BOX (box), grm_detail_build_label (description, "dim-label"));
  gtk_widget_set_margin_top (list, 6);
  gtk_box_append (GTK_BOX (box), list);
  return box;
}

GtkWidget *
grm_detail_build_section (const char *title,
                          const char *description,
                          GPtrArray  *rows)
{
  if (rows == NULL || rows->len == 0)
    return NULL;
  return section_box (title, description, build_list (rows, NULL, NULL));
}

static gboolean
keep_public (GrmBrowseRow *row,
             gpointer      data)
{
  return grm_browse_row_get_public (row) == GPOINTER_TO_INT (data);
}

void
grm_detail_build_agenda (GtkBox    *box,
                         GPtrArray *agenda)
{
  guint n_public = 0;

  for (guint i = 0; i < agenda->len; i++)
    n_public += grm_browse_row_get_public (agenda->pdata[i]) ? 1 : 0;

  if (agenda->len == 0)
    {
      gtk_box_append (box, section_box (_("Agenda"), _("The agenda has not been published yet."),
                                        gtk_label_new (NULL)));
      return;
    }
  if (n_public > 0)
    gtk_box_append (box, section_box (_("Agenda: Public Part"), NULL,
                                      build_list (agenda, keep_public, GINT_TO_POINTER (TRUE))));
  if (n_public < agenda->len)
    {
      GtkWidget *part = section_box (_("Agenda: Non-Public Part"),
                                     _("Confidential. Only for members of the committee."),
                                     build_list (agenda, keep_public, GINT_TO_POINTER (FALSE)));

      gtk_widget_add_css_class (part, "non-public");
      gtk_box_append (box, part);
    }
}
