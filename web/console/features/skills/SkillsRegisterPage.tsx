// 技能名册: the certificates members of the caller's subtree registered — those to verify first, each
// verified after checking it on 技能人才评价证书全国联网查询 (who and when recorded, audited; the skill
// then written to the member) — and the skills members hold, with where each came from.
import '../../components/common.css';
import { useState } from 'react';
import { App, Button, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { z } from 'zod';
import { certificateFamilyLabels, skillSourceLabels, skillSources, type CertificateRegisterRow, type SkillSource, type skillRegisterRow } from '../../../../contracts/member-skills.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime } from '../../../shared/format.ts';
import { LabelSelect } from '../../components/LabelSelect.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { OrgFilter } from '../../components/OrgFilter.tsx';
import { usePagedList } from '../../components/usePagedList.ts';
import { useSession } from '../../session.tsx';

type RegisterRow = z.infer<typeof skillRegisterRow>;
type Status = 'pending' | 'verified';
const statusLabels: Record<Status, string> = { pending: '待核验', verified: '已核验' };
const VERIFY_URL = 'http://zscx.osta.org.cn/';

/** 证书核验: the certificates of members in scope, those to verify first. */
export function CertificatesPage() {
  const { message, modal } = App.useApp();
  const session = useSession();
  const canVerify = session.hasRole('admin') || session.hasRole('clerk');
  const [orgId, setOrgId] = useState<number>();
  const [status, setStatus] = useState<Status | undefined>('pending');
  const list = usePagedList('/api/certificates', { query: { orgId, status } }, { showTotal: (t) => `共 ${formatCount(t)} 本` });

  function verify(c: CertificateRegisterRow) {
    modal.confirm({
      title: `核验 ${c.member.name} 的证书`,
      content: (
        <>
          <p>
            {certificateFamilyLabels[c.family]} · {c.skill.name} · {c.levelLabel} · 编号 {c.numberMasked} · {c.issuer} {c.issuedOn}
          </p>
          <p>
            请先在{' '}
            <a href={VERIFY_URL} target="_blank" rel="noreferrer">
              技能人才评价证书全国联网查询
            </a>{' '}
            核对证书真实有效。核验后记入会员技能，核验人和时间记入审计日志。
          </p>
        </>
      ),
      okText: '已核对，标记核验',
      cancelText: '取消',
      onOk: async () => {
        try {
          await api.post('/api/certificates/:id/verify', { params: { id: c.id } });
          message.success('已核验，技能已记入会员档案');
          await list.reload();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });
  }

  const columns: TableProps<CertificateRegisterRow>['columns'] = [
    {
      title: '会员',
      render: (_, c) => (
        <div className="two-line">
          <div>
            <strong>{c.member.name}</strong>
          </div>
          <Typography.Text type="secondary" className="small">
            {c.org.name}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '证书',
      render: (_, c) => (
        <div className="two-line">
          <div>
            {c.skill.name} · {c.levelLabel}
          </div>
          <Typography.Text type="secondary" className="small">
            {certificateFamilyLabels[c.family]} · <span className="mono">{c.numberMasked}</span> · {c.issuer} · {c.issuedOn}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '核验',
      width: 220,
      render: (_, c) =>
        c.isVerified ? (
          <div className="two-line">
            <Tag color="green">已核验</Tag>
            <Typography.Text type="secondary" className="small">
              {c.verifiedBy} · {formatDateTime(c.verifiedAt)}
            </Typography.Text>
          </div>
        ) : canVerify ? (
          <Button size="small" onClick={() => verify(c)} data-testid="verify-certificate">
            核验
          </Button>
        ) : (
          <Tag color="orange">待核验</Tag>
        ),
    },
  ];

  return (
    <ListPage<CertificateRegisterRow>
      title="证书核验"
      filters={
        <>
          <OrgFilter aria-label="所属工会" placeholder="所属工会（默认全部）" width={240} value={orgId} onChange={setOrgId} />
          <LabelSelect<Status> aria-label="核验状态" placeholder="全部" style={{ width: 120 }} values={['pending', 'verified']} labels={statusLabels} value={status} onChange={setStatus} />
        </>
      }
      list={list}
      columns={columns}
      emptyText="没有符合条件的证书"
      testId="certificates"
    />
  );
}

/** 技能名册: the skills held by members in scope. */
export function SkillsRegisterPage() {
  const [orgId, setOrgId] = useState<number>();
  const [source, setSource] = useState<SkillSource>();
  const list = usePagedList('/api/skill-register', { query: { orgId, source } }, { showTotal: (t) => `共 ${formatCount(t)} 项` });
  const columns: TableProps<RegisterRow>['columns'] = [
    {
      title: '会员',
      render: (_, r) => (
        <div className="two-line">
          <div>
            <strong>{r.member.name}</strong>
          </div>
          <Typography.Text type="secondary" className="small">
            {r.org.name}
          </Typography.Text>
        </div>
      ),
    },
    { title: '技能', render: (_, r) => <span>{r.label}</span> },
    { title: '来源', width: 110, render: (_, r) => <Tag>{skillSourceLabels[r.source]}</Tag> },
    { title: '取得日期', width: 120, responsive: ['sm'], render: (_, r) => <span className="small">{r.acquiredOn}</span> },
  ];
  return (
    <ListPage<RegisterRow>
      title="技能名册"
      filters={
        <>
          <OrgFilter aria-label="所属工会" placeholder="所属工会（默认全部）" width={240} value={orgId} onChange={setOrgId} />
          <LabelSelect<SkillSource> aria-label="来源" placeholder="全部来源" style={{ width: 130 }} values={[...skillSources]} labels={skillSourceLabels} value={source} onChange={setSource} />
        </>
      }
      list={list}
      columns={columns}
      emptyText="管理范围内还没有会员记录技能"
      testId="skill-register"
    />
  );
}
