/* grm-detail-build.h: widgets that detail pages are made of: a header, a
 * table of facts, and boxed lists of rows that open what they show. Every
 * text comes from the server and is shown as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "grm-store-browse-detail.h"

G_BEGIN_DECLS

GtkWidget *grm_detail_build_header  (GrmBrowseRow *header);
GtkWidget *grm_detail_build_facts   (GPtrArray    *facts);
/* A heading and a boxed list; NULL when @rows is empty. */
GtkWidget *grm_detail_build_section (const char   *title,
                                     const char   *description,
                                     GPtrArray    *rows);
/* The agenda, public and non-public parts apart. */
void       grm_detail_build_agenda  (GtkBox       *box,
                                     GPtrArray    *agenda);
/* A plain text label: never markup. */
GtkWidget *grm_detail_build_label   (const char   *text,
                                     const char   *css_class);

G_END_DECLS
