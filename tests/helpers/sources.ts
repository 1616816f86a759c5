// The server's own sources as text, for the tests that read them for what the types cannot see (the
// audit actions and notice kinds written as literals).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const serverDir = join(import.meta.dirname, '..', '..', 'server');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

/** Every non-test .ts file under server/, joined. */
export function serverCode(): string {
  return sources(serverDir).join('\n');
}
