-- EXPLAIN ANALYZE of one roster batch's INSERT … SELECT (10,000 people: member, identity, card, two
-- history rows each), as rosters.repo insertFreshMembers runs it, inside a transaction rolled back:
-- staged rows copied from the bench's imported members under new ID and phone hashes. Shows the
-- statement's time and each trigger's (foreign keys, reference checks):
--   psql -h 127.0.0.1 -U postgres gh_bench_roster -f bench/roster-batch-explain.sql
-- (run `npx tsx bench/roster-import.ts --engine postgres --phase import` first to fill it).
BEGIN;
INSERT INTO roster_staging (job_id,row_no,name,name_pinyin,sex,birth_date,id_number_enc,id_number_hash,id_number_masked,phone_enc,phone_hash,phone_masked,employer_name,joined_on,groups)
SELECT 999, row_number() over (order by id), name, name_pinyin, sex, birth_date, id_number_enc, sha256(id_number_hash||'x'::bytea), id_number_masked, phone_enc, sha256(phone_hash||'y'::bytea), phone_masked, employer_name, joined_on, groups FROM member WHERE join_channel='roster' LIMIT 10000;
SELECT set_config('gonghui.bulk_member_counts', 'on', true);
EXPLAIN (ANALYZE, BUFFERS, TIMING ON) WITH fresh AS (
       SELECT nextval(pg_get_serial_sequence('member', 'id')) AS member_id, s.*
         FROM roster_staging s
        WHERE s.job_id = 999 AND s.row_no BETWEEN 1 AND 10000
          AND NOT EXISTS (SELECT 1 FROM member_identity i WHERE i.id_number_hash = s.id_number_hash)
          AND NOT EXISTS (SELECT 1 FROM member_application a WHERE a.id_number_hash = s.id_number_hash AND a.status = 'pending')
        ORDER BY s.row_no
     ), m AS (
       INSERT INTO member (id, org_id, member_no, name, name_pinyin, sex, birth_date, id_number_enc, id_number_hash,
                           id_number_masked, phone_enc, phone_hash, phone_masked, employer_name, groups, status, joined_on,
                           enterprise_id, join_channel)
       SELECT member_id, (select org_id from member where join_channel='roster' limit 1), 'GH' || lpad(member_id::text, 10, '0'), name, name_pinyin, sex, birth_date, id_number_enc,
              id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, employer_name, groups, 'active',
              coalesce(joined_on, current_date), (select enterprise_id from member where join_channel='roster' limit 1), 'roster'
         FROM fresh
       RETURNING id, id_number_hash
     ), identity AS (
       INSERT INTO member_identity (id_number_hash, member_id) SELECT id_number_hash, id FROM m
     ), cards AS (
       INSERT INTO card (member_id, card_no) SELECT id, gh_card_no(id) FROM m
     ), events AS (
       INSERT INTO member_event (member_id, kind, to_status, to_org_id, reason, actor_kind, actor_id)
       SELECT id, 'joined', 'active', 1, '导入名册', 'staff', 1 FROM m
       UNION ALL
       SELECT id, 'card_issued', NULL, NULL, gh_card_no(id), 'system', NULL FROM m
     )
     SELECT count(*) FROM fresh;
ROLLBACK;
