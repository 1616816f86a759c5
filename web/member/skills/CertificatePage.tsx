// 登记证书: a 职业资格证书 or 职业技能等级证书 — the occupation on it, the level, the number (4–30
// letters, digits or '-'; kept sealed, shown masked), the issuer and the date. The union checks it on
// the national site (技能人才评价证书全国联网查询) and marks it 已核验; then it is one of the member's skills.
import './skills.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Selector, Toast } from 'antd-mobile';
import { certificateFamilies, certificateFamilyLabels, type CertificateFamily, type SkillItem } from '../../../contracts/member-skills.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { todayInBeijing } from '../../shared/format.ts';
import { MemberScreen } from '../components/Screen.tsx';
import { LevelSelector, SkillSearch } from './SkillPicker.tsx';

export function CertificatePage() {
  const navigate = useNavigate();
  const [family, setFamily] = useState<CertificateFamily>('skillLevel');
  const [skill, setSkill] = useState<SkillItem>();
  const [level, setLevel] = useState<number>();
  const [number, setNumber] = useState('');
  const [issuer, setIssuer] = useState('');
  const [issuedOn, setIssuedOn] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (!skill || level === undefined || !number.trim() || !issuer.trim() || !issuedOn) {
      setProblem('请填写证书上的职业、等级、编号、发证机构和日期');
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await api.post('/api/me/certificates', { body: { family, skillId: skill.id, level, number: number.trim(), issuer: issuer.trim(), issuedOn } });
      Toast.show({ content: '已登记，工会核验后记入您的技能' });
      navigate('/skills', { replace: true });
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <MemberScreen title="登记证书" onBack={() => navigate(-1)}>
      <section className="m-card" data-testid="certificate-form">
        <span className="sk-label">证书类别</span>
        <Selector
          columns={2}
          options={certificateFamilies.map((f) => ({ label: certificateFamilyLabels[f], value: f }))}
          value={[family]}
          onChange={(v) => v[0] && setFamily(v[0])}
        />
        <label className="sk-label" htmlFor="cert-skill">
          证书上的职业（工种）
        </label>
        <SkillSearch id="cert-skill" value={skill} onChange={setSkill} />
        <span className="sk-label">等级</span>
        <LevelSelector value={level} onChange={setLevel} />
        <label className="sk-label" htmlFor="cert-number">
          证书编号
        </label>
        <input id="cert-number" className="sk-input" value={number} onChange={(e) => setNumber(e.target.value)} maxLength={40} autoCapitalize="characters" placeholder="4–30 位字母、数字或连字符" data-testid="certificate-number" />
        <label className="sk-label" htmlFor="cert-issuer">
          发证（评价）机构
        </label>
        <input id="cert-issuer" className="sk-input" value={issuer} onChange={(e) => setIssuer(e.target.value)} maxLength={60} placeholder="如：茂名市职业技能鉴定指导中心" data-testid="certificate-issuer" />
        <label className="sk-label" htmlFor="cert-date">
          发证日期
        </label>
        <input id="cert-date" className="sk-input" type="date" max={todayInBeijing()} value={issuedOn} onChange={(e) => setIssuedOn(e.target.value)} data-testid="certificate-date" />
        <p className="sk-muted">证书编号加密保存，只显示部分号码。工会在技能人才评价证书全国联网查询核对后标记“已核验”。</p>
        {problem && (
          <div className="sk-problem" role="alert">
            {problem}
          </div>
        )}
        <Button block color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void submit()} data-testid="certificate-submit">
          提交登记
        </Button>
      </section>
    </MemberScreen>
  );
}
