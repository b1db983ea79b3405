-- SPDX-License-Identifier: GPL-3.0-or-later
-- Migration 5: a meeting created here takes the server's id once the server
-- created it (docs/write-extension.md, section 4: "the client then uses it
-- everywhere"). The push replaces the urn:uuid: id in every table in the
-- transaction that records the server's answer, so the reader, the live
-- session, later PUTs and the next pull all see one object.
--
-- push_remote keeps each replacement (local → server id). The audit log
-- keeps the ids as they were when each entry was written: it is history.
CREATE INDEX push_remote_remote ON push_remote (remote);

-- Closed votes and sealed minutes stay frozen, with one exception: the id
-- of their meeting or agenda item may change from a local id to the server
-- id recorded for it in push_remote, and nothing else may change with it.
DROP TRIGGER vote_closed_frozen;
CREATE TRIGGER vote_closed_frozen BEFORE UPDATE ON vote WHEN OLD.closed IS NOT NULL
  AND NOT (NEW.vid IS OLD.vid AND NEW.kind IS OLD.kind AND NEW.rule IS OLD.rule
           AND NEW.rule_def IS OLD.rule_def AND NEW.yes IS OLD.yes AND NEW.no IS OLD.no
           AND NEW.abstain IS OLD.abstain AND NEW.invalid IS OLD.invalid
           AND NEW.candidates IS OLD.candidates AND NEW.winner IS OLD.winner
           AND NEW.result IS OLD.result AND NEW.entitled IS OLD.entitled
           AND NEW.statutory IS OLD.statutory AND NEW.eligible IS OLD.eligible
           AND NEW.closed IS OLD.closed AND NEW.corrects IS OLD.corrects
           AND NEW.reason IS OLD.reason AND NEW.actor IS OLD.actor
           AND NEW.recorded IS OLD.recorded
           AND (NEW.meeting IS OLD.meeting
                OR EXISTS (SELECT 1 FROM push_remote
                           WHERE local = OLD.meeting AND remote = NEW.meeting))
           AND (NEW.agenda_item IS OLD.agenda_item
                OR EXISTS (SELECT 1 FROM push_remote
                           WHERE local = OLD.agenda_item AND remote = NEW.agenda_item)))
BEGIN SELECT RAISE (ABORT, 'a closed vote is frozen'); END;

DROP TRIGGER minutes_sealed;
CREATE TRIGGER minutes_sealed BEFORE UPDATE ON minutes WHEN OLD.sealed IS NOT NULL
  AND NOT (NEW.mid IS OLD.mid AND NEW.text IS OLD.text AND NEW.sealed IS OLD.sealed
           AND NEW.sealed_by IS OLD.sealed_by AND NEW.audit_head IS OLD.audit_head
           AND EXISTS (SELECT 1 FROM push_remote
                       WHERE local = OLD.meeting AND remote = NEW.meeting))
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;

DROP TRIGGER decision_sealed_update;
CREATE TRIGGER decision_sealed_update BEFORE UPDATE ON decision
WHEN EXISTS (SELECT 1 FROM minutes WHERE meeting = OLD.meeting AND sealed IS NOT NULL)
  AND NOT (NEW.did IS OLD.did AND NEW.text IS OLD.text AND NEW.notes IS OLD.notes
           AND NEW.modified IS OLD.modified AND NEW.actor IS OLD.actor
           AND (NEW.meeting IS OLD.meeting
                OR EXISTS (SELECT 1 FROM push_remote
                           WHERE local = OLD.meeting AND remote = NEW.meeting))
           AND (NEW.agenda_item IS OLD.agenda_item
                OR EXISTS (SELECT 1 FROM push_remote
                           WHERE local = OLD.agenda_item AND remote = NEW.agenda_item)))
BEGIN SELECT RAISE (ABORT, 'sealed minutes never change'); END;

-- Meetings created here and already created on the server by an earlier
-- Gremium kept their local ids: they take the server's now, as new ones do
-- (src/store/grm-store-outbox-ids.c does the same for one object).
DELETE FROM object WHERE id IN (SELECT remote FROM push_remote)
  AND EXISTS (SELECT 1 FROM push_remote p JOIN object l ON l.id = p.local
              WHERE p.remote = object.id);
UPDATE object SET id = (SELECT remote FROM push_remote WHERE local = object.id)
  WHERE id IN (SELECT local FROM push_remote);
DELETE FROM search_source WHERE target IN (SELECT remote FROM push_remote)
  AND EXISTS (SELECT 1 FROM push_remote p JOIN search_source l ON l.target = p.local
              WHERE p.remote = search_source.target);
UPDATE search_source SET target = (SELECT remote FROM push_remote WHERE local = search_source.target)
  WHERE target IN (SELECT local FROM push_remote);
UPDATE object SET parent = (SELECT remote FROM push_remote WHERE local = object.parent)
  WHERE parent IN (SELECT local FROM push_remote);
UPDATE object_ref SET target = (SELECT remote FROM push_remote WHERE local = object_ref.target)
  WHERE target IN (SELECT local FROM push_remote);
UPDATE agenda_item SET meeting = (SELECT remote FROM push_remote WHERE local = agenda_item.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE agenda_item SET consultation = (SELECT remote FROM push_remote WHERE local = agenda_item.consultation)
  WHERE consultation IN (SELECT local FROM push_remote);
UPDATE consultation SET meeting = (SELECT remote FROM push_remote WHERE local = consultation.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE consultation SET agenda_item = (SELECT remote FROM push_remote WHERE local = consultation.agenda_item)
  WHERE agenda_item IN (SELECT local FROM push_remote);
UPDATE consultation SET paper = (SELECT remote FROM push_remote WHERE local = consultation.paper)
  WHERE paper IN (SELECT local FROM push_remote);
UPDATE meeting SET location = (SELECT remote FROM push_remote WHERE local = meeting.location)
  WHERE location IN (SELECT local FROM push_remote);
UPDATE membership SET organization = (SELECT remote FROM push_remote WHERE local = membership.organization)
  WHERE organization IN (SELECT local FROM push_remote);
UPDATE annotation SET target = (SELECT remote FROM push_remote WHERE local = annotation.target)
  WHERE target IN (SELECT local FROM push_remote);
UPDATE search_doc SET target = (SELECT remote FROM push_remote WHERE local = search_doc.target)
  WHERE target IN (SELECT local FROM push_remote);
UPDATE search_doc SET owner = (SELECT remote FROM push_remote WHERE local = search_doc.owner)
  WHERE owner IN (SELECT local FROM push_remote);
UPDATE minutes SET meeting = (SELECT remote FROM push_remote WHERE local = minutes.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE session SET meeting = (SELECT remote FROM push_remote WHERE local = session.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE session SET current_item = (SELECT remote FROM push_remote WHERE local = session.current_item)
  WHERE current_item IN (SELECT local FROM push_remote);
UPDATE session_item SET meeting = (SELECT remote FROM push_remote WHERE local = session_item.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE session_item SET agenda_item = (SELECT remote FROM push_remote WHERE local = session_item.agenda_item)
  WHERE agenda_item IN (SELECT local FROM push_remote);
UPDATE session_member SET meeting = (SELECT remote FROM push_remote WHERE local = session_member.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE attendance SET meeting = (SELECT remote FROM push_remote WHERE local = attendance.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE session_event SET meeting = (SELECT remote FROM push_remote WHERE local = session_event.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE exclusion SET meeting = (SELECT remote FROM push_remote WHERE local = exclusion.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE exclusion SET agenda_item = (SELECT remote FROM push_remote WHERE local = exclusion.agenda_item)
  WHERE agenda_item IN (SELECT local FROM push_remote);
UPDATE vote SET meeting = (SELECT remote FROM push_remote WHERE local = vote.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE vote SET agenda_item = (SELECT remote FROM push_remote WHERE local = vote.agenda_item)
  WHERE agenda_item IN (SELECT local FROM push_remote);
UPDATE decision SET meeting = (SELECT remote FROM push_remote WHERE local = decision.meeting)
  WHERE meeting IN (SELECT local FROM push_remote);
UPDATE decision SET agenda_item = (SELECT remote FROM push_remote WHERE local = decision.agenda_item)
  WHERE agenda_item IN (SELECT local FROM push_remote);
UPDATE correction SET for_meeting = (SELECT remote FROM push_remote WHERE local = correction.for_meeting)
  WHERE for_meeting IN (SELECT local FROM push_remote);
UPDATE outbox SET target = (SELECT remote FROM push_remote WHERE local = outbox.target)
  WHERE target IN (SELECT local FROM push_remote);
DELETE FROM push_target WHERE target IN (SELECT remote FROM push_remote)
  AND EXISTS (SELECT 1 FROM push_remote p JOIN push_target l ON l.target = p.local
              WHERE p.remote = push_target.target);
UPDATE push_target SET target = (SELECT remote FROM push_remote WHERE local = push_target.target)
  WHERE target IN (SELECT local FROM push_remote);
