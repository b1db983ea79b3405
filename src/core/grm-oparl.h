/* grm-oparl.h: the OParl normaliser. JSON as real servers send it in,
 * strict, typed objects out.
 *
 * Pure functions: no I/O, no global state. They accept anything (object or
 * array, URL or embedded object, "" and "N/A" as absent, broken dates) and
 * never crash; what cannot be understood is left out, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  GRM_OPARL_UNKNOWN = 0,
  GRM_OPARL_SYSTEM,
  GRM_OPARL_BODY,
  GRM_OPARL_LEGISLATIVE_TERM,
  GRM_OPARL_ORGANIZATION,
  GRM_OPARL_PERSON,
  GRM_OPARL_MEMBERSHIP,
  GRM_OPARL_MEETING,
  GRM_OPARL_AGENDA_ITEM,
  GRM_OPARL_PAPER,
  GRM_OPARL_CONSULTATION,
  GRM_OPARL_FILE,
  GRM_OPARL_LOCATION,
  GRM_OPARL_N_TYPES
} GrmOparlType;

/* A reference to another object (or, in `lists`, to a list URL). */
typedef struct
{
  char         *rel;          /* the OParl property name */
  int           position;     /* index inside an array property, else 0 */
  char         *target;       /* id URL */
  GrmOparlType  target_type;
  gboolean      owned;        /* the target is an embedded child of the source */
} GrmOparlRef;

typedef struct _GrmOparlObject GrmOparlObject;

struct _GrmOparlObject
{
  GrmOparlType type;
  char        *id;
  char        *parent;        /* id of the owning object it came embedded in */
  int          position;      /* index inside the parent's property, -1 if none */
  char        *created;       /* normalised date-times, NULL if absent/invalid */
  char        *modified;
  gboolean     deleted;
  char        *raw;           /* the JSON as delivered, compact */

  /* Typed fields; which are set depends on the type. Strings are trimmed,
   * "" and "N/A" are NULL. Tri-states are -1 when the server does not say. */
  char   *name, *short_name, *website;
  char   *body, *system;
  char   *oparl_version, *vendor, *product, *write_api;
  char   *start_date, *end_date;                 /* YYYY-MM-DD */
  char   *organization_type, *classification;
  char   *family_name, *given_name, *form_of_address, *title;
  char   *person, *organization, *role, *on_behalf_of;
  int     voting_right;
  char   *description, *street_address, *room, *postal_code, *locality;
  char   *meeting_state;
  gboolean cancelled;
  char   *start, *end;                           /* normalised date-times */
  gint64  start_utc, end_utc;
  gboolean has_start_utc, has_end_utc;
  char   *location, *meeting, *number;
  gint64  order;                                 /* the agenda item's order */
  gboolean has_order;
  int     public_;
  char   *result, *resolution_text, *consultation;
  char   *reference, *paper_type, *date;         /* date: YYYY-MM-DD */
  char   *paper, *agenda_item;
  int     authoritative;
  char   *file_name, *mime_type, *access_url, *download_url;
  char   *sha512_checksum, *sha1_checksum, *text;
  gint64  size;                                  /* -1 when absent */

  GPtrArray *refs;       /* GrmOparlRef: references to other objects */
  GPtrArray *lists;      /* GrmOparlRef: list URLs (System.body, Body.paper, …) */
  GPtrArray *children;   /* GrmOparlObject: embedded objects (owned ones have parent set) */
};

const char     *grm_oparl_type_to_string   (GrmOparlType   type);
/* Accepts "Paper", "https://schema.oparl.org/1.0/Paper", ".../1.1/Paper". */
GrmOparlType    grm_oparl_type_from_string (const char    *text);

void            grm_oparl_object_free      (GrmOparlObject *object);
void            grm_oparl_ref_free         (GrmOparlRef    *ref);

/* Normalises one object. @expected is used when the object has no usable
 * type (a deleted stub takes the type of the list it came from). Returns
 * NULL (and sets @error) when @node is not an object with an id. */
GrmOparlObject *grm_oparl_object_from_json (JsonNode       *node,
                                            GrmOparlType    expected,
                                            GError        **error);

/* Parses one list page: {"data": [...], "links": {"next": ...}}, a bare
 * array, or a single object where a list was expected. Objects without an
 * id are skipped. *@objects gets a new array of GrmOparlObject. */
gboolean        grm_oparl_parse_page       (const char     *data,
                                            gssize          length,
                                            GrmOparlType    expected,
                                            GPtrArray     **objects,
                                            char          **next_url,
                                            GError        **error);

/* Parses one object (System, Body, or an object fetched alone). */
GrmOparlObject *grm_oparl_parse_object     (const char     *data,
                                            gssize          length,
                                            GrmOparlType    expected,
                                            GError        **error);

/* Finds a list URL (rel in `lists`), or NULL. Borrowed. */
const char     *grm_oparl_object_get_list  (GrmOparlObject *object,
                                            const char     *rel);

/* Cleans a server string: trims (Unicode spaces too), NULL for "" and "N/A". */
char           *grm_oparl_clean_string     (const char     *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmOparlObject, grm_oparl_object_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GrmOparlRef, grm_oparl_ref_free)

G_END_DECLS
