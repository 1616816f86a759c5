// 阵地值守台: the keeper's page of one place — mark it open or closed now and how busy (members see
// it on the nearest-places list), the door QR code to print (a worker scanning it checks in), today's
// visits, the open problems, and 扫会员证: the member card scanned (camera or pasted) counts a visit.
import './place-desk.css';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Input, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { liveBusyLabels, liveStateLabels, type CardVisitAnswer, type PlaceDesk } from '../../../../contracts/place-status.ts';
import { placeKindLabels } from '../../../../contracts/places.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatMinute, formatWhen } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { DetailPage } from '../../components/DetailPage.tsx';
import { PageTitle, SectionTitle } from '../../components/PageTitle.tsx';
import { QrScanner } from '../../components/QrScanner.tsx';
import { useScanOnce } from '../../components/useScanOnce.ts';

type Busy = keyof typeof liveBusyLabels;

/** The door code as a QR code of the member site's check-in address, to print. */
function DoorCode({ desk }: { desk: PlaceDesk }) {
  const url = `${window.location.origin}${desk.doorPath}`;
  const [img, setImg] = useState<string>();
  useEffect(() => {
    void QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 }).then(setImg);
  }, [url]);
  return (
    <Card title={<SectionTitle>门口签到二维码</SectionTitle>} extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()}>打印</Button>} className="desk-door">
      <div className="desk-door-print">
        <div className="desk-door-name">{desk.name}</div>
        {img && <img src={img} alt={`${desk.name}签到二维码`} className="desk-door-qr" data-testid="door-qr" />}
        <div>职工用手机扫码签到（同一人 2 小时内计一次）</div>
      </div>
      <Typography.Paragraph copyable={{ text: url }} className="desk-door-url" type="secondary">
        {url}
      </Typography.Paragraph>
    </Card>
  );
}

function LiveCard({ desk, onChanged }: { desk: PlaceDesk; onChanged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<Busy>(desk.live?.busy ?? 'normal');
  const [saving, setSaving] = useState(false);
  const mark = async (state: 'open' | 'closed') => {
    setSaving(true);
    try {
      await api.post('/api/places/:id/live', { params: { id: desk.id }, body: state === 'open' ? { state, busy } : { state } });
      onChanged();
      void message.success(state === 'open' ? `已标记为开放中（${liveBusyLabels[busy]}）` : '已标记为暂停开放');
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card title={<SectionTitle>现在的开放状态</SectionTitle>}>
      <Space direction="vertical" size={12}>
        <div data-testid="live-state">
          {desk.live ? (
            <Space wrap>
              <Tag color={desk.live.state === 'open' ? 'green' : 'default'}>{liveStateLabels[desk.live.state]}</Tag>
              {desk.live.busy && <Tag>{liveBusyLabels[desk.live.busy]}</Tag>}
              <Typography.Text type="secondary">{formatMinute(desk.live.at)} 标记</Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">尚未标记：职工看到的开放状态按开放时间计算</Typography.Text>
          )}
        </div>
        <Space wrap align="center">
          <span id="desk-busy-label">人多不多</span>
          <Radio.Group aria-labelledby="desk-busy-label" optionType="button" value={busy} onChange={(e) => setBusy(e.target.value as Busy)}
            options={(Object.keys(liveBusyLabels) as Busy[]).map((k) => ({ label: liveBusyLabels[k], value: k }))} />
        </Space>
        <Space wrap>
          <Button type="primary" loading={saving} onClick={() => void mark('open')} disabled={desk.status !== 'open'}>
            标记开放中
          </Button>
          <Button loading={saving} onClick={() => void mark('closed')} disabled={desk.status !== 'open'}>
            标记暂停开放
          </Button>
        </Space>
      </Space>
    </Card>
  );
}

function CardScan({ desk, onCounted }: { desk: PlaceDesk; onCounted: () => void }) {
  const [token, setToken] = useState('');
  const [outcome, setOutcome] = useState<{ ok: true; visit: CardVisitAnswer } | { ok: false; message: string }>();
  const [busy, setBusy] = useState(false);
  const send = async (text: string) => {
    setBusy(true);
    try {
      const visit = await api.post('/api/places/:id/visits', { params: { id: desk.id }, body: { token: text.trim() } });
      setOutcome({ ok: true, visit });
      setToken('');
      onCounted();
    } catch (err) {
      setOutcome({ ok: false, message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const onScan = useScanOnce(send, setToken);
  return (
    <Card title={<SectionTitle>扫会员证登记到访</SectionTitle>}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <QrScanner onScan={onScan} />
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="会员证二维码内容" placeholder="扫码枪扫描或粘贴会员证二维码内容" value={token} onChange={(e) => setToken(e.target.value)} onPressEnter={() => token.trim() && void send(token)} />
          <Button type="primary" loading={busy} disabled={!token.trim()} onClick={() => void send(token)}>
            登记
          </Button>
        </Space.Compact>
        {outcome &&
          (outcome.ok ? (
            <Alert type="success" showIcon data-testid="card-visit-outcome"
              message={`已签到：${outcome.visit.name}（会员号 ${outcome.visit.memberNo}）`}
              description={outcome.visit.counted ? `${formatWhen(outcome.visit.at)} 计入到访` : `${formatWhen(outcome.visit.at)} 已签到过，2 小时内不重复计数`} />
          ) : (
            <Alert type="error" showIcon message={outcome.message} data-testid="card-visit-outcome" />
          ))}
      </Space>
    </Card>
  );
}

function DeskView({ desk, reload }: { desk: PlaceDesk; reload: () => void }) {
  const navigate = useNavigate();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className="place-desk">
      <Card>
        <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate(-1)}>
          返回
        </Button>
        <PageTitle>{desk.name} · 值守台</PageTitle>
        <Typography.Paragraph type="secondary">
          {placeKindLabels[desk.kind]} · {desk.address} · {desk.orgName}运营
        </Typography.Paragraph>
        {desk.status !== 'open' && <Alert type="warning" showIcon message="该阵地已停用，不能标记开放状态或登记到访" />}
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title="今日到访（人次）" value={desk.visitsToday} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title="待处理问题" value={desk.problemsOpen} valueStyle={desk.problemsOpen > 0 ? { color: '#c4161c' } : undefined} />
            {desk.problemsOpen > 0 && (
              <Button type="link" className="cell-link" onClick={() => navigate('/place-problems?state=open')}>
                有人报告：{desk.problemLatest}
              </Button>
            )}
          </Col>
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <LiveCard desk={desk} onChanged={reload} />
            <CardScan desk={desk} onCounted={reload} />
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <DoorCode desk={desk} />
        </Col>
      </Row>
    </Space>
  );
}

export function PlaceDeskPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`place-desk ${id}`, () => api.get('/api/places/:id/desk', { params: { id } }));
  // every write answers the desk anew; reloading keeps one source of what is shown
  const reload = () => void detail.reload();
  return (
    <DetailPage detail={detail} notFound="阵地不存在或不在您的管理范围内" back={{ to: '/place-problems', label: '返回阵地问题' }}>
      {(d) => <DeskView desk={d} reload={reload} />}
    </DetailPage>
  );
}
