// 积分发放: pick a union, see its subtree's totals (已发放 / 已兑换 / 已过期 / 未使用), issue points
// to every active member of the subtree (optionally one group) or to members picked by name, member
// number or phone (MemberSearchSelect, within the union's subtree), with a
// reason, after a confirmation that says how many points each and to whom; one Idempotency-Key per
// attempt, kept for its retries. The answer (members, total points) is shown; any operation can be
// looked up by its number and reversed once, with a reason (OperationParts.tsx, shared with 积分流水).
import './points.css';
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, InputNumber, Radio, Row, Select, Space, Statistic, Typography } from 'antd';
import type { z } from 'zod';
import { memberGroupLabels, memberGroups, type MemberGroup, type MemberSummary } from '../../../../contracts/members.ts';
import type { OrgDetail } from '../../../../contracts/orgs.ts';
import type { IssuePointsInput, pointTotals } from '../../../../contracts/points.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount } from '../../../shared/format.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { MemberSearchSelect } from '../../components/MemberSearchSelect.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { useMe, useSession } from '../../session.tsx';
import { LookupCard, OperationFacts, ReasonItem, type PointOperation } from './OperationParts.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';

type PointTotals = z.infer<typeof pointTotals>;

interface Values {
  amount: number;
  reason: string;
  to: 'all' | 'list';
  group?: MemberGroup | undefined;
  memberIds?: number[];
}

function Totals({ totals }: { totals: PointTotals | undefined }) {
  const v = (n: number | undefined) => (n === undefined ? '—' : formatCount(n));
  return (
    <Row gutter={16} className="pt-totals" data-testid="points-totals">
      <Col xs={12} md={5}>
        <Statistic title="已发放" value={v(totals?.issued)} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="已兑换" value={v(totals?.redeemed)} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="已过期" value={v(totals?.expired)} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="未使用余额" value={v(totals?.outstanding)} valueStyle={{ color: '#cf1322' }} />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="有余额的会员" value={v(totals?.membersWithBalance)} />
      </Col>
    </Row>
  );
}

export function PointsIssuePage() {
  const me = useMe();
  const { hasRole } = useSession();
  const canWrite = hasRole('admin') || hasRole('clerk');
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [orgId, setOrgId] = useState<number>(me.org.id);
  const [org, setOrg] = useState<OrgDetail>();
  const [totals, setTotals] = useState<PointTotals>();
  const [problem, setProblem] = useState<string>();
  const [result, setResult] = useState<PointOperation>();
  const [picked, setPicked] = useState<MemberSummary[]>([]);
  const issue = useIdempotentPost('/api/points/issues');
  const to = Form.useWatch('to', form) ?? 'all';

  const loadTotals = useCallback(async (id: number) => {
    try {
      setTotals(await api.get('/api/points/totals', { query: { orgId: id } }));
    } catch (err) {
      setTotals(undefined);
      setProblem(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    setTotals(undefined);
    setOrg(undefined);
    setProblem(undefined);
    void loadTotals(orgId);
    api.get('/api/orgs/:id', { params: { id: orgId } }).then(setOrg, (err: unknown) => setProblem(errorMessage(err)));
  }, [orgId, loadTotals]);

  async function submit(v: Values) {
    setProblem(undefined);
    const ids = v.to === 'list' ? (v.memberIds ?? []) : undefined;
    if (ids && ids.length === 0) return setProblem('请选择要发放的会员');
    const body: IssuePointsInput = {
      orgId,
      amount: v.amount,
      reason: v.reason.trim(),
      ...(ids ? { memberIds: ids } : v.group ? { group: v.group } : {}),
    };
    const orgName = org?.name ?? '所选单位';
    const names = picked.filter((m) => ids?.includes(m.id)).map((m) => `${m.name}（${m.memberNo ?? '无会员号'}）`);
    const who = ids
      ? `${names.slice(0, 5).join('、')}${ids.length > 5 ? ` 等 ${formatCount(ids.length)} 名会员` : ''}`
      : `“${orgName}”及全部下级组织的${v.group ? `${memberGroupLabels[v.group]}` : '全部在册'}会员${!v.group && org ? `（${formatCount(org.memberCount)} 人）` : ''}`;
    modal.confirm({
      title: '确认发放积分',
      width: 520,
      content: (
        <div data-testid="points-confirm">
          <p>
            向{who}每人发放 <b>{formatCount(v.amount)}</b> 积分。
          </p>
          {!ids && !v.group && org && (
            <p>
              合计约 <b>{formatCount(v.amount * org.memberCount)}</b> 积分，以发放时的在册会员为准。
            </p>
          )}
          <p>事由：{body.reason}</p>
          <Typography.Text type="secondary">发放后会员即可在手机上查看和兑换；发错了可以撤销（会员尚未用掉时）。</Typography.Text>
        </div>
      ),
      okText: '确认发放',
      cancelText: '取消',
      onOk: async () => {
        const out = await issue.post({ body });
        if (out.kind === 'done') {
          setResult(out.answer);
          message.success(`已向 ${formatCount(out.answer.memberCount)} 名会员发放，共 ${formatCount(out.answer.amount)} 积分`);
          void loadTotals(orgId);
        } else if (out.kind === 'refused') {
          setProblem(out.message);
        } else {
          setProblem(`${out.message}。发放结果未知，请再点“发放积分”重试（同一次发放不会重复记账）`);
        }
      },
    });
  }

  return (
    <div className="pt-page">
      <Card title={<PageTitle>积分发放</PageTitle>}>
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <div className="pt-org-row">
            <Typography.Text>发放单位</Typography.Text>
            <OrgSearchSelect
              aria-label="发放单位"
              value={orgId}
              initialLabel={org?.name ?? me.org.name}
              onChange={(id) => {
                if (id) setOrgId(id);
                setResult(undefined);
                // members picked under another union may not be under this one
                form.setFieldValue('memberIds', []);
              }}
              style={{ width: 360, maxWidth: '100%' }}
            />
            {org && <Typography.Text type="secondary">本单位及下级组织在册会员 {formatCount(org.memberCount)} 人</Typography.Text>}
          </div>
          <Totals totals={totals} />
          {problem && <Alert type="error" showIcon message={problem} closable onClose={() => setProblem(undefined)} />}
          {!canWrite && <Alert type="info" showIcon message="只有单位管理员和经办人可以发放积分。" />}
          <Form<Values>
            form={form}
            layout="horizontal"
            labelCol={{ flex: '7em' }}
            className="pt-form"
            initialValues={{ to: 'all' }}
            onFinish={(v) => void submit(v)}
            disabled={!canWrite}
          >
            <Form.Item name="amount" label="每人积分" rules={[{ required: true, message: '请填写每人积分' }]}>
              <InputNumber<number> min={1} max={1_000_000} precision={0} addonAfter="分" style={{ width: 200 }} />
            </Form.Item>
            <ReasonItem label="发放事由" placeholder="如“中秋节职工福利”" />
            <Form.Item name="to" label="发放对象">
              <Radio.Group>
                <Radio value="all">本单位及下级组织的在册会员</Radio>
                <Radio value="list">指定会员</Radio>
              </Radio.Group>
            </Form.Item>
            {to === 'all' ? (
              <Form.Item name="group" label="会员群体" extra="不选则发给全部在册会员">
                <Select allowClear placeholder="全部会员" style={{ width: 200 }} options={memberGroups.map((g) => ({ value: g, label: memberGroupLabels[g] }))} />
              </Form.Item>
            ) : (
              <Form.Item
                name="memberIds"
                label="选择会员"
                extra="按姓名、会员号或完整手机号查找本单位及下级组织的在册会员，可选多人，最多 1,000 人"
                rules={[{ required: true, type: 'array', min: 1, message: '请选择要发放的会员' }]}
              >
                <MemberSearchSelect mode="multiple" orgId={orgId} onPicked={setPicked} aria-label="选择会员" style={{ width: 560, maxWidth: '100%' }} />
              </Form.Item>
            )}
            <Form.Item label=" " colon={false}>
              <Button type="primary" htmlType="submit" loading={issue.busy}>
                发放积分
              </Button>
            </Form.Item>
          </Form>
          {result && (
            <Alert
              type={result.reversedByOperationId != null ? 'warning' : 'success'}
              showIcon
              data-testid="points-issue-result"
              message={`${result.reversedByOperationId != null ? '已撤销的发放' : '发放成功'}：${formatCount(result.memberCount)} 名会员，共 ${formatCount(result.amount)} 积分（操作编号 ${result.id}）`}
              description={<OperationFacts op={result} />}
            />
          )}
        </Space>
      </Card>
      <LookupCard
        canWrite={canWrite}
        initialId={result?.id}
        onChanged={(op) => {
          if (op.id === result?.id) setResult(op);
          void loadTotals(orgId);
        }}
      />
    </div>
  );
}
