/* bench-lateness.c: see bench-lateness.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-lateness.h"

#include <time.h>

#define TICK_MS 5

typedef struct
{
  gint64 expected;
  gint64 max_late;
} Tick;

struct _BenchLateness
{
  Tick          main_tick;
  guint         main_source;
  GMainContext *control_context;
  Tick          control_tick;
  GThread      *control;
  gboolean      stop;
  gint64        cpu_start;
  gint64        main_cpu;
  gint64        busy;
  gint64        busy_cpu;
};

/* The poll function is per context; one measurement at a time. */
static GPollFunc default_poll;
static gint64 poll_returned;
static gint64 max_busy;
static gint64 max_busy_at;
static gint64 max_busy_cpu;
static gint64 cpu_returned;

static gint64 thread_cpu_us (void);

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint ret;

  if (poll_returned > 0 && now - poll_returned > max_busy)
    {
      max_busy = now - poll_returned;
      max_busy_at = poll_returned;
      max_busy_cpu = thread_cpu_us () - cpu_returned;
    }
  ret = default_poll (fds, nfds, timeout);
  poll_returned = g_get_monotonic_time ();
  cpu_returned = thread_cpu_us ();
  return ret;
}

static gboolean
tick_cb (gpointer user_data)
{
  Tick *t = user_data;
  gint64 now = g_get_monotonic_time ();

  if (t->expected > 0 && now - t->expected > t->max_late)
    t->max_late = now - t->expected;
  t->expected = now + TICK_MS * 1000;
  return G_SOURCE_CONTINUE;
}

static gboolean
stop_cb (gpointer user_data)
{
  ((BenchLateness *) user_data)->stop = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
control_thread (gpointer user_data)
{
  BenchLateness *l = user_data;
  GSource *tick = g_timeout_source_new (TICK_MS);

  g_source_set_callback (tick, tick_cb, &l->control_tick, NULL);
  g_source_attach (tick, l->control_context);
  while (!l->stop)
    g_main_context_iteration (l->control_context, TRUE);
  g_source_destroy (tick);
  g_source_unref (tick);
  return NULL;
}

static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

BenchLateness *
bench_lateness_start (void)
{
  BenchLateness *l = g_new0 (BenchLateness, 1);

  if (default_poll == NULL)
    default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  poll_returned = 0;
  max_busy = 0;
  max_busy_cpu = 0;
  l->control_context = g_main_context_new ();
  l->control = g_thread_new ("control", control_thread, l);
  l->main_source = g_timeout_add (TICK_MS, tick_cb, &l->main_tick);
  l->cpu_start = thread_cpu_us ();
  return l;
}

void
bench_lateness_stop (BenchLateness *l,
                     const char    *what)
{
  l->main_cpu = thread_cpu_us () - l->cpu_start;
  l->busy = max_busy;
  l->busy_cpu = max_busy_cpu;
  g_main_context_set_poll_func (NULL, default_poll);
  g_clear_handle_id (&l->main_source, g_source_remove);
  g_main_context_invoke (l->control_context, stop_cb, l);
  g_thread_join (g_steal_pointer (&l->control));
  g_print ("  %-22s main loop max late %6.1f ms; longest main-thread stretch %6.1f ms"
           " (%.1f ms of it on the CPU); idle control thread max late %6.1f ms;"
           " main thread CPU %5.0f ms\n",
           what, l->main_tick.max_late / 1000.0, l->busy / 1000.0, l->busy_cpu / 1000.0,
           l->control_tick.max_late / 1000.0, l->main_cpu / 1000.0);
  /* To find the stretch in a profile recorded with the same clock
   * (perf record -k CLOCK_MONOTONIC). */
  if (g_getenv ("BENCH_LATENESS_AT") != NULL)
    g_print ("  longest main-thread stretch began at CLOCK_MONOTONIC %.6f s\n",
             max_busy_at / 1e6);
}

gint64
bench_lateness_get_late (BenchLateness *l)
{
  return l->main_tick.max_late;
}

void
bench_lateness_free (BenchLateness *l)
{
  if (l == NULL)
    return;
  if (l->control != NULL)
    bench_lateness_stop (l, "(unfinished)");
  g_clear_pointer (&l->control_context, g_main_context_unref);
  g_free (l);
}
