-- 046 — the childcare programme's life after the sign-up window (docs/design/childcare.md,
-- "Allocation" and "Retention"): the sweep allocates at the window's close, drops the waiting list
-- (候补 → 未中签) when the last session is over, and deletes the children's data 180 days (Beijing
-- dates) after the programme's last day, as the consent text promises ("托管结束后 6 个月内删除"),
-- or earlier when an admin of the running union does it (立即删除儿童信息).
--
-- What a purge clears on childcare_enrolment: everything that names or describes the child or the
-- guardian — the sealed document (details_enc), the masked name and phone, the keyed hash of (name,
-- birth year), and the request hash of the enrolment (a digest of the whole form); on
-- childcare_attendance: who picked the child up (sealed name, mask, note), whether they were on the
-- list, when and who recorded it. What stays is what the figures count and the consent record: the
-- programme, the guardian's worker and member ids (their own list still shows the enrolment), the
-- state, the waiting-list number, the consent version and time, and each attendance mark (present).
ALTER TABLE childcare_enrolment
  ALTER COLUMN details_enc DROP NOT NULL,
  ALTER COLUMN child_hash DROP NOT NULL,
  ALTER COLUMN child_name_masked DROP NOT NULL,
  ALTER COLUMN guardian_phone_masked DROP NOT NULL,
  ALTER COLUMN request_hash DROP NOT NULL,
  ADD COLUMN purged_at timestamptz,
  ADD CONSTRAINT childcare_enrolment_purged CHECK (
    CASE WHEN purged_at IS NULL
      THEN details_enc IS NOT NULL AND child_hash IS NOT NULL AND child_name_masked IS NOT NULL AND guardian_phone_masked IS NOT NULL AND request_hash IS NOT NULL
      ELSE details_enc IS NULL AND child_hash IS NULL AND child_name_masked IS NULL AND guardian_phone_masked IS NULL AND request_hash IS NULL
    END);

-- When the programme's waiting list was dropped (its last session over) and when its children's data
-- was deleted: each done once, by the sweep or (the purge) by an admin of the running union.
ALTER TABLE childcare_programme
  ADD COLUMN waitlist_dropped_at timestamptz,
  ADD COLUMN purged_at timestamptz;
