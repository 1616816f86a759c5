-- 056 — the join path's tallies made cheap again (docs/BENCHMARKS.md, "Session 12 (issue 16)": 050's
-- tallies took PostgreSQL's CPU per join from ~490 to ~1,150–1,340 µs and halved the joins a second).
-- Where it went, and what changes:
--
-- 1. Statement-level triggers fire for every statement, even one that touched no row: the join's
--    `INSERT INTO enterprise … WHERE <a new employer>` and its `card_issued` event each ran a trigger
--    that built JSON from an empty transition table and then upserted nothing. Each function now
--    returns at once when no row of its transition table matters.
-- 2. A member's employer gaining a member wrote `enterprise.member_count`, whose update trigger then
--    took the employer out of `enterprise_tally` at every ancestor and put it back (-1 then +1: five
--    zero upserts a join) although `member_count` counts there only for a sized employer (employees
--    > 0). The update trigger now sees `member_count` only where the employer is sized, and the delta
--    drops every ancestor whose sums are all zero.
-- 4. The two delta functions were LANGUAGE sql: PostgreSQL parses and plans a SQL function's body on
--    every call (it keeps no plan between statements), and their CTE-and-jsonb bodies cost more to
--    plan than to run. As PL/pgSQL their plans are kept for the session.
-- 5. The deltas joined org (and member) to a transition table or a jsonb record set, whose row
--    counts the planner guesses (100): it hashed the whole org table for one row — 0.85 ms at the
--    demo's 2,000 orgs, tens of ms at a province's 140,000. An org's ancestors are now read by a
--    scalar subquery on its key, an index probe per row whatever the planner guesses (a SQL helper
--    function would not be inlined, and costs a call per row).
-- 3. The union's own `org.member_count` (001, 021) is the hot row of a join — every join to one union
--    waits on it — and it was written in the middle of the transaction, so its lock was held through
--    the tallies, the card and the notice that followed. The trigger is now a constraint trigger
--    deferred to commit: the row is locked last, for the commit alone. Its WHEN test is evaluated when
--    the row changes, so a roster's bulk write (gonghui.bulk_member_counts) still queues nothing.

-- ── 3. the union's member_count, at commit ─────────────────────────────────────────────────────
DROP TRIGGER member_counts ON member;
CREATE CONSTRAINT TRIGGER member_counts
AFTER INSERT OR DELETE OR UPDATE OF org_id, status ON member
DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW WHEN (current_setting('gonghui.bulk_member_counts', true) IS DISTINCT FROM 'on')
EXECUTE FUNCTION gh_member_counts();

-- ── 1. member_month: nothing to do for events that are no flow (card_issued, notes …) ────────────
CREATE OR REPLACE FUNCTION gh_member_month_events() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM new_events WHERE kind IN ('joined', 'rejoined', 'status', 'transferred')) THEN
    RETURN NULL;
  END IF;
  WITH ev AS (
    SELECT date_trunc('month', e.at AT TIME ZONE 'Asia/Shanghai')::date AS month, e.kind, e.from_status, e.to_status,
           e.from_org_id, e.to_org_id, e.member_id
      FROM new_events e WHERE e.kind IN ('joined', 'rejoined', 'status', 'transferred')
  ), flows AS (
    SELECT a.id AS org_id, ev.month, (ev.kind = 'joined')::int AS joined, (ev.kind = 'rejoined')::int AS rejoined,
           0 AS left_, 0 AS moved_in, 0 AS moved_out
      FROM ev CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = ev.to_org_id)::text, '.')::bigint[]) AS a(id)
     WHERE ev.kind IN ('joined', 'rejoined')
    UNION ALL
    SELECT a.id, ev.month, 0, gh_counted(ev.to_status)::int, gh_counted(ev.from_status)::int, 0, 0
      FROM ev CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = coalesce(ev.to_org_id, ev.from_org_id, (SELECT m.org_id FROM member m WHERE m.id = ev.member_id)))::text, '.')::bigint[]) AS a(id)
     WHERE ev.kind = 'status' AND gh_counted(ev.from_status) <> gh_counted(ev.to_status)
    UNION ALL
    SELECT x.id, x.month, 0, 0, 0, (x.sign > 0)::int, (x.sign < 0)::int
      FROM (SELECT a.id, ev.month, sum(a.sign) AS sign
              FROM ev
             CROSS JOIN LATERAL (SELECT unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = ev.from_org_id)::text, '.')::bigint[]) AS id, -1 AS sign
                                 UNION ALL
                                 SELECT unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = ev.to_org_id)::text, '.')::bigint[]), 1) AS a
             WHERE ev.kind = 'transferred'
             GROUP BY ev.member_id, ev.from_org_id, ev.to_org_id, ev.month, a.id
            HAVING sum(a.sign) <> 0) x
  )
  INSERT INTO member_month (org_id, month, slot, joined, rejoined, left_, moved_in, moved_out)
  SELECT org_id, month, (pg_backend_pid() % 16)::smallint, sum(joined), sum(rejoined), sum(left_), sum(moved_in), sum(moved_out)
    FROM flows GROUP BY org_id, month
  HAVING sum(joined) <> 0 OR sum(rejoined) <> 0 OR sum(left_) <> 0 OR sum(moved_in) <> 0 OR sum(moved_out) <> 0
  ON CONFLICT (org_id, month, slot) DO UPDATE SET
    joined = member_month.joined + EXCLUDED.joined, rejoined = member_month.rejoined + EXCLUDED.rejoined,
    left_ = member_month.left_ + EXCLUDED.left_, moved_in = member_month.moved_in + EXCLUDED.moved_in,
    moved_out = member_month.moved_out + EXCLUDED.moved_out;
  RETURN NULL;
END
$$;

-- ── 1. member_facet and the employer's member_count: only rows that count, only changed sums ─────
CREATE OR REPLACE FUNCTION gh_member_delta(d jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF d = '[]'::jsonb THEN
    RETURN;
  END IF;
  WITH r AS (
    SELECT * FROM jsonb_to_recordset(d) AS x(sign int, org_id bigint, women boolean, gig boolean, mw boolean, cr boolean, enterprise_id bigint)
  ), f AS (
    SELECT a.id AS org_id, x.facet, sum(r.sign)::int AS n
      FROM r CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = r.org_id)::text, '.')::bigint[]) AS a(id)
     CROSS JOIN LATERAL (SELECT 'women' AS facet WHERE r.women UNION ALL SELECT 'gig' WHERE r.gig
                         UNION ALL SELECT 'modelWorker' WHERE r.mw UNION ALL SELECT 'craftsman' WHERE r.cr) x
     GROUP BY 1, 2 HAVING sum(r.sign) <> 0
  )
  INSERT INTO member_facet (org_id, facet, slot, n) SELECT org_id, facet, (pg_backend_pid() % 16)::smallint, n FROM f
  ON CONFLICT (org_id, facet, slot) DO UPDATE SET n = member_facet.n + EXCLUDED.n;

  -- An UPDATE statement on enterprise fires its tally trigger even when it changes no row: run it
  -- only for employers whose count changes.
  IF EXISTS (SELECT FROM jsonb_to_recordset(d) AS x(sign int, enterprise_id bigint)
              WHERE x.enterprise_id IS NOT NULL GROUP BY x.enterprise_id HAVING sum(x.sign) <> 0) THEN
    UPDATE enterprise e SET member_count = e.member_count + c.n
      FROM (SELECT x.enterprise_id, sum(x.sign)::int AS n FROM jsonb_to_recordset(d) AS x(sign int, enterprise_id bigint)
             WHERE x.enterprise_id IS NOT NULL GROUP BY 1) c
     WHERE e.id = c.enterprise_id AND c.n <> 0;
  END IF;
END
$$;

-- ── 2. enterprise_tally: zero sums upsert nothing; member_count matters only for a sized employer ─
CREATE OR REPLACE FUNCTION gh_enterprise_delta(d jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO enterprise_tally (org_id, slot, enterprises, unionised, sized, employees, members_sized)
  SELECT a.id, (pg_backend_pid() % 16)::smallint, sum(r.sign)::int,
         coalesce(sum(r.sign) FILTER (WHERE r.union_org_id IS NOT NULL), 0)::int,
         coalesce(sum(r.sign) FILTER (WHERE r.employees > 0), 0)::int,
         coalesce(sum(r.sign * r.employees) FILTER (WHERE r.employees > 0), 0),
         coalesce(sum(r.sign * r.member_count) FILTER (WHERE r.employees > 0), 0)
    FROM jsonb_to_recordset(d) AS r(sign int, town_org_id bigint, union_org_id bigint, employees int, member_count int)
   CROSS JOIN LATERAL unnest(string_to_array((SELECT o.path FROM org o WHERE o.id = r.town_org_id)::text, '.')::bigint[]) AS a(id)
   GROUP BY a.id
  HAVING sum(r.sign) <> 0
      OR coalesce(sum(r.sign) FILTER (WHERE r.union_org_id IS NOT NULL), 0) <> 0
      OR coalesce(sum(r.sign) FILTER (WHERE r.employees > 0), 0) <> 0
      OR coalesce(sum(r.sign * r.employees) FILTER (WHERE r.employees > 0), 0) <> 0
      OR coalesce(sum(r.sign * r.member_count) FILTER (WHERE r.employees > 0), 0) <> 0
  ON CONFLICT (org_id, slot) DO UPDATE SET enterprises = enterprise_tally.enterprises + EXCLUDED.enterprises,
    unionised = enterprise_tally.unionised + EXCLUDED.unionised, sized = enterprise_tally.sized + EXCLUDED.sized,
    employees = enterprise_tally.employees + EXCLUDED.employees, members_sized = enterprise_tally.members_sized + EXCLUDED.members_sized;
END
$$;

CREATE OR REPLACE FUNCTION gh_enterprise_tally_ins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM new_rows WHERE merged_into IS NULL) THEN
    RETURN NULL;
  END IF;
  PERFORM gh_enterprise_delta(jsonb_agg(jsonb_build_object('sign', 1, 'town_org_id', town_org_id, 'union_org_id', union_org_id,
           'employees', employees, 'member_count', member_count)))
    FROM new_rows WHERE merged_into IS NULL;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION gh_enterprise_tally_del() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT FROM old_rows WHERE merged_into IS NULL) THEN
    RETURN NULL;
  END IF;
  PERFORM gh_enterprise_delta(jsonb_agg(jsonb_build_object('sign', -1, 'town_org_id', town_org_id, 'union_org_id', union_org_id,
           'employees', employees, 'member_count', member_count)))
    FROM old_rows WHERE merged_into IS NULL;
  RETURN NULL;
END
$$;

-- The row as the tally sees it: member_count counts only while the employer is sized.
CREATE OR REPLACE FUNCTION gh_enterprise_tally_upd() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
BEGIN
  IF NOT EXISTS (SELECT FROM new_rows) THEN
    RETURN NULL;
  END IF;
  SELECT jsonb_agg(x.j) INTO d
    FROM (SELECT jsonb_build_object('sign', -1, 'town_org_id', o.town_org_id, 'union_org_id', o.union_org_id,
                   'employees', o.employees, 'member_count', o.member_count) AS j
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE o.merged_into IS NULL
             AND (o.town_org_id, o.union_org_id IS NULL, o.employees, CASE WHEN o.employees > 0 THEN o.member_count END, o.merged_into IS NULL)
                 IS DISTINCT FROM (n.town_org_id, n.union_org_id IS NULL, n.employees, CASE WHEN n.employees > 0 THEN n.member_count END, n.merged_into IS NULL)
          UNION ALL
          SELECT jsonb_build_object('sign', 1, 'town_org_id', n.town_org_id, 'union_org_id', n.union_org_id,
                   'employees', n.employees, 'member_count', n.member_count)
            FROM old_rows o JOIN new_rows n ON n.id = o.id
           WHERE n.merged_into IS NULL
             AND (o.town_org_id, o.union_org_id IS NULL, o.employees, CASE WHEN o.employees > 0 THEN o.member_count END, o.merged_into IS NULL)
                 IS DISTINCT FROM (n.town_org_id, n.union_org_id IS NULL, n.employees, CASE WHEN n.employees > 0 THEN n.member_count END, n.merged_into IS NULL)) x;
  IF d IS NOT NULL THEN
    PERFORM gh_enterprise_delta(d);
  END IF;
  RETURN NULL;
END
$$;
