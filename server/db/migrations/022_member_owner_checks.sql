-- 022 — a member's union and enterprise are checked once per statement, not once per row, as 018 did
-- for a member's identity, card and history. A roster batch writes 10,000 members of one union; the
-- two row-level foreign keys ran a look-up (and a key-share lock of the same org row) for each:
-- EXPLAIN ANALYZE of one batch, 89–97 ms and 16–18 ms of ~1,000. The guarantee is the same: after
-- every INSERT or UPDATE of members, the statement's new rows are joined once with org and
-- enterprise, and one naming neither fails the statement with the foreign-key violation's code and
-- the constraint's old name; an org or an enterprise a member names cannot be deleted (what NO ACTION
-- did), and an enterprise's id never changes (an org's never does, 018). Orgs and enterprises are
-- closed, never deleted, so the key-share lock the foreign key took against a concurrent delete had
-- nothing to guard.
ALTER TABLE member DROP CONSTRAINT member_org_id_fkey;
ALTER TABLE member DROP CONSTRAINT member_enterprise_id_fkey;

CREATE FUNCTION member_owners_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM member_new n WHERE NOT EXISTS (SELECT 1 FROM org o WHERE o.id = n.org_id)) THEN
    RAISE EXCEPTION 'member: no such org' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_org_id_fkey';
  END IF;
  IF EXISTS (SELECT 1 FROM member_new n WHERE n.enterprise_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.id = n.enterprise_id)) THEN
    RAISE EXCEPTION 'member: no such enterprise' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_enterprise_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER member_owners_inserted AFTER INSERT ON member
  REFERENCING NEW TABLE AS member_new FOR EACH STATEMENT EXECUTE FUNCTION member_owners_check();
CREATE TRIGGER member_owners_updated AFTER UPDATE ON member
  REFERENCING NEW TABLE AS member_new FOR EACH STATEMENT EXECUTE FUNCTION member_owners_check();

-- an org or an enterprise a member names cannot be deleted
CREATE FUNCTION member_owner_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'org' AND EXISTS (SELECT 1 FROM member m JOIN member_owner_old d ON d.id = m.org_id) THEN
    RAISE EXCEPTION 'org: a member names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_org_id_fkey';
  END IF;
  IF TG_TABLE_NAME = 'enterprise' AND EXISTS (SELECT 1 FROM member m JOIN member_owner_old d ON d.id = m.enterprise_id) THEN
    RAISE EXCEPTION 'enterprise: a member names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'member_enterprise_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER member_org_deleted AFTER DELETE ON org
  REFERENCING OLD TABLE AS member_owner_old FOR EACH STATEMENT EXECUTE FUNCTION member_owner_deleted();
CREATE TRIGGER member_enterprise_deleted AFTER DELETE ON enterprise
  REFERENCING OLD TABLE AS member_owner_old FOR EACH STATEMENT EXECUTE FUNCTION member_owner_deleted();

CREATE TRIGGER enterprise_id_kept BEFORE UPDATE OF id ON enterprise
  FOR EACH STATEMENT EXECUTE FUNCTION membership_references_kept();
