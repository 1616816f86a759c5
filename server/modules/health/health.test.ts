import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { testEngine } from '../../../tests/helpers/env.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('GET /healthz', () => {
  it('names the engine it runs on', async () => {
    const res = await t.request('GET', '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testEngine() });
  });
});

describe('GET /api/openapi.json', () => {
  it('documents every route with its schemas, generated from the contracts', async () => {
    const doc = (await t.request('GET', '/api/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/healthz', '/api/auth/login', '/api/me', '/api/orgs/{id}', '/api/orgs/{id}/children', '/api/staff']),
    );
    const login = doc.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
    expect(Object.keys(login.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '429']));
    expect(doc.paths['/api/openapi.json']).toBeUndefined();
  });

  it('serves Swagger UI at /api/docs', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('swagger');
  });
});

describe('unknown routes', () => {
  it('answer the one error body', async () => {
    const res = await t.request('GET', '/api/nothing-here');
    expect(res.json()).toEqual({ error: 'route_not_found', message: '接口不存在', statusCode: 404 });
  });
});

describe('requests the HTTP parser refuses', () => {
  it('answer the one error body in Chinese, over a real socket', async () => {
    const { connect } = await import('node:net');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as { port: number };
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.on('data', (d) => (data += d.toString('utf8')));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
      // raw UTF-8 in the request line, as a careless client sends `?q=石湾`
      socket.write(Buffer.concat([Buffer.from('GET /api/orgs?q='), Buffer.from('石湾', 'utf8'), Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n')]));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    const body = JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ error: 'validation_failed', statusCode: 400 });
    expect(body.message).toMatch(/URL 编码/);
  });
});
