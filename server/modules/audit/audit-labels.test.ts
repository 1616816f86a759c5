// Every action and record kind the server audits has its Chinese name on the 审计日志 page: the
// server's sources are read for the actions they write (literals, and the templates spelled out).
import { describe, expect, it } from 'vitest';
import { serverCode } from '../../../tests/helpers/sources.ts';
import { auditActionSentences, auditDetailParts, auditSentence, auditWhat } from '../../../contracts/audit-sentences.ts';
import { auditActionLabels, auditTargetLabels } from '../../../contracts/audit.ts';

const code = serverCode();
const domains = 'login|logout|member_login|sms_code|org|staff|member|roster|card|activity|points|campaign|payout|hardship|legal|ticket|calendar|place|job|fair';
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

describe('audit sentences', () => {
  it('say every action the server writes as a sentence, and every detail it records in words', () => {
    const unsaid = Object.keys(auditActionLabels).filter((a) => !(a in auditActionSentences));
    expect(unsaid).toEqual([]);
    for (const s of Object.values(auditActionSentences)) {
      expect(s).toMatch(/^[\p{Script=Han}（），、「」{} a-zA-Z]+$/u);
      // a placeholder is the record, or a detail the server records
      for (const [, key] of s.matchAll(/\{(\w+)\}/g)) expect(key === 'target' || key! in auditDetailParts, key).toBe(true);
    }
    // the keys of every `detail: { … }` the server writes (spreads are listed by their sources below)
    const keys = new Set<string>();
    for (const [, body] of code.matchAll(/detail: \{([^}]*(?:\{[^}]*\}[^}]*)*)\}/g)) {
      for (const [, k] of body!.matchAll(/(?:^|,)\s*([a-zA-Z]+)(?=\s*[:,]|\s*$)/g)) keys.add(k!);
    }
    for (const k of ['imported', 'rejoined', 'skipped', 'errorRows', 'confirmed', 'failed', 'returned', 'displayName', 'roles', 'isActive']) keys.add(k);
    expect(keys.size).toBeGreaterThan(60);
    expect([...keys].filter((k) => !(k in auditDetailParts))).toEqual([]);
  });

  it('reads an edit as who, when (Beijing time), what and the change', () => {
    const fmt = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
    const line = auditSentence(
      {
        id: 1, at: '2026-12-06T02:00:00Z', actorKind: 'staff', actorId: 3, actorName: 'zhangsan', actorDisplayName: '张三', action: 'activity.update', outcome: 'ok',
        targetType: 'activity', targetId: '7', ip: null, detail: { title: '冬至包饺子', changes: { places: { from: 100, to: 120 } } },
      },
      fmt,
    );
    expect(line).toBe('张三（zhangsan） 于 2026-12-06 10:00 修改了普惠活动「冬至包饺子」的名额：100 → 120');
    const failed = auditWhat(
      { id: 2, at: '2026-12-06T02:00:00Z', actorKind: 'anonymous', actorId: null, actorName: null, actorDisplayName: null, action: 'login', outcome: 'failed', targetType: null, targetId: null, ip: null, detail: { username: 'nobody', reason: 'unknown_user' } },
      fmt,
    );
    expect(failed).toBe('登录了管理后台（尝试的用户名 nobody，用户名不存在），未成功');
    expect(failed).not.toMatch(/[{}"]/);
    const issued = auditWhat(
      { id: 3, at: '2026-12-06T02:00:00Z', actorKind: 'staff', actorId: 3, actorName: 'huazhou', actorDisplayName: null, action: 'points.issue', outcome: 'ok', targetType: 'point_operation', targetId: '12', ip: null, detail: { amount: 30, members: 2, group: null } },
      fmt,
    );
    expect(issued).toBe('向 2 名会员每人发放了 30 积分（编号 12）');
  });
});
