/* grm-oparl.c: the OParl normaliser (see grm-oparl.h).
 *
 * One table says, per type, which properties refer to other objects, which
 * of those embed owned children (agenda items in a meeting, files in a
 * paper) and which name list URLs. Everything else is typed field by field
 * in fill_fields (). Every accessor copes with every JSON node type.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "grm-oparl"

#include "grm-oparl.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "grm-date.h"
#include "grm-error.h"

/* Embedded objects nest a few levels deep in real data (paper → consultation,
 * meeting → agenda item → file); anything deeper is not OParl. */
#define MAX_DEPTH 6

enum
{
  REL_OWNED = 1 << 0,   /* embedded objects are children of this one */
  REL_LIST  = 1 << 1,   /* a string value is a list URL, not an object */
};

typedef struct
{
  const char   *key;
  GrmOparlType  target;
  guint         flags;
} RelSpec;

static const char * const type_names[GRM_OPARL_N_TYPES] = {
  [GRM_OPARL_UNKNOWN] = "Unknown",
  [GRM_OPARL_SYSTEM] = "System",
  [GRM_OPARL_BODY] = "Body",
  [GRM_OPARL_LEGISLATIVE_TERM] = "LegislativeTerm",
  [GRM_OPARL_ORGANIZATION] = "Organization",
  [GRM_OPARL_PERSON] = "Person",
  [GRM_OPARL_MEMBERSHIP] = "Membership",
  [GRM_OPARL_MEETING] = "Meeting",
  [GRM_OPARL_AGENDA_ITEM] = "AgendaItem",
  [GRM_OPARL_PAPER] = "Paper",
  [GRM_OPARL_CONSULTATION] = "Consultation",
  [GRM_OPARL_FILE] = "File",
  [GRM_OPARL_LOCATION] = "Location",
};

static const RelSpec system_rels[] = {
  { "body", GRM_OPARL_BODY, REL_LIST },
  { NULL }
};
static const RelSpec body_rels[] = {
  { "system", GRM_OPARL_SYSTEM, 0 },
  { "legislativeTerm", GRM_OPARL_LEGISLATIVE_TERM, REL_OWNED | REL_LIST },
  { "location", GRM_OPARL_LOCATION, 0 },
  { "organization", GRM_OPARL_ORGANIZATION, REL_LIST },
  { "person", GRM_OPARL_PERSON, REL_LIST },
  { "meeting", GRM_OPARL_MEETING, REL_LIST },
  { "paper", GRM_OPARL_PAPER, REL_LIST },
  { "legislativeTermList", GRM_OPARL_LEGISLATIVE_TERM, REL_LIST },
  { "agendaItem", GRM_OPARL_AGENDA_ITEM, REL_LIST },
  { "consultation", GRM_OPARL_CONSULTATION, REL_LIST },
  { "file", GRM_OPARL_FILE, REL_LIST },
  { "locationList", GRM_OPARL_LOCATION, REL_LIST },
  { "membership", GRM_OPARL_MEMBERSHIP, REL_LIST },
  { NULL }
};
static const RelSpec legislative_term_rels[] = {
  { "body", GRM_OPARL_BODY, 0 },
  { NULL }
};
static const RelSpec organization_rels[] = {
  { "body", GRM_OPARL_BODY, 0 },
  { "membership", GRM_OPARL_MEMBERSHIP, 0 },
  { "location", GRM_OPARL_LOCATION, 0 },
  { "subOrganizationOf", GRM_OPARL_ORGANIZATION, 0 },
  { "meeting", GRM_OPARL_MEETING, REL_LIST },
  { NULL }
};
static const RelSpec person_rels[] = {
  { "body", GRM_OPARL_BODY, 0 },
  { "membership", GRM_OPARL_MEMBERSHIP, REL_OWNED },
  { "location", GRM_OPARL_LOCATION, 0 },
  { NULL }
};
static const RelSpec membership_rels[] = {
  { "person", GRM_OPARL_PERSON, 0 },
  { "organization", GRM_OPARL_ORGANIZATION, 0 },
  { "onBehalfOf", GRM_OPARL_ORGANIZATION, 0 },
  { NULL }
};
static const RelSpec meeting_rels[] = {
  { "location", GRM_OPARL_LOCATION, 0 },
  { "organization", GRM_OPARL_ORGANIZATION, 0 },
  { "participant", GRM_OPARL_PERSON, 0 },
  { "invitation", GRM_OPARL_FILE, REL_OWNED },
  { "resultsProtocol", GRM_OPARL_FILE, REL_OWNED },
  { "verbatimProtocol", GRM_OPARL_FILE, REL_OWNED },
  { "auxiliaryFile", GRM_OPARL_FILE, REL_OWNED },
  { "agendaItem", GRM_OPARL_AGENDA_ITEM, REL_OWNED },
  { NULL }
};
static const RelSpec agenda_item_rels[] = {
  { "meeting", GRM_OPARL_MEETING, 0 },
  { "consultation", GRM_OPARL_CONSULTATION, 0 },
  { "resolutionFile", GRM_OPARL_FILE, REL_OWNED },
  { "auxiliaryFile", GRM_OPARL_FILE, REL_OWNED },
  { NULL }
};
static const RelSpec paper_rels[] = {
  { "body", GRM_OPARL_BODY, 0 },
  { "relatedPaper", GRM_OPARL_PAPER, 0 },
  { "superordinatedPaper", GRM_OPARL_PAPER, 0 },
  { "subordinatedPaper", GRM_OPARL_PAPER, 0 },
  { "mainFile", GRM_OPARL_FILE, REL_OWNED },
  { "auxiliaryFile", GRM_OPARL_FILE, REL_OWNED },
  { "location", GRM_OPARL_LOCATION, 0 },
  { "originatorPerson", GRM_OPARL_PERSON, 0 },
  { "underDirectionOf", GRM_OPARL_ORGANIZATION, 0 },
  { "originatorOrganization", GRM_OPARL_ORGANIZATION, 0 },
  { "consultation", GRM_OPARL_CONSULTATION, REL_OWNED },
  { NULL }
};
static const RelSpec consultation_rels[] = {
  { "paper", GRM_OPARL_PAPER, 0 },
  { "agendaItem", GRM_OPARL_AGENDA_ITEM, 0 },
  { "meeting", GRM_OPARL_MEETING, 0 },
  { "organization", GRM_OPARL_ORGANIZATION, 0 },
  { NULL }
};
static const RelSpec file_rels[] = {
  { "masterFile", GRM_OPARL_FILE, 0 },
  { "derivativeFile", GRM_OPARL_FILE, 0 },
  { "meeting", GRM_OPARL_MEETING, 0 },
  { "agendaItem", GRM_OPARL_AGENDA_ITEM, 0 },
  { "paper", GRM_OPARL_PAPER, 0 },
  { NULL }
};
static const RelSpec location_rels[] = {
  { "bodies", GRM_OPARL_BODY, 0 },
  { "organizations", GRM_OPARL_ORGANIZATION, 0 },
  { "persons", GRM_OPARL_PERSON, 0 },
  { "meetings", GRM_OPARL_MEETING, 0 },
  { "papers", GRM_OPARL_PAPER, 0 },
  { NULL }
};

static const RelSpec * const rel_specs[GRM_OPARL_N_TYPES] = {
  [GRM_OPARL_SYSTEM] = system_rels,
  [GRM_OPARL_BODY] = body_rels,
  [GRM_OPARL_LEGISLATIVE_TERM] = legislative_term_rels,
  [GRM_OPARL_ORGANIZATION] = organization_rels,
  [GRM_OPARL_PERSON] = person_rels,
  [GRM_OPARL_MEMBERSHIP] = membership_rels,
  [GRM_OPARL_MEETING] = meeting_rels,
  [GRM_OPARL_AGENDA_ITEM] = agenda_item_rels,
  [GRM_OPARL_PAPER] = paper_rels,
  [GRM_OPARL_CONSULTATION] = consultation_rels,
  [GRM_OPARL_FILE] = file_rels,
  [GRM_OPARL_LOCATION] = location_rels,
};

const char *
grm_oparl_type_to_string (GrmOparlType type)
{
  if ((int) type < 0 || type >= GRM_OPARL_N_TYPES)
    return type_names[GRM_OPARL_UNKNOWN];
  return type_names[type];
}

GrmOparlType
grm_oparl_type_from_string (const char *text)
{
  const char *name;
  gsize len;

  if (text == NULL)
    return GRM_OPARL_UNKNOWN;
  /* The name is what follows the last '/' (or ':'), ignoring a trailing '/'. */
  len = strlen (text);
  while (len > 0 && text[len - 1] == '/')
    len--;
  name = text + len;
  while (name > text && name[-1] != '/' && name[-1] != ':')
    name--;
  for (int t = GRM_OPARL_SYSTEM; t < GRM_OPARL_N_TYPES; t++)
    if (strlen (type_names[t]) == (gsize) (text + len - name)
        && g_ascii_strncasecmp (name, type_names[t], text + len - name) == 0)
      return t;
  return GRM_OPARL_UNKNOWN;
}

void
grm_oparl_ref_free (GrmOparlRef *ref)
{
  if (ref == NULL)
    return;

  g_free (ref->rel);
  g_free (ref->target);
  g_free (ref);
}

void
grm_oparl_object_free (GrmOparlObject *o)
{
  if (o == NULL)
    return;
  g_free (o->id); g_free (o->parent); g_free (o->created); g_free (o->modified);
  g_free (o->raw);
  g_free (o->name); g_free (o->short_name); g_free (o->website);
  g_free (o->body); g_free (o->system);
  g_free (o->oparl_version); g_free (o->vendor); g_free (o->product); g_free (o->write_api);
  g_free (o->start_date); g_free (o->end_date);
  g_free (o->organization_type); g_free (o->classification);
  g_free (o->family_name); g_free (o->given_name); g_free (o->form_of_address);
  g_free (o->title);
  g_free (o->person); g_free (o->organization); g_free (o->role); g_free (o->on_behalf_of);
  g_free (o->description); g_free (o->street_address); g_free (o->room);
  g_free (o->postal_code); g_free (o->locality);
  g_free (o->meeting_state);
  g_free (o->start); g_free (o->end);
  g_free (o->location); g_free (o->meeting); g_free (o->number);
  g_free (o->result); g_free (o->resolution_text); g_free (o->consultation);
  g_free (o->reference); g_free (o->paper_type); g_free (o->date);
  g_free (o->paper); g_free (o->agenda_item);
  g_free (o->file_name); g_free (o->mime_type); g_free (o->access_url);
  g_free (o->download_url); g_free (o->sha512_checksum); g_free (o->sha1_checksum);
  g_free (o->text);
  g_clear_pointer (&o->refs, g_ptr_array_unref);
  g_clear_pointer (&o->lists, g_ptr_array_unref);
  g_clear_pointer (&o->children, g_ptr_array_unref);
  g_free (o);
}

char *
grm_oparl_clean_string (const char *text)
{
  const char *start, *end;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  start = text;
  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  if (end == start || (end - start == 3 && strncmp (start, "N/A", 3) == 0))
    return NULL;
  return g_strndup (start, end - start);
}

/* A scalar node as a cleaned string; arrays give their first scalar. */
static char *
node_string (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) > 0
             ? node_string (json_array_get_element (array, 0)) : NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return grm_oparl_clean_string (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup_printf ("%g", json_node_get_double (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static char *
get_string (JsonObject *obj,
            const char *key)
{
  return node_string (json_object_get_member (obj, key));
}

/* Arrays of strings joined (Person.title); a single string as it is. */
static char *
get_joined (JsonObject *obj,
            const char *key,
            const char *sep)
{
  JsonNode *node = json_object_get_member (obj, key);
  GString *s;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return node_string (node);
  array = json_node_get_array (node);
  s = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *part = node_string (json_array_get_element (array, i));

      if (part == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, sep);
      g_string_append (s, part);
    }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/* -1 unknown, 0 false, 1 true; accepts booleans, 0/1 and "true"/"false". */
static int
get_tristate (JsonObject *obj,
              const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);
  g_autofree char *s = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node)
      && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? 1 : 0;
  s = node_string (node);
  if (s == NULL)
    return -1;
  if (g_ascii_strcasecmp (s, "true") == 0 || strcmp (s, "1") == 0)
    return 1;
  if (g_ascii_strcasecmp (s, "false") == 0 || strcmp (s, "0") == 0)
    return 0;
  return -1;
}

static gboolean
get_int (JsonObject *obj,
         const char *key,
         gint64     *out)
{
  g_autofree char *s = get_string (obj, key);
  char *end = NULL;
  gint64 v;

  if (s == NULL)
    return FALSE;
  v = g_ascii_strtoll (s, &end, 10);
  if (end == s || (*end != '\0' && *end != '.'))
    return FALSE;
  *out = v;
  return TRUE;
}

static char *
get_date (JsonObject *obj,
          const char *key)
{
  g_autofree char *s = get_string (obj, key);
  char *out = NULL;

  if (s != NULL && grm_date_parse_date (s, &out))
    return out;
  return NULL;
}

static char *
get_datetime (JsonObject *obj,
              const char *key,
              gint64     *utc,
              gboolean   *has_utc)
{
  g_autofree char *s = get_string (obj, key);
  char *out = NULL;
  gint64 t = 0;

  if (s != NULL && grm_date_parse_datetime (s, &out, &t))
    {
      if (utc)
        *utc = t;
      if (has_utc)
        *has_utc = TRUE;
      return out;
    }
  return NULL;
}

/* The id of a reference: a URL string, or the id of an embedded object. */
static char *
node_ref_id (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return get_string (json_node_get_object (node), "id");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return grm_oparl_clean_string (json_node_get_string (node));
  return NULL;
}

static char *
get_ref (JsonObject *obj,
         const char *key)
{
  JsonNode *node = json_object_get_member (obj, key);

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) > 0
             ? node_ref_id (json_array_get_element (array, 0)) : NULL;
    }
  return node_ref_id (node);
}

static GrmOparlRef *
add_ref (GPtrArray    *array,
         const char   *rel,
         int           position,
         char         *target,
         GrmOparlType  target_type)
{
  GrmOparlRef *ref = g_new0 (GrmOparlRef, 1);

  ref->rel = g_strdup (rel);
  ref->position = position;
  ref->target = target;
  ref->target_type = target_type;
  g_ptr_array_add (array, ref);
  return ref;
}

static GrmOparlObject *object_from_json (JsonNode *node, GrmOparlType expected,
                                         int depth, GError **error);

static gboolean
has_content (JsonObject *obj)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l != NULL; l = l->next)
    if (strcmp (l->data, "id") != 0 && strcmp (l->data, "type") != 0)
      return TRUE;
  return FALSE;
}

static void
collect_rel (GrmOparlObject *o,
             JsonObject     *obj,
             const RelSpec  *spec,
             int             depth)
{
  JsonNode *node = json_object_get_member (obj, spec->key);
  g_autoptr(JsonArray) single = NULL;
  JsonArray *array;
  int position = 0;

  if (node == NULL)
    return;
  if (JSON_NODE_HOLDS_VALUE (node) && (spec->flags & REL_LIST))
    {
      char *url = node_ref_id (node);

      if (url != NULL)
        add_ref (o->lists, spec->key, 0, url, spec->target);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    array = json_node_get_array (node);
  else
    {
      single = json_array_new ();
      json_array_add_element (single, json_node_copy (node));
      array = single;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      char *target = node_ref_id (element);

      if (target == NULL)
        continue;
      /* An embedded object that is only {id, type} is a reference: storing
       * it would overwrite the full object delivered elsewhere. */
      if (JSON_NODE_HOLDS_OBJECT (element) && depth < MAX_DEPTH
          && ((spec->flags & REL_OWNED)
              || has_content (json_node_get_object (element))))
        {
          GrmOparlObject *child = object_from_json (element, spec->target, depth + 1, NULL);

          if (child != NULL)
            {
              if (spec->flags & REL_OWNED)
                {
                  child->parent = g_strdup (o->id);
                  child->position = position;
                }
              g_ptr_array_add (o->children, child);
            }
        }
      add_ref (o->refs, spec->key, position, target, spec->target)->owned =
        (spec->flags & REL_OWNED) != 0;
      position++;
    }
}

/* The write extension is announced by exactly one key in the System,
 * "gremium:writeApi" (docs/write-extension.md, section 1), whose value is
 * the absolute http(s) URL of the API root. Other vendors' keys that look
 * alike are not ours and must not be written to; anything but such a URL
 * leaves the server read-only. */
#define WRITE_API_KEY "gremium:writeApi"

static char *
find_write_api (JsonObject *obj)
{
  JsonNode *node = json_object_get_member (obj, WRITE_API_KEY);
  g_autofree char *url = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  url = grm_oparl_clean_string (json_node_get_string (node));
  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0))
    return NULL;

  return g_steal_pointer (&url);
}

static void
fill_fields (GrmOparlObject *o,
             JsonObject     *obj)
{
  switch (o->type)
    {
    case GRM_OPARL_SYSTEM:
      o->name = get_string (obj, "name");
      o->oparl_version = get_string (obj, "oparlVersion");
      o->vendor = get_string (obj, "vendor");
      o->product = get_string (obj, "product");
      o->website = get_string (obj, "website");
      o->write_api = find_write_api (obj);
      break;
    case GRM_OPARL_BODY:
      o->system = get_ref (obj, "system");
      o->name = get_string (obj, "name");
      o->short_name = get_string (obj, "shortName");
      o->website = get_string (obj, "website");
      break;
    case GRM_OPARL_LEGISLATIVE_TERM:
      o->body = get_ref (obj, "body");
      o->name = get_string (obj, "name");
      o->start_date = get_date (obj, "startDate");
      o->end_date = get_date (obj, "endDate");
      break;
    case GRM_OPARL_ORGANIZATION:
      o->body = get_ref (obj, "body");
      o->name = get_string (obj, "name");
      o->short_name = get_string (obj, "shortName");
      o->organization_type = get_string (obj, "organizationType");
      o->classification = get_string (obj, "classification");
      o->start_date = get_date (obj, "startDate");
      o->end_date = get_date (obj, "endDate");
      break;
    case GRM_OPARL_PERSON:
      o->body = get_ref (obj, "body");
      o->name = get_string (obj, "name");
      o->family_name = get_string (obj, "familyName");
      o->given_name = get_string (obj, "givenName");
      o->form_of_address = get_string (obj, "formOfAddress");
      o->title = get_joined (obj, "title", " ");
      break;
    case GRM_OPARL_MEMBERSHIP:
      o->person = get_ref (obj, "person");
      o->organization = get_ref (obj, "organization");
      o->role = get_string (obj, "role");
      o->voting_right = get_tristate (obj, "votingRight");
      o->start_date = get_date (obj, "startDate");
      o->end_date = get_date (obj, "endDate");
      o->on_behalf_of = get_ref (obj, "onBehalfOf");
      break;
    case GRM_OPARL_LOCATION:
      o->description = get_string (obj, "description");
      o->street_address = get_string (obj, "streetAddress");
      o->room = get_string (obj, "room");
      o->postal_code = get_string (obj, "postalCode");
      o->locality = get_string (obj, "locality");
      break;
    case GRM_OPARL_MEETING:
      o->name = get_string (obj, "name");
      o->meeting_state = get_string (obj, "meetingState");
      o->cancelled = get_tristate (obj, "cancelled") == 1;
      o->start = get_datetime (obj, "start", &o->start_utc, &o->has_start_utc);
      o->end = get_datetime (obj, "end", &o->end_utc, &o->has_end_utc);
      o->location = get_ref (obj, "location");
      break;
    case GRM_OPARL_AGENDA_ITEM:
      o->meeting = get_ref (obj, "meeting");
      o->number = get_string (obj, "number");
      o->has_order = get_int (obj, "order", &o->order);
      o->name = get_string (obj, "name");
      o->public_ = get_tristate (obj, "public");
      o->result = get_string (obj, "result");
      o->resolution_text = get_string (obj, "resolutionText");
      o->consultation = get_ref (obj, "consultation");
      o->start = get_datetime (obj, "start", NULL, NULL);
      o->end = get_datetime (obj, "end", NULL, NULL);
      break;
    case GRM_OPARL_PAPER:
      o->body = get_ref (obj, "body");
      o->name = get_string (obj, "name");
      o->reference = get_string (obj, "reference");
      o->paper_type = get_string (obj, "paperType");
      o->date = get_date (obj, "date");
      break;
    case GRM_OPARL_CONSULTATION:
      o->paper = get_ref (obj, "paper");
      o->meeting = get_ref (obj, "meeting");
      o->agenda_item = get_ref (obj, "agendaItem");
      o->authoritative = get_tristate (obj, "authoritative");
      o->role = get_joined (obj, "role", ", ");
      break;
    case GRM_OPARL_FILE:
      {
        gint64 size;

        o->name = get_string (obj, "name");
        o->file_name = get_string (obj, "fileName");
        o->mime_type = get_string (obj, "mimeType");
        o->date = get_date (obj, "date");
        o->size = get_int (obj, "size", &size) && size >= 0 ? size : -1;
        o->access_url = get_string (obj, "accessUrl");
        o->download_url = get_string (obj, "downloadUrl");
        o->sha512_checksum = get_string (obj, "sha512Checksum");
        o->sha1_checksum = get_string (obj, "sha1Checksum");
        o->text = get_string (obj, "text");
        if (o->sha512_checksum)
          {
            g_autofree char *given = g_steal_pointer (&o->sha512_checksum);

            o->sha512_checksum = g_ascii_strdown (given, -1);
          }
      }
      break;
    default:
      break;
    }
}

static GrmOparlObject *
object_from_json (JsonNode      *node,
                  GrmOparlType   expected,
                  int            depth,
                  GError       **error)
{
  g_autoptr(GrmOparlObject) o = NULL;
  JsonObject *obj;
  g_autofree char *type_text = NULL;
  g_autofree char *id = NULL;
  const RelSpec *specs;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent something that is not an OParl object"));
      return NULL;
    }
  obj = json_node_get_object (node);
  /* The id is kept byte for byte: only a string id counts, untrimmed. */
  if (json_object_get_member (obj, "id") == NULL
      || !JSON_NODE_HOLDS_VALUE (json_object_get_member (obj, "id"))
      || json_node_get_value_type (json_object_get_member (obj, "id")) != G_TYPE_STRING)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent an object without an id"));
      return NULL;
    }
  id = g_strdup (json_object_get_string_member (obj, "id"));
  if (id[0] == '\0' || strcmp (id, "N/A") == 0 || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent an object without an id"));
      return NULL;
    }

  o = g_new0 (GrmOparlObject, 1);
  o->id = g_steal_pointer (&id);
  o->position = -1;
  o->voting_right = o->public_ = o->authoritative = -1;
  o->size = -1;
  o->refs = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_ref_free);
  o->lists = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_ref_free);
  o->children = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);

  type_text = get_string (obj, "type");
  o->type = grm_oparl_type_from_string (type_text);
  if (o->type == GRM_OPARL_UNKNOWN)
    o->type = expected;
  if (o->type == GRM_OPARL_UNKNOWN || o->type >= GRM_OPARL_N_TYPES)
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("The server sent an object of unknown type: %s"), o->id);
      return NULL;
    }

  o->created = get_datetime (obj, "created", NULL, NULL);
  o->modified = get_datetime (obj, "modified", NULL, NULL);
  o->deleted = get_tristate (obj, "deleted") == 1;
  o->raw = json_to_string (node, FALSE);

  fill_fields (o, obj);
  specs = rel_specs[o->type];
  for (int i = 0; specs != NULL && specs[i].key != NULL; i++)
    collect_rel (o, obj, &specs[i], depth);

  /* Embedded children may leave out the way back to their parent. */
  for (guint i = 0; i < o->children->len; i++)
    {
      GrmOparlObject *child = g_ptr_array_index (o->children, i);

      if (child->parent == NULL)
        continue;
      if (child->type == GRM_OPARL_MEMBERSHIP && child->person == NULL && o->type == GRM_OPARL_PERSON)
        child->person = g_strdup (o->id);
      else if (child->type == GRM_OPARL_AGENDA_ITEM && child->meeting == NULL)
        child->meeting = g_strdup (o->id);
      else if (child->type == GRM_OPARL_CONSULTATION && child->paper == NULL)
        child->paper = g_strdup (o->id);
      else if (child->type == GRM_OPARL_LEGISLATIVE_TERM && child->body == NULL)
        child->body = g_strdup (o->id);
    }
  return g_steal_pointer (&o);
}

GrmOparlObject *
grm_oparl_object_from_json (JsonNode      *node,
                            GrmOparlType   expected,
                            GError       **error)
{
  return object_from_json (node, expected, 0, error);
}

/* json-glib parses recursively: refuse absurd nesting before it sees it. */
static gboolean
nesting_ok (const char *data,
            gsize       length)
{
  int depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > 64)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

static JsonNode *
parse_json (const char  *data,
            gssize       length,
            JsonParser **parser_out,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (data != NULL && length < 0)
    length = strlen (data);
  if (data != NULL && !nesting_ok (data, length))
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent JSON nested too deeply to read"));
      return NULL;
    }
  if (data == NULL || !json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                   _("The server sent invalid JSON: %s"),
                   local_error ? local_error->message : _("no data"));
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent an empty JSON document"));
      return NULL;
    }
  *parser_out = g_steal_pointer (&parser);
  return root;
}

gboolean
grm_oparl_parse_page (const char  *data,
                      gssize       length,
                      GrmOparlType expected,
                      GPtrArray  **objects,
                      char       **next_url,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(JsonArray) single = NULL;
  JsonNode *root, *data_node;
  JsonArray *array = NULL;
  char *next = NULL;

  root = parse_json (data, length, &parser, error);
  if (root == NULL)
    return FALSE;

  data_node = root;
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *links = json_object_get_member (obj, "links");

      if (json_object_has_member (obj, "data"))
        data_node = json_object_get_member (obj, "data");
      if (links != NULL && JSON_NODE_HOLDS_OBJECT (links))
        next = get_string (json_node_get_object (links), "next");
      if (next == NULL)
        next = get_string (obj, "next");
    }

  if (JSON_NODE_HOLDS_ARRAY (data_node))
    array = json_node_get_array (data_node);
  else if (JSON_NODE_HOLDS_OBJECT (data_node))
    {
      /* A single object where a list was expected (Krefeld's body list). */
      single = json_array_new ();
      json_array_add_element (single, json_node_copy (data_node));
      array = single;
    }
  else if (!JSON_NODE_HOLDS_NULL (data_node))
    {
      g_free (next);
      g_set_error_literal (error, GRM_ERROR, GRM_ERROR_INVALID_DATA,
                           _("The server sent something that is not an OParl list"));
      return FALSE;
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) grm_oparl_object_free);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      GrmOparlObject *o = object_from_json (json_array_get_element (array, i),
                                            expected, 0, NULL);

      if (o != NULL)
        g_ptr_array_add (result, o);
    }
  *objects = g_steal_pointer (&result);
  if (next_url)
    *next_url = next;
  else
    g_free (next);
  return TRUE;
}

GrmOparlObject *
grm_oparl_parse_object (const char  *data,
                        gssize       length,
                        GrmOparlType expected,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root = parse_json (data, length, &parser, error);

  if (root == NULL)
    return NULL;
  return object_from_json (root, expected, 0, error);
}

const char *
grm_oparl_object_get_list (GrmOparlObject *object,
                           const char     *rel)
{
  for (guint i = 0; object->lists && i < object->lists->len; i++)
    {
      GrmOparlRef *ref = g_ptr_array_index (object->lists, i);

      if (strcmp (ref->rel, rel) == 0)
        return ref->target;
    }
  return NULL;
}
