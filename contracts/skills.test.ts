import { describe, expect, it } from 'vitest';
import { isSkillLevel, parentSkillCode, skillAtLevel, skillLevelLabel, skillRankOfCode } from './skills.ts';

describe('skill codes', () => {
  it('names the rank of each code shape of the 2022 catalogue and of free skills', () => {
    expect(skillRankOfCode('4')).toBe('major');
    expect(skillRankOfCode('4-02')).toBe('middle');
    expect(skillRankOfCode('4-02-06')).toBe('minor');
    expect(skillRankOfCode('4-02-06-01')).toBe('occupation');
    expect(skillRankOfCode('F-0001')).toBe('free');
    for (const bad of ['9', '0-01', '4-2', '4-02-06-01-01', 'F-01', 'f-0001', ' 4', '']) expect(skillRankOfCode(bad)).toBeNull();
  });
  it('finds the parent code one rank up', () => {
    expect(parentSkillCode('4-02-06-01')).toBe('4-02-06');
    expect(parentSkillCode('4-02')).toBe('4');
    expect(parentSkillCode('4')).toBeNull();
    expect(parentSkillCode('F-0001')).toBeNull();
  });
});

describe('新八级', () => {
  it('accepts 1–8 only', () => {
    for (const n of [1, 4, 8]) expect(isSkillLevel(n)).toBe(true);
    for (const n of [0, 9, 2.5, -1, '3', null]) expect(isSkillLevel(n)).toBe(false);
  });
  it('reads a level with its national grade where one exists', () => {
    expect(skillLevelLabel(1)).toBe('学徒工');
    expect(skillLevelLabel(4)).toBe('高级工（三级）');
    expect(skillLevelLabel(8)).toBe('首席技师');
    expect(skillAtLevel('叉车', 4)).toBe('叉车（三级）');
    expect(skillAtLevel('叉车', 7)).toBe('叉车（特级技师）');
  });
});
