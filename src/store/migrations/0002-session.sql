-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 2: what OParl does not carry and the secretary records live:
-- attendance, bias exclusions, votes, decisions, minutes, corrections and the
-- append-only, hash-chained audit log. Objects are referenced by id URL.
--
-- Closed votes, the audit log and sealed minutes are frozen by triggers as a
-- last line of defence; the store refuses such changes with a clear error
-- before they reach SQLite.

CREATE TABLE session (
  sid               INTEGER PRIMARY KEY,
  meeting           TEXT NOT NULL UNIQUE,  -- id of the Meeting
  organization      TEXT,                  -- the committee whose members are on the roll
  started           INTEGER,               -- unix time
  ended             INTEGER,
  statutory_members INTEGER NOT NULL,      -- for quorum and qualified majorities
  default_rule      TEXT NOT NULL DEFAULT 'simple',
  quorum_rule       TEXT NOT NULL DEFAULT 'nrw',  -- key into the quorum rule table
  current_item      TEXT                   -- id of the AgendaItem being dealt with
);

-- What the secretary marks on an agenda item: called a second time after a
-- lack of quorum (§ 49 Abs. 2 GO NRW), so quorate regardless of attendance.
CREATE TABLE session_item (
  meeting            TEXT NOT NULL,
  agenda_item        TEXT NOT NULL,
  second_convocation INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (meeting, agenda_item)
);

-- The roll: who may sit in this meeting, frozen when the session starts
-- (memberships active on the meeting date) plus substitutes added later.
CREATE TABLE session_member (
  meeting        TEXT NOT NULL,
  person         TEXT NOT NULL,
  name           TEXT NOT NULL,
  role           TEXT,
  voting_right   INTEGER NOT NULL DEFAULT 1,
  substitute_for TEXT,                     -- id of the Person this one stands in for
  position       INTEGER NOT NULL,
  PRIMARY KEY (meeting, person)
);

-- One row per stay in the room: arrived, and left (NULL while present).
CREATE TABLE attendance (
  aid            INTEGER PRIMARY KEY,
  meeting        TEXT NOT NULL,
  person         TEXT NOT NULL,
  arrived        INTEGER NOT NULL,
  left           INTEGER
);
CREATE INDEX attendance_meeting ON attendance (meeting, person);

-- Events of the session: started, ended, lack of quorum noted / quorum back,
-- item opened.
CREATE TABLE session_event (
  seid     INTEGER PRIMARY KEY,
  meeting  TEXT NOT NULL,
  at       INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  detail   TEXT
);
CREATE INDEX session_event_meeting ON session_event (meeting, seid);

CREATE TABLE exclusion (
  eid         INTEGER PRIMARY KEY,
  meeting     TEXT NOT NULL,
  agenda_item TEXT NOT NULL,
  person      TEXT NOT NULL,
  reason      TEXT NOT NULL,
  recorded    INTEGER NOT NULL,
  actor       TEXT,
  UNIQUE (agenda_item, person)
);

CREATE TABLE vote (
  vid          INTEGER PRIMARY KEY,
  meeting      TEXT NOT NULL,
  agenda_item  TEXT NOT NULL,
  kind         TEXT NOT NULL,            -- unanimous, counts, named, secret, election
  rule         TEXT NOT NULL,            -- key into the rule table
  rule_def     TEXT,                     -- frozen JSON of the rule as applied
  yes          INTEGER NOT NULL DEFAULT 0,
  no           INTEGER NOT NULL DEFAULT 0,
  abstain      INTEGER NOT NULL DEFAULT 0,
  invalid      INTEGER NOT NULL DEFAULT 0,
  candidates   TEXT,                     -- elections: JSON [{"name", "votes"}]
  winner       TEXT,
  result       TEXT,                     -- passed, rejected, elected, runoff, lot
  entitled     INTEGER,                  -- present and entitled when closed
  statutory    INTEGER,
  eligible     TEXT,                     -- frozen JSON list of eligible members
  closed       INTEGER,                  -- unix time; a closed vote is frozen
  corrects     INTEGER REFERENCES vote (vid),
  reason       TEXT,                     -- why a correction was made
  actor        TEXT,                     -- who recorded it
  recorded     INTEGER NOT NULL
);
CREATE INDEX vote_agenda_item ON vote (agenda_item);

CREATE TABLE vote_cast (
  vid    INTEGER NOT NULL REFERENCES vote (vid),
  person TEXT NOT NULL,
  choice TEXT NOT NULL CHECK (choice IN ('yes', 'no', 'abstain')),
  PRIMARY KEY (vid, person)
);

CREATE TABLE decision (
  did         INTEGER PRIMARY KEY,
  meeting     TEXT NOT NULL,
  agenda_item TEXT NOT NULL UNIQUE,
  text        TEXT,
  notes       TEXT,
  modified    INTEGER NOT NULL,
  actor       TEXT
);

CREATE TABLE minutes (
  mid        INTEGER PRIMARY KEY,
  meeting    TEXT NOT NULL UNIQUE,
  text       TEXT,                       -- the secretary's closing remarks
  sealed     INTEGER,                    -- unix time; sealed minutes never change
  sealed_by  TEXT,
  audit_head TEXT
);

-- Corrections of sealed minutes, for the minutes of a later meeting.
CREATE TABLE correction (
  cid         INTEGER PRIMARY KEY,
  minutes     INTEGER NOT NULL REFERENCES minutes (mid),
  for_meeting TEXT,                      -- the meeting whose minutes report it
  text        TEXT NOT NULL,
  recorded    INTEGER NOT NULL,
  actor       TEXT
);

CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  actor     TEXT,
  action    TEXT NOT NULL,
  meeting   TEXT,
  payload   TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash      TEXT NOT NULL
);

-- The newest hash, written in the same transaction as the entry, so that a
-- removed tail shows.
CREATE TABLE audit_head (
  one  INTEGER PRIMARY KEY CHECK (one = 1),
  seq  INTEGER NOT NULL,
  hash TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE (ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER vote_closed_frozen BEFORE UPDATE ON vote WHEN OLD.closed IS NOT NULL
BEGIN SELECT RAISE (ABORT, 'a closed vote is frozen'); END;
CREATE TRIGGER vote_no_delete BEFORE DELETE ON vote WHEN OLD.closed IS NOT NULL
BEGIN SELECT RAISE (ABORT, 'a closed vote is frozen'); END;
CREATE TRIGGER vote_cast_named_only BEFORE INSERT ON vote_cast
WHEN (SELECT kind != 'named' OR closed IS NOT NULL FROM vote WHERE vid = NEW.vid)
BEGIN SELECT RAISE (ABORT, 'only an open named vote records a choice per member'); END;
CREATE TRIGGER vote_cast_frozen BEFORE UPDATE ON vote_cast
WHEN (SELECT closed IS NOT NULL FROM vote WHERE vid = OLD.vid)
BEGIN SELECT RAISE (ABORT, 'a closed vote is frozen'); END;

CREATE TRIGGER minutes_sealed BEFORE UPDATE ON minutes WHEN OLD.sealed IS NOT NULL
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;
CREATE TRIGGER decision_sealed_insert BEFORE INSERT ON decision
WHEN EXISTS (SELECT 1 FROM minutes WHERE meeting = NEW.meeting AND sealed IS NOT NULL)
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;
CREATE TRIGGER decision_sealed_update BEFORE UPDATE ON decision
WHEN EXISTS (SELECT 1 FROM minutes WHERE meeting = OLD.meeting AND sealed IS NOT NULL)
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;
CREATE TRIGGER vote_sealed BEFORE INSERT ON vote
WHEN EXISTS (SELECT 1 FROM minutes WHERE meeting = NEW.meeting AND sealed IS NOT NULL)
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;
