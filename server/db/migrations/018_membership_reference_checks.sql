-- Membership's records of a member — the identity that keeps one person one membership, the card,
-- the history — are checked against member (and the history's unions against org) once per
-- statement, not once per row. Measured (bench/roster-import.ts, docs/BENCHMARKS.md): a roster batch
-- writes, for each person, a member, an identity, a card and two history rows, and the five row-level
-- foreign-key checks of those three tables were a quarter of the batch's statement (EXPLAIN ANALYZE:
-- 366 of 1,367 ms for 10,000 people); without them the import of 100,000 rows went from 9,300–9,500
-- to 10,200–11,300 rows a second. The same guarantee, set-based, as migrations 014 and 015 did for the
-- points ledger: after every INSERT (or COPY) into these tables, the statement's new rows are joined
-- once with member / org, and a missing one fails the statement with the foreign-key violation's code
-- and the constraint's old name; deleting a member or an org that these records name fails the same
-- way (what the foreign keys' NO ACTION did); the references never change afterwards (no code changes
-- them: a member's identity, card and history stay the member's), and a member's or an org's id never
-- changes either — both now refused outright.
ALTER TABLE member_identity DROP CONSTRAINT member_identity_member_id_fkey;
ALTER TABLE card DROP CONSTRAINT card_member_id_fkey;
ALTER TABLE member_event DROP CONSTRAINT member_event_member_id_fkey;
ALTER TABLE member_event DROP CONSTRAINT member_event_from_org_id_fkey;
ALTER TABLE member_event DROP CONSTRAINT member_event_to_org_id_fkey;

CREATE FUNCTION membership_member_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM membership_new n WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.id = n.member_id)) THEN
    RAISE EXCEPTION '%: no such member', TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation', CONSTRAINT = TG_TABLE_NAME || '_member_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER member_identity_member AFTER INSERT ON member_identity
  REFERENCING NEW TABLE AS membership_new FOR EACH STATEMENT EXECUTE FUNCTION membership_member_check();
CREATE TRIGGER card_member AFTER INSERT ON card
  REFERENCING NEW TABLE AS membership_new FOR EACH STATEMENT EXECUTE FUNCTION membership_member_check();

CREATE FUNCTION member_event_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM member_event_new n WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.id = n.member_id)) THEN
    RAISE EXCEPTION 'member_event: no such member' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_member_id_fkey';
  END IF;
  IF EXISTS (SELECT 1 FROM member_event_new n WHERE n.from_org_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org o WHERE o.id = n.from_org_id)) THEN
    RAISE EXCEPTION 'member_event: no such org' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_from_org_id_fkey';
  END IF;
  IF EXISTS (SELECT 1 FROM member_event_new n WHERE n.to_org_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org o WHERE o.id = n.to_org_id)) THEN
    RAISE EXCEPTION 'member_event: no such org' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_to_org_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER member_event_references AFTER INSERT ON member_event
  REFERENCING NEW TABLE AS member_event_new FOR EACH STATEMENT EXECUTE FUNCTION member_event_references_check();

-- the references never change
CREATE FUNCTION membership_references_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: a membership record''s member, a history row''s unions, and member and org ids never change', TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER member_identity_kept BEFORE UPDATE OF member_id ON member_identity
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();
CREATE TRIGGER card_kept BEFORE UPDATE OF member_id ON card
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();
CREATE TRIGGER member_event_kept BEFORE UPDATE OF member_id, from_org_id, to_org_id ON member_event
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();
CREATE TRIGGER member_id_kept BEFORE UPDATE OF id ON member
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();
CREATE TRIGGER org_id_kept BEFORE UPDATE OF id ON org
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();

-- a member or an org these records name cannot be deleted
CREATE FUNCTION membership_owner_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'member' THEN
    IF EXISTS (SELECT 1 FROM member_identity i JOIN membership_old d ON d.id = i.member_id) THEN
      RAISE EXCEPTION 'member: an identity names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_identity_member_id_fkey';
    END IF;
    IF EXISTS (SELECT 1 FROM card c JOIN membership_old d ON d.id = c.member_id) THEN
      RAISE EXCEPTION 'member: a card names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'card_member_id_fkey';
    END IF;
    IF EXISTS (SELECT 1 FROM member_event e JOIN membership_old d ON d.id = e.member_id) THEN
      RAISE EXCEPTION 'member: its history names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_member_id_fkey';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM member_event e JOIN membership_old d ON d.id = e.from_org_id) THEN
    RAISE EXCEPTION 'org: a member''s history names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_from_org_id_fkey';
  ELSIF EXISTS (SELECT 1 FROM member_event e JOIN membership_old d ON d.id = e.to_org_id) THEN
    RAISE EXCEPTION 'org: a member''s history names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_event_to_org_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER membership_member_deleted AFTER DELETE ON member
  REFERENCING OLD TABLE AS membership_old FOR EACH STATEMENT EXECUTE FUNCTION membership_owner_deleted();
CREATE TRIGGER membership_org_deleted AFTER DELETE ON org
  REFERENCING OLD TABLE AS membership_old FOR EACH STATEMENT EXECUTE FUNCTION membership_owner_deleted();
