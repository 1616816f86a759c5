// 求职意向与授权: what the member wants from a job (towns — up to five —, industries, a wage floor,
// shifts, full-time/part-time/gig, whether jobs may be pushed to them), and, apart from it, the
// separate consent of 个人信息保护法 第十四条 to employers seeing their profile: given and withdrawn
// here, each an act of its own; withdrawing removes them from every match and applicant list at once.
import './skills.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, Selector, Switch, Tag, Toast } from 'antd-mobile';
import { industrySections, type IndustrySection } from '../../../contracts/enterprise-facts-common.ts';
import { JOB_CONSENT_TEXT, employmentKindLabels, employmentKinds, jobShiftLabels, jobShifts, type JobProfile } from '../../../contracts/member-skills.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { PlacePicker } from '../components/PlacePicker.tsx';
import { MemberScreen } from '../components/Screen.tsx';

type Shift = (typeof jobShifts)[number];
type Employment = (typeof employmentKinds)[number];
const SECTIONS: readonly IndustrySection[] = ['C', 'E', 'F', 'G', 'H', 'I', 'O', 'Q'];

function ConsentCard({ p, onChange }: { p: JobProfile; onChange: (p: JobProfile) => void }) {
  const [busy, setBusy] = useState(false);
  async function act(consent: boolean) {
    if (!consent) {
      const ok = await Dialog.confirm({ content: '撤回后，用人单位立即看不到您的求职信息，也不会再向您推荐岗位。确定撤回？', confirmText: '撤回', cancelText: '取消' });
      if (!ok) return;
    }
    setBusy(true);
    try {
      onChange(await api.post(consent ? '/api/me/job-profile/consent' : '/api/me/job-profile/withdraw'));
      Toast.show({ content: consent ? '已同意' : '已撤回' });
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="m-card" aria-labelledby="jp-consent" data-testid="job-consent">
      <h2 className="m-section-title" id="jp-consent">
        向用人单位提供求职信息
      </h2>
      <p className="sk-consent">{JOB_CONSENT_TEXT}</p>
      {p.isConsenting ? (
        <>
          <p className="sk-muted" data-testid="job-consent-state">
            <Tag color="success">已同意</Tag> {formatDateTime(p.consentedAt)}
          </p>
          <Button block shape="rounded" loading={busy} disabled={busy} onClick={() => void act(false)} data-testid="job-withdraw">
            撤回同意
          </Button>
        </>
      ) : (
        <>
          <p className="sk-muted" data-testid="job-consent-state">
            <Tag>未同意</Tag> {p.withdrawnAt ? `已于 ${formatDateTime(p.withdrawnAt)} 撤回` : '用人单位看不到您的信息'}
          </p>
          <Button block color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void act(true)} data-testid="job-consent-give">
            我已阅读并同意
          </Button>
        </>
      )}
    </section>
  );
}

function PreferencesForm({ p, onSaved }: { p: JobProfile; onSaved: (p: JobProfile) => void }) {
  const [towns, setTowns] = useState(p.towns);
  const [sections, setSections] = useState<IndustrySection[]>(p.industrySections.filter((s): s is IndustrySection => s in industrySections));
  const [wage, setWage] = useState(p.wageFloorYuan === null ? '' : String(p.wageFloorYuan));
  const [shifts, setShifts] = useState<Shift[]>(p.shifts);
  const [employment, setEmployment] = useState<Employment[]>(p.employment);
  const [push, setPush] = useState(p.pushOptIn);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function save() {
    const floor = wage.trim() === '' ? null : Number(wage);
    if (floor !== null && (!Number.isInteger(floor) || floor < 0 || floor > 100_000)) {
      setProblem('期望月薪应为 0–100000 元的整数');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const body = { towns: towns.map((t) => t.id), industrySections: sections, wageFloorYuan: floor, shifts, employment, pushOptIn: push };
      onSaved(await api.put('/api/me/job-profile', { body }));
      Toast.show({ content: '已保存' });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="m-card" aria-labelledby="jp-prefs" data-testid="job-preferences">
      <h2 className="m-section-title" id="jp-prefs">
        求职意向
      </h2>
      <span className="sk-label">想去的镇街（最多 5 个）</span>
      <div className="sk-chips">
        {towns.map((t) => (
          <Tag key={t.id} round color="primary" fill="outline" onClick={() => setTowns(towns.filter((x) => x.id !== t.id))}>
            {t.name} ×
          </Tag>
        ))}
      </div>
      {towns.length < 5 && (
        <PlacePicker
          placeholder="添加镇街"
          value={undefined}
          onChange={(v) => v && !towns.some((t) => t.id === v.id) && setTowns([...towns, { id: v.id, name: v.label }])}
        />
      )}
      <span className="sk-label">行业</span>
      <Selector multiple columns={2} options={SECTIONS.map((s) => ({ label: industrySections[s], value: s }))} value={sections} onChange={setSections} />
      <label className="sk-label" htmlFor="jp-wage">
        期望月薪不低于（元）
      </label>
      <input id="jp-wage" className="sk-input" inputMode="numeric" value={wage} onChange={(e) => setWage(e.target.value.replace(/[^0-9]/g, ''))} placeholder="不填表示不限" />
      <span className="sk-label">班次</span>
      <Selector multiple columns={4} options={jobShifts.map((s) => ({ label: jobShiftLabels[s], value: s }))} value={shifts} onChange={setShifts} />
      <span className="sk-label">用工形式</span>
      <Selector multiple columns={3} options={employmentKinds.map((s) => ({ label: employmentKindLabels[s], value: s }))} value={employment} onChange={setEmployment} />
      <label className="sk-label" htmlFor="jp-push">
        接收匹配岗位推送（每周最多 3 条）
      </label>
      <Switch checked={push} onChange={setPush} aria-label="接收匹配岗位推送" />
      {problem && (
        <div className="sk-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void save()} data-testid="job-save" style={{ marginTop: 12 }}>
        保存求职意向
      </Button>
    </section>
  );
}

export function JobProfilePage() {
  const navigate = useNavigate();
  const state = useMemberData(() => api.get('/api/me/job-profile'));
  return (
    <MemberScreen title="求职意向与授权" onBack={() => navigate(-1)}>
      <MemberOnlyBody state={state} what="填写求职意向">
        {(p) => (
          <div data-testid="job-profile-page">
            <ConsentCard p={p} onChange={state.setData} />
            <PreferencesForm p={p} onSaved={state.setData} />
          </div>
        )}
      </MemberOnlyBody>
    </MemberScreen>
  );
}
