-- 020 — writing a member costs less: one name search index instead of two, and the name's character
-- pairs computed three times faster. Measured on a roster import of 100,000 people (docs/BENCHMARKS.md).

-- Member search (members.repo findMembers) asks `name_bigrams @> pairs AND name LIKE pattern`: the
-- bigram GIN index serves every query of two characters or more, and a one-character query can use
-- neither index. The trigram index on member.name (001) answers no query the bigram index does not,
-- yet every member written paid for its GIN entries. Org names keep both: org search matches
-- case-insensitively (ILIKE), which the trigram index serves.
DROP INDEX IF EXISTS member_name_trgm;

-- The character pairs of a name, as before, as a set: each pair once, in the order it first appears
-- (as bigramsOf computes a query's pairs in orgs.repo). The SQL version (001) ran a subquery with a
-- sort for every row written: 7–9 µs a name, against 2.4–2.9 µs for this loop. Arrays stored before
-- hold the same pairs in sorted order; `@>` and the GIN index treat both as the same set.
CREATE OR REPLACE FUNCTION gh_bigrams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  l text := lower(t);
  pairs text[] := '{}';
  pair text;
BEGIN
  IF t IS NULL THEN
    RETURN pairs;
  END IF;
  FOR i IN 1 .. char_length(l) - 1 LOOP
    pair := substr(l, i, 2);
    IF NOT pair = ANY (pairs) THEN
      pairs := pairs || pair;
    END IF;
  END LOOP;
  RETURN pairs;
END
$$;
