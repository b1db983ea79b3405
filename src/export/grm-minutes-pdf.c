/* grm-minutes-pdf.c: what the minutes say, and writing them safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-minutes"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "grm-error.h"
#include "grm-minutes-layout.h"
#include "grm-minutes-pdf.h"
#include "grm-session-store.h"

typedef struct
{
  GrmSessionState         *state;
  const GrmMinutesOptions *options;
} Minutes;

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return g_strdup ("–");
  dt = g_date_time_new_from_unix_local (t);
  /* TRANSLATORS: date and time in the minutes; see g_date_time_format() */
  return g_date_time_format (dt, C_("minutes time", "%Y-%m-%d %H:%M"));
}

static char *
format_clock (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (t);

  return g_date_time_format (dt, "%H:%M");
}

static char *
format_start (const char *iso)
{
  g_autoptr(GDateTime) dt = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (dt == NULL)
    return g_strdup (iso ? iso : "–");
  return g_date_time_format (dt, C_("minutes time", "%Y-%m-%d %H:%M"));
}

static char *
stays_text (GrmSessionMember *m)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < m->stays->len; k++)
    {
      GrmSessionStay *stay = &g_array_index (m->stays, GrmSessionStay, k);
      g_autofree char *from = format_clock (stay->arrived);
      g_autofree char *to = stay->left ? format_clock (stay->left) : g_strdup ("");

      if (k > 0)
        g_string_append (s, ", ");
      g_string_append_printf (s, "%s–%s", from, to);
    }
  return g_string_free (s, FALSE);
}

static void
draw_attendance (GrmDoc          *doc,
                 GrmSessionState *s)
{
  g_autoptr(GString) absent = g_string_new (NULL);

  grm_doc_text (doc, GRM_DOC_HEADING, _("Attendance"), 0, 18);
  for (guint k = 0; k < s->members->len; k++)
    {
      GrmSessionMember *m = g_ptr_array_index (s->members, k);
      g_autofree char *times = NULL;
      g_autofree char *value = NULL;
      GString *label;

      if (m->stays->len == 0)
        {
          if (m->voting_right && m->substitute_for == NULL)
            g_string_append_printf (absent, "%s%s", absent->len ? ", " : "", m->name);
          continue;
        }
      times = stays_text (m);
      label = g_string_new (m->name);
      if (m->substitute_for != NULL)
        {
          GrmSessionMember *r = grm_session_state_find_member (s, m->substitute_for);

          value = g_strdup_printf (_("%s (substitute for %s)"), times, r ? r->name : "?");
        }
      else if (!m->voting_right)
        value = g_strdup_printf (_("%s (no vote)"), times);
      else
        value = g_steal_pointer (&times);
      grm_doc_pair (doc, label->str, value, 230);
      g_string_free (label, TRUE);
    }
  if (absent->len > 0)
    {
      grm_doc_text (doc, GRM_DOC_BOLD, _("Absent"), 0, 8);
      grm_doc_text (doc, GRM_DOC_BODY, absent->str, 0, 2);
    }
}

static void
draw_quorum (GrmDoc          *doc,
             GrmSessionState *s)
{
  GrmQuorum q;
  g_autofree char *line = NULL;

  grm_quorum_compute (grm_session_state_quorum_rule (s), s->statutory, 0, 0, FALSE, FALSE, &q);
  grm_doc_text (doc, GRM_DOC_HEADING, _("Quorum"), 0, 18);
  line = g_strdup_printf (_("Statutory number of members: %u. The body has a quorum when at "
                            "least %u members entitled to vote are present."),
                          s->statutory, q.required);
  grm_doc_text (doc, GRM_DOC_BODY, line, 0, 4);
  for (guint k = 0; k < s->events->len; k++)
    {
      GrmSessionEvent *e = g_ptr_array_index (s->events, k);
      g_autofree char *when = format_time (e->at);
      g_autofree char *text = NULL;

      if (g_str_equal (e->kind, "quorum-lacking"))
        text = g_strdup_printf (_("%s: the lack of quorum was formally noted."), when);
      else if (g_str_equal (e->kind, "quorum-restored"))
        text = g_strdup_printf (_("%s: the quorum was noted as restored."), when);
      if (text != NULL)
        grm_doc_text (doc, GRM_DOC_BODY, text, 0, 4);
    }
}

static void
draw_named (GrmDoc          *doc,
            GrmSessionState *s,
            GrmSessionVote  *v)
{
  const char *choices[] = { "yes", "no", "abstain" };
  const char *labels[] = { N_("Yes"), N_("No"), N_("Abstained") };

  for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint k = 0; k < s->members->len; k++)
        {
          GrmSessionMember *m = g_ptr_array_index (s->members, k);
          const char *choice = g_hash_table_lookup (v->casts, m->person);

          if (g_strcmp0 (choice, choices[c]) == 0)
            g_string_append_printf (names, "%s%s", names->len ? ", " : "", m->name);
        }
      if (names->len > 0)
        grm_doc_pair (doc, _(labels[c]), names->str, 0);
    }
}

static void
draw_vote (GrmDoc          *doc,
           GrmSessionState *s,
           GrmSessionItem  *item,
           GrmSessionVote  *v)
{
  g_autofree char *counts = NULL;
  g_autofree char *result = NULL;
  const char *rule = v->rule_name ? v->rule_name : v->rule;

  if (v->closed == 0)
    {
      grm_doc_pair (doc, _("Vote"), _("Open: not closed"), 0);
      return;
    }
  grm_doc_pair (doc, _("Vote"), grm_vote_kind_to_label (v->kind), 0);
  grm_doc_pair (doc, _("Rule"), _(rule), 0);
  if (v->kind == GRM_VOTE_KIND_ELECTION)
    {
      for (guint k = 0; k < v->candidates->len; k++)
        {
          GrmSessionCandidate *c = g_ptr_array_index (v->candidates, k);
          g_autofree char *n = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u vote",
                                                             "%u votes", c->votes), c->votes);

          grm_doc_pair (doc, c->name, n, 0);
        }
      counts = g_strdup_printf (_("no %u, abstentions %u, invalid %u; entitled to vote: %u"),
                                v->counts.no, v->counts.abstain, v->counts.invalid, v->entitled);
    }
  else
    counts = g_strdup_printf (_("yes %u, no %u, abstentions %u, invalid %u; entitled to "
                                "vote: %u"),
                              v->counts.yes, v->counts.no, v->counts.abstain, v->counts.invalid,
                              v->entitled);
  grm_doc_pair (doc, _("Counts"), counts, 0);
  if (v->kind == GRM_VOTE_KIND_NAMED)
    draw_named (doc, s, v);
  if (v->winner != NULL)
    result = g_strdup_printf (_("Elected: %s"), v->winner);
  else
    result = g_strdup (grm_vote_outcome_to_label (v->outcome));
  grm_doc_pair (doc, _("Result"), result, 0);
  if (v->corrects != 0)
    {
      g_autofree char *when = format_time (v->recorded);
      g_autofree char *note = g_strdup_printf (_("Corrected on %s by %s: %s"), when,
                                               v->actor ? v->actor : "?",
                                               v->reason ? v->reason : "");
      g_autofree char *change = grm_session_state_describe_correction (s, item, v);

      grm_doc_pair (doc, _("Correction"), note, 0);
      if (change != NULL)
        grm_doc_pair (doc, _("Changed"), change, 0);
    }
}

/* Server text comes with stray line breaks and runs of blanks. */
static char *
collapse_space (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("\\s+", 0, 0, NULL);

  return g_strstrip (g_regex_replace_literal (re, text ? text : "", -1, 0, " ", 0, NULL));
}

/* The names in the eligible list frozen with a vote. */
static char *
eligible_names (const char *eligible)
{
  g_autoptr(JsonNode) node = eligible ? json_from_string (eligible, NULL) : NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  JsonArray *array = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint k = 0; array != NULL && k < json_array_get_length (array); k++)
    {
      JsonObject *o = json_array_get_object_element (array, k);

      if (o != NULL)
        g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                                json_object_get_string_member_with_default (o, "name", "?"));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* Who took part in the item: present and entitled (by the snapshot frozen
 * with its vote, else by the stays when the item was opened), and who was
 * excluded. Items never dealt with get no line. */
static void
draw_item_attendance (GrmDoc          *doc,
                      GrmSessionState *s,
                      GrmSessionItem  *item)
{
  GrmSessionVote *v = item->vote != NULL && item->vote->closed ? item->vote : NULL;
  gint64 opened = grm_session_state_item_opened (s, item);
  g_autofree char *line = NULL;
  guint entitled, statutory;

  if (v != NULL)
    {
      entitled = v->entitled;
      statutory = v->statutory;
    }
  else if (opened > 0)
    {
      g_autoptr(GPtrArray) members = grm_session_state_entitled_at (s, item, opened);

      entitled = members->len;
      statutory = s->statutory;
    }
  else
    return;
  line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u member present and entitled to vote",
                                       "%u of %u members present and entitled to vote",
                                       statutory),
                          entitled, statutory);
  grm_doc_pair (doc, _("Attendance"), line, 0);
  if (v != NULL && v->kind == GRM_VOTE_KIND_NAMED)
    {
      g_autofree char *names = eligible_names (v->eligible);

      grm_doc_pair (doc, _("Entitled to vote"), names, 0);
    }
  if (item->second_convocation)
    grm_doc_pair (doc, _("Quorum"),
                  _("Second convocation: quorate regardless of the number present"), 0);
  for (guint k = 0; k < item->exclusions->len; k++)
    {
      GrmSessionExclusion *e = g_ptr_array_index (item->exclusions, k);
      g_autofree char *text = g_strdup_printf (_("%s: %s. Did not take part in the deliberation "
                                                 "or the vote."), e->name, e->reason);

      grm_doc_pair (doc, _("Excluded for bias"), text, 0);
    }
}

static void
draw_item (GrmDoc          *doc,
           GrmSessionState *s,
           GrmSessionItem  *item)
{
  g_autofree char *name = collapse_space (item->name);
  g_autofree char *title = g_strdup_printf ("%s %s", item->number ? item->number : "", name);

  grm_doc_text (doc, GRM_DOC_SUBHEADING, g_strstrip (title), 0, 14);
  draw_item_attendance (doc, s, item);
  if (item->vote != NULL)
    draw_vote (doc, s, item, item->vote);
  if (item->decision != NULL && *item->decision != '\0')
    {
      grm_doc_text (doc, GRM_DOC_BOLD, _("Decision"), 0, 6);
      grm_doc_text (doc, GRM_DOC_BODY, item->decision, 0, 2);
    }
  if (item->notes != NULL && *item->notes != '\0')
    {
      grm_doc_text (doc, GRM_DOC_BOLD, _("Notes"), 0, 6);
      grm_doc_text (doc, GRM_DOC_BODY, item->notes, 0, 2);
    }
}

static void
draw_minutes (GrmDoc   *doc,
              gpointer  data)
{
  Minutes *mi = data;
  GrmSessionState *s = mi->state;
  g_autofree char *start = format_start (s->start);
  g_autofree char *opened = format_time (s->started);
  g_autofree char *closed = format_time (s->ended);
  g_autofree char *statutory = g_strdup_printf ("%u", s->statutory);
  g_autofree char *audit = NULL;

  grm_doc_text (doc, GRM_DOC_TITLE, _("Minutes"), 0, 0);
  grm_doc_text (doc, GRM_DOC_HEADING, s->meeting_name, 0, 4);
  if (mi->options->public_only)
    grm_doc_text (doc, GRM_DOC_SMALL, _("Public version: the non-public part is not included."),
                  0, 4);
  grm_doc_rule (doc);
  grm_doc_pair (doc, _("Committee"), s->organization_name ? s->organization_name : "–", 0);
  grm_doc_pair (doc, _("Scheduled"), start, 0);
  if (s->location != NULL)
    grm_doc_pair (doc, _("Location"), s->location, 0);
  grm_doc_pair (doc, _("Session opened"), opened, 0);
  grm_doc_pair (doc, _("Session closed"), closed, 0);
  grm_doc_pair (doc, _("Statutory members"), statutory, 0);

  draw_attendance (doc, s);
  draw_quorum (doc, s);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean is_public = pass == 0;
      gboolean heading = FALSE;

      if (!is_public && mi->options->public_only)
        break;
      for (guint k = 0; k < s->items->len; k++)
        {
          GrmSessionItem *item = g_ptr_array_index (s->items, k);

          if (item->is_public != is_public)
            continue;
          if (!heading)
            {
              grm_doc_text (doc, GRM_DOC_HEADING,
                            is_public ? _("Public part") : _("Non-public part"), 0, 22);
              grm_doc_rule (doc);
              heading = TRUE;
            }
          draw_item (doc, s, item);
        }
    }

  if (s->corrections->len > 0)
    {
      grm_doc_text (doc, GRM_DOC_HEADING, _("Corrections to earlier minutes"), 0, 22);
      for (guint k = 0; k < s->corrections->len; k++)
        {
          GrmSessionCorrection *c = g_ptr_array_index (s->corrections, k);

          grm_doc_pair (doc, c->about_meeting ? c->about_meeting : "–", c->text, 0);
        }
    }
  if (s->minutes_text != NULL && *s->minutes_text != '\0')
    {
      grm_doc_text (doc, GRM_DOC_HEADING, _("Remarks"), 0, 22);
      grm_doc_text (doc, GRM_DOC_BODY, s->minutes_text, 0, 4);
    }

  grm_doc_keep (doc, 150);
  grm_doc_text (doc, GRM_DOC_HEADING, _("Record"), 0, 22);
  if (s->sealed > 0)
    {
      g_autofree char *when = format_time (s->sealed);
      g_autofree char *sealed = g_strdup_printf (_("Sealed on %s. Audit head at sealing: %s"),
                                                 when, s->sealed_audit_head);

      grm_doc_text (doc, GRM_DOC_SMALL, sealed, 0, 4);
    }
  else
    grm_doc_text (doc, GRM_DOC_SMALL, _("Draft: these minutes are not sealed yet."), 0, 4);
  if (mi->options->audit_ok)
    audit = g_strdup_printf (_("Audit log verified: %" PRId64 " entries, head "
                               "SHA-256 %s"),
                             mi->options->audit_entries, s->audit_head ? s->audit_head : "–");
  else
    audit = g_strdup_printf (_("AUDIT LOG BROKEN: %s"),
                             mi->options->audit_error ? mi->options->audit_error : "?");
  grm_doc_text (doc, GRM_DOC_SMALL, audit, 0, 4);

  grm_doc_keep (doc, 120);
  grm_doc_text (doc, GRM_DOC_BODY, "______________________________", 0, 40);
  grm_doc_text (doc, GRM_DOC_SMALL, _("Chair"), 0, 2);
  grm_doc_text (doc, GRM_DOC_BODY, "______________________________", 0, 30);
  grm_doc_text (doc, GRM_DOC_SMALL, _("Secretary"), 0, 2);
}

gboolean
grm_minutes_pdf_write (GrmSessionState          *state,
                       const GrmMinutesOptions  *options,
                       const char               *path,
                       GError                  **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autofree char *right = NULL;
  Minutes mi = { state, options };
  int fd, dfd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, GRM_ERROR, GRM_ERROR_FAILED, _("Cannot write to “%s”: %s"), dir,
                   g_strerror (saved));
      return FALSE;
    }
  right = g_strdup (options->public_only ? _("Minutes (public version)") : _("Minutes"));
  if (!grm_doc_render (fd, state->meeting_name ? state->meeting_name : "", right,
                       draw_minutes, &mi, error) ||
      fsync (fd) != 0)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, GRM_ERROR, GRM_ERROR_DISK_FULL, _("Cannot write the PDF: %s"),
                     g_strerror (errno));
      close (fd);
      g_unlink (tmp);
      return FALSE;
    }
  close (fd);
  /* Only a complete, synced file takes the name. */
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_unlink (tmp);
      g_set_error (error, GRM_ERROR, GRM_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   g_strerror (saved));
      return FALSE;
    }
  dfd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  return TRUE;
}

typedef struct
{
  char            *meeting;
  GrmSessionState *state;
  gboolean         audit_ok;
  gint64           entries;
  char            *audit_error;
} Snapshot;

typedef struct
{
  GrmStore *store;
  char     *meeting;
  char     *path;
  gboolean  public_only;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->store);
  g_free (job->meeting);
  g_free (job->path);
  g_free (job);
}

static gboolean
snapshot_job (GrmDb     *db,
              gpointer   data,
              gpointer  *result,
              GError   **error)
{
  Snapshot *snap = data;
  g_autoptr(GError) audit_error = NULL;

  snap->state = grm_session_state_load (db, snap->meeting, error);
  if (snap->state == NULL)
    return FALSE;
  /* Read in the same transaction, so the head printed is the head verified. */
  snap->audit_ok = grm_session_store_verify_audit (db, &snap->entries, &audit_error);
  if (!snap->audit_ok)
    snap->audit_error = g_strdup (audit_error->message);
  return TRUE;
}

gboolean
grm_minutes_export_sync (GrmStore    *store,
                         const char  *meeting,
                         gboolean     public_only,
                         const char  *path,
                         GError     **error)
{
  Snapshot snap = { (char *) meeting, NULL, FALSE, 0, NULL };
  GrmMinutesOptions options = { public_only };
  gboolean ok;

  if (!grm_store_read_sync (store, snapshot_job, &snap, NULL, error))
    return FALSE;
  options.audit_ok = snap.audit_ok;
  options.audit_entries = snap.entries;
  options.audit_error = snap.audit_error;
  ok = grm_minutes_pdf_write (snap.state, &options, path, error);
  grm_session_state_free (snap.state);
  g_free (snap.audit_error);
  return ok;
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (grm_minutes_export_sync (job->store, job->meeting, job->public_only, job->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
grm_minutes_export_async (GrmStore            *store,
                          const char          *meeting,
                          gboolean             public_only,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->store = g_object_ref (store);
  job->meeting = g_strdup (meeting);
  job->path = g_strdup (path);
  job->public_only = public_only;
  g_task_set_source_tag (task, grm_minutes_export_async);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
grm_minutes_export_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
