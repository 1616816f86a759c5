// 签到: the page the QR code at a place's door opens (/places/visit?code=…). Logged in, the visit is
// recorded at once — at most one per person and place in 2 hours, "已签到" either way.
import './place-report.css';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, ErrorBlock } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { api } from '../../shared/api.ts';
import { formatWhen } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';

export function PlaceVisitPage() {
  const navigate = useNavigate();
  const code = useSearchParams()[0].get('code') ?? '';
  // the visit is written once per page: the answer is the same on a reload within 2 hours
  const detail = useDetail(`place-visit-${code}`, () => api.post('/api/me/place-visits', { body: { code } }));
  return (
    <MemberScreen title="阵地签到" onBack={() => navigate('/')}>
      <LoadState
        detail={detail}
        problem={(p) => (
          <ErrorBlock status="default" title="签到未成功" description={p.message}>
            <Button color="primary" onClick={() => navigate('/')}>
              回到首页
            </Button>
          </ErrorBlock>
        )}
      >
        {(v) => (
          <div className="m-card pr-done" data-testid="visit-done" role="status">
            <CheckCircleFill className="pr-ok" aria-hidden />
            <h2 className="pr-done-title">已签到</h2>
            <p className="pr-place-name">{v.placeName}</p>
            <p className="pr-muted">{v.counted ? `签到时间 ${formatWhen(v.at)}` : `您已于 ${formatWhen(v.at)} 签到，2 小时内不重复计数`}</p>
            <Button block color="primary" fill="outline" onClick={() => navigate(`/places/${v.placeId}/report`)}>
              这里有问题？报告给工会
            </Button>
          </div>
        )}
      </LoadState>
    </MemberScreen>
  );
}
