-- 积分 (points): a member's or an org's account is checked against member / org once per statement,
-- not once per row. Measured after 014 (bench/points-mass.ts, docs/BENCHMARKS.md): the first issue to
-- a whole subtree makes an account for every member, and point_account's two row-level foreign-key
-- checks (member_id, and org_id even when it is null) were a quarter of that issue's time. The same
-- guarantee, set-based: the new accounts of a statement are joined once with member and org, and a
-- missing one fails the statement with the foreign-key violation's code; deleting a member or an org
-- that an account names fails the same way (what the foreign keys' NO ACTION did).
ALTER TABLE point_account DROP CONSTRAINT point_account_member_id_fkey;
ALTER TABLE point_account DROP CONSTRAINT point_account_org_id_fkey;

CREATE FUNCTION point_account_owner_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM point_account_new n WHERE n.member_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member m WHERE m.id = n.member_id)) THEN
    RAISE EXCEPTION 'point_account: no such member' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_account_member_id_fkey';
  END IF;
  IF EXISTS (SELECT 1 FROM point_account_new n WHERE n.org_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM org o WHERE o.id = n.org_id)) THEN
    RAISE EXCEPTION 'point_account: no such org' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_account_org_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER point_account_owner AFTER INSERT ON point_account
  REFERENCING NEW TABLE AS point_account_new FOR EACH STATEMENT EXECUTE FUNCTION point_account_owner_check();
-- an account's owner never changes (the ledger's entries are the member's); a row trigger with a
-- condition, since the upserts that find an account name its owner column without changing it
CREATE TRIGGER point_account_owner_kept BEFORE UPDATE OF member_id, org_id ON point_account
  FOR EACH ROW WHEN (NEW.member_id IS DISTINCT FROM OLD.member_id OR NEW.org_id IS DISTINCT FROM OLD.org_id)
  EXECUTE FUNCTION point_ledger_append_only();

CREATE FUNCTION point_account_owner_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'member' AND EXISTS (SELECT 1 FROM point_account a JOIN point_owner_old d ON d.id = a.member_id) THEN
    RAISE EXCEPTION 'member: a points account names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_account_member_id_fkey';
  END IF;
  IF TG_TABLE_NAME = 'org' AND EXISTS (SELECT 1 FROM point_account a JOIN point_owner_old d ON d.id = a.org_id) THEN
    RAISE EXCEPTION 'org: a points account names it' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_account_org_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER point_account_member_deleted AFTER DELETE ON member
  REFERENCING OLD TABLE AS point_owner_old FOR EACH STATEMENT EXECUTE FUNCTION point_account_owner_deleted();
CREATE TRIGGER point_account_org_deleted AFTER DELETE ON org
  REFERENCING OLD TABLE AS point_owner_old FOR EACH STATEMENT EXECUTE FUNCTION point_account_owner_deleted();
