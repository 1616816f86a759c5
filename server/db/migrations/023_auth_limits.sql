-- 023 — limits on log-in and SMS codes that hold across app processes: counters live here, not in
-- a process's memory.
--
-- attempt_bucket: one counter per kind of limit, subject (a client address, a phone's keyed hash,
-- a user name's keyed hash, or '' for the whole platform) and window. Windowed kinds start their
-- windows on boundaries of Beijing time (a day is 00:00–24:00 in Asia/Shanghai); a streak kind (the
-- failed log-ins of a user name no account has) keeps one row per subject at window_start = epoch.
-- A row is useless once expires_at has passed; the sweep deletes those rows.
CREATE TABLE attempt_bucket (
  kind          text NOT NULL,
  subject       text NOT NULL,
  window_start  timestamptz NOT NULL,
  hits          integer NOT NULL CHECK (hits >= 0),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (kind, subject, window_start)
);
CREATE INDEX attempt_bucket_expires_idx ON attempt_bucket (expires_at);

-- A run of failed log-ins (or current-password checks) is forgotten once no failure has come for as
-- long as the lock lasts; a user name no account has is counted the same way in attempt_bucket.
ALTER TABLE staff ADD COLUMN last_failed_login_at timestamptz;
