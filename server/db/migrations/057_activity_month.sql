-- 057 — the activities' tallies (一屏总览's 活动数, 活动访问人数, 活动参与人数), kept, not counted at read
-- time: at 10,000,000 members a province holds ~40 M views and ~8 M confirmed sign-ups, and counting
-- them for a dashboard took seconds (docs/design/enterprise-dashboard.md, "Next: the activities' tiles
-- need a tally"). As member_month (050): a row per ancestor of the publishing union, per Beijing month
-- of the activity's starts_at, split over 64 slot rows (one at random per write, see
-- gh_activity_delta) so that concurrent writers add to different rows. Only published activities count, with their views (one per member)
-- and confirmed sign-ups; a cancelled activity takes all three with it.
--
-- Each delta reads an org's ancestors and an activity's row by a scalar or LIMITed lookup on its key
-- (an index probe per row): joined to a transition table, the planner guesses its rows and may hash a
-- whole table for one row (056).
CREATE TABLE activity_month (
  org_id        bigint NOT NULL REFERENCES org (id),
  month         date NOT NULL CHECK (extract(day FROM month) = 1),
  slot          smallint NOT NULL CHECK (slot BETWEEN 0 AND 63),
  activities    integer NOT NULL DEFAULT 0,
  visits        integer NOT NULL DEFAULT 0,
  participants  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, month, slot)
);

-- Adds contributions given per (org, month) to every ancestor of the org; zero sums write nothing.
-- A view or a sign-up is written one at a time at a flash crowd's rate, all of a month's to the same
-- few ancestor rows: a row updated thousands of times a minute grows a chain of dead versions that each
-- upsert walks (bench/signup.ts one by one: ~1 ms a call over 16 slots chosen by session). So a delta
-- picks one of 64 slots at random, and writes its rows in key order (no two writers lock them in
-- opposite orders).
CREATE FUNCTION gh_activity_delta(d jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s smallint := floor(random() * 64)::smallint;
BEGIN
  INSERT INTO activity_month (org_id, month, slot, activities, visits, participants)
  SELECT a.id, r.month, s, sum(r.activities)::int, sum(r.visits)::int, sum(r.participants)::int
    FROM jsonb_to_recordset(d) AS r(org_id bigint, month date, activities int, visits int, participants int)
   CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = r.org_id)::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id, r.month
  HAVING sum(r.activities) <> 0 OR sum(r.visits) <> 0 OR sum(r.participants) <> 0
   ORDER BY a.id, r.month
  ON CONFLICT (org_id, month, slot) DO UPDATE SET activities = activity_month.activities + EXCLUDED.activities,
    visits = activity_month.visits + EXCLUDED.visits, participants = activity_month.participants + EXCLUDED.participants;
END
$$;

-- Views and sign-ups of published activities, per activity: (activity_id, visits, participants) →
-- the activity's org and month.
CREATE FUNCTION gh_activity_rows_delta(d jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  e jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object('org_id', act.org_id, 'month', date_trunc('month', act.starts_at AT TIME ZONE 'Asia/Shanghai')::date,
                                      'activities', 0, 'visits', r.visits, 'participants', r.participants))
    INTO e
    FROM jsonb_to_recordset(d) AS r(activity_id bigint, visits int, participants int)
   CROSS JOIN LATERAL (SELECT x.org_id, x.starts_at FROM activity x WHERE x.id = r.activity_id AND x.status = 'published' LIMIT 1) act
   WHERE r.visits <> 0 OR r.participants <> 0;
  IF e IS NOT NULL THEN
    PERFORM gh_activity_delta(e);
  END IF;
END
$$;

-- The two writes of a flash crowd (a view, a confirmed sign-up) go straight to the tally in one
-- statement — no JSON, no nested call: ~0.5 ms a call through the generic deltas, measured.
CREATE FUNCTION gh_activity_view_ins() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s smallint := floor(random() * 64)::smallint;
BEGIN
  INSERT INTO activity_month (org_id, month, slot, visits)
  SELECT anc.id, act.month, s, count(*)::int
    FROM new_rows v
   CROSS JOIN LATERAL (SELECT x.org_id, date_trunc('month', x.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS month
                         FROM activity x WHERE x.id = v.activity_id AND x.status = 'published' LIMIT 1) act
   CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = act.org_id)::text, '.')::bigint[]) AS anc(id)
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (org_id, month, slot) DO UPDATE SET visits = activity_month.visits + EXCLUDED.visits;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_activity_view_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM old_rows) THEN
    RETURN NULL;
  END IF;
  PERFORM gh_activity_rows_delta(jsonb_agg(jsonb_build_object('activity_id', x.activity_id, 'visits', -x.n, 'participants', 0)))
    FROM (SELECT activity_id, count(*)::int AS n FROM old_rows GROUP BY 1) x;
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_view_month_ins AFTER INSERT ON activity_view REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_view_ins();
CREATE TRIGGER activity_view_month_del AFTER DELETE ON activity_view REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_view_del();

-- Sign-ups: only moves into or out of 'confirmed' count.
CREATE FUNCTION gh_activity_signup_ins() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  s smallint := floor(random() * 64)::smallint;
BEGIN
  INSERT INTO activity_month (org_id, month, slot, participants)
  SELECT anc.id, act.month, s, count(*)::int
    FROM new_rows g
   CROSS JOIN LATERAL (SELECT x.org_id, date_trunc('month', x.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS month
                         FROM activity x WHERE x.id = g.activity_id AND x.status = 'published' LIMIT 1) act
   CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = act.org_id)::text, '.')::bigint[]) AS anc(id)
   WHERE g.status = 'confirmed'
   GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (org_id, month, slot) DO UPDATE SET participants = activity_month.participants + EXCLUDED.participants;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_activity_signup_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM old_rows WHERE status = 'confirmed') THEN
    RETURN NULL;
  END IF;
  PERFORM gh_activity_rows_delta(jsonb_agg(jsonb_build_object('activity_id', x.activity_id, 'visits', 0, 'participants', -x.n)))
    FROM (SELECT activity_id, count(*)::int AS n FROM old_rows WHERE status = 'confirmed' GROUP BY 1) x;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_activity_signup_upd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object('activity_id', x.activity_id, 'visits', 0, 'participants', x.n)) INTO d
    FROM (SELECT c.activity_id, sum(c.n)::int AS n
            FROM (SELECT activity_id, 1 AS n FROM new_rows WHERE status = 'confirmed'
                  UNION ALL
                  SELECT activity_id, -1 FROM old_rows WHERE status = 'confirmed') c
           GROUP BY 1 HAVING sum(c.n) <> 0) x;
  IF d IS NOT NULL THEN
    PERFORM gh_activity_rows_delta(d);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_signup_month_ins AFTER INSERT ON activity_signup REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_signup_ins();
CREATE TRIGGER activity_signup_month_upd AFTER UPDATE ON activity_signup REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_signup_upd();
CREATE TRIGGER activity_signup_month_del AFTER DELETE ON activity_signup REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_signup_del();

-- An activity published, cancelled, moved to another month or union: its whole contribution (itself,
-- its views, its confirmed sign-ups as they are now) leaves the old (org, month) and comes to the new.
CREATE FUNCTION gh_activity_whole(sign int, activity_id bigint, org_id bigint, starts_at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('org_id', org_id, 'month', date_trunc('month', starts_at AT TIME ZONE 'Asia/Shanghai')::date,
           'activities', sign,
           'visits', sign * (SELECT count(*) FROM activity_view v WHERE v.activity_id = gh_activity_whole.activity_id),
           'participants', sign * (SELECT count(*) FROM activity_signup s WHERE s.activity_id = gh_activity_whole.activity_id AND s.status = 'confirmed'))
$$;

CREATE FUNCTION gh_activity_month_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM new_rows WHERE status = 'published') THEN
    RETURN NULL;
  END IF;
  PERFORM gh_activity_delta(jsonb_agg(gh_activity_whole(1, id, org_id, starts_at))) FROM new_rows WHERE status = 'published';
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_activity_month_upd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
BEGIN
  SELECT jsonb_agg(x.j) INTO d
    FROM (SELECT gh_activity_whole(-1, o.id, o.org_id, o.starts_at) AS j
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE o.status = 'published'
             AND (o.org_id, n.status = 'published', date_trunc('month', o.starts_at AT TIME ZONE 'Asia/Shanghai'))
                 IS DISTINCT FROM (n.org_id, true, date_trunc('month', n.starts_at AT TIME ZONE 'Asia/Shanghai'))
          UNION ALL
          SELECT gh_activity_whole(1, n.id, n.org_id, n.starts_at)
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n.status = 'published'
             AND (n.org_id, o.status = 'published', date_trunc('month', n.starts_at AT TIME ZONE 'Asia/Shanghai'))
                 IS DISTINCT FROM (o.org_id, true, date_trunc('month', o.starts_at AT TIME ZONE 'Asia/Shanghai'))) x;
  IF d IS NOT NULL THEN
    PERFORM gh_activity_delta(d);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_activity_month_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM old_rows WHERE status = 'published') THEN
    RETURN NULL;
  END IF;
  PERFORM gh_activity_delta(jsonb_agg(gh_activity_whole(-1, id, org_id, starts_at))) FROM old_rows WHERE status = 'published';
  RETURN NULL;
END
$$;

CREATE TRIGGER activity_month_ins AFTER INSERT ON activity REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_month_ins();
CREATE TRIGGER activity_month_upd AFTER UPDATE ON activity REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_month_upd();
CREATE TRIGGER activity_month_del AFTER DELETE ON activity REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_activity_month_del();

-- A union moved in the tree (orgs.repo.ts moveSubtree rewrites each path of the subtree): its own
-- published activities, with their views and sign-ups, leave the ancestors it no longer has and come
-- to its new ones. Ancestors inside the moved subtree are on both paths and do not change.
CREATE FUNCTION gh_activity_month_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.path = OLD.path OR NOT EXISTS (SELECT FROM activity WHERE org_id = NEW.id AND status = 'published') THEN
    RETURN NULL;
  END IF;
  WITH own AS (
    SELECT date_trunc('month', a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS month, count(*)::int AS activities,
           sum((SELECT count(*) FROM activity_view v WHERE v.activity_id = a.id))::int AS visits,
           sum((SELECT count(*) FROM activity_signup s WHERE s.activity_id = a.id AND s.status = 'confirmed'))::int AS participants
      FROM activity a WHERE a.org_id = NEW.id AND a.status = 'published'
     GROUP BY 1
  ), moved AS (
    SELECT id, -1 AS sign FROM (SELECT unnest(string_to_array(OLD.path::text, '.')::bigint[]) EXCEPT SELECT unnest(string_to_array(NEW.path::text, '.')::bigint[])) g(id)
    UNION ALL
    SELECT id, 1 FROM (SELECT unnest(string_to_array(NEW.path::text, '.')::bigint[]) EXCEPT SELECT unnest(string_to_array(OLD.path::text, '.')::bigint[])) c(id)
  )
  INSERT INTO activity_month (org_id, month, slot, activities, visits, participants)
  SELECT m.id, own.month, (pg_backend_pid() % 16)::smallint, m.sign * own.activities, m.sign * own.visits, m.sign * own.participants
    FROM moved m CROSS JOIN own
  ON CONFLICT (org_id, month, slot) DO UPDATE SET activities = activity_month.activities + EXCLUDED.activities,
    visits = activity_month.visits + EXCLUDED.visits, participants = activity_month.participants + EXCLUDED.participants;
  RETURN NULL;
END
$$;
CREATE TRIGGER activity_month_org_move
AFTER UPDATE OF path ON org
FOR EACH ROW EXECUTE FUNCTION gh_activity_month_move();

-- The set-based rebuild: seed and bench loaders that write with the triggers off call this.
CREATE FUNCTION gh_activity_figures_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM activity_month;
  WITH own AS (
    SELECT a.org_id, date_trunc('month', a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AS month, count(*) AS activities,
           coalesce(sum(v.n), 0) AS visits, coalesce(sum(s.n), 0) AS participants
      FROM activity a
      LEFT JOIN (SELECT activity_id, count(*) AS n FROM activity_view GROUP BY 1) v ON v.activity_id = a.id
      LEFT JOIN (SELECT activity_id, count(*) AS n FROM activity_signup WHERE status = 'confirmed' GROUP BY 1) s ON s.activity_id = a.id
     WHERE a.status = 'published'
     GROUP BY 1, 2
  )
  INSERT INTO activity_month (org_id, month, slot, activities, visits, participants)
  SELECT x.id, own.month, 0, sum(own.activities)::int, sum(own.visits)::int, sum(own.participants)::int
    FROM own JOIN org o ON o.id = own.org_id
   CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS x(id)
   GROUP BY 1, 2;
END
$$;

SELECT gh_activity_figures_rebuild();
ANALYZE activity_month;
