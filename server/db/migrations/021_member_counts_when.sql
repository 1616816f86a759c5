-- 021 — the per-row member_count trigger is not even called inside a bulk write. A roster batch sets
-- gonghui.bulk_member_counts = 'on' and adds the count itself (004); the trigger function then
-- returned at once, but for each of a batch's 10,000 members PostgreSQL still queued an after-row
-- event and entered PL/pgSQL to find that out. The same test as a WHEN condition is evaluated before
-- any event is queued. The function keeps its own test for any other caller.
DROP TRIGGER member_counts ON member;
CREATE TRIGGER member_counts
AFTER INSERT OR DELETE OR UPDATE OF org_id, status ON member
FOR EACH ROW WHEN (current_setting('gonghui.bulk_member_counts', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION gh_member_counts();
