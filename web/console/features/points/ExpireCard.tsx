// 按规则过期: for a union and its subtree, the points issued before a day (Beijing midnight) and still
// unspent expire — each balance is brought down to what was issued to it since that day. After a
// confirmation that says so; one Idempotency-Key per attempt, kept for its retries.
import { useState } from 'react';
import { Alert, App, Button, Card, Form, Typography } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import type { Dayjs } from 'dayjs';
import { formatPickerDay, pickerDay, pickerNow } from '../../../shared/format.ts';
import type { ExpirePointsInput } from '../../../../contracts/points.ts';
import { formatCount } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useMe } from '../../session.tsx';
import { ReasonItem, type PointOperation } from './OperationParts.tsx';

interface Values {
  orgId: number;
  issuedBefore: Dayjs;
  reason: string;
}

export function ExpireCard({ canWrite, onExpired }: { canWrite: boolean; onExpired: (op: PointOperation) => void }) {
  const me = useMe();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [orgName, setOrgName] = useState(me.org.name);
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<PointOperation>();
  const expire = useIdempotentPost('/api/points/expiries');

  function submit(v: Values) {
    setProblem(undefined);
    const body: ExpirePointsInput = { orgId: v.orgId, issuedBefore: pickerDay(v.issuedBefore), reason: v.reason.trim() };
    const day = formatPickerDay(v.issuedBefore);
    modal.confirm({
      title: '确认积分过期',
      width: 520,
      content: (
        <div data-testid="points-expire-confirm">
          <p>
            “{orgName}”及全部下级组织的会员，<b>{day}</b>（北京时间零点）之前发放、至今未使用的积分将全部过期，余额只保留该日起发放的积分。
          </p>
          <p>事由：{body.reason}</p>
          <Typography.Text type="secondary">过期记入积分流水；确有错误时可在流水中撤销这次过期。</Typography.Text>
        </div>
      ),
      okText: '确认过期',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const out = await expire.post({ body });
        if (out.kind === 'done') {
          setResult(out.answer);
          message.success(`已过期 ${formatCount(out.answer.memberCount)} 名会员的共 ${formatCount(out.answer.amount)} 积分`);
          onExpired(out.answer);
        } else if (out.kind === 'refused') {
          setProblem(out.message);
        } else {
          setProblem(`${out.message}。过期结果未知，请再点“执行过期”重试（同一次过期不会重复记账）`);
        }
      },
    });
  }

  return (
    <Card title="按规则过期" style={{ marginTop: 16 }}>
      {!canWrite && <Alert type="info" showIcon message="只有单位管理员和经办人可以执行积分过期。" style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '7em' }}
        className="pt-form"
        initialValues={{ orgId: me.org.id }}
        onFinish={submit}
        disabled={!canWrite}
      >
        <Form.Item name="orgId" label="过期范围" extra="该单位及全部下级组织的会员" rules={[{ required: true, message: '请选择单位' }]}>
          <OrgSearchSelect
            aria-label="过期范围"
            initialLabel={me.org.name}
            onChange={(_id, org) => org && setOrgName(org.name)}
            style={{ width: 360, maxWidth: '100%' }}
          />
        </Form.Item>
        <Form.Item name="issuedBefore" label="发放早于" extra="该日（北京时间零点）之前发放、至今未使用的积分过期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker aria-label="发放早于" disabledDate={(d) => d.isAfter(pickerNow(), 'day')} style={{ width: 200 }} />
        </Form.Item>
        <ReasonItem label="过期事由" placeholder="如“2024 年度积分到期清理”" />
        <Form.Item label=" " colon={false}>
          <Button danger htmlType="submit" loading={expire.busy}>
            执行过期
          </Button>
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon message={problem} closable onClose={() => setProblem(undefined)} />}
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="points-expire-result"
          message={`过期完成：${formatCount(result.memberCount)} 名会员，共 ${formatCount(result.amount)} 积分（操作编号 ${result.id}）`}
        />
      )}
    </Card>
  );
}
