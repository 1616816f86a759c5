// The scope gate's test, for the founding drives (issue 16): a drive of 阳江 with a target
// (an employer of a 阳江 town, its contact sealed) that 化州's staff must not reach, and how to aim
// each drive route at them (tests/scope.test.ts spreads it into its map).
import type { Session, TestApp } from './harness.ts';
import { newKey } from './points.ts';
import { beijingDay } from '../../server/lib/beijing-time.ts';

type Ids = Record<string, number>;

/** Makes 阳江's drive and target as the yangjiang account (ids.yangjiang, ids.yangjiangTown set); records their ids. */
export async function makeOutOfScopeDrives(t: TestApp, ids: Ids, yangjiang: Session): Promise<void> {
  const drive = await t.request('POST', '/api/drives', {
    as: yangjiang,
    body: { orgId: ids.yangjiang, title: '阳江市建会行动（越权测试用）', startsOn: '2026-01-01', endsOn: '2026-12-31', goals: [{ key: 'unions', target: 5 }] },
  });
  ids.yangjiangDrive = drive.json().id;
  const e = await t.make.enterprise({ town: ids.yangjiangTown!, name: '阳江越权测试五金有限公司' });
  const target = await t.request('POST', `/api/drives/${ids.yangjiangDrive}/targets`, { as: yangjiang, body: { enterpriseId: e.id, contactName: '阳江联系人', contactPhone: '13900139000' } });
  ids.yangjiangDriveTarget = target.json().targetList[0].id;
}

export function drivesOutOfScope(ids: Ids) {
  return {
    'POST /api/drives': { body: () => ({ orgId: ids.yangjiang, title: '越权新建行动', startsOn: '2026-01-01', endsOn: '2026-12-31' }) },
    'GET /api/drives/{id}': { id: () => ids.yangjiangDrive! },
    'PATCH /api/drives/{id}': { id: () => ids.yangjiangDrive!, body: () => ({ title: '越权修改行动' }) },
    'POST /api/drives/{id}/targets': { id: () => ids.yangjiangDrive!, body: () => ({ townId: ids.yangjiangTown, platform: '货拉拉' }) },
    'POST /api/drive-targets/{id}/steps': { id: () => ids.yangjiangDriveTarget!, body: () => ({ step: 'contact', doneOn: beijingDay() }), headers: () => ({ 'idempotency-key': newKey() }) },
    'POST /api/drive-targets/{id}/drop': { id: () => ids.yangjiangDriveTarget!, body: () => ({ reason: '越权移出对象' }), headers: () => ({ 'idempotency-key': newKey() }) },
    'POST /api/drive-targets/{id}/link-union': { id: () => ids.yangjiangDriveTarget!, body: () => ({ orgId: ids.yangjiangUnion ?? ids.yangjiangTown, linkedOn: beijingDay() }), headers: () => ({ 'idempotency-key': newKey() }) },
    'POST /api/drive-targets/{id}/contact/reveal': { id: () => ids.yangjiangDriveTarget!, body: () => ({ reason: '越权查看联系人' }) },
  };
}
