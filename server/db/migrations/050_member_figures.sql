-- 050 — the members' tallies (一屏总览): month by month flows, facets now, employers per area, and each
-- employer's live member count. No dashboard figure counts member rows. Design:
-- docs/design/enterprise-file.md §7 "Tallies"; departures from it: docs/design/enterprise-tallies.md.
--
-- As org_rollup (005) and ticket_tally (038): every row is kept at EVERY ancestor of the org it
-- concerns (org.path's labels are the ancestors' ids), split over up to 16 slot rows
-- (pg_backend_pid() % 16) so concurrent writers in different sessions add to different rows.

CREATE TABLE member_month (
  org_id     bigint NOT NULL REFERENCES org (id),
  month      date NOT NULL CHECK (extract(day FROM month) = 1),
  slot       smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  joined     integer NOT NULL DEFAULT 0,
  rejoined   integer NOT NULL DEFAULT 0,
  left_      integer NOT NULL DEFAULT 0,
  moved_in   integer NOT NULL DEFAULT 0,
  moved_out  integer NOT NULL DEFAULT 0,
  reorg_in   integer NOT NULL DEFAULT 0,
  reorg_out  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, month, slot)
);

CREATE TABLE member_facet (
  org_id  bigint NOT NULL REFERENCES org (id),
  facet   text NOT NULL CHECK (facet IN ('women', 'gig', 'modelWorker', 'craftsman')),
  slot    smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  n       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, facet, slot)
);

CREATE TABLE enterprise_tally (
  org_id         bigint NOT NULL REFERENCES org (id),
  slot           smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  enterprises    integer NOT NULL DEFAULT 0,
  unionised      integer NOT NULL DEFAULT 0,
  sized          integer NOT NULL DEFAULT 0,
  employees      bigint NOT NULL DEFAULT 0,
  members_sized  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, slot)
);

-- Counted members: status not left nor deceased (as org.member_count, 001).
CREATE FUNCTION gh_counted(status text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(status, 'active') NOT IN ('left', 'deceased')
$$;

-- ── member_month from member_event ─────────────────────────────────────────────────────────────
-- joined / rejoined at to_org; status counted → not counted = left_ at the member's org (the
-- reverse: rejoined); transferred = moved_out on the ancestors of from_org that are not ancestors of
-- to_org, moved_in on the reverse (a move inside a subtree is no flow for it). Month = the Beijing
-- month of `at` (a back-dated event lands in its month).
CREATE FUNCTION gh_member_month_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH ev AS (
    SELECT date_trunc('month', e.at AT TIME ZONE 'Asia/Shanghai')::date AS month, e.kind, e.from_status, e.to_status,
           e.from_org_id, e.to_org_id, e.member_id
      FROM new_events e WHERE e.kind IN ('joined', 'rejoined', 'status', 'transferred')
  ), flows AS (
    SELECT a.id AS org_id, ev.month, (ev.kind = 'joined')::int AS joined, (ev.kind = 'rejoined')::int AS rejoined,
           0 AS left_, 0 AS moved_in, 0 AS moved_out
      FROM ev JOIN org o ON o.id = ev.to_org_id
     CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
     WHERE ev.kind IN ('joined', 'rejoined')
    UNION ALL
    SELECT a.id, ev.month, 0, gh_counted(ev.to_status)::int, gh_counted(ev.from_status)::int, 0, 0
      FROM ev JOIN member m ON m.id = ev.member_id JOIN org o ON o.id = coalesce(ev.to_org_id, ev.from_org_id, m.org_id)
     CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
     WHERE ev.kind = 'status' AND gh_counted(ev.from_status) <> gh_counted(ev.to_status)
    UNION ALL
    SELECT x.id, x.month, 0, 0, 0, (x.sign > 0)::int, (x.sign < 0)::int
      FROM (SELECT a.id, ev.month, sum(a.sign) AS sign
              FROM ev
              JOIN org f ON f.id = ev.from_org_id JOIN org t ON t.id = ev.to_org_id
             CROSS JOIN LATERAL (SELECT unnest(string_to_array(f.path::text, '.')::bigint[]) AS id, -1 AS sign
                                 UNION ALL
                                 SELECT unnest(string_to_array(t.path::text, '.')::bigint[]), 1) AS a
             WHERE ev.kind = 'transferred'
             GROUP BY ev.member_id, ev.from_org_id, ev.to_org_id, ev.month, a.id
            HAVING sum(a.sign) <> 0) x
  )
  INSERT INTO member_month (org_id, month, slot, joined, rejoined, left_, moved_in, moved_out)
  SELECT org_id, month, (pg_backend_pid() % 16)::smallint, sum(joined), sum(rejoined), sum(left_), sum(moved_in), sum(moved_out)
    FROM flows GROUP BY org_id, month
  ON CONFLICT (org_id, month, slot) DO UPDATE SET
    joined = member_month.joined + EXCLUDED.joined, rejoined = member_month.rejoined + EXCLUDED.rejoined,
    left_ = member_month.left_ + EXCLUDED.left_, moved_in = member_month.moved_in + EXCLUDED.moved_in,
    moved_out = member_month.moved_out + EXCLUDED.moved_out;
  RETURN NULL;
END
$$;
CREATE TRIGGER member_month_keep
AFTER INSERT ON member_event REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION gh_member_month_events();

-- ── member_facet and enterprise.member_count from member ───────────────────────────────────────
-- Three statement-level triggers (INSERT, UPDATE, DELETE: PostgreSQL takes transition tables only on
-- single-event triggers without a column list) hand their rows' contributions to one function: a
-- counted member's facets and employer leave with its old values and come with its new ones; an
-- UPDATE that changes none of org, counted, sex, platform, groups or employer is skipped.
CREATE FUNCTION gh_member_delta(d jsonb) RETURNS void LANGUAGE sql AS $$
  WITH r AS (
    SELECT * FROM jsonb_to_recordset(d) AS x(sign int, org_id bigint, women boolean, gig boolean, mw boolean, cr boolean, enterprise_id bigint)
  ), f AS (
    SELECT a.id AS org_id, x.facet, sum(r.sign)::int AS n
      FROM r JOIN org o ON o.id = r.org_id
     CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
     CROSS JOIN LATERAL (SELECT 'women' AS facet WHERE r.women UNION ALL SELECT 'gig' WHERE r.gig
                         UNION ALL SELECT 'modelWorker' WHERE r.mw UNION ALL SELECT 'craftsman' WHERE r.cr) x
     GROUP BY 1, 2 HAVING sum(r.sign) <> 0
  ), up AS (
    INSERT INTO member_facet (org_id, facet, slot, n) SELECT org_id, facet, (pg_backend_pid() % 16)::smallint, n FROM f
    ON CONFLICT (org_id, facet, slot) DO UPDATE SET n = member_facet.n + EXCLUDED.n
  )
  UPDATE enterprise e SET member_count = e.member_count + c.n
    FROM (SELECT enterprise_id, sum(sign)::int AS n FROM r WHERE enterprise_id IS NOT NULL GROUP BY 1) c
   WHERE e.id = c.enterprise_id AND c.n <> 0
$$;

CREATE FUNCTION gh_member_figures_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_member_delta(coalesce(jsonb_agg(jsonb_build_object('sign', 1, 'org_id', org_id, 'women', sex = 'female',
           'gig', gig_platform IS NOT NULL, 'mw', 'modelWorker' = ANY (groups), 'cr', 'craftsman' = ANY (groups),
           'enterprise_id', enterprise_id)), '[]'))
    FROM new_rows WHERE gh_counted(status);
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_member_figures_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_member_delta(coalesce(jsonb_agg(jsonb_build_object('sign', -1, 'org_id', org_id, 'women', sex = 'female',
           'gig', gig_platform IS NOT NULL, 'mw', 'modelWorker' = ANY (groups), 'cr', 'craftsman' = ANY (groups),
           'enterprise_id', enterprise_id)), '[]'))
    FROM old_rows WHERE gh_counted(status);
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_member_figures_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_member_delta(coalesce(jsonb_agg(x.j), '[]'))
    FROM (SELECT jsonb_build_object('sign', -1, 'org_id', o.org_id, 'women', o.sex = 'female', 'gig', o.gig_platform IS NOT NULL,
                   'mw', 'modelWorker' = ANY (o.groups), 'cr', 'craftsman' = ANY (o.groups), 'enterprise_id', o.enterprise_id) AS j
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE gh_counted(o.status)
             AND (o.org_id, gh_counted(o.status), o.sex, o.gig_platform IS NULL, o.groups, o.enterprise_id)
                 IS DISTINCT FROM (n.org_id, gh_counted(n.status), n.sex, n.gig_platform IS NULL, n.groups, n.enterprise_id)
          UNION ALL
          SELECT jsonb_build_object('sign', 1, 'org_id', n.org_id, 'women', n.sex = 'female', 'gig', n.gig_platform IS NOT NULL,
                   'mw', 'modelWorker' = ANY (n.groups), 'cr', 'craftsman' = ANY (n.groups), 'enterprise_id', n.enterprise_id)
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE gh_counted(n.status)
             AND (o.org_id, gh_counted(o.status), o.sex, o.gig_platform IS NULL, o.groups, o.enterprise_id)
                 IS DISTINCT FROM (n.org_id, gh_counted(n.status), n.sex, n.gig_platform IS NULL, n.groups, n.enterprise_id)) x;
  RETURN NULL;
END
$$;

CREATE TRIGGER member_figures_ins AFTER INSERT ON member REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_member_figures_ins();
CREATE TRIGGER member_figures_upd AFTER UPDATE ON member REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_member_figures_upd();
CREATE TRIGGER member_figures_del AFTER DELETE ON member REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_member_figures_del();

-- ── enterprise_tally from enterprise ───────────────────────────────────────────────────────────
-- A live employer (not merged) counts at every ancestor of its town: 1 employer, unionised when it
-- has a union, sized when it reported employees (> 0) — then its employees and its members
-- (入会率 = members_sized ÷ employees).
CREATE FUNCTION gh_enterprise_delta(d jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO enterprise_tally (org_id, slot, enterprises, unionised, sized, employees, members_sized)
  SELECT a.id, (pg_backend_pid() % 16)::smallint, sum(r.sign)::int,
         coalesce(sum(r.sign) FILTER (WHERE r.union_org_id IS NOT NULL), 0)::int,
         coalesce(sum(r.sign) FILTER (WHERE r.employees > 0), 0)::int,
         coalesce(sum(r.sign * r.employees) FILTER (WHERE r.employees > 0), 0),
         coalesce(sum(r.sign * r.member_count) FILTER (WHERE r.employees > 0), 0)
    FROM jsonb_to_recordset(d) AS r(sign int, town_org_id bigint, union_org_id bigint, employees int, member_count int)
    JOIN org o ON o.id = r.town_org_id
   CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id
  ON CONFLICT (org_id, slot) DO UPDATE SET enterprises = enterprise_tally.enterprises + EXCLUDED.enterprises,
    unionised = enterprise_tally.unionised + EXCLUDED.unionised, sized = enterprise_tally.sized + EXCLUDED.sized,
    employees = enterprise_tally.employees + EXCLUDED.employees, members_sized = enterprise_tally.members_sized + EXCLUDED.members_sized
$$;

CREATE FUNCTION gh_enterprise_tally_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_enterprise_delta(coalesce(jsonb_agg(jsonb_build_object('sign', 1, 'town_org_id', town_org_id, 'union_org_id', union_org_id,
           'employees', employees, 'member_count', member_count)), '[]'))
    FROM new_rows WHERE merged_into IS NULL;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_enterprise_tally_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_enterprise_delta(coalesce(jsonb_agg(jsonb_build_object('sign', -1, 'town_org_id', town_org_id, 'union_org_id', union_org_id,
           'employees', employees, 'member_count', member_count)), '[]'))
    FROM old_rows WHERE merged_into IS NULL;
  RETURN NULL;
END
$$;

CREATE FUNCTION gh_enterprise_tally_upd() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM gh_enterprise_delta(coalesce(jsonb_agg(x.j), '[]'))
    FROM (SELECT jsonb_build_object('sign', -1, 'town_org_id', o.town_org_id, 'union_org_id', o.union_org_id,
                   'employees', o.employees, 'member_count', o.member_count) AS j
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE o.merged_into IS NULL
             AND (o.town_org_id, o.union_org_id IS NULL, o.employees, o.member_count, o.merged_into IS NULL)
                 IS DISTINCT FROM (n.town_org_id, n.union_org_id IS NULL, n.employees, n.member_count, n.merged_into IS NULL)
          UNION ALL
          SELECT jsonb_build_object('sign', 1, 'town_org_id', n.town_org_id, 'union_org_id', n.union_org_id,
                   'employees', n.employees, 'member_count', n.member_count)
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n.merged_into IS NULL
             AND (o.town_org_id, o.union_org_id IS NULL, o.employees, o.member_count, o.merged_into IS NULL)
                 IS DISTINCT FROM (n.town_org_id, n.union_org_id IS NULL, n.employees, n.member_count, n.merged_into IS NULL)) x;
  RETURN NULL;
END
$$;

CREATE TRIGGER enterprise_tally_ins AFTER INSERT ON enterprise REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_enterprise_tally_ins();
CREATE TRIGGER enterprise_tally_upd AFTER UPDATE ON enterprise REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_enterprise_tally_upd();
CREATE TRIGGER enterprise_tally_del AFTER DELETE ON enterprise REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION gh_enterprise_tally_del();

-- ── a union moved in the tree ──────────────────────────────────────────────────────────────────
-- orgs.repo.ts moveSubtree rewrites the path of every org of the subtree; each org's own counted
-- members leave the ancestors it no longer has (reorg_out, this Beijing month) and join its new ones
-- (reorg_in), with their facets; the employers whose town it is move their tally. Ancestors inside
-- the moved subtree are on both paths and do not change.
CREATE FUNCTION gh_member_figures_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  this_month date := date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')::date;
  gone bigint[];
  come bigint[];
BEGIN
  IF NEW.path = OLD.path THEN
    RETURN NULL;
  END IF;
  gone := ARRAY(SELECT unnest(string_to_array(OLD.path::text, '.')::bigint[]) EXCEPT SELECT unnest(string_to_array(NEW.path::text, '.')::bigint[]));
  come := ARRAY(SELECT unnest(string_to_array(NEW.path::text, '.')::bigint[]) EXCEPT SELECT unnest(string_to_array(OLD.path::text, '.')::bigint[]));

  IF NEW.member_count <> 0 THEN
    INSERT INTO member_month (org_id, month, slot, reorg_in, reorg_out)
    SELECT c.id, this_month, (pg_backend_pid() % 16)::smallint, CASE WHEN c.sign > 0 THEN NEW.member_count ELSE 0 END,
           CASE WHEN c.sign < 0 THEN NEW.member_count ELSE 0 END
      FROM (SELECT id, -1 AS sign FROM unnest(gone) AS id UNION ALL SELECT id, 1 FROM unnest(come) AS id) c
    ON CONFLICT (org_id, month, slot) DO UPDATE SET reorg_in = member_month.reorg_in + EXCLUDED.reorg_in,
      reorg_out = member_month.reorg_out + EXCLUDED.reorg_out;

    WITH held AS (
      SELECT x.facet, count(*)::int AS n
        FROM member m
       CROSS JOIN LATERAL (SELECT 'women' AS facet WHERE m.sex = 'female' UNION ALL SELECT 'gig' WHERE m.gig_platform IS NOT NULL
                           UNION ALL SELECT 'modelWorker' WHERE 'modelWorker' = ANY (m.groups)
                           UNION ALL SELECT 'craftsman' WHERE 'craftsman' = ANY (m.groups)) x
       WHERE m.org_id = NEW.id AND gh_counted(m.status)
       GROUP BY 1)
    INSERT INTO member_facet (org_id, facet, slot, n)
    SELECT c.id, h.facet, (pg_backend_pid() % 16)::smallint, c.sign * h.n FROM (SELECT id, -1 AS sign FROM unnest(gone) AS id UNION ALL SELECT id, 1 FROM unnest(come) AS id) c CROSS JOIN held h
    ON CONFLICT (org_id, facet, slot) DO UPDATE SET n = member_facet.n + EXCLUDED.n;
  END IF;

  WITH held AS (
    SELECT count(*)::int AS enterprises, count(*) FILTER (WHERE union_org_id IS NOT NULL)::int AS unionised,
           count(*) FILTER (WHERE employees > 0)::int AS sized, coalesce(sum(employees) FILTER (WHERE employees > 0), 0) AS employees,
           coalesce(sum(member_count) FILTER (WHERE employees > 0), 0) AS members_sized
      FROM enterprise WHERE town_org_id = NEW.id AND merged_into IS NULL)
  INSERT INTO enterprise_tally (org_id, slot, enterprises, unionised, sized, employees, members_sized)
  SELECT c.id, (pg_backend_pid() % 16)::smallint, c.sign * h.enterprises, c.sign * h.unionised, c.sign * h.sized,
         c.sign * h.employees, c.sign * h.members_sized
    FROM (SELECT id, -1 AS sign FROM unnest(gone) AS id UNION ALL SELECT id, 1 FROM unnest(come) AS id) c CROSS JOIN held h WHERE h.enterprises > 0
  ON CONFLICT (org_id, slot) DO UPDATE SET enterprises = enterprise_tally.enterprises + EXCLUDED.enterprises,
    unionised = enterprise_tally.unionised + EXCLUDED.unionised, sized = enterprise_tally.sized + EXCLUDED.sized,
    employees = enterprise_tally.employees + EXCLUDED.employees, members_sized = enterprise_tally.members_sized + EXCLUDED.members_sized;
  RETURN NULL;
END
$$;
CREATE TRIGGER member_figures_org_move
AFTER UPDATE OF path ON org
FOR EACH ROW EXECUTE FUNCTION gh_member_figures_move();

-- ── the set-based rebuild ──────────────────────────────────────────────────────────────────────
-- Seed and bench loaders COPY with the triggers off, then call this. member_month is replayed from
-- member_event against TODAY's tree (a 'status' event counts at the member's union of that moment:
-- the to_org of its last joined/rejoined/transferred event before it), so the reorg columns are 0
-- after a rebuild: history follows a moved union. member_facet, enterprise.member_count and
-- enterprise_tally are recounted from the rows.
CREATE FUNCTION gh_member_figures_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM member_month;
  WITH e AS (
    SELECT id, member_id, kind, from_status, to_status, from_org_id, to_org_id,
           date_trunc('month', at AT TIME ZONE 'Asia/Shanghai')::date AS month,
           count(*) FILTER (WHERE kind IN ('joined', 'rejoined', 'transferred')) OVER (PARTITION BY member_id ORDER BY id) AS grp
      FROM member_event WHERE kind IN ('joined', 'rejoined', 'status', 'transferred')
  ), ev AS (
    SELECT e.*, first_value(to_org_id) OVER (PARTITION BY member_id, grp ORDER BY id) AS place FROM e
  ), flows AS (
    SELECT ev.to_org_id AS org_id, ev.month, (ev.kind = 'joined')::int AS joined, (ev.kind = 'rejoined')::int AS rejoined,
           0 AS left_, 0 AS moved_in, 0 AS moved_out
      FROM ev WHERE ev.kind IN ('joined', 'rejoined')
    UNION ALL
    SELECT coalesce(ev.to_org_id, ev.from_org_id, ev.place), ev.month, 0, gh_counted(ev.to_status)::int, gh_counted(ev.from_status)::int, 0, 0
      FROM ev WHERE ev.kind = 'status' AND gh_counted(ev.from_status) <> gh_counted(ev.to_status)
    UNION ALL
    SELECT ev.from_org_id, ev.month, 0, 0, 0, 0, 1 FROM ev WHERE ev.kind = 'transferred'
    UNION ALL
    SELECT ev.to_org_id, ev.month, 0, 0, 0, 1, 0 FROM ev WHERE ev.kind = 'transferred'
  ), own AS (
    -- per org's own flows first (few rows), then spread to ancestors; a transfer's out and in at a
    -- common ancestor cancel there
    SELECT org_id, month, sum(joined) AS joined, sum(rejoined) AS rejoined, sum(left_) AS left_, sum(moved_in) AS moved_in, sum(moved_out) AS moved_out
      FROM flows WHERE org_id IS NOT NULL GROUP BY 1, 2
  ), xfer AS (
    -- transfers between two orgs: the common ancestors see no flow
    SELECT ev.from_org_id, ev.to_org_id, ev.month, count(*) AS n FROM ev WHERE ev.kind = 'transferred' GROUP BY 1, 2, 3
  ), common AS (
    SELECT a.id AS org_id, x.month, sum(x.n) AS n
      FROM xfer x JOIN org f ON f.id = x.from_org_id JOIN org t ON t.id = x.to_org_id
     CROSS JOIN LATERAL (SELECT unnest(string_to_array(f.path::text, '.')::bigint[]) AS id
                         INTERSECT SELECT unnest(string_to_array(t.path::text, '.')::bigint[])) a
     GROUP BY 1, 2
  ), spread AS (
    SELECT a.id AS org_id, own.month, own.joined, own.rejoined, own.left_, own.moved_in, own.moved_out
      FROM own JOIN org o ON o.id = own.org_id
     CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
    UNION ALL
    SELECT org_id, month, 0, 0, 0, -n, -n FROM common
  )
  INSERT INTO member_month (org_id, month, slot, joined, rejoined, left_, moved_in, moved_out)
  SELECT org_id, month, 0, sum(joined), sum(rejoined), sum(left_), sum(moved_in), sum(moved_out)
    FROM spread GROUP BY 1, 2
  HAVING sum(joined) <> 0 OR sum(rejoined) <> 0 OR sum(left_) <> 0 OR sum(moved_in) <> 0 OR sum(moved_out) <> 0;

  DELETE FROM member_facet;
  INSERT INTO member_facet (org_id, facet, slot, n)
  SELECT a.id, x.facet, 0, sum(x.n)::int
    FROM (SELECT m.org_id, f.facet, count(*) AS n
            FROM member m
           CROSS JOIN LATERAL (SELECT 'women' AS facet WHERE m.sex = 'female' UNION ALL SELECT 'gig' WHERE m.gig_platform IS NOT NULL
                               UNION ALL SELECT 'modelWorker' WHERE 'modelWorker' = ANY (m.groups)
                               UNION ALL SELECT 'craftsman' WHERE 'craftsman' = ANY (m.groups)) f
           WHERE gh_counted(m.status)
           GROUP BY 1, 2) x
    JOIN org o ON o.id = x.org_id
   CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY 1, 2;

  UPDATE enterprise e SET member_count = coalesce(c.n, 0)
    FROM enterprise e2
    LEFT JOIN (SELECT enterprise_id, count(*)::int AS n FROM member WHERE enterprise_id IS NOT NULL AND gh_counted(status) GROUP BY 1) c
      ON c.enterprise_id = e2.id
   WHERE e.id = e2.id AND e.member_count IS DISTINCT FROM coalesce(c.n, 0);

  DELETE FROM enterprise_tally;
  INSERT INTO enterprise_tally (org_id, slot, enterprises, unionised, sized, employees, members_sized)
  SELECT a.id, 0, sum(x.enterprises)::int, sum(x.unionised)::int, sum(x.sized)::int, sum(x.employees), sum(x.members_sized)
    FROM (SELECT town_org_id, count(*) AS enterprises, count(*) FILTER (WHERE union_org_id IS NOT NULL) AS unionised,
                 count(*) FILTER (WHERE employees > 0) AS sized, coalesce(sum(employees) FILTER (WHERE employees > 0), 0) AS employees,
                 coalesce(sum(member_count) FILTER (WHERE employees > 0), 0) AS members_sized
            FROM enterprise WHERE merged_into IS NULL GROUP BY 1) x
    JOIN org o ON o.id = x.town_org_id
   CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   GROUP BY 1;
END
$$;

SELECT gh_member_figures_rebuild();
ANALYZE member_month;
ANALYZE member_facet;
ANALYZE enterprise_tally;
