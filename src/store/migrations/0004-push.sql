-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 4: bookkeeping of the push through the write extension
-- (docs/write-extension.md). The requests themselves wait in `outbox`.

-- One row per object whose local records (attendance, votes, decisions,
-- minutes) were put into the outbox: what was enqueued last, so collecting
-- again enqueues only what changed, and the server's version after our last
-- successful write, so the next change of the same object is based on it.
CREATE TABLE push_target (
  target          TEXT PRIMARY KEY,    -- id of the Meeting or AgendaItem written
  digest          TEXT,                -- sha256 of the local records last enqueued
  seq             INTEGER,             -- the outbox entry that carries them
  version         TEXT,                -- ETag the server gave our last write
  modified        TEXT                 -- `modified` of the object that write stored
);

-- What the outbox table lacks, per entry.
CREATE TABLE push_entry (
  seq             INTEGER PRIMARY KEY REFERENCES outbox (seq),
  label           TEXT,                -- what the change is, for the user
  base_modified   TEXT,                -- `modified` of the local copy the body was built from
  server_version  TEXT,                -- ETag of the server's object (conflict) or of our write (sent)
  server_object   TEXT                 -- the server's current object when it conflicted
);
CREATE INDEX outbox_state ON outbox (state, seq);

-- Server ids of objects created locally (urn:uuid:) once the server took
-- them: later changes go to the server's object. (The local rows keep their
-- urn ids: the session tables refer to them.)
CREATE TABLE push_remote (
  local           TEXT PRIMARY KEY,
  remote          TEXT NOT NULL
);
