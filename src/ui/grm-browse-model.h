/* grm-browse-model.h: a GListModel over one browsing query, read lazily from
 * the store in pages on reader threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "grm-store.h"
#include "grm-store-browse.h"

G_BEGIN_DECLS

#define GRM_TYPE_BROWSE_MODEL (grm_browse_model_get_type ())

G_DECLARE_FINAL_TYPE (GrmBrowseModel, grm_browse_model, GRM, BROWSE_MODEL, GObject)

GrmBrowseModel       *grm_browse_model_new       (GrmStore             *store,
                                                  const GrmBrowseQuery *query);
const GrmBrowseQuery *grm_browse_model_get_query (GrmBrowseModel       *self);
/* Replaces the query (a copy is kept) and reloads if it selects other rows. */
void                  grm_browse_model_set_query (GrmBrowseModel       *self,
                                                  const GrmBrowseQuery *query);
/* FALSE until the first count has arrived: empty states wait for it. */
gboolean              grm_browse_model_get_loaded (GrmBrowseModel      *self);
void                  grm_browse_model_reload    (GrmBrowseModel       *self);
/* How many rows the model holds now, loaded or loading (for tests: it
 * stays a few pages, however long the list). */
guint                 grm_browse_model_get_n_held_rows (GrmBrowseModel *self);

G_END_DECLS
