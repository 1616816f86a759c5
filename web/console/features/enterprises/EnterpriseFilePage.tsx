// 单位档案 (一企一档) at /enterprises/:id: 基本情况, 工会 (chair, 法人登记, committees, contracts with days
// to expiry, 厂务公开, 职代会, 经费), 会员与入会率, 提醒; each row's 历史 opens its timeline (with evidence),
// 记录新情况 opens the form of a kind, and once a union is linked the town's staff move the members
// parked in the town into it. Reached from the enterprise list (/enterprises).
import { useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Empty, List, Popconfirm, Space, Tag, Typography } from 'antd';
import type { EnterpriseFile } from '../../../../contracts/enterprise-facts.ts';
import {
  committeeLabels, contractTypeLabels, industrySections, ownershipLabels, unionCoverageLabels, type FactKind,
} from '../../../../contracts/enterprise-facts-common.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDate } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailFrame } from '../../components/DetailFrame.tsx';
import { DetailPage } from '../../components/DetailPage.tsx';
import { FactForm, kindsFor } from './FactForm.tsx';
import { FactHistory } from './FactHistory.tsx';

const none = <Typography.Text type="secondary">未记录</Typography.Text>;
const or = (v: ReactNode | null | undefined) => (v === null || v === undefined || v === '' ? none : v);

export function EnterpriseFilePage() {
  const id = Number(useParams().id);
  const detail = useDetail(`enterprise ${id}`, () => api.get('/api/enterprises/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="单位不存在或不在您的管理范围内" back={{ to: '/enterprises', label: '返回企业档案' }}>
      {(file) => <FileView file={file} reload={detail.reload} />}
    </DetailPage>
  );
}

function FileView({ file, reload }: { file: EnterpriseFile; reload: () => Promise<void> }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const membersLink = `/members?enterpriseId=${file.id}`;
  const [tab, setTab] = useState('basic');
  const [history, setHistory] = useState<{ key?: string | undefined; title: string }>();
  const [form, setForm] = useState<{ kind?: FactKind | undefined }>();
  const kinds = kindsFor(file);
  const canRecord = (kind: FactKind) => kinds.includes(kind) && (file.canEdit.union || file.canEdit.town);

  /** A row's label with its 历史 and 记录 links. */
  const row = (text: string, key: string, kind: FactKind) => (
    <Space size={4} wrap>
      <span>{text}</span>
      <Button type="link" size="small" className="cell-link" onClick={() => setHistory({ key, title: text })} aria-label={`${text}的历史`}>历史</Button>
      {canRecord(kind) && <Button type="link" size="small" className="cell-link" onClick={() => setForm({ kind })} aria-label={`记录${text}`}>记录</Button>}
    </Space>
  );

  async function moveParked() {
    try {
      const out = await api.post('/api/enterprises/:id/move-parked', { params: { id: file.id } });
      message.success(out.moved > 0 ? `已把 ${out.moved} 名会员转入${file.union?.name ?? '本单位工会'}` : '没有需要转入的会员');
      await reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  const u = file.union;
  const basic = (
    <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="file-basic">
      <Descriptions.Item label={row('名称', 'identity', 'identity')}>{file.name}</Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">{or(file.creditCode)}</Descriptions.Item>
      <Descriptions.Item label={row('所在镇街', 'address', 'address')}>{file.town.name}</Descriptions.Item>
      <Descriptions.Item label="地址">{or(file.address)}</Descriptions.Item>
      <Descriptions.Item label={row('行业', 'industry', 'industry')}>
        {file.industrySection ? `${file.industrySection} ${industrySections[file.industrySection as keyof typeof industrySections] ?? ''}${file.industry ? ` · ${file.industry}` : ''}` : or(file.industry)}
      </Descriptions.Item>
      <Descriptions.Item label={row('登记注册类型', 'ownership', 'ownership')}>{file.ownership ? ownershipLabels[file.ownership] : none}</Descriptions.Item>
      <Descriptions.Item label={row('职工人数', 'size', 'size')}>
        {file.employees !== null ? `${file.employees} 人（截至 ${formatDate(file.employeesAsOf)}）` : none}
      </Descriptions.Item>
      <Descriptions.Item label={row('服务的平台', 'platforms', 'platforms')}>{file.platforms.length ? file.platforms.join('、') : none}</Descriptions.Item>
    </Descriptions>
  );

  const unionPart = u ? (
    <Descriptions column={{ xs: 1, md: 2 }} bordered size="small" data-testid="file-union">
      <Descriptions.Item label={row('所属工会', 'union', 'union')}>
        {u.name} {u.coverage && <Tag>{unionCoverageLabels[u.coverage]}</Tag>} {!u.active && <Tag color="red">已撤销</Tag>}
      </Descriptions.Item>
      <Descriptions.Item label={row('工会主席', 'chair', 'chair')}>{or(u.chair)}</Descriptions.Item>
      <Descriptions.Item label={row('建会日期', 'founded', 'founded')}>{u.foundedOn ? formatDate(u.foundedOn) : none}</Descriptions.Item>
      <Descriptions.Item label={row('工会法人登记', 'legalPerson', 'legalPerson')}>
        {u.legalRegistered ? `已登记${u.legalNumber ? `（${u.legalNumber}）` : ''}${u.legalRegisteredOn ? `，${formatDate(u.legalRegisteredOn)}` : ''}` : '未登记'}
      </Descriptions.Item>
      {(Object.keys(committeeLabels) as (keyof typeof committeeLabels)[]).map((c) => (
        <Descriptions.Item key={c} label={row(committeeLabels[c], `committee:${c}`, 'committee')}>
          {u.committees[c] ? `${formatDate(u.committees[c])} 成立` : '未成立'}
        </Descriptions.Item>
      ))}
      {(Object.keys(contractTypeLabels) as (keyof typeof contractTypeLabels)[]).map((type) => {
        const c = u.contracts.find((x) => x.type === type);
        return (
          <Descriptions.Item key={type} label={row(contractTypeLabels[type], `collectiveContract:${type}`, 'collectiveContract')}>
            {c ? (
              <Space wrap size={4}>
                <span>{formatDate(c.startsOn)} 至 {formatDate(c.expiresOn)}，覆盖 {c.covered ?? 0} 人</span>
                {c.daysToExpiry !== null && c.daysToExpiry < 0 && <Tag color="red">已到期</Tag>}
                {c.daysToExpiry !== null && c.daysToExpiry >= 0 && c.daysToExpiry <= 60 && <Tag color="orange">{c.daysToExpiry} 天后到期</Tag>}
              </Space>
            ) : '未签订'}
          </Descriptions.Item>
        );
      })}
      <Descriptions.Item label={row('厂务公开', 'openAffairs', 'openAffairs')}>{u.openAffairsSince ? `自 ${formatDate(u.openAffairsSince)} 起实行` : '未实行'}</Descriptions.Item>
      <Descriptions.Item label={row('职工代表大会', 'workersCongress', 'workersCongress')}>
        {u.lastCongressOn ? `最近一次 ${formatDate(u.lastCongressOn)}${u.congressDelegates ? `，代表 ${u.congressDelegates} 名` : ''}` : none}
      </Descriptions.Item>
      <Descriptions.Item label={row('工会经费上缴', u.fundsYear ? `funds:${u.fundsYear}` : 'funds', 'funds')}>
        {u.fundsYear !== null ? `${u.fundsYear} 年已上缴 ${((u.fundsRemittedFen ?? 0) / 100).toLocaleString('zh-CN')} 元` : none}
      </Descriptions.Item>
    </Descriptions>
  ) : (
    <Empty description={file.canEdit.town ? '尚未建会。建会后请在“基本情况”中记录所属工会。' : '尚未建会'}>
      {file.canEdit.town && <Button onClick={() => setForm({ kind: 'union' })}>记录所属工会</Button>}
    </Empty>
  );

  const members = (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="file-members">
      <Descriptions column={{ xs: 1, md: 3 }} bordered size="small">
        <Descriptions.Item label="会员数">
          <Button type="link" size="small" className="cell-link" data-testid="file-members-link" onClick={() => navigate(membersLink)}>
            {file.memberCount} 人
          </Button>
        </Descriptions.Item>
        <Descriptions.Item label="职工人数">{file.employees !== null ? `${file.employees} 人（截至 ${formatDate(file.employeesAsOf)}）` : '未记录'}</Descriptions.Item>
        <Descriptions.Item label="入会率">{file.joinRate !== null ? `${file.joinRate}%` : '记录职工人数后显示'}</Descriptions.Item>
      </Descriptions>
      {file.joinRate !== null && file.joinRate > 100 && <Alert type="warning" showIcon message="会员数超过申报的职工人数，职工人数可能已过时，请记录新的职工人数。" />}
      {file.parkedMembers > 0 && (
        <Alert
          type="info"
          showIcon
          message={`${file.parkedMembers} 名会员以本单位为工作单位，目前挂靠在${file.town.name}`}
          description={u ? '单位已建会，可整体转入本单位工会（每人记一条转会记录）。' : '单位建会并记录所属工会后，可整体转入。'}
          action={u && file.canEdit.town ? (
            <Popconfirm title={`把 ${file.parkedMembers} 名会员转入${u.name}？`} okText="转入" cancelText="取消" onConfirm={moveParked}>
              <Button size="small" type="primary">整体转入</Button>
            </Popconfirm>
          ) : undefined}
        />
      )}
      <Typography.Text type="secondary">
        点会员数查看以本单位为工作单位的会员名单（会员管理，含已退会的会员，可按状态筛选）。
      </Typography.Text>
    </Space>
  );

  const alerts = file.alerts.length ? (
    <List size="small" dataSource={file.alerts} renderItem={(a) => <List.Item><Alert style={{ width: '100%' }} type={a.kind === 'contractExpired' || a.kind === 'membersOverSize' ? 'warning' : 'info'} showIcon message={a.text} /></List.Item>} data-testid="file-alerts" />
  ) : <Empty description="没有需要处理的提醒" />;

  return (
    <DetailFrame
      className="enterprise-file"
      back={{ to: '/enterprises', label: '返回企业档案' }}
      title={file.name}
      titleTestId="enterprise-file-title"
      tags={
        <>
          <Tag>{file.town.name}</Tag>
          {u ? <Tag color="green">已建会</Tag> : <Tag color="orange">未建会</Tag>}
          {file.alerts.length > 0 && <Tag color="red">{file.alerts.length} 条提醒</Tag>}
          {file.mergedInto && <Tag color="default">已并入 {file.mergedInto.name}</Tag>}
        </>
      }
      actions={
        <>
          <Button onClick={() => navigate(membersLink)}>会员名单</Button>
          <Button onClick={() => setHistory({ title: '全部事项' })}>全部历史</Button>
          {kinds.length > 0 && (file.canEdit.union || file.canEdit.town) && <Button type="primary" onClick={() => setForm({})}>记录新情况</Button>}
        </>
      }
      figures={{
        className: 'enterprise-file-figures',
        testId: 'enterprise-file-figures',
        items: [
          { title: '会员数', value: file.memberCount, suffix: '人' },
          ...(file.employees !== null ? [{ title: '职工人数', value: file.employees, suffix: '人' }] : []),
          ...(file.joinRate !== null ? [{ title: '入会率', value: file.joinRate, suffix: '%' }] : []),
          { title: '提醒', value: file.alerts.length, suffix: '条' },
        ],
      }}
      tabs={{
        activeKey: tab,
        onChange: setTab,
        items: [
          { key: 'basic', label: '基本情况', children: basic },
          { key: 'union', label: '工会', children: unionPart },
          { key: 'members', label: '会员与入会率', children: members },
          { key: 'alerts', label: `提醒（${file.alerts.length}）`, children: alerts },
        ],
      }}
    >
      {file.mergedInto && <Card><Alert type="warning" showIcon message={`该单位已并入“${file.mergedInto.name}”，请在合并后的单位档案中记录。`} /></Card>}
      {history && <FactHistory file={file} factKey={history.key} title={history.title} open onClose={() => setHistory(undefined)} />}
      {form && (
        <FactForm
          file={file}
          kind={form.kind}
          onCancel={() => setForm(undefined)}
          onDone={() => { setForm(undefined); void reload(); }}
        />
      )}
    </DetailFrame>
  );
}
