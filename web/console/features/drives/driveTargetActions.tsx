// What staff do to a target beside its steps: 移出 (a reason asked, the target leaves the drive's list and
// figures, its record kept) and 关联已有工会 (an employer whose union was founded outside the platform:
// pick one of the grassroots unions of its town; it counts apart from the unions the drive founded).
// Both are sent once per attempt (Idempotency-Key kept across a retry of the same request).
import { useEffect, useState } from 'react';
import { Form, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { DriveTarget } from '../../../../contracts/drives.ts';
import { api } from '../../../shared/api.ts';
import { pickerDay, pickerNow } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';

export function targetName(t: DriveTarget): string {
  if (t.enterprise) return t.enterprise.name;
  if (t.area) return `${t.town?.name ?? ''} · ${t.area.name}`;
  return `${t.town?.name ?? ''} · ${t.gig?.platform ?? ''}从业人员`;
}

export function DropTargetModal({ target, onCancel, onDone }: { target: DriveTarget; onCancel: () => void; onDone: () => void }) {
  const { post } = useIdempotentPost('/api/drive-targets/:id/drop');
  return (
    <ReasonModal
      open
      title="移出建会对象"
      okText="移出"
      cancelText="不移出"
      warning={`「${targetName(target)}」移出后，不再出现在本次行动的列表和统计中；移出的时间、经办人和原因会保留并记入审计日志。已建会的对象不能移出。`}
      label="移出原因"
      required="请填写移出原因"
      placeholder="如：企业已停产注销，暂不具备建会条件"
      onClose={onCancel}
      onSubmit={async (reason) => {
        const out = await post({ params: { id: String(target.id) }, body: { reason } });
        if (out.kind !== 'done') throw new Error(out.message);
        onDone();
      }}
    />
  );
}

interface LinkValues {
  orgId: number;
  linkedOn: Dayjs;
}

export function LinkUnionModal({ target, onCancel, onDone }: { target: DriveTarget; onCancel: () => void; onDone: () => void }) {
  const [form] = Form.useForm<LinkValues>();
  const { post } = useIdempotentPost('/api/drive-targets/:id/link-union');
  const [options, setOptions] = useState<{ value: number; label: string }[]>([]);
  const townId = target.town?.id;

  async function find(q?: string) {
    if (townId === undefined) return;
    const r = await api.get('/api/orgs', { query: { rootId: String(townId), level: 'grassroots', pageSize: '50', ...(q ? { q } : {}) } });
    setOptions(r.items.map((o) => ({ value: o.id, label: o.parentName && o.parentId !== townId ? `${o.name}（${o.parentName}）` : o.name })));
  }
  useEffect(() => {
    void find();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, for the town's first unions
  }, [townId]);

  return (
    <FormModal<LinkValues>
      form={form}
      title={`关联已有工会 · ${targetName(target)}`}
      okText="关联"
      onCancel={onCancel}
      intro={
        <Typography.Paragraph type="secondary">
          该单位已在平台外成立工会时使用：从{target.town?.name ?? '所在镇街'}的基层工会中选择，记入一企一档的“所属工会”。关联的工会单独统计为“关联已有工会”，不计入本次行动新建的工会。
        </Typography.Paragraph>
      }
      formProps={{ initialValues: { linkedOn: pickerNow() } }}
      onSubmit={async (v) => {
        const out = await post({ params: { id: String(target.id) }, body: { orgId: v.orgId, linkedOn: pickerDay(v.linkedOn) } });
        if (out.kind !== 'done') throw new Error(out.message);
        onDone();
      }}
    >
      <Form.Item name="orgId" label="已有的基层工会" rules={[{ required: true, message: '请选择工会' }]}>
        <Select
          showSearch
          filterOption={false}
          placeholder="输入工会名称查找"
          aria-label="已有的基层工会"
          options={options}
          notFoundContent="该镇街下没有找到基层工会"
          onSearch={(q) => void find(q.trim() || undefined)}
        />
      </Form.Item>
      <Form.Item name="linkedOn" label="关联日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: 180 }} disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}
