/* grm-pdf-poppler.h: the one place that includes poppler.h for src/pdf, and
 * declares the g_autoptr cleanups that poppler-glib 22.12 does not ship.
 *
 * Only files in src/pdf include this, and only code that runs on a
 * document's worker thread (or the indexer's extraction thread) calls into
 * Poppler, and only while it holds the Poppler lock: Poppler's fonts and
 * global parameters are shared between documents and not safe to use from
 * two threads at once (a font built on one thread while another thread reads
 * the same tables crashed under load). Evince guards Poppler the same way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <poppler.h>

/* One lock for every Poppler call in the process. Hold it briefly (one
 * page at a time) so that a viewer never waits long for the indexer. */
void grm_pdf_poppler_lock   (void);
void grm_pdf_poppler_unlock (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerIndexIter, poppler_index_iter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerAction, poppler_action_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDest, poppler_dest_free)
