// The selected union: where it sits, its figures and attributes, the enterprise file it is the union
// of (工会档案), and the admin's actions on it.
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, Empty, Row, Skeleton, Space, Statistic, Tag, Tooltip } from 'antd';
import { DeleteOutlined, DragOutlined, EditOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import {
  federationTypeLabels,
  orgKindLabels,
  orgLevelLabels,
  type OrgDetail,
} from '../../../../contracts/orgs.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDate, formatDateTime } from '../../../shared/format.ts';
import { levelColors } from '../../components/orgLevelTags.ts';
import { FoundOrgModal } from './FoundOrgModal.tsx';
import { EditOrgModal } from './EditOrgModal.tsx';
import { MoveOrgModal } from './MoveOrgModal.tsx';
import { CloseOrgModal } from './CloseOrgModal.tsx';

export interface OrgChange {
  kind: 'found' | 'updated' | 'moved' | 'closed';
  org: OrgDetail;
}

interface Props {
  orgId: number;
  rootId: number;
  isAdmin: boolean;
  /** Bumped by the page to make the panel reload. */
  version: number;
  onSelect: (id: number) => void;
  onChanged: (change: OrgChange) => void | Promise<void>;
}

type Dialog = 'found' | 'edit' | 'move' | 'close';

export function OrgDetailPanel({ orgId, rootId, isAdmin, version, onSelect, onChanged }: Props) {
  const [detail, setDetail] = useState<OrgDetail>();
  const [error, setError] = useState<string>();
  const [dialog, setDialog] = useState<Dialog>();
  const navigate = useNavigate();

  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get('/api/orgs/:id', { params: { id: orgId } })
      .then((d) => live && setDetail(d))
      .catch((err: unknown) => {
        if (!live) return;
        setDetail(undefined);
        setError(errorMessage(err));
      });
    return () => {
      live = false;
    };
  }, [orgId, version]);

  if (error) {
    return (
      <Card className="org-detail-card">
        <Empty description={error}>
          <Button onClick={() => onSelect(rootId)}>回到本单位</Button>
        </Empty>
      </Card>
    );
  }
  if (!detail || detail.id !== orgId) {
    return (
      <Card className="org-detail-card">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const d = detail;
  const isRoot = d.id === rootId;
  const isClosed = d.status === 'closed';
  const closeBlocked = d.memberCount > 0 ? `该组织仍有 ${d.memberCount} 名在册会员，需先转出会员` : undefined;

  const finish = (kind: OrgChange['kind']) => async (org: OrgDetail) => {
    setDialog(undefined);
    setDetail(org);
    await onChanged({ kind, org });
  };

  const actions = isAdmin && (
    <Space wrap>
      <Button type="primary" icon={<PlusOutlined />} disabled={isClosed} onClick={() => setDialog('found')}>
        建会
      </Button>
      <Button icon={<EditOutlined />} disabled={isClosed} onClick={() => setDialog('edit')}>
        修改
      </Button>
      <Tooltip title={isRoot ? '不能调整本账号所属单位的隶属关系' : undefined}>
        <Button icon={<DragOutlined />} disabled={isClosed || isRoot} onClick={() => setDialog('move')}>
          调整隶属
        </Button>
      </Tooltip>
      <Tooltip title={isRoot ? '不能撤销本账号所属单位' : closeBlocked}>
        <Button danger icon={<DeleteOutlined />} disabled={isClosed || isRoot || !!closeBlocked} onClick={() => setDialog('close')}>
          撤销
        </Button>
      </Tooltip>
    </Space>
  );

  return (
    <Card className="org-detail-card" title={null}>
      <Breadcrumb
        className="org-breadcrumb"
        aria-label="所在位置"
        items={[
          ...d.ancestors.map((a) => ({ title: <a onClick={() => onSelect(a.id)}>{a.name}</a> })),
          { title: d.name },
        ]}
      />
      <div className="org-detail-head">
        <div>
          <h2 className="org-detail-name">{d.name}</h2>
          <Space size={4} wrap>
            <Tag color={levelColors[d.level]}>{orgLevelLabels[d.level]}</Tag>
            <Tag>{orgKindLabels[d.kind]}</Tag>
            {d.federationType && <Tag>{federationTypeLabels[d.federationType]}工联会</Tag>}
            {isClosed ? <Tag color="default">已撤销</Tag> : <Tag color="success">正常</Tag>}
          </Space>
          {d.enterprise && (
            <div className="org-enterprise-link" data-testid="org-enterprise-file">
              <Button type="link" size="small" icon={<FileTextOutlined />} style={{ paddingInline: 0 }} onClick={() => navigate(`/enterprises/${d.enterprise!.id}`)}>
                工会档案：{d.enterprise.name}
              </Button>
              {d.enterprise.employers > 1 && <Tag bordered={false}>联合建会，覆盖 {d.enterprise.employers} 家单位</Tag>}
            </div>
          )}
        </div>
        {actions}
      </div>
      {isClosed && (
        <Alert
          type="warning"
          showIcon
          message={`该组织已于 ${formatDate(d.closedOn)} 撤销`}
          description={d.closedReason ? `撤销原因：${d.closedReason}` : undefined}
          style={{ marginBottom: 16 }}
        />
      )}
      <Row gutter={[16, 12]} className="org-figures">
        <Col xs={12} sm={6}>
          <Statistic title={<Tooltip title="本组织及全部下级组织的在册会员">会员（含下级）</Tooltip>} value={d.memberCount} groupSeparator="," />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="直属会员" value={d.directMemberCount} groupSeparator="," />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title="直属下级" value={d.childCount} groupSeparator="," />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={<Tooltip title="本组织及全部下级组织的数量">组织（含本级）</Tooltip>} value={d.orgCount} groupSeparator="," />
        </Col>
      </Row>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
        className="org-descriptions"
        items={[
          { key: 'chair', label: '工会主席', children: d.chairName ?? <Missing text="未登记" /> },
          { key: 'founded', label: '成立日期', children: d.foundedOn ? formatDate(d.foundedOn) : <Missing text="未登记" /> },
          { key: 'credit', label: '统一社会信用代码', children: d.creditCode ?? <Missing text="未登记" />, span: 'filled' },
          { key: 'region', label: '行政区划代码', children: d.regionCode ?? <Missing text="未登记" /> },
          { key: 'industry', label: '所属行业', children: d.industry ?? <Missing text="未登记" /> },
          { key: 'updated', label: '最近更新', children: formatDateTime(d.updatedAt), span: 'filled' },
        ]}
      />
      {dialog === 'found' && <FoundOrgModal parent={d} onCancel={() => setDialog(undefined)} onDone={finish('found')} />}
      {dialog === 'edit' && <EditOrgModal org={d} onCancel={() => setDialog(undefined)} onDone={finish('updated')} />}
      {dialog === 'move' && <MoveOrgModal org={d} onCancel={() => setDialog(undefined)} onDone={finish('moved')} />}
      {dialog === 'close' && <CloseOrgModal org={d} onCancel={() => setDialog(undefined)} onDone={finish('closed')} />}
    </Card>
  );
}

/** A greyed placeholder for an attribute nobody has filled in. */
function Missing({ text }: { text: string }) {
  return <span className="muted">{text}</span>;
}
