-- Campaigns: a review level may be reviewed by "the applicant's union at a tier" — its town, county or
-- city union — so a province-wide campaign passes grassroots → the applicant's city → the province.
-- Each decision keeps the union that made it. See docs/ARCHITECTURE.md "Campaigns".
ALTER TABLE campaign_level ADD COLUMN reviewer_tier text CHECK (reviewer_tier IN ('town', 'county', 'city'));
ALTER TABLE campaign_level ADD CONSTRAINT campaign_level_one_reviewer CHECK (reviewer_org_id IS NULL OR reviewer_tier IS NULL);
ALTER TABLE campaign_review ADD COLUMN org_id bigint REFERENCES org (id);

-- 1 province … 5 grassroots
CREATE FUNCTION gh_org_rank(level text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE level WHEN 'province' THEN 1 WHEN 'city' THEN 2 WHEN 'county' THEN 3 WHEN 'town' THEN 4 ELSE 5 END
$$;

-- The union reviewing an application at a tier: the applicant's nearest union at that tier or above
-- (a union with no county above it is reviewed by its city at the county tier).
CREATE FUNCTION gh_tier_union(app_path ltree, tier text) RETURNS bigint
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT id FROM org WHERE path @> app_path AND gh_org_rank(level) <= gh_org_rank(tier) ORDER BY nlevel(path) DESC LIMIT 1
$$;
