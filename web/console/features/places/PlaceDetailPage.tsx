// A place of the register: what it is and who runs it, where (with links to the maps), its week,
// holidays and dated exceptions, services, keeper (phone masked, shown with a reason), photos, the
// likely duplicates with 并入, the merge history with 撤销合并, and 修改 / 停用 / 恢复 / 合并 for the clerks.
import '../../components/common.css';
import './places.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EyeOutlined } from '@ant-design/icons';
import { placeKindLabels, type PlaceDetail } from '../../../../contracts/places.ts';
import { api } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { SectionTitle } from '../../components/PageTitle.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { useSession } from '../../session.tsx';
import { ExceptionsPanel, HoursTable, MergeModal, PhotosPanel, RevealKeeperModal } from './PlaceDetailParts.tsx';
import { DuplicateList, PlaceFormModal } from './PlaceFormModal.tsx';
import { MergeHistory } from './PlaceMerges.tsx';
import { ServiceTags, canWritePlaces, mapLinks, placeStatusTags } from './placeParts.tsx';

export function PlaceDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`place ${id}`, () => api.get('/api/places/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="阵地不存在或不在您的管理范围内" back={{ to: '/places', label: '返回阵地管理' }}>
      {(p) => <PlaceView key={p.id} place={p} onChanged={detail.setData} reload={detail.reload} />}
    </DetailPage>
  );
}

function PlaceView({ place: p, onChanged, reload }: { place: PlaceDetail; onChanged: (p: PlaceDetail) => void; reload: () => void }) {
  const navigate = useNavigate();
  const { me } = useSession();
  const canWrite = canWritePlaces(me?.roles ?? []) && p.mergedInto === null;
  const [editing, setEditing] = useState(false);
  const [closing, setClosing] = useState(false);
  const [revealing, setRevealing] = useState(false);
  const [merging, setMerging] = useState<{ into?: number }>();
  const merged = p.mergedInto !== null;

  return (
    <Card>
      <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate('/places')}>
        返回阵地管理
      </Button>
      <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 12, margin: '8px 0 16px' }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="place-name">
            {p.name}
          </Typography.Title>
          <Space size={4} wrap style={{ marginTop: 6 }}>
            <Tag>{placeKindLabels[p.kind]}</Tag>
            <StateTag tags={placeStatusTags} value={merged ? 'merged' : p.status} />
            {p.status === 'open' && !merged && <Tag color={p.openNow ? 'blue' : 'default'} bordered={false}>{p.openNow ? '现在开放' : '现在未开放'}</Tag>}
            {p.bookable && <Tag color="cyan" bordered={false}>可预约</Tag>}
            {p.problemsOpen > 0 && <Tag color="red">有人报告：{p.problemLatest ?? `${p.problemsOpen} 个问题`}</Tag>}
          </Space>
        </div>
        {!merged && p.status === 'open' && (
          <Space wrap>
            <Button onClick={() => navigate(`/places/${p.id}/desk`)}>值守台（状态 · 门口二维码 · 扫证到访）</Button>
          </Space>
        )}
        {canWrite && (
          <Space wrap>
            <Button onClick={() => setEditing(true)}>修改</Button>
            {p.status === 'open' ? (
              <Button danger onClick={() => setClosing(true)}>停用</Button>
            ) : (
              <Button onClick={async () => onChanged(await api.post('/api/places/:id/reopen', { params: { id: p.id } }))}>恢复</Button>
            )}
            <Button onClick={() => setMerging({})}>并入其他阵地</Button>
          </Space>
        )}
      </div>
      {merged && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={<>本阵地已并入 <Button type="link" size="small" className="cell-link" onClick={() => navigate(`/places/${p.mergedInto}`)}>{p.mergedIntoPlace?.name}</Button>，不再显示给职工。{p.merges.some((m) => m.undoable && m.from.id === p.id) ? '合并错了可在下方“合并记录”中撤销。' : ''}</>} />
      )}
      {p.status === 'closed' && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={`已停用：${p.closedReason ?? ''}`} />}
      {p.duplicates.length > 0 && (
        <Alert
          className="duplicate-alert"
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="place-duplicates"
          message="附近有相似的阵地，可能重复登记"
          description={
            <>
              <DuplicateList duplicates={p.duplicates} onOpen={(id) => navigate(`/places/${id}`)} />
              {canWrite && (
                <Space wrap>
                  {p.duplicates.map((d) => (
                    <Button key={d.id} size="small" className="place-wrap-button" onClick={() => setMerging({ into: d.id })}>
                      并入“{d.name}”
                    </Button>
                  ))}
                </Space>
              )}
            </>
          }
        />
      )}
      <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} bordered size="small">
        <Descriptions.Item label="运营工会">{p.org.name}</Descriptions.Item>
        <Descriptions.Item label="所在镇街">{p.town?.name ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="地址" span={2}>{p.address}</Descriptions.Item>
        <Descriptions.Item label="位置（GCJ-02）" span={2}>
          <Space wrap>
            <span className="mono">{p.lat.toFixed(6)}, {p.lng.toFixed(6)}</span>
            {mapLinks(p).map((l) => (
              <a key={l.label} href={l.href} target="_blank" rel="noreferrer">{l.label}</a>
            ))}
          </Space>
          {p.wgs && <div className="small muted">录入的 GPS（WGS-84）坐标：{p.wgs.lat.toFixed(6)}, {p.wgs.lng.toFixed(6)}</div>}
        </Descriptions.Item>
        <Descriptions.Item label="站长">{p.keeperName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="站长电话">
          {p.keeperPhoneMasked ? (
            <Space wrap>
              <span className="mono" style={{ whiteSpace: 'nowrap' }} data-testid="keeper-phone">{p.keeperPhoneMasked}</span>
              <Button size="small" icon={<EyeOutlined />} onClick={() => setRevealing(true)}>查看完整号码</Button>
            </Space>
          ) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="服务项目" span={2}><ServiceTags services={p.services} /></Descriptions.Item>
        {p.intro ? <Descriptions.Item label="简介" span={2}>{p.intro}</Descriptions.Item> : null}
        <Descriptions.Item label="登记时间">{formatDateTime(p.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最近修改">{formatDateTime(p.updatedAt)}</Descriptions.Item>
      </Descriptions>

      <SectionTitle style={{ marginTop: 24 }}>开放时间</SectionTitle>
      <HoursTable place={p} />
      <SectionTitle style={{ marginTop: 24 }}>特别安排的日期</SectionTitle>
      <ExceptionsPanel place={p} canWrite={canWrite} onChanged={onChanged} />
      <SectionTitle style={{ marginTop: 24 }}>照片</SectionTitle>
      <PhotosPanel place={p} canWrite={canWrite} onChanged={reload} />
      {p.merges.length > 0 && (
        <>
          <SectionTitle style={{ marginTop: 24 }}>合并记录</SectionTitle>
          <MergeHistory place={p} canWrite={canWritePlaces(me?.roles ?? [])} onChanged={onChanged} />
        </>
      )}

      {editing && (
        <PlaceFormModal
          place={p}
          onCancel={() => setEditing(false)}
          onOpenPlace={(id) => navigate(`/places/${id}`)}
          onDone={(next) => {
            setEditing(false);
            onChanged(next);
          }}
        />
      )}
      <ReasonModal
        open={closing}
        title="停用阵地"
        okText="确认停用"
        warning="停用后职工在手机上不再看到此阵地，可随时恢复。"
        label="停用原因"
        required="请填写停用原因"
        placeholder="如：场地拆迁、合同到期"
        onClose={() => setClosing(false)}
        onSubmit={async (reason) => {
          onChanged(await api.post('/api/places/:id/close', { params: { id: p.id }, body: { reason } }));
          setClosing(false);
        }}
      />
      <RevealKeeperModal place={p} open={revealing} onClose={() => setRevealing(false)} />
      {merging && (
        <MergeModal
          place={p}
          into={merging.into}
          open
          onClose={() => setMerging(undefined)}
          onMerged={(next) => {
            setMerging(undefined);
            onChanged(next);
          }}
        />
      )}
    </Card>
  );
}
