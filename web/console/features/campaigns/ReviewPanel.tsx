// 审核: a campaign's review queue per level — the applications of the caller's scope, each with its
// level, reviewing union, deadline (overdue marked) and documents; 通过 / 退回（原因） / 不通过（原因）
// where the caller's union reviews the current level; an application's progress step by step.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { FileExcelOutlined, WarningOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { ApplicationStatus, CampaignDetail, staffApplicationSchema } from '../../../../contracts/campaigns.ts';
import { api, apiUrl, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatWhen } from '../../../shared/format.ts';
import { downloadFile } from '../../../shared/download.ts';
import { useSubmit } from '../../../shared/useSubmit.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';
import { statusColors } from './campaignLabels.ts';
import { ApplicationDrawer, DocumentLinks } from './ApplicationParts.tsx';

type StaffApplication = z.infer<typeof staffApplicationSchema>;

type View = 'mine' | ApplicationStatus | 'all';

const viewLabels: Partial<Record<View, string>> = { mine: '待本单位审核', in_review: '审核中（全部）', returned: '已退回', approved: '审核通过', rejected: '未通过', in_notice: '公示中', awarded: '已确定资助', all: '全部' };
// in this order in the filter
const views = Object.entries(viewLabels).map(([value, label]) => ({ value: value as View, label }));

function DecisionModal(props: { target: { app: StaffApplication; decision: 'return' | 'reject' } | undefined; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, problem, submit } = useSubmit();
  const t = props.target;
  const isReturn = t?.decision === 'return';
  return (
    <Modal
      open={t !== undefined}
      title={isReturn ? '退回补充材料' : '不通过'}
      okText={isReturn ? '退回' : '确认不通过'}
      okButtonProps={{ danger: !isReturn, loading: busy }}
      cancelText="取消"
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {t && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={({ reason }) =>
            submit(async () => {
              await api.post('/api/campaign-applications/:id/review', { params: { id: t.app.id }, body: { decision: t.decision, reason: reason.trim(), level: t.app.currentLevel ?? undefined } });
              props.onDone();
            })
          }
        >
          <Typography.Paragraph>
            {t.app.name}（{t.app.orgName}）的申请，第 {t.app.currentLevel} 级“{t.app.levelName}”。
            {isReturn ? '退回后会员可补充材料重新提交，回到本级审核。' : '不通过后申请结束，不能重新提交。'}
            原因会以短信告知会员，并在手机上显示。
          </Typography.Paragraph>
          {problem && <Alert type="error" message={problem} style={{ marginBottom: 16 }} />}
          <Form.Item name="reason" label="原因（会员可见）" rules={[{ required: true, whitespace: true, message: '请填写原因' }, { min: 2, message: '至少 2 个字' }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={isReturn ? '如：困难证明不清晰，请重新拍照上传' : '如：家庭人均收入高于困难职工认定标准'} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

export function ReviewPanel({ campaign, onChanged }: { campaign: CampaignDetail; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const { canExport } = useSession();
  const [view, setView] = useState<View>('mine');
  const [level, setLevel] = useState<number>();
  const [deciding, setDeciding] = useState<{ app: StaffApplication; decision: 'return' | 'reject' }>();
  const [showing, setShowing] = useState<number>();
  const [exporting, setExporting] = useState(false);

  async function exportList() {
    setExporting(true);
    try {
      const query = { status: view === 'mine' ? 'in_review' : view, mine: view === 'mine' ? 'true' : 'false', level } as const;
      await downloadFile(apiUrl('/api/campaigns/:id/applications/export', { params: { id: campaign.id }, query }), `${campaign.title}_申请名单.xlsx`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  const status = view === 'mine' ? 'in_review' : view;
  const list = usePagedList(
    '/api/campaigns/:id/applications',
    { params: { id: campaign.id }, query: { status, level, mine: view === 'mine' ? 'true' : 'false' } },
    { showSizeChanger: false, showTotal: (t) => `共 ${formatCount(t)} 份（姓名已脱敏）` },
  );

  function changed(text: string) {
    message.success(text);
    void list.reload();
    onChanged();
  }

  function approve(a: StaffApplication) {
    const last = a.currentLevel === campaign.levels.length;
    modal.confirm({
      title: `通过第 ${a.currentLevel} 级审核？`,
      content: `${a.name}（${a.orgName}）。${last ? '这是最后一级，通过后申请审核完成，等待公示。' : `通过后转第 ${(a.currentLevel ?? 0) + 1} 级“${campaign.levels[a.currentLevel ?? 0]?.name ?? ''}”审核。`}`,
      okText: '通过',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post('/api/campaign-applications/:id/review', { params: { id: a.id }, body: { decision: 'approve', level: a.currentLevel ?? undefined } });
          changed('已通过');
        } catch (err) {
          message.error(errorMessage(err));
          void list.reload();
        }
      },
    });
  }

  const columns: TableProps<StaffApplication>['columns'] = [
    { title: '编号', dataIndex: 'id', width: 60, fixed: 'left', render: (v: number) => <span className="mono">{v}</span> },
    {
      title: '申请人',
      width: 120,
      fixed: 'left',
      render: (_, a) => (
        <div className="two-line">
          <div>
            {a.name}
            {a.appliedByStaff && (
              <Tooltip title="工作人员代为申请（如走访送温暖）">
                <Tag bordered={false} style={{ marginLeft: 4 }}>
                  代
                </Tag>
              </Tooltip>
            )}
          </div>
          <Typography.Text type="secondary" className="small mono">
            {a.memberNo ?? '—'}
          </Typography.Text>
        </div>
      ),
    },
    { title: '所在工会', dataIndex: 'orgName', width: 180, render: (v: string) => <span className="cmp-wrap">{v}</span> },
    {
      title: '当前层级 / 审核单位',
      width: 170,
      render: (_, a) =>
        a.currentLevel ? (
          <div className="two-line">
            <div>
              第 {a.currentLevel} 级 · {a.levelName}
            </div>
            <Typography.Text type="secondary" className="small">
              {a.reviewerOrgName ?? a.orgName}
            </Typography.Text>
          </div>
        ) : (
          '—'
        ),
    },
    {
      title: '审核时限',
      width: 130,
      render: (_, a) =>
        a.deadline ? (
          <div className="two-line small" data-overdue={a.overdue}>
            <div className={a.overdue ? 'danger-text' : undefined}>{formatWhen(a.deadline)} 前</div>
            {a.overdue && (
              <Tag color="red" icon={<WarningOutlined />}>
                已超期
              </Tag>
            )}
          </div>
        ) : (
          '—'
        ),
    },
    { title: '状态', dataIndex: 'status', width: 100, render: (_, a) => <Tag color={statusColors[a.status]}>{a.statusLabel}</Tag> },
    { title: '材料', width: 150, render: (_, a) => <DocumentLinks applicationId={a.id} documents={a.documents} /> },
    {
      title: '操作',
      width: 150,
      fixed: 'right',
      render: (_, a) => (
        <Space size={0} wrap>
          {a.canReview && (
            <>
              <Button type="link" size="small" onClick={() => approve(a)}>
                通过
              </Button>
              <Button type="link" size="small" onClick={() => setDeciding({ app: a, decision: 'return' })}>
                退回
              </Button>
              <Button type="link" size="small" danger onClick={() => setDeciding({ app: a, decision: 'reject' })}>
                不通过
              </Button>
            </>
          )}
          <Button type="link" size="small" onClick={() => setShowing(a.id)}>
            进度
          </Button>
        </Space>
      ),
    },
  ];

  const counts = campaign.counts;
  return (
    <>
      <Space wrap className="cmp-toolbar">
        <div className="cmp-segmented">
          <Segmented<View>
            value={view}
            onChange={setView}
            options={views.map((v) => ({
              value: v.value,
              label: v.value === 'in_review' && counts?.in_review ? `审核中（全部 ${formatCount(counts.in_review)}）` : v.label,
            }))}
          />
        </div>
        <Select<number>
          aria-label="审核层级"
          placeholder="全部层级"
          allowClear
          style={{ width: 220 }}
          value={level}
          onChange={setLevel}
          options={campaign.levels.map((l) => ({ value: l.levelNo, label: `第 ${l.levelNo} 级 · ${l.name}` }))}
        />
        <Tooltip title={canExport ? '按当前筛选导出（姓名脱敏，记入审计日志）' : '只读账号不能导出'}>
          <Button icon={<FileExcelOutlined />} loading={exporting} disabled={!canExport} onClick={() => void exportList()}>
            导出 Excel
          </Button>
        </Tooltip>
      </Space>
      <PagedTable<StaffApplication>
        list={list}
        columns={columns}
        emptyText={view === 'mine' ? '没有待本单位审核的申请' : '没有符合条件的申请'}
        // the columns' widths add up to 1,060 px: all of them fit at 1440×900 beside the menu; narrower,
        // the table scrolls with 编号/申请人 and 操作 kept in view
        width={1060}
        table={{ rowClassName: (a) => (a.overdue ? 'cmp-row-overdue' : '') }}
      />
      <DecisionModal
        target={deciding}
        onClose={() => setDeciding(undefined)}
        onDone={() => {
          const d = deciding?.decision;
          setDeciding(undefined);
          changed(d === 'return' ? '已退回，会员将收到短信通知' : '已不通过，会员将收到短信通知');
        }}
      />
      <ApplicationDrawer id={showing} onClose={() => setShowing(undefined)} />
    </>
  );
}
