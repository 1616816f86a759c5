-- 005 — subtree member totals kept, not summed at read time. A province has ~140,000 orgs: summing
-- their member_count for every figure cost 80–250 ms (docs/BENCHMARKS.md). Each org now holds its
-- subtree's total, split over up to 16 slot rows so that concurrent joins in different sessions
-- add to different rows of the province, not queue on one.
CREATE TABLE org_rollup (
  org_id    bigint NOT NULL REFERENCES org (id),
  slot      smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  members   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, slot)
);

INSERT INTO org_rollup (org_id, slot, members)
SELECT a.id, 0, sum(d.member_count)::int
  FROM org a JOIN org d ON d.path <@ a.path
 GROUP BY a.id
HAVING sum(d.member_count) <> 0;

-- Whatever changes an org's own member_count (the member trigger, a roster's bulk insert, a
-- recount) passes the change to the totals of the org and all its ancestors.
CREATE FUNCTION gh_member_rollup() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.member_count IS DISTINCT FROM OLD.member_count THEN
    INSERT INTO org_rollup (org_id, slot, members)
    SELECT a.id, (pg_backend_pid() % 16)::smallint, NEW.member_count - OLD.member_count
      FROM org a WHERE a.path @> NEW.path
    ON CONFLICT (org_id, slot) DO UPDATE SET members = org_rollup.members + EXCLUDED.members;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER org_member_rollup
AFTER UPDATE OF member_count ON org
FOR EACH ROW EXECUTE FUNCTION gh_member_rollup();
