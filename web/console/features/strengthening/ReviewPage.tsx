// 审核: the self-assessments of the unions below, waiting for review: 通过 (with evidence) or 退回 with a reason.
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { App, Button, Segmented, Space, Typography } from 'antd';
import type { AssessmentSummary } from '../../../../contracts/strengthening.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { assessmentStateTags } from './labels.ts';

type StateFilter = 'pending' | 'approved' | 'rejected' | 'all';

export function ReviewPage() {
  const { message } = App.useApp();
  const [state, setState] = useState<StateFilter>('pending');
  const [rejecting, setRejecting] = useState<AssessmentSummary>();
  const list = usePagedList('/api/strengthening/assessments', { query: { state } }, { showTotal: (n) => `共 ${formatCount(n)} 项` });

  async function approve(a: AssessmentSummary) {
    try {
      await api.post('/api/strengthening/assessments/:id/review', { params: { id: a.id }, body: { decision: 'approve' } });
      message.success(`已通过：${a.org.name} · ${a.indicator.name}`);
      await list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <>
      <ListPage<AssessmentSummary>
        title="自评审核"
        intro={<Typography.Paragraph type="secondary">下级基层工会提交的自评由上级工会审核：有证明材料才能通过；退回须写明原因，基层工会可补充后重新提交。本工会的自评由上级审核。</Typography.Paragraph>}
        filters={
          <Segmented<StateFilter>
            options={[
              { label: '待审核', value: 'pending' },
              { label: '已通过', value: 'approved' },
              { label: '已退回', value: 'rejected' },
              { label: '全部', value: 'all' },
            ]}
            value={state}
            onChange={setState}
          />
        }
        list={list}
        emptyText={state === 'pending' ? '没有待审核的自评' : '没有记录'}
        testId="assessments"
        columns={[
          { title: '基层工会', render: (_, a) => <Link to={`/strengthening/cards?orgId=${a.org.id}&year=${a.year}`}>{a.org.name}</Link> },
          { title: '指标', render: (_, a) => a.indicator.name },
          { title: '说明', dataIndex: 'claimNote', render: (v: string | null) => v ?? '—' },
          { title: '材料', dataIndex: 'evidenceCount', width: 70, render: (n: number) => `${n} 份` },
          { title: '提交时间', dataIndex: 'submittedAt', width: 150 },
          { title: '状态', dataIndex: 'state', width: 90, render: (v: string) => <StateTag tags={assessmentStateTags} value={v} /> },
          {
            title: '操作',
            width: 150,
            render: (_, a) =>
              a.state === 'pending' ? (
                <Space>
                  <Button size="small" type="primary" disabled={a.evidenceCount === 0} title={a.evidenceCount === 0 ? '还没有证明材料，不能通过' : undefined} onClick={() => void approve(a)}>
                    通过
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(a)}>退回</Button>
                </Space>
              ) : (
                a.reviewReason ?? '—'
              ),
          },
        ]}
      />
      <ReasonModal
        open={!!rejecting}
        title="退回自评"
        okText="退回"
        cancelText="不退回"
        warning={rejecting ? `退回 ${rejecting.org.name} 的"${rejecting.indicator.name}"自评，对方可补充材料后重新提交。` : ''}
        label="退回原因"
        required="请填写退回原因"
        placeholder="如：缴费凭证看不清，请重新拍照上传"
        onClose={() => setRejecting(undefined)}
        onSubmit={async (reason) => {
          await api.post('/api/strengthening/assessments/:id/review', { params: { id: rejecting!.id }, body: { decision: 'reject', reason } });
          setRejecting(undefined);
          message.success('已退回');
          await list.reload();
        }}
      />
    </>
  );
}
