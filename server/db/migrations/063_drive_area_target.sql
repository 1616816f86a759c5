-- 063 — a founding drive's third kind of target (issue 16, seed page 004): an area where a 工会联合会 is
-- to be founded — a village or community (村社), an industrial park (园区) or an industry of a town —
-- as 化州's "三个一批" builds 村社、园区工会联合会 (劳村社区, 南盛社区, 官桥社区 …). Named by its town
-- and its name; its founding meeting founds a federation of that type under the town.
-- (Numbered after the 059–062 reserved for issue 17's slices.)
ALTER TABLE drive_target
  ADD COLUMN area_type text CHECK (area_type IN ('village', 'community', 'park', 'industry')),
  ADD COLUMN area_name text CHECK (char_length(area_name) BETWEEN 2 AND 40);

-- exactly one of: an employer; a platform cluster (town, platform); an area (town, type, name)
ALTER TABLE drive_target DROP CONSTRAINT drive_target_check;
ALTER TABLE drive_target DROP CONSTRAINT drive_target_check1;
ALTER TABLE drive_target ADD CONSTRAINT drive_target_kind CHECK (
  (enterprise_id IS NOT NULL AND town_org_id IS NULL AND gig_platform IS NULL AND area_type IS NULL AND area_name IS NULL)
  OR (enterprise_id IS NULL AND town_org_id IS NOT NULL AND gig_platform IS NOT NULL AND area_type IS NULL AND area_name IS NULL)
  OR (enterprise_id IS NULL AND town_org_id IS NOT NULL AND gig_platform IS NULL AND area_type IS NOT NULL AND area_name IS NOT NULL));

DROP INDEX drive_target_cluster_key;
CREATE UNIQUE INDEX drive_target_cluster_key ON drive_target (drive_id, town_org_id, gig_platform) WHERE gig_platform IS NOT NULL;
CREATE UNIQUE INDEX drive_target_area_key ON drive_target (drive_id, town_org_id, area_name) WHERE area_name IS NOT NULL;
