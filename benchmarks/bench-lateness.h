/* bench-lateness.h: how late the main loop gets while work runs, and why.
 *
 * Three figures tell work done on the main thread from a machine too busy
 * to run it: how late a 5 ms timeout on the main context fires, the longest
 * stretch the main thread spends outside poll() (its own work), and how
 * late the same timeout fires on an idle control thread (the scheduler's
 * share). The CPU time the main thread used in its longest stretch tells
 * its own work from waiting (for the X server, a lock, the scheduler), and
 * its CPU time over the whole run comes with them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BenchLateness BenchLateness;

/* Starts measuring the default main context (call on the main thread). */
BenchLateness *bench_lateness_start    (void);
/* Stops measuring and prints one line: @what, then the figures. */
void           bench_lateness_stop     (BenchLateness *lateness,
                                        const char    *what);
/* The main loop's max lateness in microseconds (valid after stop). */
gint64         bench_lateness_get_late (BenchLateness *lateness);
void           bench_lateness_free     (BenchLateness *lateness);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchLateness, bench_lateness_free)

G_END_DECLS
