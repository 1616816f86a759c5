// An activity's lottery for staff — the seed's commitment, the draw, the published seed and the record
// anyone can check — and the notice of results (公示) with masked names.
import { Card, Empty, Space, Table, Typography } from 'antd';
import type { ActivityDetail } from '../../../../contracts/activities.ts';
import { api } from '../../../shared/api.ts';
import { formatCount, formatDateTime, formatWhen } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPart } from '../../components/DetailPage.tsx';
import { LotteryFrame, useLottery } from '../../components/DrawParts.tsx';

export function DrawPanel({ activity, canDraw, onDrawn }: { activity: ActivityDetail; canDraw: boolean; onDrawn: () => void }) {
  const lottery = useLottery(
    `draw ${activity.id}`,
    () => api.get('/api/activities/:id/draw', { params: { id: activity.id } }),
    () => api.post('/api/activities/:id/draw', { params: { id: activity.id } }),
    onDrawn,
  );
  const undrawn = activity.batches.filter((b) => b.drawnAt === null);
  // a batch may be drawn once its own window has closed
  const due = undrawn.filter((b) => Date.now() >= Date.parse(b.signupClosesAt));
  const closed = due.length > 0;
  const hint = closed
    ? `${due.map((b) => `第 ${b.batchNo} 批`).join('、')}报名已截止，可以抽签（系统也会在截止后自动抽签）`
    : `本批报名截止（${formatWhen(undrawn[0]?.signupClosesAt ?? activity.signupClosesAt)}）后才能抽签`;
  const pending = `${activity.batches.length > 1 ? '全部批次抽签后公布' : '抽签后公布'}；任何人可验证 sha256(种子) 等于上面的承诺，并据此复算中签结果`;
  const shown = canDraw && activity.status === 'published' && (lottery.record.data?.batches.some((b) => b.drawnAt === null) ?? false);
  const button = { shown, ready: closed, hint, ask: '对报名已截止的批次公开抽签，结果立即通知会员并公示，不能撤回。', done: '抽签完成，结果已通知会员' };

  return (
    <LotteryFrame lottery={lottery} classNames={['act-desc', 'act-hash']} pending={pending} button={button}>
      {(record) =>
        record.batches.map((b) => (
          <Card key={b.batchNo} size="small" title={`第 ${b.batchNo} 批 · ${formatCount(b.places)} 个名额`} extra={b.drawnAt ? `${formatDateTime(b.drawnAt)} 抽签` : '未抽签'}>
            <Space direction="vertical" size={4}>
              <span>参加抽签 {formatCount(b.entryIds.length)} 人（报名编号升序，可据此复算）</span>
              {b.drawnAt && (
                <>
                  <span>中签 {formatCount(b.winners.length)} 人，候补 {formatCount(b.waitlist.length)} 人</span>
                  <Typography.Text type="secondary" className="small mono act-ids">
                    中签报名编号：{b.winners.join('、') || '无'}
                  </Typography.Text>
                </>
              )}
            </Space>
          </Card>
        ))
      }
    </LotteryFrame>
  );
}

export function ResultsPanel({ activityId }: { activityId: number }) {
  const detail = useDetail(`results ${activityId}`, () => api.get('/api/activities/:id/results', { params: { id: activityId } }));
  return (
    <DetailPart detail={detail}>
      {(results) =>
        results.published ? (
          <Table
            rowKey={(r) => `${r.memberNo}-${r.name}`}
            size="small"
            dataSource={results.confirmed}
            pagination={{ pageSize: 50, showTotal: (t) => `报名成功 ${formatCount(t)} 人${results.waitlisted ? `，候补 ${formatCount(results.waitlisted)} 人` : ''}（姓名、会员号已脱敏）` }}
            columns={[
              { title: '序号', width: 64, render: (_, __, i) => i + 1 },
              { title: '姓名', dataIndex: 'name' },
              { title: '会员号', dataIndex: 'memberNo', render: (v: string) => <span className="mono">{v}</span> },
              { title: '人数', dataIndex: 'seats', width: 64, align: 'right' },
            ]}
          />
        ) : (
          <Empty description={results.allocation === 'lottery' ? '抽签后公示中签名单' : '报名截止后公示报名成功名单'} />
        )
      }
    </DetailPart>
  );
}
