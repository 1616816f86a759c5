// The demo's labour-law supervision cases (一函两书): 从化's first certified supervisors (trained on
// 16 August, seed page 002; made by legal.ts) at work — a case against an employer of 从化 whose
// 提示函 went out and was delivered today, its written reply due; and a case just opened whose
// employer's address is still to be filled in before a letter can go. Made through the supervision
// service, as the district union's staff would, so numbers, PDFs, deadlines and audit are the real
// ones. Nothing is made when the tree has no 从化区总工会 or no supervisor of it.
import { randomUUID } from 'node:crypto';
import type { StaffContext } from '../../http/context.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { createCase, issueLetter, recordDelivery } from '../../modules/supervision/supervision.service.ts';
import type { Db } from '../client.ts';

/** Creates the demo's supervision cases; returns how many. */
export async function loadDemoSupervision(db: Db, pii: PiiCipher): Promise<number> {
  const [conghua] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE level = 'county' AND region_code = '440117'`);
  const [admin] = await db.query<{ id: number; username: string }>(`SELECT s.id::int AS id, s.username FROM staff s JOIN org o ON o.id = s.org_id WHERE o.parent_id IS NULL ORDER BY s.id LIMIT 1`);
  if (!conghua || !admin) return 0;
  const supervisors = await db.query<{ id: number; orgId: number }>(
    `SELECT id::int AS id, org_id::int AS "orgId" FROM legal_supervisor WHERE org_id = $1 AND active ORDER BY id LIMIT 2`,
    [conghua.id],
  );
  if (supervisors.length === 0) return 0;
  const employers = await db.query<{ id: number; name: string }>(
    `SELECT e.id::int AS id, e.name FROM enterprise e JOIN org t ON t.id = e.town_org_id WHERE t.path <@ $1::ltree ORDER BY e.id LIMIT 2`,
    [conghua.path],
  );
  const [town] = await db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE parent_id = $1 AND level = 'town' AND status = 'active' ORDER BY path LIMIT 1`, [conghua.id]);
  const employer = (i: number, typed: string) =>
    employers[i] ? { enterpriseId: employers[i].id } : { employerName: typed, employerTownId: town?.id ?? conghua.id };

  // the district union's staff, as the seed acts: the province admin's account, scoped to 从化
  const ctx = {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: admin.id, username: admin.username, displayName: '从化区总工会（演示）', orgId: conghua.id, roles: ['admin', 'clerk'], scope: makeScope(conghua.id, conghua.path), sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope: makeScope(conghua.id, conghua.path),
    meta: { ip: '127.0.0.1', userAgent: 'demo seed' },
  } satisfies StaffContext;

  const first = JSON.parse(
    (
      await createCase(
        ctx,
        {
          orgId: conghua.id,
          ...employer(0, '广州市从化区鸿运五金制品有限公司'),
          employerAddress: '广州市从化区太平镇工业大道 18 号',
          provisions: ['《中华人民共和国劳动合同法》第三十条', '《工资支付暂行规定》第七条'],
          summary: '未按劳动合同约定按月足额支付 23 名职工 2026 年 9 月至 10 月的工资，拖欠工资合计约 26 万元',
          workersCount: 23,
          supervisorIds: supervisors.map((s) => s.id),
          ticketIds: [],
          source: 'supervisor',
        },
        `demo-supervision-${randomUUID()}`,
      )
    ).body,
  ) as { id: number };
  const notice = JSON.parse((await issueLetter(ctx, first.id, { kind: 'notice' }, `demo-supervision-${randomUUID()}`)).body) as { id: number };
  await recordDelivery(ctx, first.id, notice.id, { via: 'direct', deliveredOn: beijingDay(), receiptSigner: '人事行政部 李经理' });

  await createCase(
    ctx,
    {
      orgId: conghua.id,
      ...employer(1, '广州市从化区粤丰食品有限公司'),
      provisions: ['《中华人民共和国劳动法》第四十一条', '《中华人民共和国劳动法》第四十四条'],
      summary: '生产旺季安排职工每日工作 11 小时、每月休息 2 天，延长工作时间超过法定上限且未足额支付加班费',
      workersCount: 40,
      supervisorIds: supervisors.slice(0, 1).map((s) => s.id),
      ticketIds: [],
      source: 'supervisor',
    },
    `demo-supervision-${randomUUID()}`,
  );
  return 2;
}
