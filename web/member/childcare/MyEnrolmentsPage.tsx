// 我的托管报名: each child enrolled, in which programme, its state (待抽签 / 已录取 / 候补 / 未中签 /
// 已取消) with a line on what it means, and 取消报名 while it may still be cancelled. Once the
// programme's children's data is deleted (as the consent text promised) the card says so.
import '../components/listing.css';
import './childcare.css';
import { useNavigate } from 'react-router-dom';
import { Button, Tag, Toast } from 'antd-mobile';
import { api, errorMessage } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { confirmDialog } from '../components/dialogs.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { when } from '../components/when.ts';
import { formatDate } from '../../shared/format.ts';
import type { EnrolmentStatus } from '../../../contracts/childcare.ts';
import { enrolmentStatusLabels, enrolmentTagColors } from './labels.ts';

export function MyEnrolmentsPage() {
  const navigate = useNavigate();
  const mine = useDetail('my childcare enrolments', () => api.get('/api/me/childcare/enrolments', { query: { pageSize: 50 } }));
  const cancel = async (id: number, child: string) => {
    if (!(await confirmDialog({ title: '取消报名', content: `确定取消 ${child} 的报名吗？已录取的名额将让给候补的孩子。`, confirmText: '取消报名', cancelText: '再想想' }))) return;
    try {
      await api.post('/api/me/childcare/enrolments/:id/cancel', { params: { id } });
      Toast.show({ content: '已取消报名' });
      await mine.reload();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  };
  return (
    <MemberScreen title="我的托管报名" onBack={() => navigate('/childcare')}>
      <LoadState
        detail={mine}
        empty={{ when: (d) => d.items.length === 0, title: '还没有报名', description: '在亲子托管里选择项目为孩子报名', action: { label: '看看托管项目', onClick: () => navigate('/childcare') } }}
      >
        {(d) => (
          <ul className="a-list" data-testid="my-enrolments">
            {d.items.map((e) => (
              <li key={e.id} className="a-list-item">
                <div className="m-card a-card" data-testid="my-enrolment" data-id={e.id} data-status={e.status}>
                  <div className="a-card-tags">
                    <Tag color={enrolmentTagColors[e.status]} data-testid="enrolment-status">
                      {enrolmentStatusLabels[e.status]}
                      {e.status === 'waitlisted' && e.waitlistNo ? ` 第 ${e.waitlistNo} 位` : ''}
                    </Tag>
                  </div>
                  <div className="a-card-title" data-testid="enrolment-child">
                    {e.purgedAt ? e.childNameMasked : `${e.childNameMasked}（${e.birthYear} 年生）`}
                  </div>
                  <div className="a-card-line">{e.programme.title}</div>
                  {statusNotes[e.status] && <div className="a-card-line cc-status-note">{statusNotes[e.status]}</div>}
                  {e.purgedAt && <div className="a-card-line cc-status-note">孩子的姓名、健康和接送信息已于 {formatDate(e.purgedAt)} 按约定删除，报名记录保留。</div>}
                  <div className="a-card-line">首次活动：{when(e.programme.firstSessionAt)}</div>
                  <div className="a-card-foot">
                    <span className="a-card-org">{e.programme.orgName}</span>
                    {!e.purgedAt && ['pending', 'enrolled', 'waitlisted'].includes(e.status) && (
                      <Button size="small" fill="outline" onClick={() => void cancel(e.id, e.childNameMasked)}>
                        取消报名
                      </Button>
                    )}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </MemberScreen>
  );
}

/** What a state means for the family, under the title. */
const statusNotes: Partial<Record<EnrolmentStatus, string>> = {
  pending: '报名截止后系统自动录取，人数超过名额时公开抽签，结果短信通知。',
  waitlisted: '有名额空出时按候补顺序递补，并短信通知您。',
  not_drawn: '托管已结束，候补期间没有名额空出，本次未能录取。欢迎报名下一期。',
};
