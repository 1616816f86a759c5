-- 积分 (points): member balances are rewritten in place. Every issue moves the balance of each
-- account it credits; with the table's pages packed full (fillfactor 100), the new version of a row
-- goes to another page and each of point_account's three indexes gets a new entry for it. With half
-- of each page kept free, the new version fits beside the old one and the update is HOT (heap-only:
-- no index entry; balance is in no index), and the old version is pruned on the page when next visited.
-- Measured (bench/points-mass.ts, docs/BENCHMARKS.md), an issue to 1,005,091 members whose accounts
-- exist: the one credit statement 17.5 s → 9.0 s (with work_mem for the issue, points.repo.ts).
-- Pages written from now on are filled to half; rows already stored move to such pages when updated.
ALTER TABLE point_account SET (fillfactor = 50);
