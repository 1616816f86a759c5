// A place's merge history (合并记录): which duplicate went into which place, when and by whom, what
// moved with it, and 撤销合并 within 30 days (with a reason; the server says why when it cannot).
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, List, Space, Tag, Typography } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import type { PlaceDetail, PlaceMerge } from '../../../../contracts/places.ts';
import { api } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';

const movedLabels: [keyof PlaceMerge['moved'], string][] = [
  ['photos', '照片'],
  ['exceptions', '特别安排的日期'],
  ['visits', '到访'],
  ['problems', '问题报告'],
  ['slots', '预约时段'],
  ['bookings', '预约'],
  ['childcare', '托管项目'],
];

function movedText(m: PlaceMerge['moved']): string {
  const parts = movedLabels.filter(([k]) => m[k] > 0).map(([k, label]) => `${label} ${m[k]}`);
  return parts.length > 0 ? `随之转移：${parts.join('、')}` : '没有需要转移的记录';
}

export function MergeHistory({ place, canWrite, onChanged }: { place: PlaceDetail; canWrite: boolean; onChanged: (p: PlaceDetail) => void }) {
  const navigate = useNavigate();
  const [undoing, setUndoing] = useState<PlaceMerge>();
  const link = (p: { id: number; name: string }) =>
    p.id === place.id ? (
      <b>本阵地</b>
    ) : (
      <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/places/${p.id}`)}>
        {p.name}
      </Button>
    );
  return (
    <>
      <List
        size="small"
        bordered
        data-testid="place-merges"
        dataSource={place.merges}
        renderItem={(m) => (
          <List.Item
            actions={
              canWrite && m.undoable
                ? [
                    <Button key="undo" size="small" icon={<UndoOutlined />} onClick={() => setUndoing(m)}>
                      撤销合并
                    </Button>,
                  ]
                : []
            }
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <span>
                {link(m.from)} 并入 {link(m.into)} {m.undoneAt ? <Tag>已撤销</Tag> : null}
              </span>
              <Typography.Text type="secondary" className="small">
                {formatDateTime(m.mergedAt)}
                {m.mergedBy ? ` · ${m.mergedBy}` : ''} · {movedText(m.moved)}
              </Typography.Text>
              {m.undoneAt ? (
                <Typography.Text type="secondary" className="small">
                  {formatDateTime(m.undoneAt)}
                  {m.undoneBy ? ` · ${m.undoneBy}` : ''} 撤销：{m.undoReason}
                </Typography.Text>
              ) : m.undoable ? (
                <Typography.Text type="secondary" className="small">可在 {formatDateTime(m.undoUntil)} 前撤销</Typography.Text>
              ) : null}
            </Space>
          </List.Item>
        )}
      />
      <ReasonModal
        open={undoing !== undefined}
        title="撤销合并"
        okText="确认撤销"
        warning={
          undoing && (
            <>
              “{undoing.from.name}”将恢复为单独的阵地，合并时从它转移到“{undoing.into.name}”的照片、特别安排的日期、到访、问题报告、预约时段和托管项目原样移回。合并后新增在“{undoing.into.name}”的记录不动。
            </>
          )
        }
        label="撤销原因"
        required="请填写撤销原因"
        placeholder="如：两处是不同的阵地，误合并"
        cancelText="不撤销"
        onClose={() => setUndoing(undefined)}
        onSubmit={async (reason) => {
          const retired = await api.post('/api/place-merges/:id/undo', { params: { id: undoing!.id }, body: { reason } });
          setUndoing(undefined);
          if (retired.id === place.id) onChanged(retired);
          else onChanged(await api.get('/api/places/:id', { params: { id: place.id } }));
        }}
      />
    </>
  );
}
