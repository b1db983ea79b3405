/* grm-saslprep.h: password preparation for PDF 2.0 (SASLprep, RFC 4013).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *grm_saslprep (const char *password);

G_END_DECLS
