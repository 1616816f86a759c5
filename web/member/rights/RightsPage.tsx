// 法律援助 (rights) on the phone: what the union can help with, 我要求助, the 12351 hotline, and my
// requests (我的求助) — each with its state, the union handling it and the deadline in Beijing time.
import '../components/listing.css';
import './rights.css';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { PhoneFill, RightOutline } from 'antd-mobile-icons';
import { ticketCategoryLabels, ticketStateLabels, ticketTypeLabels } from '../../../contracts/tickets.ts';
import { api } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { when } from '../components/when.ts';
import { deadlineText, stateTagColors, yuanOf } from './labels.ts';

const HELPS = ['拖欠工资、加班费', '劳动合同、试用期', '社会保险', '工伤、职业病', '辞退、解除劳动关系', '骑手、司机权益'];

export function RightsPage() {
  const navigate = useNavigate();
  const mine = useDetail('my tickets', () => api.get('/api/me/tickets', { query: { pageSize: 50 } }));
  return (
    <MemberScreen title="法律援助" onBack={() => navigate('/')}>
      <section className="m-card r-intro" aria-labelledby="r-intro-title">
        <h2 id="r-intro-title" className="m-section-title">
          工会帮您维权
        </h2>
        <p className="r-intro-text">遇到劳动纠纷，可以向工会咨询、求助、投诉或申请法律援助。工会按您的工作单位或平台分派给当地工会办理，按期限答复，全程可查。</p>
        <ul className="r-helps">
          {HELPS.map((h) => (
            <li key={h}>{h}</li>
          ))}
        </ul>
        <Button block color="primary" size="large" shape="rounded" onClick={() => navigate('/rights/ask')} data-testid="ask-button">
          我要求助
        </Button>
        <a className="r-hotline" href="tel:12351" data-testid="hotline-link">
          <PhoneFill aria-hidden /> 拨打 12351 职工服务热线
        </a>
      </section>
      <h2 className="a-group-title">我的求助</h2>
      <LoadState detail={mine} empty={{ when: (d) => d.items.length === 0, title: '还没有求助', description: '提交后可在这里查看办理进度' }}>
        {(d) => (
          <ul className="a-list" data-testid="my-tickets">
            {d.items.map((t) => (
              <li key={t.id} className="a-list-item">
                <Link to={`/rights/${t.id}`} className="m-card a-card" data-testid="my-ticket" data-id={t.id} data-state={t.state}>
                  <div className="a-card-tags">
                    <Tag color="primary" fill="outline">
                      {ticketTypeLabels[t.type]}
                    </Tag>
                    <Tag color={stateTagColors[t.state]} data-testid="ticket-state">
                      {ticketStateLabels[t.state]}
                    </Tag>
                  </div>
                  <div className="a-card-title">
                    {ticketCategoryLabels[t.category]}
                    {t.employerName ? ` · ${t.employerName}` : ''}
                  </div>
                  <div className="a-card-line">{when(t.createdAt)} 提交</div>
                  <div className="a-card-line" data-testid="ticket-deadline">
                    {t.state === 'closed'
                      ? `${when(t.closedAt)} 办结${t.recoveredFen ? `，追回 ${yuanOf(t.recoveredFen)}` : ''}`
                      : t.dueAt
                        ? `办结期限：${deadlineText(t.dueAt)}`
                        : ''}
                  </div>
                  <div className="a-card-foot">
                    <span className="a-card-org" data-testid="ticket-org">
                      {t.orgName}
                    </span>
                    <span className="r-card-more">
                      {t.canRate ? '请评价' : '查看'} <RightOutline aria-hidden />
                    </span>
                  </div>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </MemberScreen>
  );
}
