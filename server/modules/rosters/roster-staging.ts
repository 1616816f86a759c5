// Staging a roster while it is read: checked rows are sealed and COPYed into roster_staging a chunk
// at a time, in file order, so that when the last row has been read most of the file is staged
// already and batches can be written at once. Staging is not member data (members are written from
// it later, batch by batch), so it need not wait for the whole file to be judged: a row that a later
// duplicate voids is taken out of staging before the batch around it is written.
import { performance } from 'node:perf_hooks';
import type { Deps } from '../../http/context.ts';
import { RosterSealer, sealRowsHere } from './roster-seal.ts';
import type { ValidRow } from './roster-rows.ts';
import * as repo from './rosters.repo.ts';

/** Adds the time `fn` takes to `timings[name]`. */
export async function timed<T>(timings: Record<string, number> | undefined, name: string, fn: () => Promise<T>): Promise<T> {
  if (!timings) return fn();
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
  }
}

export interface StagerOptions {
  /** Rows sealed and COPYed together. */
  chunk: number;
  /** From this many rows on, sealing runs in a worker thread (a small roster seals in this one). */
  workerFromRows: number;
  timings?: Record<string, number> | undefined;
}

/**
 * Seals (in a worker thread once the roster is large enough, so reading, sealing and the database's
 * COPY go on side by side) and stages rows in the order they are added; the COPYs go one after
 * another on one connection. `staged(n)` tells when the first n rows added are in roster_staging.
 */
export class Stager {
  private pending: ValidRow[] = [];
  private added = 0;
  private chain: Promise<void> = Promise.resolve();
  /** Each chunk: how many rows were added up to its end, and when it (and every earlier one) is staged. */
  private readonly chunks: { end: number; done: Promise<void> }[] = [];
  private sealer: RosterSealer | undefined;

  constructor(
    private readonly deps: Deps,
    private readonly jobId: number,
    private readonly opts: StagerOptions,
  ) {}

  add(row: ValidRow): void {
    this.pending.push(row);
    if (this.pending.length >= this.opts.chunk) this.flush();
  }

  /** The file is read: stages what is left; the worker stops once everything is staged. */
  end(): void {
    this.flush();
    const t0 = performance.now();
    void this.chain
      .then(() => {
        if (this.opts.timings) this.opts.timings.stagingAfterRead = (performance.now() - t0) / 1000;
      })
      .catch(() => undefined);
    const sealer = this.sealer;
    if (sealer) void this.chain.finally(() => this.stopSealer(sealer)).catch(() => undefined);
  }

  /** Resolves when the first `count` rows added are staged; rejects if staging failed. */
  staged(count: number): Promise<void> {
    const chunk = this.chunks.find((c) => c.end >= count);
    return chunk ? chunk.done : this.chain;
  }

  /** Waits for every COPY; throws the first failure. */
  async settle(): Promise<void> {
    try {
      await this.chain;
    } finally {
      if (this.sealer) await this.stopSealer(this.sealer);
    }
  }

  /** After a failure elsewhere: lets every COPY in flight end (so the clean-up sees them), then stops. */
  async abandon(): Promise<void> {
    await this.chain.catch(() => undefined);
    if (this.sealer) await this.stopSealer(this.sealer);
  }

  private async stopSealer(sealer: RosterSealer): Promise<void> {
    if (this.opts.timings) this.opts.timings.sealInWorker = sealer.sealingMs / 1000;
    await sealer.close();
  }

  private flush(): void {
    const rows = this.pending;
    if (rows.length === 0) return;
    this.pending = [];
    this.added += rows.length;
    const sealed = this.seal(rows);
    sealed.catch(() => undefined); // awaited in turn below; a failure stops the chain
    this.chain = this.chain.then(async () => {
      const csv = await sealed;
      await timed(this.opts.timings, 'copyToStaging', () => repo.copyToStaging(this.deps.db, csv));
    });
    this.chain.catch(() => undefined); // seen by whoever waits on it
    this.chunks.push({ end: this.added, done: this.chain });
  }

  private seal(rows: ValidRow[]): Promise<string | Uint8Array> {
    try {
      if (!this.sealer && this.added >= this.opts.workerFromRows) this.sealer = new RosterSealer(this.deps.pii);
      return this.sealer ? this.sealer.seal(this.jobId, rows) : sealRowsHere(this.deps.pii, this.jobId, rows);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err))); // the job fails, not the file
    }
  }
}
