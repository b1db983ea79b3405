-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 2: what OParl does not carry and the secretary records live:
-- attendance, bias exclusions, votes, decisions, minutes, corrections and the
-- append-only, hash-chained audit log. Objects are referenced by id URL.

CREATE TABLE session (
  sid        INTEGER PRIMARY KEY,
  meeting    TEXT NOT NULL UNIQUE,       -- id of the Meeting
  started    INTEGER,
  ended      INTEGER,
  statutory_members INTEGER             -- for quorum and qualified majorities
);

CREATE TABLE attendance (
  aid            INTEGER PRIMARY KEY,
  meeting        TEXT NOT NULL,
  person         TEXT NOT NULL,
  agenda_item    TEXT,                   -- NULL: the whole meeting
  arrived        INTEGER,                -- unix time
  left           INTEGER,
  substitute_for TEXT,                   -- id of the Person this one stands in for
  voting_right   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX attendance_meeting ON attendance (meeting, person);

CREATE TABLE exclusion (
  eid         INTEGER PRIMARY KEY,
  agenda_item TEXT NOT NULL,
  person      TEXT NOT NULL,
  reason      TEXT,
  recorded    INTEGER NOT NULL,
  UNIQUE (agenda_item, person)
);

CREATE TABLE vote (
  vid          INTEGER PRIMARY KEY,
  agenda_item  TEXT NOT NULL,
  kind         TEXT NOT NULL,            -- unanimous, counts, named, secret, election
  rule         TEXT NOT NULL,            -- key into the rule table
  yes          INTEGER,
  no           INTEGER,
  abstain      INTEGER,
  invalid      INTEGER,
  result       TEXT,                     -- passed, rejected, ...
  eligible     TEXT,                     -- frozen JSON list of eligible members
  closed       INTEGER,                  -- unix time; a closed vote is frozen
  corrects     INTEGER REFERENCES vote (vid),
  corrected_by_person TEXT,
  recorded     INTEGER NOT NULL
);
CREATE INDEX vote_agenda_item ON vote (agenda_item);

CREATE TABLE vote_cast (
  vid    INTEGER NOT NULL REFERENCES vote (vid),
  person TEXT NOT NULL,
  choice TEXT NOT NULL,                  -- yes, no, abstain
  PRIMARY KEY (vid, person)
);

CREATE TABLE decision (
  did         INTEGER PRIMARY KEY,
  agenda_item TEXT NOT NULL UNIQUE,
  text        TEXT,
  notes       TEXT,
  modified    INTEGER NOT NULL
);

CREATE TABLE minutes (
  mid        INTEGER PRIMARY KEY,
  meeting    TEXT NOT NULL,
  text       TEXT,
  sealed     INTEGER,                    -- unix time; sealed minutes never change
  audit_head TEXT
);

CREATE TABLE correction (
  cid        INTEGER PRIMARY KEY,
  minutes    INTEGER NOT NULL REFERENCES minutes (mid),
  text       TEXT NOT NULL,
  recorded   INTEGER NOT NULL
);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT,
  action    TEXT NOT NULL,
  payload   TEXT,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);
