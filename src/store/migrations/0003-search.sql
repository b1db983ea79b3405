-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 3: the full-text index. Titles, references, agenda items and the
-- text of every file kept offline, page by page.

CREATE VIRTUAL TABLE search_index USING fts5 (
  title,
  body,
  kind UNINDEXED,        -- paper, meeting, agenda_item, organization, person, file_page
  target UNINDEXED,      -- id URL of the object (the File for file_page)
  page UNINDEXED,        -- 0-based page for file_page, else NULL
  tokenize = 'unicode61 remove_diacritics 2'
);

-- Which files the background indexer has done, so it resumes where it stopped.
CREATE TABLE search_file_state (
  file_id  TEXT PRIMARY KEY,
  sha256   TEXT,           -- of the bytes indexed; a change means re-index
  state    TEXT NOT NULL,  -- done, failed
  pages    INTEGER,
  error    TEXT,
  indexed  INTEGER
);
