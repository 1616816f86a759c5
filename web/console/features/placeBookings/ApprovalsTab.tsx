// 预约审批: the place's bookings waiting for approval (a hall for an enterprise union's meeting), each
// approved or refused with a reason; the member is told either way. On a phone the applicant and the
// time of asking stand under the slot, and the two actions one above the other.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Grid, Space, Table } from 'antd';
import type { z } from 'zod';
import type { staffBooking } from '../../../../contracts/place-bookings.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatMinute, formatSpan } from '../../../shared/format.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';

type StaffBooking = z.infer<typeof staffBooking>;
const slotOf = (b: StaffBooking) => `${b.title} · ${formatSpan(b.startsAt, b.endsAt, { weekday: true })}`;

export function ApprovalsTab({ placeId }: { placeId: number }) {
  const { message } = App.useApp();
  const [rows, setRows] = useState<StaffBooking[]>();
  const [refusing, setRefusing] = useState<StaffBooking>();
  const narrow = Grid.useBreakpoint().sm === false;
  const load = useCallback(async () => {
    try {
      setRows((await api.get('/api/place-bookings', { query: { placeId, state: 'pending', pageSize: 200 } })).items);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [placeId, message]);
  useEffect(() => void load(), [load]);

  async function approve(b: StaffBooking) {
    try {
      await api.post('/api/place-bookings/:id/approve', { params: { id: b.id } });
      message.success('已同意，已通知会员');
      void load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  return (
    <>
      <Table<StaffBooking>
        size="small"
        rowKey="id"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={false}
        scroll={narrow ? undefined : { x: 720 }}
        locale={{ emptyText: '没有待审批的预约' }}
        columns={[
          {
            title: '时段',
            key: 'slot',
            render: (_, b) =>
              narrow ? (
                <div className="two-line">
                  <div>{slotOf(b)}</div>
                  <div>
                    {b.memberName} <span className="mono small">{b.memberNo ?? '—'}</span>
                  </div>
                  <div className="small">{formatMinute(b.createdAt)} 提交</div>
                </div>
              ) : (
                slotOf(b)
              ),
          },
          { title: '申请人', dataIndex: 'memberName', responsive: ['sm'] },
          { title: '会员号', dataIndex: 'memberNo', responsive: ['sm'], render: (v: string | null) => <span className="mono">{v ?? '—'}</span> },
          { title: '提交时间', dataIndex: 'createdAt', responsive: ['sm'], render: (v: string) => formatMinute(v) },
          {
            title: '操作',
            key: 'actions',
            width: narrow ? 80 : undefined,
            render: (_, b) => (
              <Space size={0} direction={narrow ? 'vertical' : 'horizontal'} align="start">
                <Button type="link" size="small" onClick={() => void approve(b)}>同意</Button>
                <Button type="link" size="small" danger onClick={() => setRefusing(b)}>不同意</Button>
              </Space>
            ),
          },
        ]}
      />
      <ReasonModal
        open={refusing !== undefined}
        title="不同意预约"
        okText="不同意"
        warning="名额将释放给其他会员，会员会收到短信，说明原因。"
        label="原因"
        required="请填写原因"
        placeholder="如：当天已安排全委会"
        onClose={() => setRefusing(undefined)}
        onSubmit={async (reason) => {
          await api.post('/api/place-bookings/:id/reject', { params: { id: refusing!.id }, body: { reason } });
          setRefusing(undefined);
          void load();
        }}
      />
    </>
  );
}
