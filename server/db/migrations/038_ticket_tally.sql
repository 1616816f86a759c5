-- 038 — the rights queue's totals kept, not counted at read time. A province holds 1,000,000 tickets:
-- counting its subtree for the queue's total and tab counts read every ticket row (seconds;
-- docs/BENCHMARKS.md "Rights work orders"). Each union now holds, per state and category, how many
-- tickets are held in its SUBTREE (the union itself included), split over up to 16 slot rows as
-- org_rollup (005) is, so that concurrent ticket writes in different sessions add to different rows
-- of the province, not queue on one.
--
-- The confidentiality rule (hidden_from_path, 030) cannot make a subtree's tally wrong: a ticket is
-- kept from its employer's own union's subtree, and it is never held inside that subtree (routing,
-- assigning down and reopening or returning up never put it there; server/modules/tickets/
-- tally.test.ts asserts it),
-- so for any union whose staff may not see it, it is not in that union's subtree either.
CREATE TABLE ticket_tally (
  org_id    bigint NOT NULL REFERENCES org (id),
  state     text NOT NULL,
  category  text NOT NULL,
  slot      smallint NOT NULL CHECK (slot BETWEEN 0 AND 15),
  n         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_id, state, category, slot)
);

-- org.path is the ltree of ids from the root ('1.22.345'): a path's labels are its ancestors' ids.
INSERT INTO ticket_tally (org_id, state, category, slot, n)
SELECT a.id, x.state, x.category, 0, sum(x.n)::int
  FROM (SELECT t.org_id, t.state, t.category, count(*) AS n FROM ticket t GROUP BY 1, 2, 3) x
  JOIN org o ON o.id = x.org_id
 CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
 GROUP BY a.id, x.state, x.category;

-- A ticket filed, or changing holder, state or category (or removed), moves one from its old tally
-- to its new one on every ancestor of its holder, in the transaction of the write.
CREATE FUNCTION gh_ticket_tally() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.org_id = OLD.org_id AND NEW.state = OLD.state AND NEW.category = OLD.category THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO ticket_tally (org_id, state, category, slot, n)
    SELECT a.id, OLD.state, OLD.category, (pg_backend_pid() % 16)::smallint, -1
      FROM org o CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
     WHERE o.id = OLD.org_id
    ON CONFLICT (org_id, state, category, slot) DO UPDATE SET n = ticket_tally.n + EXCLUDED.n;
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN NULL;
  END IF;
  INSERT INTO ticket_tally (org_id, state, category, slot, n)
  SELECT a.id, NEW.state, NEW.category, (pg_backend_pid() % 16)::smallint, 1
    FROM org o CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
   WHERE o.id = NEW.org_id
  ON CONFLICT (org_id, state, category, slot) DO UPDATE SET n = ticket_tally.n + EXCLUDED.n;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_tally_keep
AFTER INSERT OR UPDATE OF org_id, state, category OR DELETE ON ticket
FOR EACH ROW EXECUTE FUNCTION gh_ticket_tally();

-- An org moved in the tree (orgs.repo.ts moveSubtree rewrites the path of every org of the
-- subtree): the tickets it holds itself leave the tallies of the ancestors it no longer has and join
-- those of its new ones. Ancestors inside the moved subtree are on both paths and do not change.
CREATE FUNCTION gh_ticket_tally_move() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.path = OLD.path THEN
    RETURN NULL;
  END IF;
  WITH held AS (SELECT state, category, count(*)::int AS n FROM ticket WHERE org_id = NEW.id GROUP BY 1, 2),
       olds AS (SELECT unnest(string_to_array(OLD.path::text, '.')::bigint[]) AS id),
       news AS (SELECT unnest(string_to_array(NEW.path::text, '.')::bigint[]) AS id),
       changes AS (
         SELECT id, -1 AS sign FROM (SELECT id FROM olds EXCEPT SELECT id FROM news) gone
         UNION ALL
         SELECT id, 1 FROM (SELECT id FROM news EXCEPT SELECT id FROM olds) come)
  INSERT INTO ticket_tally (org_id, state, category, slot, n)
  SELECT c.id, h.state, h.category, (pg_backend_pid() % 16)::smallint, c.sign * h.n
    FROM changes c CROSS JOIN held h
  ON CONFLICT (org_id, state, category, slot) DO UPDATE SET n = ticket_tally.n + EXCLUDED.n;
  RETURN NULL;
END
$$;
CREATE TRIGGER ticket_tally_org_move
AFTER UPDATE OF path ON org
FOR EACH ROW EXECUTE FUNCTION gh_ticket_tally_move();

-- The queue's subtree view filtered by state walks that state's tickets newest first, the holder
-- checked per row (tickets.repo.ts findSubtreeQueue): ticket_org_idx leads with the union, so the
-- state's tickets across the tree are not in id order there.
CREATE INDEX ticket_state_idx ON ticket (state, id DESC);
