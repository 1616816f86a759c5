-- 039 — a hotline caller finds their ticket on the phone: the caller's phone as a keyed hash (as a
-- worker's and a member's phone are kept), so a worker who logs in with that number sees the ticket
-- under 我的求助 and can rate it — what the closing SMS asks them to do. Set for calls from the desk
-- and from integrations; an app ticket is the worker's by worker_id.
ALTER TABLE ticket ADD COLUMN caller_phone_hash bytea;
CREATE INDEX ticket_caller_phone_idx ON ticket (caller_phone_hash, id DESC) WHERE worker_id IS NULL AND caller_phone_hash IS NOT NULL;
