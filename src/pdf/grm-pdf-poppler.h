/* grm-pdf-poppler.h: the one place that includes poppler.h for src/pdf, and
 * declares the g_autoptr cleanups that poppler-glib 22.12 does not ship.
 *
 * Only files in src/pdf include this, and only code that runs on a
 * document's worker thread calls into Poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <poppler.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerIndexIter, poppler_index_iter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerAction, poppler_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDest, poppler_dest_free)
