/* grm-session-page-private.h: what the files of the session page share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "grm-session-page.h"
#include "grm-session-store.h"

G_BEGIN_DECLS

struct _GrmSessionPage
{
  AdwBin            parent_instance;

  GrmStore         *store;
  char             *meeting;
  char             *actor;
  GCancellable     *cancellable;
  GrmSessionState  *state;
  guint             pending;          /* jobs in flight: writes and reads */
  guint             writes;           /* writes in flight ("Saving…") */
  gboolean          reading;          /* a snapshot read is in flight */
  gboolean          read_again;       /* … and another write came back meanwhile */
  char             *item;             /* the agenda item on screen */
  char             *named_person;     /* the row the keys act on in a named vote */
  GPtrArray        *candidates;       /* names, for an election being entered */
  GtkWindow        *presenter;
  gboolean          updating;         /* TRUE while widgets are set from the state */

  /* narrow (grm-session-page-narrow.c) */
  gboolean          narrow;           /* the layout for a narrow window is in use */
  int               wide_min;         /* the least width of the wide layout */
  gboolean          narrow_want;      /* … and the one the last allocation asked for */
  guint             narrow_idle;
  guint             reveal_tick;
  GPtrArray        *flip_boxes;       /* rows that become columns when narrow */
  GPtrArray        *margin_boxes;     /* panes with a wide margin that narrows */
  GPtrArray        *count_grids;      /* four counts in a row, or two by two */

  /* status strip */
  GtkWidget        *toasts;
  GtkWidget        *strip;
  GtkWidget        *strip_top;
  GtkWidget        *strip_bottom;     /* narrow: the save time and "Note lack of quorum" */
  GtkWidget        *present_button;
  GtkWidget        *title_label;
  GtkWidget        *quorum_label;
  GtkWidget        *quorum_button;
  GtkWidget        *saved_label;

  /* leaflet */
  GtkWidget        *leaflet;
  GtkWidget        *agenda_list;
  GtkWidget        *content_stack;
  GtkWidget        *back_button;
  GtkWidget        *content_title;
  GtkWidget        *error_label;      /* why the last change was refused */

  /* session setup */
  GtkWidget        *rules_dropdown;   /* the state's quorum rule, kept with the session */

  /* roll call */
  GtkWidget        *roll_list;
  GtkWidget        *substitute_for;
  GtkWidget        *substitute_who;   /* a new person, or a deputy on the roll */
  GtkWidget        *substitute_name;

  /* item */
  GtkWidget        *item_title;
  GtkWidget        *item_status;
  GtkWidget        *second_list;      /* § 49 Abs. 2: called a second time */
  GtkWidget        *second_switch;
  GtkWidget        *exclusion_list;
  GtkWidget        *exclude_member;
  GtkWidget        *exclude_reason;
  GtkWidget        *kind_dropdown;
  GtkWidget        *rule_dropdown;
  GtkWidget        *begin_box;
  GtkWidget        *open_box;
  GtkWidget        *counts_grid;
  GtkWidget        *spins[4];         /* yes, no, abstain, invalid */
  GtkWidget        *count_labels[4];
  GtkWidget        *named_list;
  GtkWidget        *election_box;
  GtkWidget        *candidate_entry;
  GtkWidget        *candidate_list;
  GtkWidget        *vote_hint;
  GtkWidget        *result_label;
  GtkWidget        *result_detail;
  GtkWidget        *correct_box;
  GtkWidget        *correct_spins[4];
  GtkWidget        *correct_counts;   /* the spins: counted votes */
  GtkWidget        *correct_named;    /* a member's choice: named votes */
  GtkWidget        *correct_member;
  GtkWidget        *correct_choice;
  GtkWidget        *correct_reason;
  GtkWidget        *decision_view;
  GtkWidget        *notes_view;

  /* minutes */
  GtkWidget        *minutes_view;
  GtkWidget        *minutes_status;
};

/* Runs @op as one durable write (taking it). When it returns, the screen
 * says it is saved, and a new snapshot is read (on a reader) and applied. */
void       grm_session_page_run           (GrmSessionPage *self,
                                           GrmSessionOp   *op);
GrmSessionOp *grm_session_page_op         (GrmSessionPage *self,
                                           GrmSessionOpKind kind);
void       grm_session_page_toast         (GrmSessionPage *self,
                                           const char     *message);
GrmSessionItem *grm_session_page_item     (GrmSessionPage *self);

GtkWidget *grm_session_page_build_item    (GrmSessionPage *self);
void       grm_session_page_update_item   (GrmSessionPage *self);
void       grm_session_page_item_actions  (GtkWidgetClass *widget_class);

/* The start and the roll call (grm-session-page-roll.c). */
GtkWidget *grm_session_page_build_start   (GrmSessionPage *self);
GtkWidget *grm_session_page_build_roll    (GrmSessionPage *self);
void       grm_session_page_roll_actions  (GtkWidgetClass *widget_class);

GtkWidget *grm_session_page_build_minutes (GrmSessionPage *self);
void       grm_session_page_update_minutes (GrmSessionPage *self);
void       grm_session_page_minutes_actions (GtkWidgetClass *widget_class);

/* Lists (grm-session-page-lists.c): rows are updated in place while their
 * keys (widget names) stay the same, so the focused row survives a write. */
void       grm_session_page_build_agenda  (GrmSessionPage *self);
void       grm_session_page_update_agenda (GrmSessionPage *self);
void       grm_session_page_update_roll   (GrmSessionPage *self);
void       grm_session_page_update_substitutes (GrmSessionPage *self);
gboolean   grm_session_page_rows_match    (GtkWidget      *list,
                                           GPtrArray      *keys);
/* The row of @list holding the keyboard focus, or NULL. */
GtkWidget *grm_session_page_focus_row     (GtkWidget      *list);
GtkWidget *grm_session_page_find_row      (GtkWidget      *list,
                                           const char     *key);
void       grm_session_page_clear_list    (GtkWidget      *list);
/* Sets a drop-down's choices (@names, each with a key) unless they are the
 * same already; the chosen key stays chosen. */
void       grm_session_page_set_names     (GtkWidget      *dropdown,
                                           GPtrArray      *names,
                                           GPtrArray      *keys);
const char *grm_session_page_selected_key (GtkWidget      *dropdown);

/* A button with a mnemonic @label that activates @action (with @target
 * when not NULL), styled @style when not NULL. */
GtkWidget *grm_session_page_button        (const char     *label,
                                           const char     *action,
                                           GVariant       *target,
                                           const char     *style);

/* A drop-down whose button ellipsizes a long choice and whose list wraps
 * it, so that it never makes the page wider than a narrow window. */
GtkWidget *grm_session_page_dropdown_new  (GListModel     *model,
                                           gboolean        searchable);

/* Narrow windows (grm-session-page-narrow.c): below the least width of its
 * wide layout the page turns its rows into columns. */
void       grm_session_page_narrow_class_init (GtkWidgetClass *widget_class);
void       grm_session_page_narrow_init   (GrmSessionPage *self);
void       grm_session_page_narrow_dispose (GrmSessionPage *self);
/* @box becomes a column when narrow. */
void       grm_session_page_flip_box      (GrmSessionPage *self,
                                           GtkWidget      *box);
/* @widget's side margins are 24 px wide, 12 narrow. */
void       grm_session_page_narrow_margins (GrmSessionPage *self,
                                            GtkWidget      *widget);
/* The strip's second line (narrow only) shows while it has something to say. */
void       grm_session_page_fit_strip     (GrmSessionPage *self);
/* When narrow, scrolls the item pane so that the vote is at its top. */
void       grm_session_page_reveal_vote   (GrmSessionPage *self);
/* @grid of four counts (labels in row 0, spins in row 1) becomes 2 × 2. */
void       grm_session_page_count_grid    (GrmSessionPage *self,
                                           GtkWidget      *grid);

char      *grm_session_page_text_of       (GtkWidget      *text_view);
/* Server text with its stray line breaks and blanks collapsed. */
char      *grm_session_page_one_line      (const char     *text);

G_END_DECLS
