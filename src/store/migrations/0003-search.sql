-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 3: the full-text index. Titles, references, agenda items,
-- committees, people and the text of every file kept offline, page by page.
--
-- The index holds the folded text (grm-fold.h: lower case, umlauts and ß
-- spelled out, Drucksachen numbers as one word joined by '_'), split by the
-- 'ascii' tokenizer with '_' as a word character. It is contentless, so the
-- text is not stored twice; the original text of each row is in search_doc
-- (or, for File.text, in file.text itself), for snippets and for the exact
-- 'delete' that a contentless table needs.

CREATE VIRTUAL TABLE search_index USING fts5 (
  title,                  -- title, reference, short name (weighted higher)
  body,                   -- text of the page, result and resolution text
  content = '',
  tokenize = "ascii tokenchars '_'",
  detail = full
);
-- Fewer, larger merges while the indexer runs in big batches.
INSERT INTO search_index (search_index, rank) VALUES ('automerge', 16);
-- A word in the title or reference counts eight times a word in the text.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(8.0, 1.0)');

-- One row per indexed row of search_index (docid = its rowid). Docids are
-- never reused, so an orphan can never be mistaken for a new row: pages of
-- files count up from 1 (search_meta 'page_docid'), everything else counts
-- down from 2^62 ('object_docid'). Queries rank every row (grm_bm25, see
-- grm-search-rank.c), whatever its docid.
CREATE TABLE search_doc (
  docid      INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,   -- paper, meeting, agenda_item, organization, person, file
  target     TEXT NOT NULL,   -- id URL of the object (the File for file pages)
  page       INTEGER,         -- 0-based page of a file, else NULL
  owner      TEXT,            -- the paper or meeting an item or file belongs to
  date       TEXT,            -- YYYY-MM-DD, for the date filter
  paper_type TEXT,            -- of the paper (or of the paper a file belongs to)
  committees TEXT,            -- ids of the organizations involved, space-separated
  ref        TEXT,            -- reference or short name, indexed with the title
  title      TEXT,            -- as indexed (original text)
  context    TEXT,            -- shown under the title, not indexed
  body       TEXT,            -- as indexed; NULL: bytes text_from.. of file.text
  text_from  INTEGER,
  text_len   INTEGER,
  text_hash  INTEGER          -- FNV-1a of those bytes when they were indexed
);
CREATE INDEX search_doc_target ON search_doc (target);

-- What the indexer has done, so it resumes where it stopped and notices
-- changes: one row per indexed object or file.
CREATE TABLE search_source (
  target   TEXT PRIMARY KEY,
  kind     TEXT NOT NULL,
  stamp    TEXT,              -- modified|synced_at of the object, or the blob's sha256
  source   TEXT NOT NULL,     -- object, text (File.text), pdf (extracted)
  state    TEXT NOT NULL,     -- done, failed
  pages    INTEGER,
  error    TEXT,
  indexed  INTEGER            -- unix time
);

-- Counters: 'orphans' are index rows whose text changed before it could be
-- deleted exactly (the indexer rebuilds the index when there are many);
-- 'page_docid' and 'object_docid' are the last docids given; 'fold_version'.
CREATE TABLE search_meta (
  key   TEXT PRIMARY KEY,
  value INTEGER
);
