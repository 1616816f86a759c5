// 我代理的案件: the tickets assigned to the signed-in legal-aid lawyer (running assignments only),
// each with the category, the union handling it, when it was assigned and the outcome if recorded.
import '../components/listing.css';
import './lawyer.css';
import { Link, useNavigate } from 'react-router-dom';
import { ErrorBlock, Tag } from 'antd-mobile';
import { lawyerOutcomeLabels } from '../../../contracts/ticket-lawyers.ts';
import { ticketCategoryLabels, ticketTypeLabels } from '../../../contracts/tickets.ts';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';

export function LawyerCasesPage() {
  const navigate = useNavigate();
  const detail = useDetail('lawyer cases', () => api.get('/api/lawyer/tickets', { query: { pageSize: 100 } }));
  return (
    <MemberScreen title="我代理的案件" onBack={() => navigate('/me')}>
      <LoadState
        detail={detail}
        problem={(p) => (p.code === 'lawyer_only' ? <ErrorBlock status="default" title="您不是登记在册的法律援助律师" description={p.message} /> : undefined)}
        empty={{ when: (d) => d.items.length === 0, title: '暂无代理的案件', description: '工会为工单指派您后，案件会出现在这里，并以短信通知当事人。' }}
      >
        {(d) => (
          <ul className="lw-list" aria-label="代理的案件">
            {d.items.map((c) => (
              <li key={c.id}>
                <Link to={`/lawyer/${c.id}`} className="m-card lw-item" data-testid="lawyer-case" data-id={c.id}>
                  <div className="lw-item-top">
                    <span className="lw-item-title">
                      {ticketCategoryLabels[c.category]} · {ticketTypeLabels[c.type]}
                    </span>
                    <Tag color={c.outcome ? 'success' : 'primary'} fill="outline">
                      {c.outcome ? lawyerOutcomeLabels[c.outcome] : '代理中'}
                    </Tag>
                  </div>
                  <div className="lw-item-meta">当事人 {c.callerName} · {c.employerName ?? c.gigPlatform ?? '用人单位未填'}</div>
                  <div className="lw-item-meta">
                    {c.org.name} · 指派于 {formatDateTime(c.assignedAt)}
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
