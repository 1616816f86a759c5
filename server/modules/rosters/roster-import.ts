// Importing one roster (a job), and the queue that runs them one at a time in this process.
//
// The rule: every valid row is imported, every invalid row is reported (the error workbook gives
// it back with its reason). The file is read and checked whole before any member is written — a
// file refused as a whole (missing headers, over 100,000 rows, no rows) writes nothing — while its
// checked rows are sealed and staged (roster_staging, roster-staging.ts) as they are read; then
// members are written in batches, each batch one transaction: INSERT … SELECT from staging, where
// member_identity decides in SQL who is new. Importing is idempotent by ID number: a row whose person is already
// a member of this union is skipped, so uploading the same file again (after fixing its errors,
// or after an interruption) imports only what is missing and never duplicates anyone.
import { performance } from 'node:perf_hooks';
import type { Deps } from '../../http/context.ts';
import { AppError, errorBody } from '../../errors.ts';
import { translateDbError } from '../../db/errors.ts';
import { redactText } from '../../lib/redact.ts';
import { insertAudit } from '../../http/audit.ts';
import { checkRow, reasonText, type RowProblem } from './roster-rows.ts';
import { Stager, timed } from './roster-staging.ts';
import { readRoster, writeErrorWorkbook } from './roster-sheet.ts';
import * as repo from './rosters.repo.ts';
import type { XlsxZip } from '../../lib/xlsx-guard.ts';

export interface RosterTask {
  jobId: number;
  orgId: number;
  orgPath: string;
  staffId: number;
  staffName: string;
  buf: Buffer;
  zip: XlsxZip;
}

export interface ImportOptions {
  /** Rows per transaction (PostgreSQL 10,000; PGlite 5,000: its one session waits for each). */
  batchSize?: number;
  /** Batches written at once (PostgreSQL 2; PGlite 1). */
  writers?: number;
  /** Checked rows sealed and staged together while the file is read (default 2,000). */
  stageChunk?: number;
  /** Checked rows from which sealing moves to a worker thread (default 2,000: a small roster seals in this one). */
  workerFromRows?: number;
  /** "Today", for ages and dates in the future (tests). */
  today?: () => Date;
  /** Checked between batches: a closing server stops the job there. */
  isClosing?: () => boolean;
  /** Job ids queued behind this one (their heartbeats are kept). */
  queued?: () => number[];
  log?: (msg: string, detail?: Record<string, unknown>) => void;
  /** Seconds spent per phase, added up (the benchmark's breakdown). */
  timings?: Record<string, number>;
}

export interface ImportResult {
  imported: number;
  rejoined: number;
  skipped: number;
  errorRows: number;
}

const READ_SHARE = 30; // percent of the bar for reading and checking

interface BatchOutcome {
  imported: number;
  rejoined: number;
  skipped: number;
  errors: Map<number, RowProblem[]>;
}

/** One batch, already staged, in one transaction; retried when a concurrent join of the same person wins the race. */
async function writeBatch(
  deps: Deps,
  task: RosterTask,
  rowNos: number[],
  enterpriseId: number | null,
  percent: number,
  timings?: Record<string, number>,
): Promise<BatchOutcome> {
  const target: repo.BatchTarget = {
    jobId: task.jobId,
    fromRow: rowNos[0]!,
    toRow: rowNos[rowNos.length - 1]!,
    orgId: task.orgId,
    staffId: task.staffId,
    enterpriseId,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.db.transaction(async (tx) => {
        const inserted = await timed(timings, 'insertMembers', () => repo.insertFreshMembers(tx, target));
        // Every row new (a first import): nobody of the batch can be a member already.
        const existing =
          inserted.length === rowNos.length ? [] : await timed(timings, 'findExisting', () => repo.findExistingMembers(tx, target, inserted));
        const errors = new Map<number, RowProblem[]>();
        const rejoin: repo.ExistingRow[] = [];
        let skipped = 0;
        for (const e of existing) {
          if (e.status === 'left') rejoin.push(e);
          else if (e.status === 'deceased') errors.set(e.rowNo, [{ code: 'member_deceased' }]);
          else if (e.orgId === task.orgId) skipped++;
          else errors.set(e.rowNo, [{ code: 'already_member_elsewhere' }]);
        }
        await repo.rejoinMembers(tx, target, rejoin);
        // Neither new nor a member: a pending application of the same person held it back.
        const accounted = new Set([...inserted, ...existing.map((e) => e.rowNo)]);
        for (const rowNo of rowNos) if (!accounted.has(rowNo)) errors.set(rowNo, [{ code: 'application_pending' }]);
        const errorCounts: Record<string, number> = {};
        for (const problems of errors.values()) for (const p of problems) errorCounts[p.code] = (errorCounts[p.code] ?? 0) + 1;
        await repo.clearStagedBatch(tx, target);
        await repo.addBatchCounts(tx, task.jobId, {
          processed: rowNos.length,
          imported: inserted.length,
          rejoined: rejoin.length,
          skipped,
          errorRows: errors.size,
          errorCounts,
          percent,
        });
        return { imported: inserted.length, rejoined: rejoin.length, skipped, errors };
      });
    } catch (err) {
      if (attempt < 3 && translateDbError(err)?.code === 'conflict') continue;
      throw err;
    }
  }
}

/** Reads, checks and imports one roster; the job row tells the console how far it got. */
export async function runImport(deps: Deps, task: RosterTask, opts: ImportOptions = {}): Promise<ImportResult> {
  const db = deps.db;
  const today = opts.today?.() ?? new Date();
  const batchSize = opts.batchSize ?? (db.engine === 'pglite' ? 5000 : 10000);
  const problems = new Map<number, RowProblem[]>();
  const errorCounts: Record<string, number> = {};
  const addProblems = (rowNo: number, list: RowProblem[]) => {
    const had = problems.get(rowNo);
    problems.set(rowNo, had ? [...had, ...list] : list);
    for (const p of list) errorCounts[p.code] = (errorCounts[p.code] ?? 0) + 1;
  };

  await repo.sweep(db, [task.jobId]);
  await repo.updateProgress(db, task.jobId, { status: 'reading', started: true, percent: 0 }, opts.queued?.());

  // 1. Read and check the whole file, sealing and staging its checked rows meanwhile (not member data).
  const stager = new Stager(deps, task.jobId, { chunk: opts.stageChunk ?? 2000, workerFromRows: opts.workerFromRows ?? 2000, timings: opts.timings });
  /** Every checked row in the order staged: its row number, and whether a later duplicate voided it. */
  const checked: { rowNo: number; voided: boolean }[] = [];
  const firstOf = new Map<string, { index: number; name: string }>();
  let readRows = 0;
  let fraction = 0;
  const ticker = setInterval(() => {
    void repo
      .updateProgress(db, task.jobId, { readRows, percent: Math.floor(READ_SHARE * fraction) }, opts.queued?.())
      .catch(() => undefined);
  }, 500);
  let totalRows: number;
  const readStart = performance.now();
  try {
    totalRows = await readRoster(task.buf, task.zip, {
      onProgress: (f) => {
        fraction = f;
      },
      onRow: ({ rowNo, cells }) => {
        readRows++;
        const result = checkRow(rowNo, cells, today);
        if (!result.ok) return addProblems(rowNo, result.problems);
        const row = result.row;
        const first = firstOf.get(row.idNumber);
        if (!first) {
          firstOf.set(row.idNumber, { index: checked.length, name: row.name });
          checked.push({ rowNo, voided: false });
          stager.add(row);
          return;
        }
        // The same person twice: the first row stands if both say the same name; if the names
        // differ nobody can tell which is right, so neither is imported.
        const earlier = checked[first.index]!;
        addProblems(rowNo, [{ code: 'duplicate_in_file', detail: `（第 ${earlier.rowNo} 行）` }]);
        if (first.name !== row.name && !earlier.voided) {
          earlier.voided = true;
          addProblems(earlier.rowNo, [{ code: 'duplicate_in_file', detail: `（第 ${rowNo} 行，姓名不同）` }]);
        }
      },
    });
    stager.end();
  } catch (err) {
    await stager.abandon();
    throw err;
  } finally {
    clearInterval(ticker);
    if (opts.timings) opts.timings.readAndCheck = (performance.now() - readStart) / 1000;
  }
  firstOf.clear();
  // The rows to write, with how many rows must be staged before each can be (its place in staging).
  const rowNos: number[] = [];
  const stagedBy: number[] = [];
  const voided: number[] = [];
  checked.forEach((c, i) => {
    if (c.voided) return void voided.push(c.rowNo);
    rowNos.push(c.rowNo);
    stagedBy.push(i + 1);
  });
  await repo.updateProgress(db, task.jobId, {
    status: 'importing',
    percent: READ_SHARE,
    readRows,
    totalRows,
    validRows: rowNos.length,
    errorRows: problems.size,
    errorCounts,
  }, opts.queued?.());

  // 2. Write in batches, each as soon as its rows are staged (the sealing of the file's last rows
  // may still be going on). Batches are written by `writers` loops at once (PostgreSQL 2, PGlite 1:
  // its one session takes statements in turn), each batch one transaction. Batches hold distinct
  // people (duplicates were settled while reading), so their transactions meet only on the union's
  // count and the job's row, both updated last.
  const enterpriseId = rowNos.length > 0 ? await repo.findEnterpriseOfUnion(db, task.orgId) : null;
  const result: ImportResult = { imported: 0, rejoined: 0, skipped: 0, errorRows: problems.size };
  const writers = Math.max(1, opts.writers ?? (db.engine === 'pglite' ? 1 : 2));
  let next = 0;
  let written = 0;
  let failed = false;
  const writeLoop = async () => {
    while (!failed && next < rowNos.length) {
      const i = next;
      next += batchSize;
      const batch = rowNos.slice(i, i + batchSize);
      await timed(opts.timings, 'waitForStaging', () => stager.staged(stagedBy[i + batch.length - 1]!));
      if (failed) return;
      if (opts.isClosing?.()) throw new AppError('roster_interrupted');
      // A first row voided by a later duplicate with another name was staged before that duplicate
      // was read: out of staging with the batch it falls in (or before).
      const after = i === 0 ? 0 : rowNos[i - 1]!;
      const upTo = i + batch.length === rowNos.length ? Infinity : batch[batch.length - 1]!;
      const voidedHere = voided.filter((n) => n > after && n < upTo);
      if (voidedHere.length > 0) await repo.dropStagedRows(db, task.jobId, voidedHere);
      const percent = READ_SHARE + Math.floor(((100 - READ_SHARE) * (written + batch.length)) / rowNos.length);
      const out = await timed(opts.timings, 'batches', () => writeBatch(deps, task, batch, enterpriseId, Math.min(percent, 99), opts.timings));
      written += batch.length;
      result.imported += out.imported;
      result.rejoined += out.rejoined;
      result.skipped += out.skipped;
      for (const [rowNo, list] of out.errors) {
        problems.set(rowNo, list);
        result.errorRows++;
      }
      if (opts.queued) await repo.updateProgress(db, task.jobId, {}, opts.queued());
    }
  };
  // Every loop, and the staging, is awaited before a failure is thrown: no COPY or batch may
  // outlive the job's clean-up.
  const outcomes = await Promise.allSettled(
    Array.from({ length: writers }, () =>
      writeLoop().catch((err: unknown) => {
        failed = true;
        throw err;
      }),
    ),
  );
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) {
    await stager.abandon();
    throw failure.reason;
  }
  await stager.settle();

  // 3. The rows not imported, given back with their reasons (sealed: they hold full ID numbers).
  let errorsEnc: Buffer | null = null;
  if (problems.size > 0) {
    const reasons = new Map([...problems].map(([rowNo, list]) => [rowNo, reasonText(list)]));
    const workbook = await timed(opts.timings, 'errorWorkbook', () => writeErrorWorkbook(task.buf, task.zip, reasons));
    errorsEnc = deps.pii.encrypt(workbook.toString('base64'));
  }
  await db.transaction(async (tx) => {
    await repo.finishJob(tx, task.jobId, { status: 'done', errorsEnc });
    await insertAudit(tx, {
      actorKind: 'staff',
      actorId: task.staffId,
      actorName: task.staffName,
      action: 'member.import',
      targetType: 'roster_job',
      targetId: task.jobId,
      orgPath: task.orgPath,
      detail: { rows: totalRows, ...result },
    });
  });
  return result;
}

/** Marks a job failed with the reason the whole file was refused (or the import stopped). */
export async function failJob(deps: Deps, task: RosterTask, err: unknown, log?: ImportOptions['log']): Promise<void> {
  let body = err instanceof AppError ? errorBody(err.code, err.message) : undefined;
  if (!body) {
    log?.('roster import failed', { jobId: task.jobId, err: redactText(err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err)) });
    body = errorBody('internal_error');
  }
  await deps.db.transaction(async (tx) => {
    await repo.finishJob(tx, task.jobId, { status: 'failed', errorCode: body.error, errorMessage: body.message });
    await insertAudit(tx, {
      actorKind: 'staff',
      actorId: task.staffId,
      actorName: task.staffName,
      action: 'member.import',
      outcome: 'failed',
      targetType: 'roster_job',
      targetId: task.jobId,
      orgPath: task.orgPath,
      detail: { error: body.error },
    });
  });
}

/** Runs jobs one at a time: a roster import is CPU and database heavy, and PGlite has one session. */
export class RosterQueue {
  private readonly waiting: RosterTask[] = [];
  private current: { task: RosterTask; done: Promise<void> } | undefined;
  private closing = false;

  constructor(
    private readonly deps: Deps,
    private readonly opts: ImportOptions & { maxWaiting?: number } = {},
  ) {}

  /** Whether another job may be queued now. */
  hasRoom(): boolean {
    return !this.closing && this.waiting.length < (this.opts.maxWaiting ?? 5);
  }

  enqueue(task: RosterTask): void {
    this.waiting.push(task);
    this.next();
  }

  private next(): void {
    if (this.current || this.closing) return;
    const task = this.waiting.shift();
    if (!task) return;
    const done = runImport(this.deps, task, {
      ...this.opts,
      isClosing: () => this.closing,
      queued: () => this.waiting.map((t) => t.jobId),
    })
      .then(() => undefined)
      .catch((err: unknown) => failJob(this.deps, task, err, this.opts.log))
      .catch((err: unknown) => this.opts.log?.('roster job could not be marked failed', { jobId: task.jobId, err: redactText(String(err)) }))
      .finally(async () => {
        await repo.clearStagedJob(this.deps.db, task.jobId).catch(() => undefined);
        this.current = undefined;
        this.next();
      });
    this.current = { task, done };
  }

  /** Stops the current job after its batch; the jobs still waiting are marked interrupted. */
  async close(): Promise<void> {
    this.closing = true;
    const waiting = this.waiting.splice(0);
    for (const task of waiting) await failJob(this.deps, task, new AppError('roster_interrupted')).catch(() => undefined);
    await this.current?.done;
  }
}
