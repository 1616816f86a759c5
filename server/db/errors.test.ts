// Database errors are read in one place: the constraint is found on either engine, a module's
// registered constraint answers with its code, and the rest fall into conflict / validation_failed.
import { describe, expect, it } from 'vitest';
import { testDbHooks } from '../../tests/helpers/harness.ts';
import type { Db } from './client.ts';
import { constraintOf, isUniqueViolation, registerConstraintErrors, translateDbError, violates } from './errors.ts';

let db: Db;
testDbHooks(async (d) => {
  db = d;
  await db.query(`CREATE TABLE db_errors_probe (k text CONSTRAINT db_errors_probe_k_key UNIQUE, n int CONSTRAINT db_errors_probe_n_small CHECK (n < 10))`);
  await db.query(`CREATE UNIQUE INDEX db_errors_probe_n_once ON db_errors_probe (n) WHERE n > 5`);
  await db.query(`INSERT INTO db_errors_probe VALUES ('a', 7)`);
});

/** The error a statement raises (it must raise one). */
async function errorOf(sql: string): Promise<unknown> {
  try {
    await db.query(sql);
  } catch (err) {
    return err;
  }
  throw new Error(`no error from: ${sql}`);
}

describe('database errors', () => {
  it('names the broken constraint on this engine (unique, unique index, check)', async () => {
    const dup = await errorOf(`INSERT INTO db_errors_probe VALUES ('a', 1)`);
    expect(constraintOf(dup)).toBe('db_errors_probe_k_key');
    expect(isUniqueViolation(dup)).toBe(true);
    expect(isUniqueViolation(dup, 'db_errors_probe_k_key')).toBe(true);
    expect(isUniqueViolation(dup, 'db_errors_probe_n_once')).toBe(false);
    expect(violates(dup, 'db_errors_probe_k_key')).toBe(true);

    const index = await errorOf(`INSERT INTO db_errors_probe VALUES ('b', 7)`);
    expect(constraintOf(index)).toBe('db_errors_probe_n_once');
    expect(violates(index, 'db_errors_probe_n_once')).toBe(true);

    const check = await errorOf(`INSERT INTO db_errors_probe VALUES ('c', 11)`);
    expect(constraintOf(check)).toBe('db_errors_probe_n_small');
    expect(violates(check, 'db_errors_probe_n_small')).toBe(true);
    expect(isUniqueViolation(check)).toBe(false);
  });

  it('answers a registered constraint with its module’s code, the rest with conflict or validation_failed', async () => {
    const dup = await errorOf(`INSERT INTO db_errors_probe VALUES ('a', 1)`);
    const check = await errorOf(`INSERT INTO db_errors_probe VALUES ('c', 11)`);
    const badInput = await errorOf(`SELECT 'x'::int`);
    expect(translateDbError(dup)?.code).toBe('conflict');
    expect(translateDbError(check)?.code).toBe('validation_failed');
    expect(translateDbError(badInput)?.code).toBe('validation_failed');

    registerConstraintErrors('db-errors-test', { db_errors_probe_k_key: 'username_taken', db_errors_probe_n_small: 'weak_password' });
    expect(translateDbError(dup)).toMatchObject({ code: 'username_taken', statusCode: 409, message: '用户名已被使用' });
    expect(translateDbError(check)?.code).toBe('weak_password');
    // the index is not registered: still a plain conflict
    expect(translateDbError(await errorOf(`INSERT INTO db_errors_probe VALUES ('b', 7)`))?.code).toBe('conflict');
  });

  it('keeps one owner and one code per constraint', () => {
    registerConstraintErrors('db-errors-test', { db_errors_probe_k_key: 'username_taken' });
    expect(() => registerConstraintErrors('db-errors-test', { db_errors_probe_k_key: 'conflict' })).toThrow(/already registered/);
    expect(() => registerConstraintErrors('another-module', { db_errors_probe_k_key: 'username_taken' })).toThrow(/already registered/);
  });

  it('leaves errors that are not the caller’s doing to the error handler', () => {
    expect(translateDbError(new Error('boom'))).toBeUndefined();
    expect(translateDbError({ code: '53300' })).toBeUndefined();
    expect(translateDbError(null)).toBeUndefined();
    expect(translateDbError({ code: '40001' })?.code).toBe('conflict');
    expect(translateDbError({ code: '40P01' })?.code).toBe('conflict');
    expect(constraintOf({ code: '23505', message: 'duplicate key value violates unique constraint "x_key"' })).toBe('x_key');
  });
});
