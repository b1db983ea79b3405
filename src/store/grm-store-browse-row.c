/* grm-store-browse-row.c: one row of a browsing list, formatted for display.
 *
 * Rows are built on a reader thread and are immutable once they reach the
 * main thread, so they never emit notify.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-store-browse"

#include <string.h>

#include "grm-store-browse-row.h"

struct _GrmBrowseRow
{
  GObject           parent_instance;

  GrmBrowseRowKind  kind;
  gboolean          loading;
  gboolean          cancelled;
  gboolean          is_public;
  char             *id;
  char             *target;
  char             *title;
  char             *subtitle;
  char             *meta;
  char             *badge;
  char             *body;
  char             *path;
  char             *state;
};

G_DEFINE_FINAL_TYPE (GrmBrowseRow, grm_browse_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_LOADING,
  PROP_ID,
  PROP_TARGET,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_META,
  PROP_BADGE,
  PROP_BODY,
  PROP_PATH,
  PROP_CANCELLED,
  PROP_PUBLIC,
  PROP_HAS_SUBTITLE,
  PROP_HAS_META,
  PROP_HAS_BADGE,
  PROP_HAS_BODY,
  PROP_IS_HEADER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
grm_browse_row_finalize (GObject *object)
{
  GrmBrowseRow *self = GRM_BROWSE_ROW (object);

  g_free (self->id);
  g_free (self->target);
  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->meta);
  g_free (self->badge);
  g_free (self->body);
  g_free (self->path);
  g_free (self->state);

  G_OBJECT_CLASS (grm_browse_row_parent_class)->finalize (object);
}

static void
grm_browse_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  GrmBrowseRow *self = GRM_BROWSE_ROW (object);

  switch (prop_id)
    {
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_LOADING: g_value_set_boolean (value, self->loading); break;
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_TARGET: g_value_set_string (value, self->target); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUBTITLE: g_value_set_string (value, self->subtitle); break;
    case PROP_META: g_value_set_string (value, self->meta); break;
    case PROP_BADGE: g_value_set_string (value, self->badge); break;
    case PROP_BODY: g_value_set_string (value, self->body); break;
    case PROP_PATH: g_value_set_string (value, self->path); break;
    case PROP_CANCELLED: g_value_set_boolean (value, self->cancelled); break;
    case PROP_PUBLIC: g_value_set_boolean (value, self->is_public); break;
    case PROP_HAS_SUBTITLE: g_value_set_boolean (value, has_text (self->subtitle)); break;
    case PROP_HAS_META: g_value_set_boolean (value, has_text (self->meta)); break;
    case PROP_HAS_BADGE: g_value_set_boolean (value, has_text (self->badge)); break;
    case PROP_HAS_BODY: g_value_set_boolean (value, has_text (self->body)); break;
    case PROP_IS_HEADER:
      g_value_set_boolean (value, self->kind == GRM_BROWSE_ROW_HEADER);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
boolean_property (const char *name)
{
  return g_param_spec_boolean (name, NULL, NULL, FALSE,
                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
grm_browse_row_class_init (GrmBrowseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = grm_browse_row_finalize;
  object_class->get_property = grm_browse_row_get_property;

  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] = boolean_property ("loading");
  properties[PROP_ID] = string_property ("id");
  properties[PROP_TARGET] = string_property ("target");
  properties[PROP_TITLE] = string_property ("title");
  properties[PROP_SUBTITLE] = string_property ("subtitle");
  properties[PROP_META] = string_property ("meta");
  properties[PROP_BADGE] = string_property ("badge");
  properties[PROP_BODY] = string_property ("body");
  properties[PROP_PATH] = string_property ("path");
  properties[PROP_CANCELLED] = boolean_property ("cancelled");
  properties[PROP_PUBLIC] = boolean_property ("public");
  properties[PROP_HAS_SUBTITLE] = boolean_property ("has-subtitle");
  properties[PROP_HAS_META] = boolean_property ("has-meta");
  properties[PROP_HAS_BADGE] = boolean_property ("has-badge");
  properties[PROP_HAS_BODY] = boolean_property ("has-body");
  properties[PROP_IS_HEADER] = boolean_property ("is-header");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
grm_browse_row_init (GrmBrowseRow *self)
{
  self->is_public = TRUE;
}

GrmBrowseRow *
grm_browse_row_new_loading (void)
{
  GrmBrowseRow *self = g_object_new (GRM_TYPE_BROWSE_ROW, NULL);

  self->loading = TRUE;
  return self;
}

GrmBrowseRow *
grm_browse_row_new (GrmBrowseRowKind  kind,
                    const char       *id)
{
  GrmBrowseRow *self = g_object_new (GRM_TYPE_BROWSE_ROW, NULL);

  self->kind = kind;
  self->id = g_strdup (id);
  return self;
}

#define GETTER(type, field) \
  type grm_browse_row_get_##field (GrmBrowseRow *self) \
  { \
    g_return_val_if_fail (GRM_IS_BROWSE_ROW (self), 0); \
    return self->field; \
  }

#define STRING_SETTER(field) \
  void grm_browse_row_set_##field (GrmBrowseRow *self, const char *field) \
  { \
    g_return_if_fail (GRM_IS_BROWSE_ROW (self)); \
    g_free (self->field); \
    self->field = g_strdup (field); \
  }

GETTER (GrmBrowseRowKind, kind)
GETTER (gboolean, loading)
GETTER (gboolean, cancelled)
GETTER (const char *, id)
GETTER (const char *, target)
GETTER (const char *, title)
GETTER (const char *, subtitle)
GETTER (const char *, meta)
GETTER (const char *, badge)
GETTER (const char *, body)
GETTER (const char *, path)
GETTER (const char *, state)

STRING_SETTER (target)
STRING_SETTER (meta)
STRING_SETTER (badge)
STRING_SETTER (body)
STRING_SETTER (path)
STRING_SETTER (state)

/* Server text often carries the indentation of a word processor after
 * its line breaks ("…gem. § 3\n          Abs. 2 BauGB"): keep the breaks,
 * drop the blanks around each line and empty lines. */
static char *
tidy_text (const char *text)
{
  g_auto(GStrv) lines = NULL;
  GString *tidy;

  if (text == NULL)
    return NULL;
  if (strchr (text, '\n') == NULL && !g_ascii_isspace (text[0]))
    return g_strdup (text);
  lines = g_strsplit (text, "\n", -1);
  tidy = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (tidy->len > 0)
        g_string_append_c (tidy, '\n');
      g_string_append (tidy, lines[i]);
    }
  return g_string_free (tidy, FALSE);
}

void
grm_browse_row_set_title (GrmBrowseRow *self,
                          const char   *title)
{
  g_return_if_fail (GRM_IS_BROWSE_ROW (self));
  g_free (self->title);
  self->title = tidy_text (title);
}

void
grm_browse_row_set_subtitle (GrmBrowseRow *self,
                             const char   *subtitle)
{
  g_return_if_fail (GRM_IS_BROWSE_ROW (self));
  g_free (self->subtitle);
  self->subtitle = tidy_text (subtitle);
}

gboolean
grm_browse_row_get_public (GrmBrowseRow *self)
{
  g_return_val_if_fail (GRM_IS_BROWSE_ROW (self), TRUE);
  return self->is_public;
}

void
grm_browse_row_set_cancelled (GrmBrowseRow *self,
                              gboolean      cancelled)
{
  g_return_if_fail (GRM_IS_BROWSE_ROW (self));
  self->cancelled = !!cancelled;
}

void
grm_browse_row_set_public (GrmBrowseRow *self,
                           gboolean      is_public)
{
  g_return_if_fail (GRM_IS_BROWSE_ROW (self));
  self->is_public = !!is_public;
}
