/* grm-rule-file.h: the key file format that quorum and vote rule tables
 * share (see grm-quorum.h and grm-vote-rule.h for their own keys).
 *
 * One group per rule, in table order; the group name is the rule's id:
 *
 *   [id]
 *   Name=…            the English name, shown through _()
 *   Numerator=…       the share numerator/denominator,
 *   Denominator=…     0 ≤ numerator ≤ denominator, denominator > 0
 *   Strict=true       true: "more than" the share, false: "at least"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  GRM_RULE_FILE_QUORUM,  /* SecondConvocation= (optional) */
  GRM_RULE_FILE_VOTE,    /* Base= (required, read after Name), Election= (optional) */
} GrmRuleFileKind;

typedef struct
{
  char     *id;
  char     *name;
  char     *base;         /* vote rules only */
  guint     numerator;
  guint     denominator;
  gboolean  strict;
  gboolean  flag;         /* SecondConvocation or Election; FALSE when absent */
} GrmRuleFileEntry;

/* Takes what it keeps of @entry (g_steal_pointer () its strings) into a
 * rule of its own kind; FALSE with @error set to refuse it. */
typedef gboolean (*GrmRuleFileAddFunc) (GrmRuleFileEntry  *entry,
                                        gpointer           user_data,
                                        GError           **error);

/* Hands the groups of @data to @add, in order (maybe none). A missing or
 * malformed key, or an invalid share, is GRM_ERROR_INVALID_DATA with a
 * message that names the rule. */
gboolean grm_rule_file_load (const char          *data,
                             gsize                length,
                             GrmRuleFileKind      kind,
                             GrmRuleFileAddFunc   add,
                             gpointer             user_data,
                             GError             **error);

G_END_DECLS
