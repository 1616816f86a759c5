// 技能培训: the member's skills by level, each with where it came from (工会培训, 证书, 自己填写); their
// certificates (已核验 once the union has checked them on the national site); adding a skill they hold
// (picked from the catalogue, at a level of the 新八级 ladder); and the way to the job profile and its
// consent. A self-declared skill may be removed; one from a course or a certificate stays (a course's
// names the course). Below: the courses the member can take — open training in reach, each naming the
// skill and level it leaves on completion.
import './skills.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, Tag, Toast } from 'antd-mobile';
import { certificateFamilyLabels, skillSourceLabels, type MySkill, type SkillItem } from '../../../contracts/member-skills.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { formatDate, formatWhen } from '../../shared/format.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { Sheet } from '../components/Sheet.tsx';
import { LevelSelector, SkillSearch } from './SkillPicker.tsx';

function AddSkillSheet({ visible, onClose, onAdded }: { visible: boolean; onClose: () => void; onAdded: (items: MySkill[]) => void }) {
  const [skill, setSkill] = useState<SkillItem>();
  const [level, setLevel] = useState<number>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit() {
    if (!skill || level === undefined) {
      setProblem('请选择技能和等级');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const r = await api.post('/api/me/skills', { body: { skillId: skill.id, level } });
      onAdded(r.items);
      setSkill(undefined);
      setLevel(undefined);
      onClose();
      Toast.show({ content: '已记入我的技能' });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Sheet visible={visible} label="添加技能" onClose={onClose}>
      <div className="sk-sheet" data-testid="add-skill-sheet">
        <h2>添加我掌握的技能</h2>
        <label className="sk-label" htmlFor="sk-search">
          技能或职业
        </label>
        <SkillSearch id="sk-search" value={skill} onChange={setSkill} />
        <span className="sk-label">等级（新八级）</span>
        <LevelSelector value={level} onChange={setLevel} />
        {problem && (
          <div className="sk-problem" role="alert">
            {problem}
          </div>
        )}
        <div className="sk-actions">
          <Button shape="rounded" onClick={onClose}>
            取消
          </Button>
          <Button color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void submit()} data-testid="add-skill-submit">
            保存
          </Button>
        </div>
      </div>
    </Sheet>
  );
}

function SkillRow({ s, onRemove }: { s: MySkill; onRemove: (id: number) => void }) {
  const self = s.sources.find((x) => x.source === 'self');
  return (
    <li className="sk-item" data-testid="my-skill">
      <div className="sk-name">{s.label}</div>
      <div className="sk-meta">
        {s.sources.map((x) => (
          <Tag key={x.id} color={x.source === 'self' ? 'default' : 'success'} fill="outline">
            {skillSourceLabels[x.source]}
            {x.courseTitle ? `《${x.courseTitle}》` : ''} · {x.levelLabel}
          </Tag>
        ))}
        {self && (
          <Button className="sk-remove" size="mini" fill="none" onClick={() => onRemove(self.id)} aria-label={`删除自己填写的${s.skill.name}`}>
            删除
          </Button>
        )}
      </div>
    </li>
  );
}

export function SkillsPage() {
  const navigate = useNavigate();
  const skills = useMemberData(() => api.get('/api/me/skills'));
  const certificates = useMemberData(() => api.get('/api/me/certificates'));
  const courses = useMemberData(() => api.get('/api/me/courses'));
  const [adding, setAdding] = useState(false);

  async function remove(id: number) {
    const ok = await Dialog.confirm({ content: '删除这项自己填写的技能？培训和证书记入的不受影响。', confirmText: '删除', cancelText: '取消' });
    if (!ok) return;
    try {
      skills.setData(await api.delete('/api/me/skills/:id', { params: { id } }));
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    }
  }

  return (
    <MemberScreen title="技能培训" onBack={() => navigate(-1)}>
      <MemberOnlyBody state={skills} what="记录技能">
        {(data) => (
          <div data-testid="skills-page">
            <section className="m-card" aria-labelledby="sk-mine">
              <h2 className="m-section-title" id="sk-mine">
                我的技能
              </h2>
              {data.items.length === 0 ? (
                <p className="sk-muted">还没有记录技能。参加工会培训结业、登记证书，或自己填写掌握的技能。</p>
              ) : (
                <ul className="sk-list">
                  {data.items.map((s) => (
                    <SkillRow key={s.skill.id} s={s} onRemove={(id) => void remove(id)} />
                  ))}
                </ul>
              )}
              <Button block color="primary" fill="outline" shape="rounded" onClick={() => setAdding(true)} data-testid="add-skill">
                添加技能
              </Button>
            </section>
            <section className="m-card" aria-labelledby="sk-certs">
              <h2 className="m-section-title" id="sk-certs">
                我的证书
              </h2>
              {certificates.data === undefined ? null : certificates.data.items.length === 0 ? (
                <p className="sk-muted">登记职业资格证书或职业技能等级证书，工会核验后记入您的技能。</p>
              ) : (
                <ul className="sk-list">
                  {certificates.data.items.map((c) => (
                    <li className="sk-item" key={c.id} data-testid="my-certificate">
                      <div className="sk-name">
                        {c.skill.name} · {c.levelLabel}
                      </div>
                      <div className="sk-meta">
                        {c.isVerified ? (
                          <Tag color="success" data-testid="certificate-verified">
                            已核验
                          </Tag>
                        ) : (
                          <Tag color="warning">待核验</Tag>
                        )}
                        <span>{certificateFamilyLabels[c.family]}</span>
                        <span>编号 {c.numberMasked}</span>
                        <span>
                          {c.issuer} · {formatDate(c.issuedOn)}
                        </span>
                      </div>
                    </li>
                  ))}
                </ul>
              )}
              <Button block color="primary" fill="outline" shape="rounded" onClick={() => navigate('/skills/certificate')} data-testid="add-certificate">
                登记证书
              </Button>
            </section>
            <section className="m-card" aria-labelledby="sk-courses">
              <h2 className="m-section-title" id="sk-courses">
                可参加的培训课程
              </h2>
              {courses.data === undefined ? null : courses.data.items.length === 0 ? (
                <p className="sk-muted">暂时没有开放报名的技能培训。工会发布培训后会显示在这里。</p>
              ) : (
                <ul className="sk-list">
                  {courses.data.items.map((c) => (
                    <li className="sk-item" key={c.id} data-testid="my-course">
                      <button type="button" className="sk-course" onClick={() => navigate(`/activities/${c.id}`)}>
                        <div className="sk-name">{c.title}</div>
                        <div className="sk-meta">
                          {c.skills.map((s) => (
                            <Tag key={s.skill.id} color="primary" fill="outline">
                              结业记入 {s.label}
                            </Tag>
                          ))}
                          <span>
                            {formatWhen(c.startsAt)} · {c.org.name}
                          </span>
                          <span>
                            共 {c.sessions} 课时，出勤 {c.minAttendancePct}% 以上{c.minMark === null ? '' : `、考核 ${c.minMark} 分以上`}结业
                          </span>
                        </div>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="m-card" aria-labelledby="sk-job">
              <h2 className="m-section-title" id="sk-job">
                求职意向
              </h2>
              <p className="sk-muted">填写想去的镇街、期望工资和班次；是否让用人单位看到您的技能，由您单独决定，可随时撤回。</p>
              <Button block color="primary" shape="rounded" onClick={() => navigate('/skills/job-profile')} data-testid="job-profile-link">
                求职意向与授权
              </Button>
            </section>
          </div>
        )}
      </MemberOnlyBody>
      <AddSkillSheet visible={adding} onClose={() => setAdding(false)} onAdded={(items) => skills.setData({ items, total: items.length })} />
    </MemberScreen>
  );
}
