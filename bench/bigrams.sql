-- gh_bigrams() as migration 020 made it (a PL/pgSQL loop) against the SQL subquery of 001, over
-- 100,000 member names of the roster bench's database:
--   psql -h 127.0.0.1 -U postgres gh_bench_roster -f bench/bigrams.sql
-- (run `npx tsx bench/roster-import.ts --engine postgres --phase import` first to fill it).
CREATE FUNCTION pg_temp.bigrams_001(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(lower(t), i, 2)), '{}')
  FROM generate_series(1, char_length(t) - 1) AS i
$$;
\timing on
SELECT count(pg_temp.bigrams_001(name)) AS "001, SQL" FROM (SELECT name FROM member LIMIT 100000) s;
SELECT count(gh_bigrams(name)) AS "020, PL/pgSQL" FROM (SELECT name FROM member LIMIT 100000) s;
SELECT count(pg_temp.bigrams_001(name)) AS "001, SQL" FROM (SELECT name FROM member LIMIT 100000) s;
SELECT count(gh_bigrams(name)) AS "020, PL/pgSQL" FROM (SELECT name FROM member LIMIT 100000) s;
