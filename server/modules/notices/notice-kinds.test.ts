// Every kind of notice the server queues has its Chinese name in the outbox (通知发件箱). The queueing
// functions take a NoticeKind (a kind without a name does not compile); this reads the sources for
// the kinds that the type cannot see: those written as literals inside SQL, and any call's literal.
import { describe, expect, it } from 'vitest';
import { serverCode } from '../../../tests/helpers/sources.ts';
import { noticeKindLabel, noticeKindLabels } from '../../../contracts/notices.ts';

const code = serverCode();
const labels: Record<string, string> = noticeKindLabels;

describe('notice kinds', () => {
  it('name every kind written into the outbox by SQL', () => {
    // columns (…, kind, org_path, …): the kind is what comes just before the org path
    expect([...code.matchAll(/INSERT INTO outbox \([^)]*\bkind, org_path\b/g)].length).toBeGreaterThanOrEqual(4);
    const kinds = new Set([...code.matchAll(/INSERT INTO outbox \([^)]*\)\s*(?:SELECT|VALUES)[^\n]*?'([a-z_]+)',\s*\$\d+::ltree/g)].map((m) => m[1]!));
    expect(kinds.size).toBeGreaterThan(0);
    expect([...kinds].filter((k) => !(k in labels))).toEqual([]);
  });

  it('name every kind passed to the functions that queue notices', () => {
    const kinds = new Set<string>();
    for (const [, k] of code.matchAll(/\b(?:insertNotices|queueBulkSms|tell)\([^;]*?'([a-z_]+)',\s*[\w.]+(?:\.path|orgPath)\b/g)) kinds.add(k!);
    for (const [, k] of code.matchAll(/\bqueueSms\([^;]*?kind: '([a-z_]+)'/g)) kinds.add(k!);
    for (const [, k] of code.matchAll(/notice: \{[^}]*?kind: '([a-z_]+)'/g)) kinds.add(k!);
    expect(kinds.size).toBeGreaterThan(15);
    expect([...kinds].filter((k) => !(k in labels))).toEqual([]);
    // kinds built from a decision: `campaign_review_${input.decision}`
    for (const [, prefix] of code.matchAll(/`([a-z_]+_)\$\{[^}]*\}`,\s*[\w.]+\.orgPath/g)) {
      expect(Object.keys(labels).filter((k) => k.startsWith(prefix!)).length, `no label for ${prefix}…`).toBeGreaterThan(1);
    }
  });

  it('reads every name in Chinese, and an unknown kind as 其他通知, never as a code', () => {
    for (const label of Object.values(labels)) expect(label).toMatch(/^[\u4e00-\u9fa5、，]+$/);
    expect(noticeKindLabel('activity_signup')).toBe('活动报名结果通知');
    expect(noticeKindLabel('retired_kind')).toBe('其他通知');
  });
});
