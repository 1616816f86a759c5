-- 029 — the working-day calendar (工作日历), shared by every deadline counted in working days, and the
-- time limits of rights work orders (维权工单办理时限) per federation.
--
-- calendar_day holds only the exceptions to the week: public holidays (kind 'holiday', a weekday or
-- a weekend inside a holiday) and make-up working days (调休, kind 'workday', a Saturday or Sunday
-- worked). Every other Monday–Friday is a working day, every other weekend day is not
-- (server/lib/working-days.ts). Province staff admins edit it (/api/calendar/days).
CREATE TABLE calendar_day (
  day        date PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name       text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 30),
  note       text NOT NULL DEFAULT '' CHECK (char_length(note) <= 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- 2026: 国务院办公厅关于2026年部分节假日安排的通知, as published in the chinese-days 1.5.7 data
-- (holidays, workdays): 元旦 1–3 Jan (work Sun 4 Jan); 春节 15–23 Feb (work Sat 14 and Sat 28 Feb);
-- 清明 4–6 Apr; 劳动节 1–5 May (work Sat 9 May); 端午 19–21 Jun; 中秋 25–27 Sep; 国庆 1–7 Oct (work
-- Sun 20 Sep and Sat 10 Oct).
INSERT INTO calendar_day (day, kind, name) VALUES
  ('2026-01-01', 'holiday', '元旦'), ('2026-01-02', 'holiday', '元旦'), ('2026-01-03', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦调休'),
  ('2026-02-14', 'workday', '春节调休'),
  ('2026-02-15', 'holiday', '春节'), ('2026-02-16', 'holiday', '春节'), ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'), ('2026-02-19', 'holiday', '春节'), ('2026-02-20', 'holiday', '春节'),
  ('2026-02-21', 'holiday', '春节'), ('2026-02-22', 'holiday', '春节'), ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节调休'),
  ('2026-04-04', 'holiday', '清明节'), ('2026-04-05', 'holiday', '清明节'), ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'), ('2026-05-02', 'holiday', '劳动节'), ('2026-05-03', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'), ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节调休'),
  ('2026-06-19', 'holiday', '端午节'), ('2026-06-20', 'holiday', '端午节'), ('2026-06-21', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节调休'),
  ('2026-09-25', 'holiday', '中秋节'), ('2026-09-26', 'holiday', '中秋节'), ('2026-09-27', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'), ('2026-10-02', 'holiday', '国庆节'), ('2026-10-03', 'holiday', '国庆节'),
  ('2026-10-04', 'holiday', '国庆节'), ('2026-10-05', 'holiday', '国庆节'), ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节调休');

-- 2027: the State Council had not announced the schedule when this was written (6 Dec 2026), so
-- only the statutory holidays of 《全国年节及纪念日放假办法》 (2024) are seeded, their lunar dates
-- converted with chinese-days 1.5.7: 元旦 1 Jan; 春节 除夕 5 Feb to 初三 8 Feb; 清明 5 Apr; 劳动节
-- 1–2 May; 端午 9 Jun; 中秋 15 Sep; 国庆 1–3 Oct. The announced bridges and 调休 days are for staff
-- admins to add once published.
INSERT INTO calendar_day (day, kind, name, note) VALUES
  ('2027-01-01', 'holiday', '元旦', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-02-05', 'holiday', '春节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-02-06', 'holiday', '春节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-02-07', 'holiday', '春节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-02-08', 'holiday', '春节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-04-05', 'holiday', '清明节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-05-01', 'holiday', '劳动节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-05-02', 'holiday', '劳动节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-06-09', 'holiday', '端午节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-09-15', 'holiday', '中秋节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-10-01', 'holiday', '国庆节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-10-02', 'holiday', '国庆节', '法定假日；2027 年调休安排待国务院公布后补充'),
  ('2027-10-03', 'holiday', '国庆节', '法定假日；2027 年调休安排待国务院公布后补充');

-- Time limits of work orders, in working days, per federation × category × difficulty. A union
-- without a row of its own uses its nearest ancestor's; with none on the path, the 12345 norms
-- (accept 1, finish 5, extend by at most 10, return a mis-routed order within 2) apply.
CREATE TABLE ticket_time_limit (
  org_id             bigint NOT NULL REFERENCES org (id),
  category           text NOT NULL
                     CHECK (category IN ('wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'occupational_disease', 'gig_rights', 'other')),
  difficulty         text NOT NULL CHECK (difficulty IN ('normal', 'hard', 'complex')),
  accept_days        int NOT NULL CHECK (accept_days BETWEEN 1 AND 10),
  finish_days        int NOT NULL CHECK (finish_days BETWEEN 1 AND 60),
  max_extension_days int NOT NULL CHECK (max_extension_days BETWEEN 0 AND 60),
  return_days        int NOT NULL CHECK (return_days BETWEEN 1 AND 10),
  updated_by         bigint REFERENCES staff (id),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, category, difficulty)
);
