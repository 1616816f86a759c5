// 亲子托管 on the phone: the childcare programmes the member's unions run (theirs and those above) —
// open for sign-up first —, each with its ages, places and sign-up deadline; and 我的报名.
import '../components/listing.css';
import './childcare.css';
import { useNavigate } from 'react-router-dom';
import { Tag } from 'antd-mobile';
import { api } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { ListingCard, MineLink } from '../components/Listing.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { when } from '../components/when.ts';
import { agesText, programmeKindLabels } from './labels.ts';

export function ChildcarePage() {
  const navigate = useNavigate();
  const list = useDetail('childcare programmes', () => api.get('/api/me/childcare/programmes', { query: { pageSize: 50 } }));
  return (
    <MemberScreen title="亲子托管" onBack={() => navigate('/')}>
      <section className="m-card">
        <h2 className="m-section-title">工会帮您看孩子</h2>
        <p className="cc-note">寒暑假托管、周末课堂和亲子活动，由您所在的工会及上级工会举办，免费参加。报名截止后按名额录取，报名人数超过名额时公开抽签。</p>
      </section>
      <MineLink to="/me/childcare" label="我的托管报名" />
      <h2 className="a-group-title">可报名的项目</h2>
      <LoadState detail={list} empty={{ when: (d) => d.items.length === 0, title: '暂时没有托管项目', description: '工会发布后会显示在这里' }}>
        {(d) => (
          <ul className="a-list" data-testid="childcare-programmes">
            {d.items.map((p) => (
              <ListingCard
                key={p.id}
                to={`/childcare/${p.id}`}
                testId="childcare-programme"
                data={{ id: p.id }}
                tags={
                  <>
                    <Tag color="primary" fill="outline">
                      {programmeKindLabels[p.kind]}
                    </Tag>
                    {p.myEnrolments > 0 && <Tag color="success">已报名 {p.myEnrolments} 人</Tag>}
                  </>
                }
                title={p.title}
                lines={
                  <>
                    <div className="a-card-line">
                      {agesText(p)} · 名额 {p.capacity} 人 · 共 {p.sessionCount} 次
                    </div>
                    <div className="a-card-line">首次活动：{when(p.firstSessionAt)}</div>
                    <div className="a-card-line">报名截止：{when(p.signupClosesAt)}</div>
                  </>
                }
                org={p.org.name}
                state={<span className="a-card-state">{p.signupOpen ? '可以报名' : '不在报名时间'}</span>}
              />
            ))}
          </ul>
        )}
      </LoadState>
    </MemberScreen>
  );
}
