-- 028 — a member's own transfers (GET /api/me/transfers: a page of them, newest first, and how many)
-- are read by member: without this index each read scanned every transfer of the federation.
CREATE INDEX IF NOT EXISTS member_transfer_member_idx ON member_transfer (member_id, id DESC);
