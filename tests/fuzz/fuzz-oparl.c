/* fuzz-oparl.c: libFuzzer target for the OParl normaliser and the date
 * parser. Built only with -Dfuzzing=true and clang (see run.sh).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "grm-date.h"
#include "grm-oparl.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) objects = NULL;
  g_autofree char *next = NULL;
  g_autofree char *norm = NULL;
  g_autofree char *day = NULL;
  gint64 utc;

  /* The whole input as a list page, as an object, and as a date. */
  if (grm_oparl_parse_page ((const char *) data, size, GRM_OPARL_PAPER, &objects, &next, NULL))
    {
      for (guint i = 0; i < objects->len; i++)
        {
          GrmOparlObject *o = g_ptr_array_index (objects, i);

          g_assert (o->id != NULL && o->raw != NULL);
          g_assert (o->type > GRM_OPARL_UNKNOWN && o->type < GRM_OPARL_N_TYPES);
        }
    }
  grm_oparl_object_free (grm_oparl_parse_object ((const char *) data, size, GRM_OPARL_UNKNOWN, NULL));
  if (grm_date_parse_datetime (text, &norm, &utc))
    g_assert (strlen (norm) == 25);
  if (grm_date_parse_date (text, &day))
    g_assert (strlen (day) == 10);
  return 0;
}
