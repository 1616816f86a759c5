// The frame of a console detail page (普惠活动, 帮扶活动 …) inside DetailPage: a head card — the way back
// to the list, the title, its tags, the actions at the right, the cancellation when there was one,
// the figures below — then one card of tabs, then what the page adds (its drawers and modals).
// The title is the page's <h1>.
import './detail.css';
import type { CSSProperties, ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Col, Row, Space, Statistic, Tabs, Typography, type TabsProps } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';

/** One figure of the head: a Statistic, or a node of the page's own (wide: the full row on a phone). */
export type Figure = { title: string; value: number; suffix?: string; valueStyle?: CSSProperties } | { node: ReactNode; wide?: boolean };

export interface DetailFrameProps {
  className: string;
  back: { to: string; label: string };
  title: ReactNode;
  /** data-testid of the title */
  titleTestId: string;
  /** under the title: tags, who published it */
  tags: ReactNode;
  /** at the head's right */
  actions: ReactNode;
  /** set when it was cancelled: the reason, shown under the head */
  cancelled?: { reason: string | null } | undefined;
  figures?: { className: string; testId: string; items: Figure[] } | undefined;
  tabs: Pick<TabsProps, 'items' | 'activeKey' | 'onChange'>;
  children?: ReactNode;
}

export function DetailFrame({ className, back, title, titleTestId, tags, actions, cancelled, figures, tabs, children }: DetailFrameProps) {
  const navigate = useNavigate();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} className={className}>
      <Card>
        <div className="detail-head">
          <div className="detail-head-main">
            <Button type="link" icon={<ArrowLeftOutlined />} className="cell-link" onClick={() => navigate(back.to)}>
              {back.label}
            </Button>
            <Typography.Title level={1} className="detail-head-title" data-testid={titleTestId}>
              {title}
            </Typography.Title>
            <Space size={4} wrap>
              {tags}
            </Space>
          </div>
          <Space wrap>{actions}</Space>
        </div>
        {cancelled && <Alert type="warning" showIcon message={`活动已取消：${cancelled.reason ?? ''}`} style={{ marginTop: 12 }} />}
        {figures && (
          <Row gutter={[16, 16]} className={figures.className} data-testid={figures.testId}>
            {figures.items.map((f, i) =>
              'node' in f ? (
                <Col key={i} xs={f.wide ? 24 : 12} sm={8} lg={4}>
                  {f.node}
                </Col>
              ) : (
                <Col key={i} xs={12} sm={8} lg={4}>
                  <Statistic title={f.title} value={f.value} suffix={f.suffix} valueStyle={f.valueStyle} />
                </Col>
              ),
            )}
          </Row>
        )}
      </Card>
      <Card>
        <Tabs {...tabs} />
      </Card>
      {children}
    </Space>
  );
}
