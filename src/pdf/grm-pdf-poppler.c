/* grm-pdf-poppler.c: the process-wide lock around Poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "grm-pdf-poppler.h"

/* Recursive: a job that finishes by releasing its last page or document
 * may already hold it. */
static GRecMutex poppler_lock;

void
grm_pdf_poppler_lock (void)
{
  g_rec_mutex_lock (&poppler_lock);
}

void
grm_pdf_poppler_unlock (void)
{
  g_rec_mutex_unlock (&poppler_lock);
}
