-- 051 — founding drives (建会行动, issue 16 slice D): what the drives need beyond 049.
-- The drive's figures count joins into its org's subtree within its dates: members' arrivals by org and time.
CREATE INDEX member_event_in_idx ON member_event (to_org_id, at) WHERE kind IN ('joined', 'rejoined', 'transferred');

-- A step is recorded once per Idempotency-Key: the answer stored with the write, replayed on a retry.
CREATE TABLE drive_request (
  staff_id      bigint NOT NULL REFERENCES staff (id),
  idem_key      text NOT NULL,
  request_hash  bytea NOT NULL,
  answer        text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT drive_request_key PRIMARY KEY (staff_id, idem_key)
);
