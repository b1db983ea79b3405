/* grm-browse-filters.h: drop-downs that filter browse lists (committee,
 * month, paper type), filled from the store on a reader thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "grm-store.h"

G_BEGIN_DECLS

typedef enum
{
  GRM_FILTER_COMMITTEE,
  GRM_FILTER_MONTH,
  GRM_FILTER_PAPER_TYPE,
} GrmFilterKind;

/* A drop-down whose first entry means "all"; notify::selected tells when
 * the choice changed. */
GtkWidget  *grm_browse_filter_new          (GrmFilterKind  kind);
/* (Re)reads the choices, keeping the current one when it still exists. */
void        grm_browse_filter_load         (GtkWidget     *filter,
                                            GrmStore      *store,
                                            GCancellable  *cancellable);
/* The value of the current choice (an id, "YYYY-MM", a type), NULL = all. */
const char *grm_browse_filter_get_value    (GtkWidget     *filter);

G_END_DECLS
