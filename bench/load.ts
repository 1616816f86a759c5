// The load the end-to-end benchmarks put on a server, and one row of their result tables.
//
// closedLoop: autocannon (the Fastify project's load generator, far lighter per request than fetch)
// with `connections` clients, each sending its next request as soon as the last is answered — the
// server's capacity. openLoop: request k is due at k / rate seconds whatever the answers' speed, over
// at most `connections` kept-alive sockets, its latency counted from when it was due (a request
// waiting for a socket waits in the figure too: no coordinated omission).
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { percentile } from './common.ts';

export interface BenchRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  latency: { p50: number; p90: number; p99: number; max: number };
}

export async function closedLoop(base: string, connections: number, amount: number, request: (i: number) => BenchRequest): Promise<LoadResult> {
  let i = 0;
  // Timed here, from the start to the last answer: autocannon's own `duration` — and its callback —
  // wait for its next one-second sampling tick (a run of 1.2 s reports 2 s), which would understate
  // every figure of a short run.
  const started = performance.now();
  let lastAnswer = started;
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: base,
        connections,
        amount,
        timeout: 60,
        requests: [
          {
            setupRequest: (req) => ({ ...req, ...request(i++) }),
            onResponse: () => {
              lastAnswer = performance.now();
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
  });
  const statuses: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = s.count ?? 0;
  if (r.errors > 0) statuses.errors = r.errors;
  if (r.timeouts > 0) statuses.timeouts = r.timeouts;
  return { requests: amount, seconds: (lastAnswer - started) / 1000, statuses, latency: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max } };
}

export async function openLoop(base: string, connections: number, amount: number, rate: number, request: (i: number) => BenchRequest): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const count = (k: string) => (statuses[k] = (statuses[k] ?? 0) + 1);
  const started = performance.now();
  const send = (k: number, due: number) =>
    new Promise<void>((resolve) => {
      const r = request(k);
      const headers: Record<string, string | number> = { ...r.headers };
      if (r.body !== undefined) headers['content-length'] = Buffer.byteLength(r.body);
      const req = http.request(new URL(r.path, base), { method: r.method, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - due);
          count(String(res.statusCode));
          resolve();
        });
      });
      req.on('error', () => {
        count('errors');
        resolve();
      });
      req.end(r.body);
    });
  const inFlight: Promise<void>[] = [];
  for (let k = 0; k < amount; k++) {
    const due = started + (k * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    inFlight.push(send(k, due));
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p = (q: number) => Math.round(percentile(latencies, q));
  return { requests: amount, seconds: (performance.now() - started) / 1000, statuses, latency: { p50: p(50), p90: p(90), p99: p(99), max: Math.round(latencies.at(-1) ?? 0) } };
}

export const tableHeader = `| what | requests | connections | per second | p50 ms | p90 ms | p99 ms | max ms | statuses |\n|---|---|---|---|---|---|---|---|---|`;

export function tableRow(what: string, connections: number, r: LoadResult, extra: string[] = []): string {
  const statuses = Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join(' ');
  return `| ${what} | ${r.requests} | ${connections} | ${(r.requests / (r.seconds || 1)).toFixed(0)} | ${r.latency.p50} | ${r.latency.p90} | ${r.latency.p99} | ${r.latency.max} | ${[statuses, ...extra].join(' · ')} |`;
}
