/* grm-pdf-poppler.c: the process-wide lock around Poppler.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "grm-pdf-poppler.h"

/* Recursive: a job that finishes by releasing its last page or document
 * may already hold it. */
static GRecMutex poppler_lock;

/* At exit, Poppler's global objects are destroyed while a viewer's worker
 * or the search indexer may still be inside Poppler on another thread. The
 * exiting thread takes the lock for good first: it waits for the page in
 * progress, and no thread enters Poppler again. atexit handlers run before
 * the destructors of shared libraries loaded earlier, such as Poppler. */
static void
hold_poppler_at_exit (void)
{
  g_rec_mutex_lock (&poppler_lock);
}

void
grm_pdf_poppler_lock (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      atexit (hold_poppler_at_exit);
      g_once_init_leave (&registered, 1);
    }
  g_rec_mutex_lock (&poppler_lock);
}

void
grm_pdf_poppler_unlock (void)
{
  g_rec_mutex_unlock (&poppler_lock);
}
