// The skill taxonomy and the 新八级 ladder (issue 17, docs/design/skills-jobs.md §2): the one home of a
// skill code's shape and of the eight levels, for member skills, certificates, courses and jobs alike.
import { z } from 'zod';

export const skillRanks = ['major', 'middle', 'minor', 'occupation', 'free'] as const;
export type SkillRank = (typeof skillRanks)[number];
export const skillRankLabels: Record<SkillRank, string> = { major: '大类', middle: '中类', minor: '小类', occupation: '职业', free: '技能' };

/** the code's shape for each rank: 《职业分类大典（2022年版）》 codes, and F-0001 for free skills */
export const skillCodePatterns: Record<SkillRank, RegExp> = {
  major: /^[1-8]$/,
  middle: /^[1-8]-\d{2}$/,
  minor: /^[1-8]-\d{2}-\d{2}$/,
  occupation: /^[1-8]-\d{2}-\d{2}-\d{2}$/,
  free: /^F-\d{4}$/,
};

/** the rank a code's shape names, or null when it is no code of the taxonomy */
export function skillRankOfCode(code: string): SkillRank | null {
  for (const rank of skillRanks) if (skillCodePatterns[rank].test(code)) return rank;
  return null;
}

/** the code of the rank above (4-02-06-01 → 4-02-06); null for a 大类 and a free skill */
export function parentSkillCode(code: string): string | null {
  const rank = skillRankOfCode(code);
  if (rank === null || rank === 'major' || rank === 'free') return null;
  return code.slice(0, code.lastIndexOf('-'));
}

/**
 * 新八级 (人社部 2022): 1 学徒工 · 2 初级工（五级） · 3 中级工（四级） · 4 高级工（三级） · 5 技师（二级） ·
 * 6 高级技师（一级） · 7 特级技师 · 8 首席技师.
 */
export const skillLevels = [1, 2, 3, 4, 5, 6, 7, 8] as const;
export type SkillLevel = (typeof skillLevels)[number];
export const skillLevelNames: Record<SkillLevel, string> = {
  1: '学徒工',
  2: '初级工',
  3: '中级工',
  4: '高级工',
  5: '技师',
  6: '高级技师',
  7: '特级技师',
  8: '首席技师',
};
/** the national grade (职业技能等级) where the level has one */
export const skillLevelGrades: Partial<Record<SkillLevel, string>> = { 2: '五级', 3: '四级', 4: '三级', 5: '二级', 6: '一级' };

/** "高级工（三级）"; "学徒工" where no national grade exists */
export function skillLevelLabel(level: SkillLevel): string {
  const grade = skillLevelGrades[level];
  return grade ? `${skillLevelNames[level]}（${grade}）` : skillLevelNames[level];
}

/** "叉车（三级）" — a skill at a level as a member reads it; the 工 name where the level has no grade */
export function skillAtLevel(skillName: string, level: SkillLevel): string {
  const grade = skillLevelGrades[level];
  return `${skillName}（${grade ?? skillLevelNames[level]}）`;
}

/** whether n is a level of the ladder (1–8); a service refuses any other as skill_level_invalid */
export function isSkillLevel(n: unknown): n is SkillLevel {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8;
}

/**
 * A level of the ladder in a request: any integer passes the shape, and the service refuses one outside
 * 1–8 with its own code (skill_level_invalid, "技能等级应为 1–8 级"), not the generic validation_failed.
 */
export const skillLevelInput = z.number().int().min(-1000).max(1000).describe('新八级：1 学徒工 … 8 首席技师');
