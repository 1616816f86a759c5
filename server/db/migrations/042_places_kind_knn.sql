-- 042 — nearest places of one kind (issue 15 §2): a KNN index per kind other than the stations.
-- The nearest-places search walks place_earth_idx (040) outwards and drops the rows a filter refuses;
-- asked for a kind that is rare near the point (a reading room among stations), it reads every place
-- within its 30 km radius before answering: on the benchmark's 200,000 stations, 1.1 s in central
-- 广州 (33,000 buffers). With one partial index per kind the walk is over that kind's places only.
-- Stations are most of the register (the general index serves them: the filter passes most rows),
-- so they get none. server/modules/places/nearby.repo.ts writes the kind as a literal so the planner
-- matches the index's predicate; docs/design/places.md.
CREATE INDEX place_earth_workers_home_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'workersHome';
CREATE INDEX place_earth_model_home_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'modelWorkersHome';
CREATE INDEX place_earth_reading_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'readingRoom';
CREATE INDEX place_earth_counselling_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'counselling';
CREATE INDEX place_earth_palace_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'culturalPalace';
CREATE INDEX place_earth_hall_idx ON place USING gist (ll_to_earth(lat, lng)) WHERE status = 'open' AND merged_into IS NULL AND kind = 'hall';
