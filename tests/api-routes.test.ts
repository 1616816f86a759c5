// The web apps' route map (contracts/api-routes.ts) against the server: every route the server serves
// is in the map and every entry is a route, with the same path params, query, body and answer. The
// map's schemas go through the same OpenAPI transform as the server's, so a field added, removed or
// retyped on either side shows here as a difference.
import fastifySwagger from '@fastify/swagger';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes, type RouteSpec } from '../contracts/api-routes.ts';
import { startTestApp, type TestApp } from './helpers/harness.ts';

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}
type Doc = { paths: Record<string, Record<string, Operation>> };

/** The OpenAPI document of a bare app serving only the map's routes, through the server's transform. */
async function mapDocument(): Promise<Doc> {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, { openapi: { openapi: '3.0.3', info: { title: 'map', version: '0' } }, transform: jsonSchemaTransform });
  for (const [key, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
    const [method, url] = key.split(' ') as [string, string];
    app.route({
      method,
      url,
      schema: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { querystring: spec.query } : {}),
        ...(spec.body ? { body: spec.body } : {}),
        ...(spec.response ? { response: { [spec.status ?? 200]: spec.response } } : {}),
      },
      handler: async () => ({}),
    });
  }
  await app.ready();
  const doc = app.swagger() as unknown as Doc;
  await app.close();
  return doc;
}

const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const requestParams = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query').sort((a, b) => `${a.in}${a.name}`.localeCompare(`${b.in}${b.name}`));

let t: TestApp;
let server: Doc;
let map: Doc;

beforeAll(async () => {
  t = await startTestApp();
  server = (await t.request('GET', '/api/openapi.json')).json<Doc>();
  map = await mapDocument();
});
afterAll(async () => t.close());

describe('the route map (contracts/api-routes.ts)', () => {
  it('lists every route the server serves, and only those', () => {
    const served = Object.entries(server.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const mapped = Object.keys(apiRoutes).map((key) => {
      const [method, url] = key.split(' ') as [string, string];
      return `${method} ${openApiPath(url)}`;
    });
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...mapped].sort()).toEqual([...served].sort());
  });

  it('gives each route the params, query, body and answer the server declares', () => {
    for (const [key, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
      const [method, url] = key.split(' ') as [string, string];
      const real = server.paths[openApiPath(url)]?.[method.toLowerCase()];
      const ours = map.paths[openApiPath(url)]?.[method.toLowerCase()];
      expect(real, key).toBeDefined();
      expect(requestParams(ours!), `${key}: params and query`).toEqual(requestParams(real!));
      expect(ours!.requestBody, `${key}: body`).toEqual(spec.multipart ? ours!.requestBody : real!.requestBody);
      const status = String(spec.status ?? 200);
      expect(Object.keys(real!.responses), `${key}: success status`).toContain(status);
      if (spec.response) expect(ours!.responses[status], `${key}: answer`).toEqual(real!.responses[status]);
      const idempotent = (real!.parameters ?? []).some((p) => p.in === 'header' && p.name === 'idempotency-key');
      expect(spec.idempotent === true, `${key}: Idempotency-Key`).toBe(idempotent);
    }
  });

  it('marks the routes that answer a file, not JSON', () => {
    for (const [key, spec] of Object.entries(apiRoutes) as [string, RouteSpec][]) {
      const [method, url] = key.split(' ') as [string, string];
      const answer = server.paths[openApiPath(url)]![method.toLowerCase()]!.responses[String(spec.status ?? 200)] as { content?: Record<string, unknown> };
      const json = Object.keys(answer.content ?? {}).includes('application/json');
      expect(spec.file === undefined, `${key}: answers JSON`).toBe(json);
    }
  });
});
