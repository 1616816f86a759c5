// An application as staff see it: its documents (opened in a new tab, each read audited), its
// progress step by step, and the drawer with both and the decisions so far.
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Drawer, Space, Spin, Steps, Tag, Typography } from 'antd';
import { FileOutlined, WarningOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { progressStep, staffApplicationDetail, staffApplicationSchema } from '../../../../contracts/campaigns.ts';
import { api, apiUrl, errorMessage } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { stepStatus } from '../../../shared/steps.ts';
import { formatAmount, statusColors } from './campaignLabels.ts';

type StaffApplication = z.infer<typeof staffApplicationSchema>;
type StaffApplicationDetail = z.infer<typeof staffApplicationDetail>;
type Step = z.infer<typeof progressStep>;

export function documentUrl(applicationId: number, key: string): string {
  return apiUrl('/api/campaign-applications/:id/documents', { params: { id: applicationId }, query: { key } });
}

export function DocumentLinks({ applicationId, documents }: { applicationId: number; documents: StaffApplication['documents'] }) {
  if (!documents.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <Space direction="vertical" size={0}>
      {documents.map((d) => (
        <a key={d.key} href={documentUrl(applicationId, d.key)} target="_blank" rel="noopener noreferrer" title="查看材料（记入审计日志）">
          <FileOutlined /> {d.label}
        </a>
      ))}
    </Space>
  );
}

/** The progress of one application, step by step, with every decision, reason and date. */
export function ProgressSteps({ steps }: { steps: Step[] }) {
  return (
    <Steps
      direction="vertical"
      size="small"
      items={steps.map((s) => ({
        status: stepStatus[s.state],
        title: (
          <Space size={4}>
            <span>{s.name}</span>
            {s.state === 'skipped' && <Tag bordered={false}>未进行</Tag>}
            {s.overdue && (
              <Tag color="red" icon={<WarningOutlined />}>
                已超期
              </Tag>
            )}
          </Space>
        ),
        description: (
          <div className="cmp-step-desc">
            {s.state === 'current' && s.deadline && <div>审核时限：{formatDateTime(s.deadline)}</div>}
            {s.step === 'draw' && (s.state === 'done' || s.state === 'failed') && <div>{s.state === 'done' ? '中签' : '未抽中'}</div>}
            {s.decisions.map((d, i) => (
              <div key={i}>
                {formatDateTime(d.at)} {d.by ?? ''} <b>{d.decisionLabel}</b>
                {d.reason && <span>：{d.reason}</span>}
              </div>
            ))}
            {s.at && s.decisions.length === 0 && <div>{formatDateTime(s.at)}</div>}
          </div>
        ),
      }))}
    />
  );
}

export function ApplicationDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const [detail, setDetail] = useState<StaffApplicationDetail>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setDetail(undefined);
    setProblem(undefined);
    if (id === undefined) return;
    api
      .get('/api/campaign-applications/:id', { params: { id } })
      .then(setDetail)
      .catch((err: unknown) => setProblem(errorMessage(err)));
  }, [id]);
  return (
    <Drawer open={id !== undefined} onClose={onClose} title={`申请 ${id ?? ''}`} width={560} destroyOnHidden>
      {problem && <Alert type="error" message={problem} />}
      {!detail && !problem && <Spin />}
      {detail && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="application-detail">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="申请人">
              {detail.name}（会员号 <span className="mono">{detail.memberNo ?? '—'}</span>）
            </Descriptions.Item>
            <Descriptions.Item label="所在工会">{detail.orgName}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={statusColors[detail.status]}>{detail.statusLabel}</Tag>
              {detail.appliedByStaff && <Tag>工作人员代为申请</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="资助">{formatAmount(detail.awardAmount, detail.campaign.budgetUnit)}</Descriptions.Item>
            {detail.lastReason && <Descriptions.Item label="原因">{detail.lastReason}</Descriptions.Item>}
            <Descriptions.Item label="申请说明">
              <div className="cmp-statement">{detail.statement || '（未填写）'}</div>
            </Descriptions.Item>
            <Descriptions.Item label="材料">
              <DocumentLinks applicationId={detail.id} documents={detail.documents} />
            </Descriptions.Item>
            <Descriptions.Item label="申请时间">{formatDateTime(detail.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5}>审核进度</Typography.Title>
          <ProgressSteps steps={detail.steps} />
        </Space>
      )}
    </Drawer>
  );
}
