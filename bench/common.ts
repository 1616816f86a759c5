// Small helpers shared by the benchmarks: argument parsing, sizes, percentiles, writing results,
// the failures a checking benchmark collects.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BenchEngine } from './bench-server.ts';

/**
 * Writes a benchmark's output file, creating the folders on its path first: a fresh clone has no
 * tmp/ (it is git-ignored), and a benchmark must not fail at its very end for want of one.
 */
export function writeOutput(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** `--name value` and `--name=value` pairs over defaults; unknown names are an error. */
export function parseArgs<T extends Record<string, string>>(argv: string[], defaults: T): T {
  const out: Record<string, string> = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (!(name in defaults)) throw new Error(`unknown option --${name} (known: ${Object.keys(defaults).join(', ')})`);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    out[name] = value;
  }
  return out as T;
}

/** Where the scale database lives unless told: seed-scale.ts writes it there, the read benchmarks open it. */
export const scaleDbArgs = { engine: 'pglite', dir: 'tmp/bench-pglite', database: 'gh_bench', 'pg-url': 'postgres://postgres@127.0.0.1:5432' };

/** The `--engine` argument, refused unless it names one of the two engines. */
export function benchEngine(value: string): BenchEngine {
  if (value !== 'postgres' && value !== 'pglite') throw new Error('--engine postgres|pglite');
  return value;
}

/** The named options as numbers (each read with Number, as the benchmarks always have). */
export function numberArgs<K extends string>(args: Record<K, string>, names: readonly K[]): Record<K, number> {
  return Object.fromEntries(names.map((k) => [k, Number(args[k])])) as Record<K, number>;
}

/** postgres://user@host:port + database name. */
export function pgUrl(base: string, database: string): string {
  return `${base.replace(/\/+$/, '')}/${database}`;
}

export function dirSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += dirSize(p);
    else if (entry.isFile()) total += statSync(p).size;
  }
  return total;
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GiB`;
  return `${(n / 1024 ** 2).toFixed(0)} MiB`;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** The failures a checking benchmark collects: `fail` records and prints one, `check` fails unless ok. */
export function failureLog() {
  const failures: string[] = [];
  const fail = (what: string) => {
    failures.push(what);
    console.log(`  ✗ ${what}`);
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) fail(what);
    return ok;
  };
  return { failures, fail, check };
}
