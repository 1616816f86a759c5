-- 工作台 (GET /api/workbench) counts what is waiting: campaign applications in review, payouts
-- awaiting a second approval, open objections. Those are few at any moment while the tables keep every
-- application, payout and objection ever made; a partial index holds just the waiting rows, so the
-- counts read those and not the history (pending joins and transfers have such indexes already:
-- member_application_pending_key, member_transfer_open_key).
CREATE INDEX campaign_application_in_review_idx ON campaign_application (campaign_id) WHERE status = 'in_review';
CREATE INDEX payout_awaiting_approval_idx ON payout (campaign_id) WHERE state = 'pending' AND needs_approval AND approved_by IS NULL;
CREATE INDEX campaign_objection_open_idx ON campaign_objection (campaign_id) WHERE status = 'open';
