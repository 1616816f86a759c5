// Database errors, interpreted in this one place. The core knows the SQLSTATE classes (a unique
// or check violation, a bad value, a serialisation failure); which constraint means which error
// code is the owning module's knowledge, registered here by its service when it is loaded (the
// core imports no module). A constraint can only be broken by a statement of the module that
// owns it, so its map is always registered before the violation can happen.
import { AppError, type ErrorCode } from '../errors.ts';

/** A module's constraints (unique or check, by name) and the error each violation answers with. */
export type ConstraintErrors = Readonly<Record<string, ErrorCode>>;

const registry = new Map<string, { owner: string; code: ErrorCode }>();

/**
 * Registers `owner`'s constraint → error-code map. Registering the same pairs again is harmless (a
 * test file may load a service twice); a constraint claimed by two modules, or with two codes, throws.
 */
export function registerConstraintErrors(owner: string, map: ConstraintErrors): void {
  for (const [constraint, code] of Object.entries(map)) {
    const known = registry.get(constraint);
    if (known && (known.owner !== owner || known.code !== code)) {
      throw new Error(`constraint ${constraint} is already registered by ${known.owner} as ${known.code}`);
    }
    registry.set(constraint, { owner, code });
  }
}

interface DbErrorLike {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

const UNIQUE = '23505';
const CHECK = '23514';
/** foreign key, bad text representation, too long, bad byte sequence (NUL), out of range, bad date/time */
const BAD_INPUT = new Set(['23503', '22P02', '22001', '22021', '22003', '22007', '22008']);
/** a serialisation failure or a deadlock: the statement may succeed when tried again */
const RETRYABLE = new Set(['40001', '40P01']);

function sqlState(err: unknown): string | undefined {
  const code = (err as DbErrorLike | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The constraint an error names, from either engine: node-postgres sets `constraint`; PGlite may
 * only name it in the message (`violates unique constraint "x"`).
 */
export function constraintOf(err: unknown): string | undefined {
  const e = err as DbErrorLike | null;
  if (typeof e?.constraint === 'string' && e.constraint !== '') return e.constraint;
  if (typeof e?.message !== 'string') return undefined;
  return /violates (?:unique|check|foreign key|exclusion) constraint "([^"]+)"/.exec(e.message)?.[1];
}

/** A violation of the named constraint (unique or check), from either engine. */
export function violates(err: unknown, constraint: string): boolean {
  const state = sqlState(err);
  return (state === UNIQUE || state === CHECK) && constraintOf(err) === constraint;
}

/** A unique violation (23505): another statement got there first. Named, only that constraint's. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return sqlState(err) === UNIQUE && (constraint === undefined || constraintOf(err) === constraint);
}

/**
 * The AppError a database error stands for, or undefined when it is not the caller's doing (the
 * error handler then answers 500). A registered constraint answers with its module's code; any
 * other unique violation, a serialisation failure or a deadlock with `conflict`; a bad value or a
 * broken check or foreign key with `validation_failed`.
 */
export function translateDbError(err: unknown): AppError | undefined {
  const state = sqlState(err);
  if (state === undefined) return undefined;
  if (state === UNIQUE || state === CHECK) {
    const name = constraintOf(err);
    const registered = name === undefined ? undefined : registry.get(name);
    if (registered) return new AppError(registered.code);
    return new AppError(state === UNIQUE ? 'conflict' : 'validation_failed');
  }
  if (BAD_INPUT.has(state)) return new AppError('validation_failed');
  if (RETRYABLE.has(state)) return new AppError('conflict');
  return undefined;
}
