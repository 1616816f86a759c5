// Every route, every kind of bad input: the answer is a 4xx with the one error body, never a 500,
// and nothing in the database changes. Routes are read from the OpenAPI document (and checked
// against the router, so a route missing from the document fails here too).
import type { LightMyRequestResponse } from 'fastify';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp } from './helpers/harness.ts';
import { DOCUMENT_REQUEST_BODY_LIMIT } from '../contracts/campaigns.ts';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  nullable?: boolean;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  anyOf?: JsonSchema[];
}

interface Route {
  method: string;
  /** OpenAPI form: /api/orgs/{id} */
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  body: JsonSchema | undefined;
  /** The route takes a request body (schema or not): POST, PUT, PATCH, DELETE. */
  hasBodyMethod: boolean;
  /** The route takes a multipart form (a file upload) rather than JSON. */
  multipart: boolean;
}

const SEED = 11643;
const FUZZ_RUNS = 100;
const HAN = /\p{Script=Han}/u;
const ERROR_CODE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const MISSING_ID = '99999999';

const t = await startTestApp();
const admin = await t.login('admin');
const routes = await discoverRoutes();
// An id that names a real org and a real staff account, so a body that slipped past validation
// would really write something (and the database check at the end would see it).
const [{ id: existingId } = { id: 0 }] = await t.db.query<{ id: number }>(
  `SELECT s.id FROM staff s JOIN org o ON o.id = s.id WHERE s.username = 'shiwan'`,
);
const before = await snapshot();

afterAll(async () => t.close());

async function discoverRoutes(): Promise<Route[]> {
  const doc = (await t.request('GET', '/api/openapi.json')).json<{
    paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>>;
  }>();
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        body: op.requestBody?.content['application/json']?.schema,
        hasBodyMethod: ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase()),
        multipart: op.requestBody?.content['multipart/form-data'] !== undefined,
      });
    }
  }
  return out;
}

/** Routes that carry an application's documents take a larger body than the 1 MB of every other (contracts/campaigns.ts). */
const DOCUMENT_ROUTES = new Set(['POST /api/campaigns/{id}/applications', 'POST /api/campaigns/{id}/applications-on-behalf', 'POST /api/me/campaign-applications/{id}/resubmit']);
const bodyLimitOf = (route: Route) => (DOCUMENT_ROUTES.has(`${route.method} ${route.path}`) ? DOCUMENT_REQUEST_BODY_LIMIT : 1024 * 1024);

/** "METHOD /path/{param}" of every route the router holds (HEAD and the API docs UI aside). */
function routerRoutes(): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = full;
    if (full.startsWith('/api/docs') || full === '/api/openapi.json') continue;
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) {
      out.add(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

function urlOf(route: Route, id: string, query = ''): string {
  let url = route.path;
  for (const p of route.pathParams) url = url.replace(`{${p}}`, id);
  return query ? `${url}?${query}` : url;
}

/** Rows of everything a bad request must not touch (session activity and login bookkeeping aside). */
async function snapshot() {
  const one = async (sql: string) => (await t.db.query<{ v: string | number | null }>(sql))[0]?.v ?? null;
  return {
    orgs: await one(`SELECT count(*)::int AS v FROM org`),
    orgDigest: await one(`SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) AS v FROM org o`),
    staff: await one(`SELECT count(*)::int AS v FROM staff`),
    staffDigest: await one(
      `SELECT md5(string_agg(concat_ws(',', id, org_id, username, display_name, password_hash, roles::text, is_active, updated_at), '|' ORDER BY id)) AS v FROM staff`,
    ),
    sessions: await one(`SELECT count(*)::int AS v FROM session`),
    liveSessions: await one(`SELECT count(*)::int AS v FROM session WHERE ended_at IS NULL`),
    members: await one(`SELECT count(*)::int AS v FROM member`),
    // a valid export the fuzz happens to send is a read, audited as every export is (members, activity figures)
    // … and so is a read of a hardship file's details, or the hardship list's export, or the points ledger's,
    // or the rights figures' report, or the places figures' report, or the register of employers, the
    // dashboard's report, a piece of evidence
    // … and a wrong current password is recorded, as a failed log-in is (it counts towards the same lock)
    auditNotLogin: await one(`SELECT count(*)::int AS v FROM audit_log WHERE action NOT IN ('login', 'member.export', 'activity.stats_export', 'hardship.details_read', 'hardship.export', 'points.operations_export', 'ticket.figures_export', 'place.figures_export', 'enterprise.export', 'dashboard.export', 'evidence.download') AND NOT (action = 'staff.change_password' AND outcome <> 'ok')`),
    rosterJobs: await one(`SELECT count(*)::int AS v FROM roster_job`),
    // the enterprise file, founding drives, 强基 indicators, official figures, members' founding requests (issue 16)
    enterprises: await one(`SELECT md5(string_agg(concat_ws(',', id, name, credit_code, town_org_id, union_org_id, employees, merged_into, updated_at), '|' ORDER BY id)) AS v FROM enterprise`),
    facts: await one(`SELECT count(*)::int AS v FROM enterprise_fact`),
    evidence: await one(`SELECT count(*)::int AS v FROM file_evidence`),
    drives: await one(`SELECT md5(string_agg(concat_ws(',', id, title, status, updated_at), '|' ORDER BY id)) AS v FROM drive`),
    driveRows: await one(`SELECT (SELECT count(*) FROM drive_target) + (SELECT count(*) FROM drive_step) + (SELECT count(*) FROM drive_goal) AS v`),
    driveTargets: await one(`SELECT md5(string_agg(concat_ws(',', id, state, founded_org_id, dropped_at, drop_reason, linked_on), '|' ORDER BY id)) AS v FROM drive_target`),
    driveRequests: await one(`SELECT count(*)::int AS v FROM drive_request`),
    // jobs and fairs (issue 17 slice C)
    jobs: await one(`SELECT md5(string_agg(concat_ws(',', id, status, title, headcount, wage_min_yuan, wage_max_yuan, valid_until, updated_at), '|' ORDER BY id)) AS v FROM job`),
    jobFairs: await one(`SELECT md5(string_agg(concat_ws(',', id, status, title, live_url, updated_at), '|' ORDER BY id)) AS v FROM job_fair`),
    jobRows: await one(`SELECT (SELECT count(*) FROM job_skill) + (SELECT count(*) FROM job_request) AS v`),
    indicatorSets: await one(`SELECT md5(string_agg(concat_ws(',', id, status, name, updated_at), '|' ORDER BY id)) AS v FROM indicator_set`),
    strengtheningRows: await one(`SELECT (SELECT count(*) FROM indicator) + (SELECT count(*) FROM assessment) + (SELECT count(*) FROM model_home) + (SELECT count(*) FROM official_figure) AS v`),
    foundingRequests: await one(`SELECT count(*)::int AS v FROM founding_request`),
    // skills (issue 17): a member's skills, certificates (and their verification), the job profile
    memberSkills: await one(`SELECT (SELECT count(*) FROM member_skill) + (SELECT count(*) FROM member_skill_best) AS v`),
    certificates: await one(`SELECT md5(string_agg(concat_ws(',', id, verified_at), '|' ORDER BY id)) AS v FROM certificate`),
    jobProfiles: await one(`SELECT md5(string_agg(concat_ws(',', member_id, employer_consent_at, updated_at), '|' ORDER BY member_id)) AS v FROM job_profile`),
    skills: await one(`SELECT count(*)::int AS v FROM skill`),
    // courses (issue 17 slice B): a course's set-up, results and completions
    courses: await one(`SELECT md5(string_agg(concat_ws(',', activity_id, sessions, min_attendance_pct, min_mark, completed_at, updated_at), '|' ORDER BY activity_id)) AS v FROM course`),
    courseRows: await one(`SELECT (SELECT count(*) FROM course_skill) + (SELECT count(*) FROM course_result) + (SELECT count(*) FROM course_completion_request) AS v`),
    activities: await one(`SELECT md5(string_agg(concat_ws(',', id, status, title, updated_at, cover_image IS NULL), '|' ORDER BY id)) AS v FROM activity`),
    activityCounters: await one(`SELECT md5(string_agg(concat_ws(',', activity_id, batch_no, slot, capacity, taken, waited), '|' ORDER BY activity_id, batch_no, slot)) AS v FROM activity_slot`),
    signups: await one(`SELECT count(*)::int AS v FROM activity_signup`),
    signupKeys: await one(`SELECT count(*)::int AS v FROM signup_request`),
    activityViews: await one(`SELECT count(*)::int AS v FROM activity_view`),
    pointOperations: await one(`SELECT count(*)::int AS v FROM point_operation`),
    pointEntries: await one(`SELECT count(*)::int AS v FROM point_entry`),
    pointBalances: await one(`SELECT md5(string_agg(id || ':' || balance, ',' ORDER BY id)) AS v FROM point_account`),
    payoutRows: await one(`SELECT ((SELECT count(*) FROM payout) + (SELECT count(*) FROM payout_attempt) + (SELECT count(*) FROM payment_file) + (SELECT count(*) FROM payout_run) + (SELECT count(*) FROM member_bank_account))::int AS v`),
    campaigns: await one(`SELECT md5(string_agg(concat_ws(',', id, status, title, budget_reserved, drawn_at, updated_at), '|' ORDER BY id)) AS v FROM campaign`),
    campaignApplications: await one(`SELECT md5(string_agg(concat_ws(',', id, status, current_level, updated_at), '|' ORDER BY id)) AS v FROM campaign_application`),
    campaignRows: await one(`SELECT ((SELECT count(*) FROM campaign_review) + (SELECT count(*) FROM campaign_objection) + (SELECT count(*) FROM campaign_document) + (SELECT count(*) FROM campaign_apply_request))::int AS v`),
    hardshipFiles: await one(`SELECT md5(string_agg(concat_ws(',', id, status, causes::text, plan_text, updated_at), '|' ORDER BY id)) AS v FROM hardship_file`),
    hardshipRows: await one(`SELECT ((SELECT count(*) FROM hardship_visit) + (SELECT count(*) FROM hardship_aid) + (SELECT count(*) FROM hardship_status_event) + (SELECT count(*) FROM hardship_household_member))::int AS v`),
    hardshipTargets: await one(`SELECT count(*)::int AS v FROM hardship_target`),
    ticketAttachments: await one(`SELECT count(*)::int AS v FROM ticket_attachment`),
    legalLawyers: await one(`SELECT md5(string_agg(concat_ws(',', id, name, firm, licence_no, areas::text, phone_masked, active, updated_at), '|' ORDER BY id)) AS v FROM legal_lawyer`),
    legalServed: await one(`SELECT count(*)::int AS v FROM legal_lawyer_org`),
    legalSupervisors: await one(`SELECT md5(string_agg(concat_ws(',', id, name, certificate_no, trained_on, valid_until, active, updated_at), '|' ORDER BY id)) AS v FROM legal_supervisor`),
    tickets: await one(`SELECT md5(string_agg(concat_ws(',', id, state, org_id, handler_staff_id, difficulty, result, updated_at), '|' ORDER BY id)) AS v FROM ticket`),
    ticketRows: await one(`SELECT ((SELECT count(*) FROM ticket_clock) + (SELECT count(*) FROM ticket_step) + (SELECT count(*) FROM ticket_request) + (SELECT count(*) FROM ticket_time_limit) + (SELECT count(*) FROM ticket_integration_account))::int AS v`),
    childcare: await one(`SELECT md5(string_agg(concat_ws(',', id, status, title, capacity, updated_at, allocated_at), '|' ORDER BY id)) AS v FROM childcare_programme`),
    childcareRows: await one(`SELECT ((SELECT count(*) FROM childcare_enrolment) + (SELECT count(*) FROM childcare_session) + (SELECT count(*) FROM childcare_attendance))::int AS v`),
    calendarDays: await one(`SELECT md5(string_agg(concat_ws(',', day, kind, name, note), '|' ORDER BY day)) AS v FROM calendar_day`),
    places: await one(`SELECT md5(string_agg(concat_ws(',', id, name, kind, status, lat, lng, hours::text, services::text, merged_into, updated_at), '|' ORDER BY id)) AS v FROM place`),
    placeRows: await one(`SELECT ((SELECT count(*) FROM place_photo) + (SELECT count(*) FROM place_hours_exception) + (SELECT count(*) FROM place_request))::int AS v`),
    placeSlots: await one(`SELECT md5(string_agg(concat_ws(',', id, status, capacity, booked, swept_at), '|' ORDER BY id)) AS v FROM place_slot`),
    placeBookings: await one(`SELECT md5(string_agg(concat_ws(',', id, state, checked_in_at), '|' ORDER BY id)) AS v FROM place_booking`),
    placeBookingRows: await one(`SELECT ((SELECT count(*) FROM place_booking_rule) + (SELECT count(*) FROM place_booking_suspension))::int AS v`),
  };
}

/** Problems with one answer to a bad request: not a 4xx, or not exactly the one error body. */
function problemsOf(res: LightMyRequestResponse, wantStatus?: number): string | undefined {
  if (res.statusCode < 400 || res.statusCode >= 500) return `status ${res.statusCode}: ${res.body.slice(0, 200)}`;
  if (wantStatus !== undefined && res.statusCode !== wantStatus) return `status ${res.statusCode}, want ${wantStatus}: ${res.body.slice(0, 200)}`;
  return shapeProblem(res);
}

function shapeProblem(res: LightMyRequestResponse): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `not JSON: ${res.body.slice(0, 200)}`;
  }
  const b = body as Record<string, unknown>;
  if (!String(res.headers['content-type']).startsWith('application/json')) return `content-type ${res.headers['content-type']}`;
  if (Object.keys(b).sort().join() !== 'error,message,statusCode') return `body keys ${Object.keys(b).join()}`;
  if (typeof b.error !== 'string' || !ERROR_CODE.test(b.error)) return `error code ${String(b.error)}`;
  if (typeof b.message !== 'string' || !HAN.test(b.message)) return `message ${String(b.message)}`;
  if (b.statusCode !== res.statusCode) return `statusCode ${String(b.statusCode)} ≠ ${res.statusCode}`;
  return undefined;
}

interface Attempt {
  label: string;
  url: string;
  payload?: string;
  contentType?: string;
  wantStatus?: number;
}

async function send(route: Route, a: Attempt): Promise<LightMyRequestResponse> {
  // Logging out with the admin's session would end it: that route is tried without one.
  const asAdmin = route.path !== '/api/auth/logout';
  const headers: Record<string, string> = asAdmin ? { authorization: `Bearer ${admin.token}` } : {};
  if (a.contentType) headers['content-type'] = a.contentType;
  return t.app.inject({ method: route.method as 'GET', url: a.url, headers, ...(a.payload !== undefined ? { payload: a.payload } : {}) });
}

/** Sends every attempt; returns the ones answered wrongly, for one readable failure message. */
async function tryAll(route: Route, attempts: Attempt[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const a of attempts) {
    const res = await send(route, a);
    const p = problemsOf(res, a.wantStatus);
    if (p) wrong.push(`${route.method} ${a.url} [${a.label}] → ${p}`);
  }
  return wrong;
}

const json = (v: unknown) => ({ payload: JSON.stringify(v), contentType: 'application/json' });

/**
 * A body to start from: the required fields only, with plain values (valid for most routes, so
 * that each attempt breaks exactly one thing).
 */
function sample(s: JsonSchema): unknown {
  if (s.enum) return s.enum[0];
  if (s.anyOf?.[0]) return sample(s.anyOf[0]);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'integer':
    case 'number':
      return existingId;
    case 'boolean':
      return true;
    case 'array':
      return s.items ? [sample(s.items)] : [];
    case 'object': {
      const required = new Set(s.required ?? []);
      return Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => required.has(k)).map(([k, v]) => [k, sample(v)]));
    }
    default:
      return 'x'.repeat(Math.max(s.minLength ?? 4, 4));
  }
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return 'enum';
  if (s.anyOf?.[0]) return typeOf(s.anyOf[0]);
  return (Array.isArray(s.type) ? s.type[0] : s.type) ?? 'any';
}

/** Values of the wrong type (or out of range) for a field of this schema. */
function wrongValues(s: JsonSchema): unknown[] {
  const common = [{}, [], ...(s.nullable ? [] : [null])];
  switch (typeOf(s)) {
    case 'integer':
      return [
        ...common,
        'abc',
        '12',
        1.5,
        1e20,
        Number.MAX_SAFE_INTEGER + 2,
        true,
        // below the minimum, where there is one
        ...((s.minimum ?? -Infinity) >= 1 || (s.minimum === 0 && s.exclusiveMinimum === true) ? [0, -1] : []),
      ];
    case 'number':
      return [...common, 'abc', true];
    case 'boolean':
      return [...common, 'true', 1, 0];
    case 'array':
      return [{}, 'x', 1, [{}], [[]], ...(s.nullable ? [] : [null])];
    case 'object':
      return ['x', 1, [], ...(s.nullable ? [] : [null])];
    case 'enum':
      return [...common, 'no-such-value', 1, true];
    default:
      return [...common, 123, true];
  }
}

const badIds = [
  'abc', '-1', '0', '1.5', '99999999999999999999', '1e400', '%00', '💥', '12abc',
  '0x10', '1e1', '16.0', '%2016', '016', 'x'.repeat(300), '%E0%A4%A',
];
const KNOWN_UNFIXED = new Set<string>();

describe('the route list', () => {
  it('every route the router holds is in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(new Set(routes.map((r) => `${r.method} ${r.path}`))).toEqual(routerRoutes());
  });
});

// Only the checks that apply to a route are defined for it (no skipped tests).
describe.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_name, route) => {
  const okId = String(existingId);

  if (route.hasBodyMethod) it('malformed JSON, empty bodies and other content types → 400/415', async () => {
    const url = urlOf(route, okId);
    const wrong = await tryAll(route, [
      { label: 'truncated JSON', url, payload: '{"a":', contentType: 'application/json', wantStatus: 400 },
      { label: 'not JSON', url, payload: 'hello', contentType: 'application/json', wantStatus: 400 },
      { label: 'trailing garbage', url, payload: '{}x', contentType: 'application/json', wantStatus: 400 },
      { label: 'empty JSON body', url, payload: '', contentType: 'application/json', wantStatus: 400 },
      { label: 'single quotes', url, payload: "{'a':1}", contentType: 'application/json', wantStatus: 400 },
      { label: '__proto__', url, payload: '{"__proto__":{"isAdmin":true}}', contentType: 'application/json', wantStatus: 400 },
      { label: 'constructor.prototype', url, payload: '{"constructor":{"prototype":{"isAdmin":true}}}', contentType: 'application/json', wantStatus: 400 },
      { label: 'form', url, payload: 'a=1', contentType: 'application/x-www-form-urlencoded', wantStatus: 415 },
      // an upload route reads forms: a form without its file is a 400 there, a 415 everywhere else
      // (a worker's own upload answers this staff session 403 member_only before reading anything)
      { label: 'multipart', url, payload: '--b\r\n\r\n--b--', contentType: 'multipart/form-data; boundary=b', wantStatus: route.multipart ? (route.path.startsWith('/api/me/') ? 403 : 400) : 415 },
      // a route that reads a body refuses these too (one without a body schema may ignore them)
      ...(route.body
        ? [
            { label: 'deeply nested', url, payload: `${'['.repeat(100000)}${']'.repeat(100000)}`, contentType: 'application/json' },
            { label: 'text/plain', url, payload: '{}', contentType: 'text/plain' },
          ]
        : []),
    ]);
    expect(wrong).toEqual([]);
  });

  if (route.body !== undefined || Object.keys(route.query).length > 0) it('unknown fields → 400', async () => {
    const attempts: Attempt[] = [];
    if (route.body) {
      const url = urlOf(route, okId);
      const base = sample(route.body) as Record<string, unknown>;
      attempts.push(
        { label: 'unknown field', url, ...json({ ...base, unknownField: 1 }), wantStatus: 400 },
        { label: 'only an unknown field', url, ...json({ isAdmin: true }), wantStatus: 400 },
        { label: 'array body', url, ...json([base]), wantStatus: 400 },
        { label: 'string body', url, ...json('x'), wantStatus: 400 },
        { label: 'null body', url, ...json(null), wantStatus: 400 },
      );
    }
    if (Object.keys(route.query).length > 0) {
      attempts.push({ label: 'unknown query parameter', url: urlOf(route, okId, 'unknownParam=1'), wantStatus: 400 });
    }
    expect(await tryAll(route, attempts)).toEqual([]);
  });

  if (route.body !== undefined || Object.keys(route.query).length > 0) it('wrong types and out-of-range values → 400', async () => {
    const attempts: Attempt[] = [];
    if (route.body?.properties) {
      const url = urlOf(route, okId);
      const base = sample(route.body) as Record<string, unknown>;
      for (const [field, schema] of Object.entries(route.body.properties)) {
        for (const v of wrongValues(schema)) {
          attempts.push({ label: `${field}=${JSON.stringify(v)}`, url, ...json({ ...base, [field]: v }), wantStatus: 400 });
        }
      }
    }
    for (const [name, schema] of Object.entries(route.query)) {
      const values = typeOf(schema) === 'integer' ? ['abc', '1.5', '-1', '0', '99999999999999999999', '1e400', 'Infinity', '', '1&' + name + '=2'] : typeOf(schema) === 'enum' ? ['no-such-value', ''] : ['\u0000', ''];
      for (const v of values) {
        // a repeated parameter is an array, which is the wrong type too
        const qs = v.includes('&') ? `${name}=${v}` : `${name}=${encodeURIComponent(v)}`;
        attempts.push({ label: `?${qs}`, url: urlOf(route, okId, qs), wantStatus: 400 });
      }
    }
    expect(await tryAll(route, attempts)).toEqual([]);
  });

  if (hasStrings(route)) it('over-long strings (10 000 characters) → 400; control characters → 4xx', async () => {
    const attempts: Attempt[] = [];
    const longs = ['x'.repeat(10000), '工'.repeat(10000)];
    if (route.body?.properties) {
      const url = urlOf(route, okId);
      const base = sample(route.body) as Record<string, unknown>;
      for (const [field, schema] of Object.entries(route.body.properties)) {
        if (!['string', 'enum'].includes(typeOf(schema))) continue;
        for (const v of longs) attempts.push({ label: `${field}=<${v.length} chars>`, url, ...json({ ...base, [field]: v }), wantStatus: 400 });
        if (KNOWN_UNFIXED.has(`${route.method} ${route.path} ${field}`)) continue;
        // a password may hold anything, so only "some 4xx" is asked here
        for (const v of ['bad\u0000nul', 'line\nbreak', 'esc\u001b[2J']) attempts.push({ label: `${field}=${JSON.stringify(v)}`, url, ...json({ ...base, [field]: v }) });
      }
    }
    for (const [name, schema] of Object.entries(route.query)) {
      if (!['string', 'enum'].includes(typeOf(schema))) continue;
      for (const v of longs) attempts.push({ label: `?${name}=<${v.length} chars>`, url: urlOf(route, okId, `${name}=${encodeURIComponent(v)}`), wantStatus: 400 });
    }
    expect(await tryAll(route, attempts)).toEqual([]);
  });

  if (route.pathParams.length > 0) it('ids that are not positive integers → 4xx; ids that do not exist → 404', async () => {
    const body = route.body ? json(sample(route.body)) : route.hasBodyMethod ? json({}) : {};
    const attempts: Attempt[] = badIds.map((id) => ({ label: `id ${id.slice(0, 20)}`, url: urlOf(route, id), ...body }));
    // a missing id: with a valid-looking body the answer may be 400 (the body) or 404 (the id)
    // (a worker's own records — and a legal-aid lawyer's, on the member site — answer the staff
    // session this sweep uses 403 member_only, whatever the id)
    const missingStatus = route.path.startsWith('/api/me/') || route.path.startsWith('/api/lawyer/') ? 403 : 404;
    attempts.push({ label: 'missing id', url: urlOf(route, MISSING_ID), ...body, ...(route.hasBodyMethod ? {} : { wantStatus: missingStatus }) });
    expect(await tryAll(route, attempts)).toEqual([]);
  });

  if (route.hasBodyMethod) it(`a body over its limit (${bodyLimitOf(route) / 1024 / 1024} MB) → 413 payload_too_large`, async () => {
    const res = await send(route, { label: 'big', url: urlOf(route, okId), ...json({ data: 'x'.repeat(bodyLimitOf(route)) }) });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toEqual({ error: 'payload_too_large', message: expect.stringMatching(HAN), statusCode: 413 });
  });

  it(`fuzz: ${FUZZ_RUNS} arbitrary bodies and query strings never give a 5xx`, async () => {
    const knownKeys = [...Object.keys(route.body?.properties ?? {}), ...Object.keys(route.query)];
    const key = knownKeys.length > 0 ? fc.oneof(fc.constantFrom(...knownKeys), fc.string({ maxLength: 10 })) : fc.string({ maxLength: 10 });
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.integer(), fc.double());
    const id = fc.oneof(
      fc.constant(MISSING_ID),
      fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).filter((n) => n < 0n || n > 10n ** 7n).map(String),
      // never an id that exists: a random valid body must not be able to write anything
      fc
        .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
        .filter((s) => !(Number(s) > 0 && Number(s) < 1e7))
        .map(encodeURIComponent),
    );
    const body = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
      fc.dictionary(key, value, { maxKeys: 5 }).map((v) => JSON.stringify(v)),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    );
    const query = fc.oneof(
      fc.dictionary(key, fc.string({ unit: 'grapheme', maxLength: 20 }), { maxKeys: 4 }).map((d) => new URLSearchParams(d).toString()),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[#\s]/g, '')),
    );
    const wrong: string[] = [];
    await fc.assert(
      fc.asyncProperty(id, body, query, async (i, b, q) => {
        const url = urlOf(route, i, q);
        const res = await send(route, { label: 'fuzz', url, ...(route.hasBodyMethod ? { payload: b, contentType: 'application/json' } : {}) });
        const p = res.statusCode >= 500 ? `status ${res.statusCode}: ${res.body.slice(0, 200)}` : res.statusCode >= 400 ? shapeProblem(res) : undefined;
        if (p) wrong.push(`${route.method} ${url} body=${b.slice(0, 80)} → ${p}`);
        return p === undefined;
      }),
      { seed: SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
    );
    expect(wrong).toEqual([]);
  });
});

describe('after all the bad requests', () => {
  it('the admin is still logged in, and nothing in the database changed', async () => {
    expect((await t.request('GET', '/api/me', { as: admin })).statusCode).toBe(200);
    expect(await snapshot()).toEqual(before);
  });

  it('unknown routes and methods answer with the error body too', async () => {
    const wrong: string[] = [];
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['DELETE', '/api/orgs/1'],
      ['PUT', '/api/staff/1'],
      ['POST', '/api/me'],
      ['GET', '/api/orgs/1/nope'],
      ['GET', `/api/${'x'.repeat(5000)}`],
    ] as const) {
      const res = await t.request(method, url, { as: admin });
      const p = problemsOf(res);
      if (p) wrong.push(`${method} ${url.slice(0, 40)} → ${p}`);
    }
    expect(wrong).toEqual([]);
  });
});

function hasStrings(route: Route): boolean {
  const strings = (props: Record<string, JsonSchema>) => Object.values(props).some((s) => ['string', 'enum'].includes(typeOf(s)));
  return strings(route.body?.properties ?? {}) || strings(route.query);
}
