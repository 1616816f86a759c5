// Every action and record kind the server audits has its Chinese name on the 审计日志 page: the
// server's sources are read for the actions they write (literals, and the templates spelled out).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, auditTargetLabels } from '../../../contracts/audit.ts';

const serverDir = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

const code = sources(serverDir).join('\n');
const domains = 'login|logout|member_login|sms_code|org|staff|member|roster|card|activity|points|campaign|payout|hardship';
const literal = new RegExp(`'((?:${domains})(?:\\.[a-z_]+)?)'`, 'g');
const fileName = /\.(?:xlsx?|csv|txt|pdf|png|jpe?g|webp|ts)$/;

describe('audit labels', () => {
  it('name every action the server writes', () => {
    const actions = new Set<string>();
    for (const [, a] of code.matchAll(literal)) if (a!.includes('.') && !fileName.test(a!)) actions.add(a!);
    for (const a of ['login', 'logout', 'member_login']) actions.add(a);
    // actions built from a decision: `campaign.review_${decision}`, `campaign.objection_${outcome}`
    for (const [, prefix] of code.matchAll(/action: `([a-z_]+\.[a-z_]+)\$\{/g)) {
      const known = Object.keys(auditActionLabels).filter((k) => k.startsWith(prefix!));
      expect(known.length, `no label for ${prefix}…`).toBeGreaterThan(1);
    }
    const unnamed = [...actions].filter((a) => !(a in auditActionLabels));
    expect(unnamed).toEqual([]);
    expect(actions.size).toBeGreaterThan(40);
  });

  it('name every kind of record the server audits', () => {
    const kinds = new Set([...code.matchAll(/targetType: '([a-z_]+)'/g)].map((m) => m[1]!));
    expect([...kinds].filter((k) => !(k in auditTargetLabels))).toEqual([]);
    expect(kinds.size).toBeGreaterThan(10);
  });
});
