-- 006 — the planner needs statistics for the new totals table from the start (without them a
-- children listing was planned as expensive enough to JIT-compile: 36 ms instead of 2.9 ms), and
-- removing a member must find its identity row by member (a scan of 10M rows otherwise).
ANALYZE org_rollup;
CREATE INDEX member_identity_member_idx ON member_identity (member_id);
