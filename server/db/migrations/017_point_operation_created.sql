-- 积分流水 (the console's ledger view) lists a subtree's operations newest first, by page, and by a
-- period of days: this index serves the order and the period. A large scope (the province) walks
-- it backwards and keeps the rows in its subtree; a small one is found by the org_path gist index
-- and sorted.
CREATE INDEX point_operation_created ON point_operation (created_at DESC, id DESC);
