// Every benchmark runs from a fresh clone, where there is no tmp/ (it is git-ignored): each writes
// its files through bench/common.ts's writeOutput, which creates the folders on the path first.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeOutput } from '../bench/common.ts';

const benchDir = join(import.meta.dirname, '..', 'bench');

describe('benchmark output', () => {
  it('writeOutput creates the missing folders of the path (a clone without tmp/)', () => {
    const root = mkdtempSync(join(tmpdir(), 'gh-bench-out-'));
    try {
      const file = join(root, 'tmp', 'bench', 'bench-signup-postgres.json');
      expect(existsSync(join(root, 'tmp'))).toBe(false);
      writeOutput(file, '{"ok":true}');
      expect(readFileSync(file, 'utf8')).toBe('{"ok":true}');
      // and again over what is there
      writeOutput(file, '{}');
      expect(readFileSync(file, 'utf8')).toBe('{}');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('no benchmark writes a file except through writeOutput', () => {
    const offenders = readdirSync(benchDir)
      .filter((f) => f.endsWith('.ts') && f !== 'common.ts')
      .flatMap((f) =>
        readFileSync(join(benchDir, f), 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `bench/${f}:${i + 1}`, line }))
          .filter(({ line }) => /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream)\s*\(/.test(line)),
      )
      .map((o) => o.where);
    expect(offenders).toEqual([]);
  });
});
