// One childcare programme on the phone: who runs it and where, the ages and places, every session in
// Beijing time, how places are given (录取 / 抽签 with the committed seed), and 为孩子报名.
import './childcare.css';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { api } from '../../shared/api.ts';
import { formatClock } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { when } from '../components/when.ts';
import { agesText, programmeKindLabels } from './labels.ts';

export function ProgrammePage() {
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const detail = useDetail(`childcare ${id}`, () => api.get('/api/me/childcare/programmes/:id', { params: { id } }));
  return (
    <DetailPage title="托管项目" detail={detail} back="/childcare" notFound="项目不存在或不面向您" backLabel="看看其他项目">
      {(p) => (
        <div className="m-scroll">
          <section className="m-card" aria-labelledby="cc-title">
            <Tag color="primary" fill="outline">
              {programmeKindLabels[p.kind]}
            </Tag>
            <h2 id="cc-title" className="m-section-title">
              {p.title}
            </h2>
            <dl className="cc-facts">
              <dt>举办工会</dt>
              <dd>{p.org.name}</dd>
              {p.place && (
                <>
                  <dt>地点</dt>
                  <dd>
                    {p.place.name}（{p.place.address}）
                  </dd>
                </>
              )}
              <dt>招收年龄</dt>
              <dd>{agesText(p)}（按首次活动那年计算）</dd>
              <dt>名额</dt>
              <dd>{p.capacity} 人</dd>
              <dt>报名时间</dt>
              <dd>
                {when(p.signupOpensAt)} 至 {when(p.signupClosesAt)}
              </dd>
            </dl>
            {p.description && <p className="cc-description">{p.description}</p>}
            <p className="cc-note">报名截止后系统自动录取：报名人数不超过名额时全部录取；超过时公开抽签，抽签种子已提前公布（承诺值 {p.seedCommitment.slice(0, 12)}…），结果以短信通知。未抽中的进入候补，托管结束时仍在候补的为未中签。</p>
          </section>
          <section className="m-card" aria-labelledby="cc-sessions">
            <h2 id="cc-sessions" className="m-section-title">
              活动时间（共 {p.sessions.length} 次）
            </h2>
            <ol className="cc-sessions">
              {p.sessions.slice(0, 40).map((s) => (
                <li key={s.id}>
                  {when(s.startsAt)}–{formatClock(s.endsAt)}
                </li>
              ))}
            </ol>
            {p.sessions.length > 40 && <p className="cc-note">…… 另有 {p.sessions.length - 40} 次</p>}
          </section>
          <div className="cc-actions">
            {p.myEnrolments > 0 && <p className="cc-note">您已为 {p.myEnrolments} 名孩子报名本项目。</p>}
            <Button block color="primary" size="large" shape="rounded" disabled={!p.signupOpen} onClick={() => navigate(`/childcare/${p.id}/enrol`)} data-testid="enrol-button">
              {p.signupOpen ? '为孩子报名' : '不在报名时间'}
            </Button>
          </div>
        </div>
      )}
    </DetailPage>
  );
}
