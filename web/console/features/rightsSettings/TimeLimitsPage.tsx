// 办理时限: the 24 limits (8 categories × 3 difficulties, in working days) a union's tickets are
// counted by, each with where it comes from — the union's own row, an ancestor's (沿用), or the
// 12345 norms (默认). Every staff role reads them for any union of the scope; admins set a row,
// which then holds for the union and every union below it that has none of its own.
import '../../components/common.css';
import { useState } from 'react';
import { Alert, App, Button, Card, Form, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import { DEFAULT_TIME_LIMITS, ticketCategoryLabels, ticketDifficultyLabels, type timeLimit } from '../../../../contracts/tickets.ts';
import { api } from '../../../shared/api.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { useSession } from '../../session.tsx';

type Limit = z.infer<typeof timeLimit>;
type Days = Pick<Limit, 'acceptDays' | 'finishDays' | 'maxExtensionDays' | 'returnDays'>;

const sourceTag = (l: Limit) => {
  if (l.source === 'own') return <Tag color="blue">本工会设置</Tag>;
  if (l.source === 'inherited') return <Tag>沿用{l.fromOrg?.name ?? '上级'}</Tag>;
  return <Tag color="default">默认（12345 标准）</Tag>;
};

export function TimeLimitsPage() {
  const { me, hasRole } = useSession();
  const isAdmin = hasRole('admin');
  const [orgId, setOrgId] = useState<number>();
  const [editing, setEditing] = useState<Limit>();
  const { message } = App.useApp();
  const detail = useDetail(`limits ${orgId ?? 'own'}`, () => api.get('/api/tickets/time-limits', { query: orgId ? { orgId: String(orgId) } : {} }));
  const data = detail.data;

  const columns: TableProps<Limit>['columns'] = [
    { title: '类别', render: (_, l) => ticketCategoryLabels[l.category] },
    { title: '难易程度', width: 100, render: (_, l) => ticketDifficultyLabels[l.difficulty] },
    { title: '受理', width: 80, render: (_, l) => `${l.acceptDays} 天` },
    { title: '办结', width: 80, render: (_, l) => `${l.finishDays} 天` },
    { title: '延期上限', width: 90, render: (_, l) => `${l.maxExtensionDays} 天` },
    { title: '退回', width: 80, render: (_, l) => `${l.returnDays} 天` },
    { title: '来源', responsive: ['md'], render: (_, l) => sourceTag(l) },
    ...(isAdmin
      ? [{ title: '操作', width: 80, render: (_: unknown, l: Limit) => <Button type="link" onClick={() => setEditing(l)} aria-label={`修改 ${ticketCategoryLabels[l.category]} ${ticketDifficultyLabels[l.difficulty]}`}>修改</Button> }]
      : []),
  ];

  return (
    <Card
      title={<PageTitle testId="limits-title">办理时限</PageTitle>}
      extra={<OrgFilter aria-label="工会" placeholder={`工会（默认${me?.org.name ?? '本工会'}）`} width={260} value={orgId} onChange={setOrgId} />}
    >
      <Typography.Paragraph type="secondary">
        {data ? `${data.org.name}` : '本工会'}的工单按下表计算期限（工作日）。未设置的沿用上级工会，上级也未设置的按 12345 标准：受理 {DEFAULT_TIME_LIMITS.acceptDays} 天、办结{' '}
        {DEFAULT_TIME_LIMITS.finishDays} 天、延期不超过 {DEFAULT_TIME_LIMITS.maxExtensionDays} 天、退回 {DEFAULT_TIME_LIMITS.returnDays} 天。
      </Typography.Paragraph>
      {!isAdmin && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="修改办理时限须由单位管理员操作" />}
      {detail.problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} message={detail.problem.message} />}
      <Table<Limit>
        rowKey={(l) => `${l.category}-${l.difficulty}`}
        size="small"
        loading={!data && !detail.problem}
        dataSource={data?.limits ?? []}
        columns={columns}
        pagination={false}
        data-testid="time-limits"
      />
      {editing && data && (
        <EditLimitModal
          orgName={data.org.name}
          limit={editing}
          onCancel={() => setEditing(undefined)}
          onSubmit={async (v) => {
            const next = await api.put('/api/tickets/time-limits', { body: { orgId: data.org.id, category: editing.category, difficulty: editing.difficulty, ...v } });
            detail.setData(next);
            setEditing(undefined);
            message.success('已保存');
          }}
        />
      )}
    </Card>
  );
}

function EditLimitModal({ orgName, limit: l, onCancel, onSubmit }: { orgName: string; limit: Limit; onCancel: () => void; onSubmit: (v: Days) => Promise<void> }) {
  const [form] = Form.useForm<Days>();
  const field = (name: keyof Days, label: string, min: number, max: number) => (
    <Form.Item name={name} label={label} rules={[{ required: true, message: `请填写${label}` }, { type: 'number', min, max, message: `${min}–${max} 个工作日` }]}>
      <InputNumber aria-label={label} min={min} max={max} precision={0} addonAfter="工作日" style={{ width: 160 }} />
    </Form.Item>
  );
  return (
    <FormModal<Days>
      form={form}
      title={`${orgName}：${ticketCategoryLabels[l.category]} · ${ticketDifficultyLabels[l.difficulty]}`}
      okText="保存"
      onCancel={onCancel}
      onSubmit={onSubmit}
      modal={{ destroyOnHidden: true }}
      formProps={{ initialValues: { acceptDays: l.acceptDays, finishDays: l.finishDays, maxExtensionDays: l.maxExtensionDays, returnDays: l.returnDays } }}
      intro={<Typography.Paragraph type="secondary">保存后本工会及未自行设置的下级工会新收到的工单按此计算；已在办的工单期限不变。</Typography.Paragraph>}
    >
      <Space wrap size={16}>
        {field('acceptDays', '受理时限', 1, 10)}
        {field('finishDays', '办结时限', 1, 60)}
        {field('maxExtensionDays', '延期上限', 0, 60)}
        {field('returnDays', '退回时限', 1, 10)}
      </Space>
    </FormModal>
  );
}
