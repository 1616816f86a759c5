-- 积分 (points): an entry's operation and account are checked once per statement, not once per row.
-- Measured (bench/points-mass.ts, docs/BENCHMARKS.md): a mass issue writes one entry per member, and
-- the two row-level foreign-key checks of point_entry were over half of the time of an issue to a
-- whole subtree (each is a look-up and a row lock, a million of each for a million members). The
-- same guarantee, set-based: after every INSERT into point_entry, its new rows are joined once with
-- point_operation and point_account, and a missing one fails the statement with the foreign-key
-- violation's code. What the foreign keys also gave — the referenced row cannot vanish or change its
-- id — holds because ledger rows are never deleted (the ledger is append-only: a mistake is undone
-- by a reversal) and ids never change; both are now refused outright.
ALTER TABLE point_entry DROP CONSTRAINT point_entry_operation_id_fkey;
ALTER TABLE point_entry DROP CONSTRAINT point_entry_account_id_fkey;

CREATE FUNCTION point_entry_references_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM (SELECT DISTINCT operation_id FROM point_entry_new) n
              WHERE NOT EXISTS (SELECT 1 FROM point_operation o WHERE o.id = n.operation_id)) THEN
    RAISE EXCEPTION 'point_entry: no such point_operation' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_entry_operation_id_fkey';
  END IF;
  IF EXISTS (SELECT 1 FROM point_entry_new n WHERE NOT EXISTS (SELECT 1 FROM point_account a WHERE a.id = n.account_id)) THEN
    RAISE EXCEPTION 'point_entry: no such point_account' USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'point_entry_account_id_fkey';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER point_entry_references AFTER INSERT ON point_entry
  REFERENCING NEW TABLE AS point_entry_new FOR EACH STATEMENT EXECUTE FUNCTION point_entry_references_check();

CREATE FUNCTION point_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: ledger rows are never deleted and their references never change', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER point_operation_kept BEFORE DELETE OR UPDATE OF id ON point_operation
  FOR EACH STATEMENT EXECUTE FUNCTION point_ledger_append_only();
CREATE TRIGGER point_account_kept BEFORE DELETE OR UPDATE OF id ON point_account
  FOR EACH STATEMENT EXECUTE FUNCTION point_ledger_append_only();
CREATE TRIGGER point_entry_kept BEFORE DELETE OR UPDATE OF operation_id, account_id ON point_entry
  FOR EACH STATEMENT EXECUTE FUNCTION point_ledger_append_only();
