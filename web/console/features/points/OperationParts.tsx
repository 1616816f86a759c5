// The parts of a points operation shared by 积分发放 and 积分流水: its facts, the reverse action
// (a reason, a confirmation, one Idempotency-Key per attempt kept for its retries), and the card
// that looks an operation up by its number.
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Space, Tag } from 'antd';
import type { z } from 'zod';
import { pointOperationLabels, type pointOperation } from '../../../../contracts/points.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';

export type PointOperation = z.infer<typeof pointOperation>;

/** The 事由 of an operation in its form (field `reason`): 2–200 characters, as the server takes it. */
export function ReasonItem({ label, placeholder }: { label: string; placeholder: string }) {
  return (
    <Form.Item
      name="reason"
      label={label}
      rules={[
        { required: true, whitespace: true, message: `请填写${label}` },
        { min: 2, max: 200, message: `${label}为 2–200 个字` },
      ]}
    >
      <Input placeholder={placeholder} maxLength={200} showCount />
    </Form.Item>
  );
}

export const kindColors: Record<PointOperation['kind'], string> = { issue: 'red', redeem: 'blue', expire: 'default', reverse: 'orange' };

/** `narrow`: two columns at most (in a drawer), where the page's width would give three. */
export function OperationFacts({ op, orgName, actorName, narrow }: { op: PointOperation; orgName?: string | undefined; actorName?: string | undefined; narrow?: boolean }) {
  return (
    <Descriptions size="small" column={narrow ? { xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 } : { xs: 1, md: 2 }} bordered className="pt-result" data-testid="points-operation">
      <Descriptions.Item label="操作编号">{op.id}</Descriptions.Item>
      <Descriptions.Item label="类型">
        <Tag color={kindColors[op.kind]}>{pointOperationLabels[op.kind]}</Tag>
        {op.reversedByOperationId != null && <Tag>已撤销（撤销操作 {op.reversedByOperationId}）</Tag>}
      </Descriptions.Item>
      {orgName !== undefined && <Descriptions.Item label={op.kind === 'redeem' ? '会员所在工会' : '单位'}>{orgName}</Descriptions.Item>}
      {actorName !== undefined && <Descriptions.Item label="经办人">{actorName}</Descriptions.Item>}
      <Descriptions.Item label="会员人数">{formatCount(op.memberCount)} 人</Descriptions.Item>
      <Descriptions.Item label="积分合计">{formatCount(op.amount)} 分</Descriptions.Item>
      <Descriptions.Item label="事由" span={2}>
        {op.reason}
      </Descriptions.Item>
      {op.reversesOperationId != null && <Descriptions.Item label="撤销的操作">{op.reversesOperationId}</Descriptions.Item>}
      <Descriptions.Item label="时间">{formatDateTime(op.createdAt)}</Descriptions.Item>
    </Descriptions>
  );
}

/**
 * The reason and the 撤销 button of an operation that may still be reversed (nothing for a reversal,
 * an operation already reversed, or an account that may not write). `onReversed` gets the operation
 * as it now is.
 */
export function ReverseAction({ op, canWrite, onReversed }: { op: PointOperation; canWrite: boolean; onReversed: (op: PointOperation) => void }) {
  const { message, modal } = App.useApp();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const reverse = useIdempotentPost('/api/points/operations/:id/reverse');
  if (op.kind === 'reverse' || op.reversedByOperationId != null || !canWrite) return null;

  function confirmReverse() {
    const why = reason.trim();
    if (why.length < 2) {
      setProblem('请填写撤销原因（至少 2 个字）');
      return;
    }
    setProblem(undefined);
    modal.confirm({
      title: `撤销积分操作 ${op.id}？`,
      content: `将收回 ${formatCount(op.memberCount)} 名会员的共 ${formatCount(op.amount)} 积分（记相反分录），每项操作只能撤销一次。会员已用掉这些积分时不能撤销。`,
      okText: '确认撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        const out = await reverse.post({ params: { id: op.id }, body: { reason: why } });
        if (out.kind === 'done') {
          message.success(`已撤销，撤销操作编号 ${out.answer.id}`);
          setReason('');
          const now = await api.get('/api/points/operations/:id', { params: { id: op.id } }).catch(() => undefined);
          onReversed(now ?? { ...op, reversedByOperationId: out.answer.id });
        } else if (out.kind === 'refused') {
          setProblem(out.message);
        } else {
          setProblem(`${out.message}。撤销结果未知，请再点“撤销”重试（不会重复撤销）`);
        }
      },
    });
  }

  return (
    <div style={{ marginTop: 16 }}>
      <div className="pt-reverse">
        <Input aria-label="撤销原因" placeholder="撤销原因，如“发放对象有误”" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
        <Button danger loading={reverse.busy} onClick={confirmReverse}>
          撤销
        </Button>
      </div>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 12 }} />}
    </div>
  );
}

/** Looks up an operation by its number and reverses it once, with a reason. */
export function LookupCard({ canWrite, initialId, onChanged }: { canWrite: boolean; initialId: number | undefined; onChanged: (op: PointOperation) => void }) {
  const [id, setId] = useState<number | null>(initialId ?? null);
  const [op, setOp] = useState<PointOperation>();
  const [problem, setProblem] = useState<string>();
  const [loading, setLoading] = useState(false);

  const look = useCallback(async (opId: number) => {
    setLoading(true);
    setProblem(undefined);
    try {
      setOp(await api.get('/api/points/operations/:id', { params: { id: opId } }));
    } catch (err) {
      setOp(undefined);
      setProblem(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (initialId) {
      setId(initialId);
      void look(initialId);
    }
  }, [initialId, look]);

  return (
    <Card title="查询与撤销" style={{ marginTop: 16 }}>
      <Space wrap>
        <InputNumber<number>
          aria-label="操作编号"
          placeholder="操作编号"
          min={1}
          precision={0}
          value={id}
          onChange={(v) => setId(v)}
          onPressEnter={() => id && void look(id)}
          style={{ width: 160 }}
        />
        <Button onClick={() => id && void look(id)} loading={loading} disabled={!id}>
          查询
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginTop: 16 }} />}
      {op && (
        <div style={{ marginTop: 16 }}>
          <OperationFacts op={op} />
          {/* no key: a reason typed while the lookup of a newer operation is on its way is kept */}
          <ReverseAction
            op={op}
            canWrite={canWrite}
            onReversed={(now) => {
              setOp(now);
              onChanged(now);
            }}
          />
        </div>
      )}
    </Card>
  );
}
