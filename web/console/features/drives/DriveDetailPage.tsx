// 建会行动 详情: the goals as progress bars, the figures (computed when the page asks), the targets with
// their step dots and 记录下一步 (one form per step: 成立大会 founds the union, 法人登记 its 81 code),
// 加入建会对象 (an employer of the drive's area found by name, or a village, community or park of one of its
// towns where a 工会联合会 is to be founded), 查看联系人 (a reason, audited), 移出 and
// 关联已有工会 on a target not founded (driveTargetActions.tsx), 结束行动.
import '../../components/common.css';
import './drives.css';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { App, Button, Card, Col, Form, Grid, Input, Popconfirm, Radio, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { driveAreaTypeLabels, driveAreaTypes, driveStatusLabels, driveStepLabels, driveTargetStateLabels, type DriveAreaType, type DriveDetail, type DriveTarget } from '../../../../contracts/drives.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, pickerDay, pickerNow } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { DetailPage } from '../../components/DetailPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useSession } from '../../session.tsx';
import { GoalBars, StepDots, useDriveWriter } from './driveParts.tsx';
import { DropTargetModal, LinkUnionModal, targetName } from './driveTargetActions.tsx';

export function DriveDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`drive ${id}`, () => api.get('/api/drives/:id', { params: { id: String(id) } }), { keep: true });
  return (
    <DetailPage detail={detail} notFound="建会行动不存在或不在您的管理范围内" back={{ to: '/drives', label: '返回建会行动' }}>
      {(d) => <DriveView drive={d} onChanged={detail.reload} />}
    </DetailPage>
  );
}

function DriveView({ drive, onChanged }: { drive: DriveDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const canWrite = useDriveWriter(useSession()) && drive.status !== 'closed';
  const [stepFor, setStepFor] = useState<DriveTarget>();
  const [adding, setAdding] = useState(false);
  const [revealFor, setRevealFor] = useState<DriveTarget>();
  const [dropFor, setDropFor] = useState<DriveTarget>();
  const [linkFor, setLinkFor] = useState<DriveTarget>();
  const f = drive.figures;
  const narrow = !Grid.useBreakpoint().sm;

  const columns: TableProps<DriveTarget>['columns'] = [
    {
      title: '建会对象',
      render: (_, t) => (
        <div className="two-line">
          <span>
            {t.area ? t.area.name : targetName(t)} {t.kind === 'gig' && <Tag color="purple">平台群体</Tag>}
            {t.area && <Tag color="geekblue">{driveAreaTypeLabels[t.area.type]}工会联合会</Tag>}
          </span>
          <Typography.Text type="secondary" className="small">
            {t.foundedOrg ? `${t.state === 'linked' ? '已关联' : '已成立'}：${t.foundedOrg.name}` : (t.town?.name ?? '')}
          </Typography.Text>
          {narrow && <StepDots target={t} />}
        </div>
      ),
    },
    { title: '进度', width: 150, responsive: ['sm'], render: (_, t) => <StepDots target={t} /> },
    {
      title: '状态',
      width: 90,
      responsive: ['sm'],
      render: (_, t) => <Tag color={t.state === 'founded' ? 'success' : t.state === 'linked' ? 'cyan' : t.state === 'dropped' ? 'default' : 'processing'}>{driveTargetStateLabels[t.state]}</Tag>,
    },
    {
      title: '联系人',
      width: 170,
      responsive: ['md'],
      render: (_, t) =>
        t.contactName || t.contactPhone ? (
          <span>
            {t.contactName} <span className="mono">{t.contactPhone}</span>{' '}
            {canWrite && (
              <Button type="link" size="small" onClick={() => setRevealFor(t)} aria-label={`查看${targetName(t)}的联系人`}>
                查看
              </Button>
            )}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: '操作',
      width: narrow ? 120 : 200,
      render: (_, t) => (
        <Space direction={narrow ? 'vertical' : 'horizontal'} size={4} wrap>
          {canWrite && t.nextStep ? (
            <Button size="small" type="primary" ghost onClick={() => setStepFor(t)} aria-label={`为${targetName(t)}记录${driveStepLabels[t.nextStep]}`}>
              记录{driveStepLabels[t.nextStep]}
            </Button>
          ) : t.nextStep === null ? (
            <Typography.Text type="secondary">{t.state === 'linked' ? '已关联' : '已完成'}</Typography.Text>
          ) : null}
          {canWrite && t.state === 'open' && t.kind === 'employer' && (
            <Button size="small" onClick={() => setLinkFor(t)} aria-label={`关联已有工会：${targetName(t)}`}>
              关联已有工会
            </Button>
          )}
          {canWrite && t.state === 'open' && (
            <Button size="small" danger autoInsertSpace={false} onClick={() => setDropFor(t)} aria-label={`移出：${targetName(t)}`}>
              移出
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="drive-detail">
      <Card
        title={<PageTitle testId="drive-title">{drive.title}</PageTitle>}
        extra={
          canWrite && (
            <Popconfirm
              title="结束本次行动？结束后不能再记录步骤。"
              okText="结束"
              cancelText="取消"
              onConfirm={async () => {
                try {
                  await api.patch('/api/drives/:id', { params: { id: String(drive.id) }, body: { status: 'closed' } });
                  onChanged();
                } catch (err) {
                  void message.error(errorMessage(err));
                }
              }}
            >
              <Button>结束行动</Button>
            </Popconfirm>
          )
        }
      >
        {narrow && <Typography.Paragraph strong>{drive.title}</Typography.Paragraph>}
        <Typography.Paragraph type="secondary">
          {drive.org.name} · {drive.startsOn} 至 {drive.endsOn} · <Tag>{driveStatusLabels[drive.status]}</Tag>
        </Typography.Paragraph>
        <SectionTitle>目标与进度</SectionTitle>
        <GoalBars drive={drive} />
        <Row gutter={[16, 16]} className="drive-figures" data-testid="drive-figures">
          <Col xs={12} sm={8} lg={4}><Statistic title="建会对象" value={drive.targetList.length} /></Col>
          <Col xs={12} sm={8} lg={4}><Statistic title="已建会" value={f.unionsFounded} /></Col>
          {f.unionsLinked > 0 && <Col xs={12} sm={8} lg={4}><Statistic title="关联已有工会（另计）" value={f.unionsLinked} /></Col>}
          <Col xs={12} sm={8} lg={4}><Statistic title="已完成步骤" value={f.stepsDone} /></Col>
          <Col xs={12} sm={8} lg={4}><Statistic title="新增会员" value={f.membersAdded} /></Col>
          <Col xs={12} sm={8} lg={4}><Statistic title="其中新建工会" value={f.membersInFounded} /></Col>
          <Col xs={12} sm={8} lg={4}><Statistic title="整体转入" value={f.transferredIn} /></Col>
        </Row>
      </Card>
      <Card
        style={{ marginTop: 16 }}
        title={<SectionTitle style={{ margin: 0 }}>建会对象（{formatCount(drive.targetList.length)}）</SectionTitle>}
        extra={canWrite && <Button onClick={() => setAdding(true)}>加入建会对象</Button>}
      >
        <Table<DriveTarget> rowKey="id" size="middle" columns={columns} dataSource={drive.targetList} pagination={false} data-testid="drive-targets" locale={{ emptyText: '还没有建会对象：点“加入建会对象”（单位，或村社、园区），或在“建会目标”中加入' }} />
      </Card>
      {stepFor && <StepModal target={stepFor} onCancel={() => setStepFor(undefined)} onDone={() => { setStepFor(undefined); onChanged(); }} />}
      {adding && <AddTargetModal driveId={drive.id} onCancel={() => setAdding(false)} onDone={() => { setAdding(false); onChanged(); }} />}
      {dropFor && <DropTargetModal target={dropFor} onCancel={() => setDropFor(undefined)} onDone={() => { setDropFor(undefined); void message.success(`已移出：${targetName(dropFor)}`); onChanged(); }} />}
      {linkFor && <LinkUnionModal target={linkFor} onCancel={() => setLinkFor(undefined)} onDone={() => { setLinkFor(undefined); onChanged(); }} />}
      {revealFor && (
        <ReasonModal
          open
          title={`查看联系人：${targetName(revealFor)}`}
          okText="查看"
          warning="联系人的姓名和电话属于个人信息，查看将记入审计日志。"
          label="查看原因"
          required="请填写查看原因"
          placeholder="如：电话联系筹备事宜"
          onClose={() => setRevealFor(undefined)}
          onSubmit={async (reason) => {
            const c = await api.post('/api/drive-targets/:id/contact/reveal', { params: { id: String(revealFor.id) }, body: { reason } });
            setRevealFor(undefined);
            void message.info(`联系人：${c.contactName ?? '—'}，电话：${c.contactPhone ?? '—'}`, 10);
          }}
        />
      )}
    </div>
  );
}

/** the new union's name the 成立大会 form starts from: the employer's 工会委员会, or the town's area 工会联合会 */
function suggestedUnionName(t: DriveTarget): string | undefined {
  if (t.enterprise) return `${t.enterprise.name}工会委员会`;
  if (t.area && t.town) return `${t.town.name.replace(/(总工会|工会联合会)$/, '')}${t.area.name}工会联合会`;
  return undefined;
}

interface StepValues {
  doneOn: Dayjs;
  note?: string;
  unionName?: string;
  chairName?: string;
  number?: string;
  registeredOn?: Dayjs;
}

function StepModal({ target, onCancel, onDone }: { target: DriveTarget; onCancel: () => void; onDone: () => void }) {
  const [form] = Form.useForm<StepValues>();
  const { post } = useIdempotentPost('/api/drive-targets/:id/steps');
  const step = target.nextStep!;
  const last = target.steps.at(-1)?.doneOn;
  return (
    <FormModal<StepValues>
      form={form}
      title={`${driveStepLabels[step]} · ${targetName(target)}`}
      okText="保存"
      onCancel={onCancel}
      intro={<Typography.Paragraph type="secondary">按“联系—筹备组—成立大会—法人登记”的顺序记录{last ? `，日期不早于上一步（${last}）` : ''}。</Typography.Paragraph>}
      formProps={{ initialValues: { doneOn: pickerNow(), unionName: step === 'meeting' ? suggestedUnionName(target) : undefined } }}
      onSubmit={async (v) => {
        const out = await post({
          params: { id: String(target.id) },
          body: {
            step,
            doneOn: pickerDay(v.doneOn),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
            ...(step === 'meeting' ? { unionName: v.unionName?.trim(), ...(v.chairName?.trim() ? { chairName: v.chairName.trim() } : {}) } : {}),
            ...(step === 'registration' ? { number: v.number?.trim().toUpperCase(), registeredOn: pickerDay(v.registeredOn ?? v.doneOn) } : {}),
          },
        });
        if (out.kind !== 'done') throw new Error(out.message);
        onDone();
      }}
    >
      <Form.Item name="doneOn" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: 180 }} disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
      </Form.Item>
      {step === 'meeting' && (
        <>
          <Form.Item name="unionName" label="新成立工会的名称" rules={[{ required: true, whitespace: true, message: '请填写工会名称' }, { min: 2, max: 100, message: '2–100 个字' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="chairName" label="工会主席（选填）" rules={[{ max: 50, message: '不超过 50 个字' }]}>
            <Input maxLength={50} />
          </Form.Item>
        </>
      )}
      {step === 'registration' && (
        <>
          <Form.Item name="number" label="工会法人统一社会信用代码" rules={[{ required: true, message: '请填写 81 开头的 18 位代码' }, { pattern: /^81[0-9A-Za-z]{16}$/, message: '应为 81 开头的 18 位代码' }]}>
            <Input maxLength={18} className="mono" placeholder="81…" />
          </Form.Item>
          <Form.Item name="registeredOn" label="登记日期（默认同上）">
            <DatePicker style={{ width: 180 }} disabledDate={(d) => d.isAfter(pickerNow(), 'day')} />
          </Form.Item>
        </>
      )}
      <Form.Item name="note" label="备注（选填）" rules={[{ max: 200, message: '不超过 200 个字' }]}>
        <Input.TextArea maxLength={200} rows={2} />
      </Form.Item>
    </FormModal>
  );
}

interface AddValues {
  kind: 'employer' | 'area';
  enterpriseId?: number;
  townId?: number;
  areaType?: DriveAreaType;
  areaName?: string;
  contactName?: string;
  contactPhone?: string;
}

// 加入建会对象: an employer of the drive's area found by name, or a village, community, park or
// industry of one of its towns where a 工会联合会 is to be founded (化州 三个一批: 劳村社区 …).
function AddTargetModal({ driveId, onCancel, onDone }: { driveId: number; onCancel: () => void; onDone: () => void }) {
  const [form] = Form.useForm<AddValues>();
  const [options, setOptions] = useState<{ value: number; label: string; disabled: boolean }[]>([]);
  const kind = Form.useWatch('kind', form) ?? 'employer';
  return (
    <FormModal<AddValues>
      form={form}
      title="加入建会对象"
      okText="加入"
      onCancel={onCancel}
      formProps={{ initialValues: { kind: 'employer', areaType: 'community' } }}
      onSubmit={async (v) => {
        const contact = { ...(v.contactName?.trim() ? { contactName: v.contactName.trim() } : {}), ...(v.contactPhone?.trim() ? { contactPhone: v.contactPhone.trim() } : {}) };
        await api.post('/api/drives/:id/targets', {
          params: { id: String(driveId) },
          body: v.kind === 'area' ? { townId: v.townId!, areaType: v.areaType!, areaName: v.areaName!.trim(), ...contact } : { enterpriseId: v.enterpriseId!, ...contact },
        });
        onDone();
      }}
    >
      <Form.Item name="kind" label="对象">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'employer', label: '单位' },
            { value: 'area', label: '村社、园区（建工会联合会）' },
          ]}
        />
      </Form.Item>
      {kind === 'employer' ? (
        <Form.Item name="enterpriseId" label="单位" rules={[{ required: true, message: '请输入单位名称查找并选择' }]}>
          <Select
            showSearch
            filterOption={false}
            placeholder="输入单位名称（两个字以上）查找"
            aria-label="单位"
            options={options}
            onSearch={async (q) => {
              if (q.trim().length < 2) return;
              const r = await api.get('/api/enterprises/suggest', { query: { q: q.trim(), pageSize: '20' } });
              setOptions(r.items.map((e) => ({ value: e.id, label: `${e.name}${e.hasUnion ? '（已建会）' : ''}${e.townName ? ` · ${e.townName}` : ''}`, disabled: e.hasUnion })));
            }}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="townId" label="所在镇街" rules={[{ required: true, message: '请输入镇街名称查找并选择' }]}>
            <OrgSearchSelect placeholder="输入镇街名称查找，如“东山街道”" aria-label="所在镇街" disabledReason={(o) => (o.level === 'town' ? undefined : '请选择镇街')} />
          </Form.Item>
          <Form.Item label="村社、园区" required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="areaType" noStyle>
                <Select style={{ width: 100 }} aria-label="类型" options={driveAreaTypes.map((t) => ({ value: t, label: driveAreaTypeLabels[t] }))} />
              </Form.Item>
              <Form.Item name="areaName" noStyle rules={[{ required: true, whitespace: true, message: '请填写名称' }, { min: 2, max: 40, message: '2–40 个字' }]}>
                <Input maxLength={40} placeholder="如：劳村社区" aria-label="村社、园区名称" />
              </Form.Item>
            </Space.Compact>
          </Form.Item>
        </>
      )}
      <Form.Item name="contactName" label="联系人（选填，加密保存）" rules={[{ min: 2, max: 30, message: '2–30 个字' }]}>
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item name="contactPhone" label="联系电话（选填，加密保存）" rules={[{ pattern: /^1[3-9][0-9]{9}$/, message: '请输入 11 位手机号码' }]}>
        <Input maxLength={11} />
      </Form.Item>
    </FormModal>
  );
}
