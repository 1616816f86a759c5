-- 008 — what routing a join looks up, by index. Finding the industry federation (工联会) for a
-- platform worker scanned every org for its industry (2 ms at 2,000 orgs; a province has 140,000).
-- Industry and platform federations are few: a partial index holds just them.
CREATE INDEX org_industry_federation_idx ON org (industry, parent_id)
  WHERE kind = 'federation' AND federation_type IN ('industry', 'platform') AND status = 'active';
