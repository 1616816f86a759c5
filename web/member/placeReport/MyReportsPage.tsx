// 我的报告: the problems this worker reported on places, newest first — the place, what, when, whether
// the union has dealt with it, and what the union said it did (the same words the SMS carried). A tap
// opens the place. Twenty at a time, 加载更多 for the earlier ones.
import '../components/listing.css';
import './place-report.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { placeProblemKindLabels, type MyPlaceProblem } from '../../../contracts/place-status.ts';
import { api } from '../../shared/api.ts';
import { formatWhen } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';

const PAGE = 20;
/** the most the list route answers at once */
const MOST = 200;

function ReportCard({ r, onOpen }: { r: MyPlaceProblem; onOpen: () => void }) {
  const resolved = r.state === 'resolved';
  return (
    <li>
      <section className="m-card a-signup" data-testid="my-report" data-state={r.state}>
        <button type="button" className="a-signup-main" onClick={onOpen}>
          <div className="a-signup-top">
            <Tag color={resolved ? 'success' : 'warning'}>{resolved ? '已处理' : '处理中'}</Tag>
            <Tag color="default" fill="outline">
              {placeProblemKindLabels[r.kind]}
            </Tag>
          </div>
          <div className="a-card-title">{r.placeName}</div>
          <div className="a-card-line pr-report-text">{r.text}</div>
          <div className="a-card-line">报告时间 {formatWhen(r.createdAt)}{r.hasPhoto ? ' · 附照片' : ''}</div>
          {resolved ? (
            <div className="pr-resolution" data-testid="my-report-resolution">
              <div className="pr-resolution-head">工会处理情况（{formatWhen(r.resolvedAt)}）</div>
              <div>{r.resolutionNote}</div>
            </div>
          ) : (
            <div className="a-card-line">运营阵地的工会正在处理，处理后会短信告诉您</div>
          )}
        </button>
      </section>
    </li>
  );
}

export function MyPlaceReportsPage() {
  const navigate = useNavigate();
  const [shown, setShown] = useState(PAGE);
  const list = useDetail(`my place problems ${shown}`, () => api.get('/api/me/place-problems', { query: { pageSize: shown } }), { keep: true });
  return (
    <MemberScreen title="我的报告" onBack={() => navigate(-1)}>
      <LoadState detail={list} empty={{ when: (d) => d.total === 0, title: '还没有报告过问题', description: '在驿站、职工之家遇到关门、没水、设施坏了，可以在阵地页面“报告问题”' }}>
        {(data) => (
          <>
            <p className="pr-muted pr-count">共 {data.total} 条报告</p>
            <ul className="a-list">
              {data.items.map((r) => (
                <ReportCard key={r.id} r={r} onOpen={() => navigate(`/places/${r.placeId}`)} />
              ))}
            </ul>
            {data.items.length < data.total &&
              (shown < MOST ? (
                <Button block fill="outline" shape="rounded" className="pr-more" onClick={() => setShown((n) => Math.min(MOST, n + PAGE))}>
                  加载更多（还有 {data.total - data.items.length} 条）
                </Button>
              ) : (
                <p className="pr-muted pr-count">仅显示最近 {MOST} 条</p>
              ))}
          </>
        )}
      </LoadState>
    </MemberScreen>
  );
}
