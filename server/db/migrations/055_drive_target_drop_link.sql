-- 055 — founding drives' loose ends (issue 16 follow-up): a target dropped from a drive (移出, kept with
-- who, when and why: the row is history, never deleted), a target whose employer already has a union
-- linked to it (关联已有工会: `linked`, apart from `founded`), and evidence uploads made idempotent.
ALTER TABLE drive_target
  ADD COLUMN dropped_at  timestamptz,
  ADD COLUMN dropped_by  bigint REFERENCES staff (id),
  ADD COLUMN drop_reason text CHECK (char_length(drop_reason) BETWEEN 2 AND 200),
  ADD COLUMN linked_on   date,
  ADD COLUMN linked_by   bigint REFERENCES staff (id);

-- `linked`: the employer's existing union was linked (founded outside the drive): founded_org_id names it
ALTER TABLE drive_target DROP CONSTRAINT drive_target_state_check;
ALTER TABLE drive_target ADD CONSTRAINT drive_target_state_check CHECK (state IN ('open', 'founded', 'linked', 'dropped'));
ALTER TABLE drive_target DROP CONSTRAINT drive_target_check2;
ALTER TABLE drive_target ADD CONSTRAINT drive_target_union CHECK ((state IN ('founded', 'linked')) = (founded_org_id IS NOT NULL));
ALTER TABLE drive_target ADD CONSTRAINT drive_target_dropped CHECK ((state = 'dropped') = (dropped_at IS NOT NULL AND drop_reason IS NOT NULL));
ALTER TABLE drive_target ADD CONSTRAINT drive_target_linked CHECK ((state = 'linked') = (linked_on IS NOT NULL));

-- An upload is stored once per Idempotency-Key of its uploader: the row is the store (the answer is its summary).
ALTER TABLE file_evidence
  ADD COLUMN idem_key     text CHECK (char_length(idem_key) <= 100),
  ADD COLUMN request_hash bytea,
  ADD CONSTRAINT file_evidence_idem_pair CHECK ((idem_key IS NULL) = (request_hash IS NULL)),
  ADD CONSTRAINT file_evidence_idem UNIQUE (uploaded_by, idem_key);
