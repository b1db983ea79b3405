/* grm-error.c: the error domain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "grm-error.h"

G_DEFINE_QUARK (grm-error-quark, grm_error)
