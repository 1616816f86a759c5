-- 061 — courses that leave a trace (issue 17 slice B, docs/design/skills-jobs.md §4).
-- A course is an activity of kind training plus a `course` row: the activity keeps its sign-up,
-- check-in and figures; the course adds what it teaches (course_skill), its pass rules and the results.
-- Completion writes each passed member's taught skills once (member_skill, source course).

CREATE TABLE course (
  activity_id        bigint PRIMARY KEY REFERENCES activity (id),
  sessions           smallint NOT NULL CHECK (sessions BETWEEN 1 AND 200),
  min_attendance_pct smallint NOT NULL CHECK (min_attendance_pct BETWEEN 0 AND 100),
  -- null: no assessment, attendance alone decides
  min_mark           smallint CHECK (min_mark BETWEEN 0 AND 100),
  completed_at       timestamptz,
  completed_by       bigint REFERENCES staff (id),
  created_by         bigint NOT NULL REFERENCES staff (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);

-- What a course teaches, each at the level a passed member is credited with.
CREATE TABLE course_skill (
  course_id bigint NOT NULL REFERENCES course (activity_id) ON DELETE CASCADE,
  skill_id  bigint NOT NULL REFERENCES skill (id),
  level     smallint NOT NULL CHECK (level BETWEEN 1 AND 8),
  PRIMARY KEY (course_id, skill_id)
);

-- One result per member of a course; `passed` is decided by the service from the course's rules when
-- the result is recorded (and recomputed when the rules change).
CREATE TABLE course_result (
  course_id      bigint NOT NULL REFERENCES course (activity_id),
  member_id      bigint NOT NULL REFERENCES member (id),
  attendance_pct smallint NOT NULL CHECK (attendance_pct BETWEEN 0 AND 100),
  mark           smallint CHECK (mark BETWEEN 0 AND 100),
  passed         boolean NOT NULL,
  recorded_by    bigint NOT NULL REFERENCES staff (id),
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (course_id, member_id)
);
CREATE INDEX course_result_member_idx ON course_result (member_id);
-- completion reads the passed members of one course
CREATE INDEX course_result_passed_idx ON course_result (course_id, member_id) WHERE passed;

-- The idempotency store of POST /api/courses/{id}/complete: one answer per (staff, key), written in
-- the completion's transaction.
CREATE TABLE course_completion_request (
  staff_id     bigint NOT NULL REFERENCES staff (id),
  idem_key     text NOT NULL,
  request_hash bytea NOT NULL,
  course_id    bigint NOT NULL REFERENCES course (activity_id),
  answer       jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT course_completion_idem_key PRIMARY KEY (staff_id, idem_key)
);

-- 059 left member_skill.course_id without its foreign key: the table it names exists from here.
ALTER TABLE member_skill ADD CONSTRAINT member_skill_course_fk FOREIGN KEY (course_id) REFERENCES course (activity_id);
CREATE INDEX member_skill_course_idx ON member_skill (course_id) WHERE course_id IS NOT NULL;
