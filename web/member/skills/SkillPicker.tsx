// Picks a skill of the taxonomy (职业分类大典 2022 occupations and free skills) by name, synonym or code,
// and a level of the 新八级 ladder: the self-declared skill's sheet and the certificate form share it.
import { useEffect, useState } from 'react';
import { Selector } from 'antd-mobile';
import type { SkillItem } from '../../../contracts/member-skills.ts';
import { skillLevelLabel, skillLevels, skillRankLabels } from '../../../contracts/skills.ts';
import { api } from '../../shared/api.ts';

export function SkillSearch({ id, value, onChange }: { id: string; value: SkillItem | undefined; onChange: (s: SkillItem) => void }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<SkillItem[]>([]);
  useEffect(() => {
    const term = q.trim();
    if (term === '') {
      setItems([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .get('/api/skills', { query: { q: term, pageSize: 20 } })
        .then((r) => live && setItems(r.items.filter((s) => s.rank === 'occupation' || s.rank === 'free')))
        .catch(() => live && setItems([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <>
      <input id={id} className="sk-input" type="search" placeholder="输入技能或职业，如 叉车、电工、育婴" value={q} onChange={(e) => setQ(e.target.value)} data-testid="skill-search" />
      {value && <p className="sk-muted">已选：{value.name}</p>}
      <ul className="sk-results" aria-label="技能目录">
        {items.map((s) => (
          <li key={s.id}>
            <button type="button" className="sk-result" aria-pressed={value?.id === s.id} onClick={() => onChange(s)} data-testid="skill-option">
              {s.name}
              <small>
                {skillRankLabels[s.rank]} {s.code}
              </small>
            </button>
          </li>
        ))}
        {q.trim() !== '' && items.length === 0 && <li className="sk-muted">没有找到，换个说法试试（如“电焊”“带货”）</li>}
      </ul>
    </>
  );
}

const levelOptions = skillLevels.map((l) => ({ label: `${l}级 ${skillLevelLabel(l)}`, value: l }));

export function LevelSelector({ value, onChange }: { value: number | undefined; onChange: (level: number) => void }) {
  return <Selector columns={2} options={levelOptions} value={value === undefined ? [] : [value]} onChange={(v) => v[0] !== undefined && onChange(v[0])} />;
}
