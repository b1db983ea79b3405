-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 1: every synced OParl object, and the bookkeeping of sync and files.
--
-- Every object is one row in `object`, keyed by its OParl id URL byte for byte,
-- with the raw JSON kept for re-parsing. Typed columns for what the UI and the
-- search use live in one table per type, keyed by the object's rowid. Deleted
-- objects become tombstones (deleted = 1), never hard deletes, so local notes,
-- votes and annotations keep their references. Objects that something refers
-- to but that no list delivered are placeholders (placeholder = 1).

CREATE TABLE object (
  oid         INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,        -- the OParl id URL, or urn:uuid: for local objects
  type        TEXT NOT NULL,               -- 'Paper', 'Meeting', ... without the schema URL
  parent      TEXT,                        -- id of the object this one was embedded in
  position    INTEGER,                     -- position inside its parent's list
  created     TEXT,
  modified    TEXT,
  deleted     INTEGER NOT NULL DEFAULT 0,
  placeholder INTEGER NOT NULL DEFAULT 0,  -- referenced, but not delivered by the server
  raw         TEXT,                        -- the JSON as delivered (embedded children included)
  synced_at   INTEGER                      -- unix time of the last upsert
);
CREATE INDEX object_type ON object (type, deleted);
CREATE INDEX object_parent ON object (parent, position);

-- References from one object to another by id URL (targets may not be stored yet).
-- rel is the OParl property name: 'organization', 'meeting', 'paper', 'mainFile',
-- 'auxiliaryFile', 'invitation', 'resultsProtocol', 'verbatimProtocol',
-- 'resolutionFile', 'originatorPerson', 'underDirectionOf', 'relatedPaper',
-- 'superordinatedPaper', 'subordinatedPaper', 'location', ...
CREATE TABLE object_ref (
  oid      INTEGER NOT NULL REFERENCES object (oid) ON DELETE CASCADE,
  rel      TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  target   TEXT NOT NULL,
  target_type TEXT,                -- the type the property implies ('Location', ...)
  owned    INTEGER NOT NULL DEFAULT 0, -- the target is an embedded child (its parent)
  PRIMARY KEY (oid, rel, position)
) WITHOUT ROWID;
CREATE INDEX object_ref_target ON object_ref (target, rel);

CREATE TABLE system (
  oid            INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  name           TEXT,
  oparl_version  TEXT,
  vendor         TEXT,
  product        TEXT,
  write_api      TEXT              -- URL of the write extension, when the server offers it
);

CREATE TABLE body (
  oid        INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  system     TEXT,
  name       TEXT,
  short_name TEXT,
  website    TEXT
);

CREATE TABLE legislative_term (
  oid        INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  body       TEXT,
  name       TEXT,
  start_date TEXT,
  end_date   TEXT
);

CREATE TABLE organization (
  oid               INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  body              TEXT,
  name              TEXT,
  short_name        TEXT,
  organization_type TEXT,
  classification    TEXT,
  start_date        TEXT,
  end_date          TEXT
);

CREATE TABLE person (
  oid             INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  body            TEXT,
  name            TEXT,
  family_name     TEXT,
  given_name      TEXT,
  form_of_address TEXT,
  title           TEXT
);

CREATE TABLE membership (
  oid          INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  person       TEXT,
  organization TEXT,
  role         TEXT,
  voting_right INTEGER,            -- NULL when the server does not say
  start_date   TEXT,
  end_date     TEXT,
  on_behalf_of TEXT
);
CREATE INDEX membership_organization ON membership (organization);
CREATE INDEX membership_person ON membership (person);

CREATE TABLE location (
  oid            INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  description    TEXT,
  street_address TEXT,
  room           TEXT,
  postal_code    TEXT,
  locality       TEXT
);

CREATE TABLE meeting (
  oid           INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  name          TEXT,
  meeting_state TEXT,
  cancelled     INTEGER NOT NULL DEFAULT 0,
  start         TEXT,              -- ISO 8601 as normalised (with offset)
  end           TEXT,
  start_utc     INTEGER,           -- unix time, for sorting and ranges
  end_utc       INTEGER,
  location      TEXT               -- id of the Location
);
CREATE INDEX meeting_start ON meeting (start_utc);

CREATE TABLE agenda_item (
  oid             INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  meeting         TEXT,
  number          TEXT,
  ord             INTEGER,          -- 'order', else the position in the meeting
  name            TEXT,
  public          INTEGER,          -- NULL when unknown
  result          TEXT,
  resolution_text TEXT,
  consultation    TEXT,
  start           TEXT,
  end             TEXT
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting, ord);

CREATE TABLE paper (
  oid        INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  body       TEXT,
  name       TEXT,
  reference  TEXT,
  paper_type TEXT,
  date       TEXT
);
CREATE INDEX paper_date ON paper (date);
CREATE INDEX paper_reference ON paper (reference);

CREATE TABLE consultation (
  oid           INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  paper         TEXT,
  meeting       TEXT,
  agenda_item   TEXT,
  authoritative INTEGER,
  role          TEXT
);
CREATE INDEX consultation_paper ON consultation (paper);
CREATE INDEX consultation_meeting ON consultation (meeting);

CREATE TABLE file (
  oid             INTEGER PRIMARY KEY REFERENCES object (oid) ON DELETE CASCADE,
  name            TEXT,
  file_name       TEXT,             -- as the server says: display only, never a path
  mime_type       TEXT,
  date            TEXT,
  size            INTEGER,          -- as the server says: not trusted
  access_url      TEXT,
  download_url    TEXT,
  sha512_checksum TEXT,
  sha1_checksum   TEXT,
  text            TEXT              -- File.text when the server sends it
);

-- Sync bookkeeping: one row per list URL (watermark taken before the crawl).
CREATE TABLE sync_state (
  list_url     TEXT PRIMARY KEY,
  body         TEXT,
  watermark    TEXT,                -- modified_since to send next time
  list_type    TEXT,                -- the OParl type of the list's objects
  next_url     TEXT,                -- where an interrupted crawl continues
  crawl_started TEXT,               -- watermark taken when the running crawl began
  last_success INTEGER,             -- unix time
  last_error   TEXT,
  last_attempt INTEGER
);

-- Downloaded file bytes, content-addressed (sha256 of the bytes names the blob).
CREATE TABLE file_blob (
  file_id       TEXT PRIMARY KEY,   -- the File's id URL
  sha256        TEXT,               -- NULL until downloaded
  bytes         INTEGER,
  etag          TEXT,
  last_modified TEXT,
  state         TEXT NOT NULL DEFAULT 'wanted', -- wanted, stored, failed, deleted, skipped
  error         TEXT,
  fetched_at    INTEGER
);
CREATE INDEX file_blob_state ON file_blob (state);

-- Private notes and highlights; they reference objects by id so they survive tombstones.
CREATE TABLE annotation (
  aid        INTEGER PRIMARY KEY,
  target     TEXT NOT NULL,          -- id of a Paper, Meeting, AgendaItem or File
  page       INTEGER,                -- for files: 0-based page
  rects      TEXT,                   -- JSON array of [x, y, w, h] in page points
  color      TEXT,
  body       TEXT,
  created    INTEGER NOT NULL,
  modified   INTEGER NOT NULL
);
CREATE INDEX annotation_target ON annotation (target);

-- Local changes waiting to be pushed through the write extension.
CREATE TABLE outbox (
  seq             INTEGER PRIMARY KEY,
  idempotency_key TEXT NOT NULL UNIQUE,
  method          TEXT NOT NULL,
  target          TEXT NOT NULL,
  base_version    TEXT,               -- sent as If-Match
  body            TEXT,
  state           TEXT NOT NULL DEFAULT 'pending', -- pending, sent, conflict, failed
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  created         INTEGER NOT NULL
);
