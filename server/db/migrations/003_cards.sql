-- 003 — the member card: what the revocation feed for staff devices reads.

-- Incremental sync: card revocations and reinstatements in time order.
CREATE INDEX member_event_card_idx ON member_event (at) WHERE kind IN ('card_revoked', 'card_issued');
-- Full sync: the cards revoked now.
CREATE INDEX card_revoked_idx ON card (revoked_at) WHERE status = 'revoked';
