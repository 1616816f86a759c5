-- 047 — overdue place problems (issue 15 §3): a report past its deadline and still open reminds the
-- union that runs the place once (reminded_at), and a day after that reminder is escalated once to the
-- level above (escalated_at, escalated_to_org_id; NULL for the top union, which has no level above).
-- The marks are set by the statements that pick the reports, so several nodes sweeping at once, or a
-- sweep run twice, remind and escalate each report once.

ALTER TABLE place_problem
  ADD COLUMN reminded_at timestamptz,
  ADD COLUMN escalated_at timestamptz,
  ADD COLUMN escalated_to_org_id bigint REFERENCES org (id),
  ADD CHECK (escalated_at IS NULL OR reminded_at IS NOT NULL),
  ADD CHECK (escalated_to_org_id IS NULL OR escalated_at IS NOT NULL);

-- the 工作台 of the level above counts what was escalated to it
CREATE INDEX place_problem_escalated_to ON place_problem (escalated_to_org_id) WHERE state = 'open' AND escalated_to_org_id IS NOT NULL;
