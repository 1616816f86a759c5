// Sealing a roster's checked rows for the staging table: every row's ID number and phone encrypted
// (AES-GCM), hashed for look-ups and masked, its name's pinyin key, as CSV lines for COPY. Sealing is
// the import's largest cost in Node (≈ 30 µs a row), so a large roster seals in a worker thread of
// its own (RosterSealer) while the main thread goes on reading the file.
import { Worker } from 'node:worker_threads';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { maskIdNumber, maskPhone, masterKeyOf, type PiiCipher } from '../../lib/pii.ts';
import { pinyinKey } from '../../lib/pinyin.ts';
import type { ValidRow } from './roster-rows.ts';

function csvField(v: string | number | Buffer | string[] | null): string {
  if (v === null) return '';
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (Array.isArray(v)) return `"{${v.join(',')}}"`;
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function sealRow(pii: PiiCipher, jobId: number, r: ValidRow): string {
  return [
    jobId, r.rowNo, r.name, pinyinKey(r.name), r.sex, r.birthDate,
    pii.encrypt(r.idNumber), pii.hash(r.idNumber), maskIdNumber(r.idNumber),
    pii.encrypt(r.phone), pii.hash(r.phone), maskPhone(r.phone),
    r.employer, r.joinedOn, r.sex === 'female' ? ['women'] : [],
  ].map(csvField).join(',');
}

/** Rows sealed as CSV lines for COPY into roster_staging (rosters.repo STAGING_COLUMNS order), in the calling thread. */
export function sealRows(pii: PiiCipher, jobId: number, rows: readonly ValidRow[]): string {
  let csv = '';
  for (const r of rows) csv += `${sealRow(pii, jobId, r)}\n`;
  return csv;
}

/** The same in the calling thread, yielding to other requests every 500 rows (a small roster). */
export async function sealRowsHere(pii: PiiCipher, jobId: number, rows: readonly ValidRow[]): Promise<string> {
  let csv = '';
  for (let i = 0; i < rows.length; i += 500) {
    if (i > 0) await yieldToEventLoop();
    csv += sealRows(pii, jobId, rows.slice(i, i + 500));
  }
  return csv;
}

export interface SealRequest {
  id: number;
  jobId: number;
  rows: ValidRow[];
}

/** The CSV, with the milliseconds the worker spent sealing it; or what went wrong. */
export type SealReply = { id: number; csv: Uint8Array; ms: number } | { id: number; error: string };

/**
 * A worker thread that seals rows, one request after another. The data key is handed to the worker
 * in memory (workerData), as the main thread holds it; rows and CSV travel by message, never by disk.
 */
export class RosterSealer {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (csv: Uint8Array) => void; reject: (err: Error) => void }>();
  /** Milliseconds the worker spent sealing, summed (the benchmark's breakdown). */
  sealingMs = 0;
  private nextId = 1;
  private failure: Error | undefined;

  constructor(pii: PiiCipher) {
    // A plain-JS entry that registers tsx, so the worker runs the same TypeScript under the server, tsx and vitest.
    this.worker = new Worker(new URL('./seal-worker.boot.mjs', import.meta.url), {
      workerData: { key: masterKeyOf(pii) },
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 },
    });
    this.worker.on('message', (reply: SealReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) return w.reject(new Error(reply.error));
      this.sealingMs += reply.ms;
      w.resolve(reply.csv);
    });
    const fail = (err: Error) => {
      this.failure ??= err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`roster sealer exited (${code})`)));
  }

  /** The rows sealed, as CSV in UTF-8 bytes. */
  seal(jobId: number, rows: ValidRow[]): Promise<Uint8Array> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, jobId, rows } satisfies SealRequest);
    });
  }

  private closed: Promise<number> | undefined;

  async close(): Promise<void> {
    this.failure ??= new Error('roster sealer closed');
    this.closed ??= this.worker.terminate();
    await this.closed;
  }
}
