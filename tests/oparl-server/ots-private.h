/* ots-private.h: shared types of the OParl test server (oparl-test-server).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test server is a self-contained program (it does not link libgremium).
 * It keeps every object of the served body in an OtsStore: top-level objects
 * as their JSON text, embedded objects (files, agenda items, consultations,
 * locations, memberships) as an index entry that points at their parent, so
 * nothing is held twice in memory.
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define OTS_NO_PARENT G_MAXUINT

typedef enum {
  OTS_KIND_UNKNOWN,
  OTS_KIND_SYSTEM,
  OTS_KIND_BODY,
  OTS_KIND_LEGISLATIVE_TERM,
  OTS_KIND_ORGANIZATION,
  OTS_KIND_PERSON,
  OTS_KIND_MEMBERSHIP,
  OTS_KIND_MEETING,
  OTS_KIND_AGENDA_ITEM,
  OTS_KIND_PAPER,
  OTS_KIND_CONSULTATION,
  OTS_KIND_FILE,
  OTS_KIND_LOCATION,
  OTS_N_KINDS
} OtsKind;

typedef enum {
  OTS_MODE_REPLAY,   /* a captured crawl, served verbatim where possible */
  OTS_MODE_OBJECTS,  /* a body given as objects (jsonl.gz), lists built here */
} OtsMode;

typedef struct {
  char    *id;
  char    *json;     /* the object's JSON text; NULL when embedded */
  guint    parent;   /* position of the parent entry, or OTS_NO_PARENT */
  guint8   kind;     /* OtsKind */
  guint8   deleted;
  guint8   hidden;   /* "public": false, itself or its parent: write API only */
  guint8   has_hidden; /* embeds objects that are not public */
  guint32  version;  /* bumped on every change; the write API's ETag */
  gint64   created;  /* unix seconds, 0 when unknown */
  gint64   modified;
} OtsEntry;

typedef struct {
  GPtrArray  *entries;                /* OtsEntry*, position = index */
  GHashTable *by_id;                  /* id → position + 1 */
  GArray     *by_kind[OTS_N_KINDS];   /* positions (guint) in list order */
  GHashTable *file_urls;              /* accessUrl/downloadUrl → position + 1 */
  GHashTable *originals;              /* position → OtsEntry* replaced by admin */
  guint       base_len;
  guint       base_kind_len[OTS_N_KINDS];
  gboolean    changed;                /* admin touched it since load/reset */
  guint64     generation;             /* bumped by every change */
  guint       cache_pos;              /* last parent parsed for an embedded object */
  guint64     cache_generation;
  JsonNode   *cache_node;
} OtsStore;

/* Fault injection and quirks, all changeable at run time via /_admin/faults. */
typedef struct {
  guint64  seed;
  guint    latency_ms;
  double   error_rate;
  double   reset_rate;
  double   truncate_rate;
  double   invalid_json_rate;
  gboolean html_errors;
  gboolean checksums;
  gboolean wrong_checksums;
  gboolean quirk_empty_404;
  gboolean quirk_single_body;
  gboolean quirk_deleted_without_type;
  gboolean quirk_unencoded_query;
  gboolean quirk_next_drops_filter;
  guint    page_size;                 /* 0 = default */
} OtsFaults;

typedef struct {
  gboolean reset;
  gboolean truncate;
  gboolean invalid_json;
  guint    error_status;              /* 0, 500 or 503 */
  gboolean reused;                    /* not the connection's first request */
} OtsDecision;

/* One external list that the server offers. */
typedef struct {
  char    *url;                       /* full URL without query */
  OtsKind  kind;
  char    *replay_name;               /* crawl file stem ("body/1/paper"), or NULL */
} OtsList;

typedef struct _OtsFiles OtsFiles;
typedef struct _OtsTexts OtsTexts;
typedef struct _OtsWrite OtsWrite;

typedef struct {
  OtsMode     mode;
  char       *data_dir;
  char       *pdf_dir;                /* real PDFs for replay mode */
  char       *base;                   /* "http://127.0.0.1:PORT/" */
  char       *system_url;
  char       *body_list_url;
  char       *body_id;
  char       *oparl_version;          /* "https://schema.oparl.org/1.0/" or 1.1 */
  char       *original_prefix;        /* URL prefix in the data, rewritten to base */
  OtsStore   *store;
  GHashTable *lists;                  /* url → OtsList* */
  OtsFaults   faults;
  OtsFaults   initial_faults;
  GHashTable *request_counts;         /* path?query → count, for deterministic faults */
  guint64     n_requests;
  guint64     n_connections;          /* that carried OParl requests */
  guint64     n_reused_resets;        /* resets of a connection with earlier requests */
  OtsFiles   *files;
  OtsTexts   *texts;
  OtsWrite   *write;
  char       *system_json;            /* System object (rewritten) */
  char       *body_json;              /* Body object (rewritten) */
  int         shift_days;             /* --shift-dates: days added to every date */
  GTimeZone  *shift_tz;               /* Europe/Berlin, when dates are shifted */
  SoupServer *soup;
} OtsServer;

/* One object found by ots_scan(); strings are unescaped copies. */
typedef struct {
  char     *member;        /* member it sits in, NULL at the top */
  char     *id;
  char     *type;
  char     *created;
  char     *modified;
  char     *access_url;
  char     *download_url;
  char     *next;          /* links.next of a list page */
  guint     depth;
  gsize     start;         /* byte range of the object in the text */
  gsize     end;
  gboolean  deleted;
  gboolean  is_public;
} OtsScanObject;

/* ots-scan.c */
GArray     *ots_scan                  (const char  *json,
                                       gssize       len,
                                       GError     **error);

/* ots-util.c */
char       *ots_rewrite_prefix        (const char  *text,
                                       gsize        len,
                                       const char  *from,
                                       const char  *to);
gint64      ots_parse_date            (const char  *iso8601);
char       *ots_format_date           (gint64       unix_seconds);
OtsKind     ots_kind_from_type        (const char  *type_url);
const char *ots_kind_type_name        (OtsKind      kind);
JsonNode   *ots_json_parse            (const char  *text,
                                       gssize       len,
                                       GError     **error);
char       *ots_json_to_string        (JsonNode    *node);
JsonNode   *ots_json_find_id          (JsonNode    *node,
                                       const char  *id);
JsonNode   *ots_json_deep_copy        (JsonNode    *node);
guint64     ots_hash64                (const void  *data,
                                       gsize        len,
                                       guint64      seed);

/* ots-store.c */
OtsStore   *ots_store_new             (void);
void        ots_store_free            (OtsStore    *store);
OtsEntry   *ots_store_get             (OtsStore    *store,
                                       guint        pos);
gboolean    ots_store_lookup          (OtsStore    *store,
                                       const char  *id,
                                       guint       *pos);
guint       ots_store_add_object      (OtsStore    *store,
                                       OtsKind      list_kind,
                                       char        *json,
                                       GError     **error);
void        ots_store_mark_loaded     (OtsStore    *store);
guint       ots_store_put             (OtsStore    *store,
                                       JsonNode    *node,
                                       OtsKind      kind);
void        ots_store_reset           (OtsStore    *store);
JsonNode   *ots_store_dup_node        (OtsStore    *store,
                                       guint        pos);
char       *ots_store_next_modified   (OtsStore    *store,
                                       const char  *id);

/* ots-load.c and ots-replay.c */
gboolean    ots_load_objects          (OtsServer   *server,
                                       GError     **error);
gboolean    ots_replay_load           (OtsServer   *server,
                                       GError     **error);
GBytes     *ots_replay_page           (OtsServer   *server,
                                       const char  *list_url,
                                       const char  *query);

/* ots-shift.c */
GTimeZone  *ots_shift_time_zone       (void);
char       *ots_shift_value           (const char  *value,
                                       gsize        len,
                                       int          days,
                                       GTimeZone   *tz);
char       *ots_shift_json            (const char  *json,
                                       gsize        len,
                                       int          days,
                                       GTimeZone   *tz);
gboolean    ots_shift_parse_today     (const char  *text,
                                       guint32     *julian);
void        ots_shift_apply           (OtsServer   *server,
                                       guint32      today);

/* ots-lists.c */
void        ots_lists_add             (OtsServer   *server,
                                       const char  *url,
                                       OtsKind      kind,
                                       const char  *replay_name);
char       *ots_lists_object_json     (OtsServer   *server,
                                       guint        pos,
                                       gboolean     omit_internal,
                                       gboolean     privileged);
void        ots_lists_serve           (OtsServer   *server,
                                       SoupServerMessage *msg,
                                       OtsList     *list,
                                       const char  *raw_query,
                                       guint       *status,
                                       GBytes     **body);

/* ots-faults.c */
OtsDecision ots_faults_decide         (OtsServer   *server,
                                       const char  *key);
gboolean    ots_faults_from_json      (OtsFaults   *faults,
                                       JsonObject  *object,
                                       GError     **error);
JsonNode   *ots_faults_to_json        (const OtsFaults *faults);
void        ots_faults_reset_connection (SoupServerMessage *msg);
void        ots_faults_truncate       (SoupServerMessage *msg,
                                       guint        status,
                                       const char  *content_type,
                                       GBytes      *body);
GBytes     *ots_faults_corrupt_json   (GBytes      *body);

/* ots-http.c */
void        ots_http_handler          (SoupServer  *soup,
                                       SoupServerMessage *msg,
                                       const char  *path,
                                       GHashTable  *query,
                                       gpointer     user_data);
void        ots_http_finish           (OtsServer   *server,
                                       SoupServerMessage *msg,
                                       OtsDecision *decision,
                                       guint        status,
                                       const char  *content_type,
                                       GBytes      *body);
void        ots_http_json             (SoupServerMessage *msg,
                                       guint        status,
                                       JsonNode    *node);
void        ots_http_error            (SoupServerMessage *msg,
                                       guint        status,
                                       const char  *message);

/* ots-admin.c */
void        ots_admin_handle          (OtsServer   *server,
                                       SoupServerMessage *msg,
                                       const char  *path);
JsonNode   *ots_admin_make_stub       (OtsServer   *server,
                                       guint        pos);

/* ots-files.c */
OtsFiles   *ots_files_new             (OtsServer   *server);
void        ots_files_serve           (OtsServer   *server,
                                       SoupServerMessage *msg,
                                       guint        pos,
                                       OtsDecision *decision);
char       *ots_files_sha512          (OtsServer   *server,
                                       JsonObject  *file);

/* ots-texts.c */
OtsTexts   *ots_texts_new             (const char  *path);
char       *ots_texts_lookup          (OtsTexts    *texts,
                                       const char  *key);

/* ots-pdfgen.c */
GBytes     *ots_pdf_generate          (const char  *title,
                                       const char  *subtitle,
                                       const char  *text);

/* ots-write.c */
OtsWrite   *ots_write_new             (OtsServer   *server,
                                       char       **accounts);
void        ots_write_free            (OtsWrite    *write);
void        ots_write_handle          (OtsServer   *server,
                                       SoupServerMessage *msg,
                                       const char  *path);
const char *ots_write_authenticated   (OtsServer   *server,
                                       SoupServerMessage *msg);
void        ots_write_decorate_system (OtsServer   *server);
void        ots_write_reset           (OtsWrite    *write);

G_END_DECLS
