// The demo tree's shape: no union repeated as its own child, and the cities without counties
// (东莞, 中山) holding their towns themselves.
import { describe, expect, it } from 'vitest';
import { buildTree, DOUBLED_PLACE, joinPlace, type SeedOrg, type TreeScale } from './tree.ts';

const trees = new Map<TreeScale, SeedOrg[]>();
const treeOf = (scale: TreeScale) => {
  let t = trees.get(scale);
  if (!t) trees.set(scale, (t = buildTree(scale)));
  return t;
};

describe.each(['test', 'small', 'large'] as const)('buildTree(%s)', (scale) => {
  it('gives no org a child of its own name', { timeout: 120000 }, () => {
    const orgs = treeOf(scale);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const echoes = orgs.filter((o) => o.parentId !== null && byId.get(o.parentId)?.name === o.name).map((o) => o.name);
    expect(echoes).toEqual([]);
  });

  it('has no county of 东莞 or 中山: the city unions stand alone at the county level', () => {
    const orgs = treeOf(scale);
    for (const name of ['东莞市总工会', '中山市总工会']) {
      const same = orgs.filter((o) => o.name === name);
      expect(same.map((o) => o.level)).toEqual(['city']);
      const children = orgs.filter((o) => o.parentId === same[0]!.id);
      expect(children.filter((c) => c.level === 'county')).toEqual([]);
    }
  });

  it('says no place twice in a row in any name (no 化州市化州市, no 新桥镇新桥镇)', () => {
    expect(treeOf(scale).filter((o) => DOUBLED_PLACE.test(o.name)).map((o) => o.name)).toEqual([]);
  });

  it('keeps every town directly under a county or a city', () => {
    const orgs = treeOf(scale);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const towns = orgs.filter((o) => o.level === 'town');
    expect(towns.length).toBeGreaterThan(0);
    for (const t of towns) expect(['county', 'city']).toContain(byId.get(t.parentId!)!.level);
  });
});

describe.each(['small', 'large'] as const)('东莞 in buildTree(%s)', (scale) => {
  it('hangs its towns directly under the city union, named after the city', () => {
    const orgs = treeOf(scale);
    const dongguan = orgs.find((o) => o.name === '东莞市总工会')!;
    const towns = orgs.filter((o) => o.level === 'town' && o.regionCode?.startsWith('4419'));
    expect(towns.length).toBeGreaterThan(0);
    for (const t of towns) {
      expect(t.parentId).toBe(dongguan.id);
      expect(t.path).toBe(`${dongguan.path}.${t.id}`);
      expect(t.name).toMatch(/^东莞市.+(总工会|工会联合会)$/);
    }
    if (scale === 'large') {
      // Every town and street of 东莞 in the division extract, and of 中山 likewise.
      const zhongshan = orgs.find((o) => o.name === '中山市总工会')!;
      expect(towns.length).toBeGreaterThan(30);
      const zsTowns = orgs.filter((o) => o.level === 'town' && o.regionCode?.startsWith('4420'));
      expect(zsTowns.length).toBeGreaterThan(20);
      for (const t of zsTowns) expect(t.parentId).toBe(zhongshan.id);
    }
  });
});

describe('joinPlace', () => {
  it('drops the part of the name that repeats the end of the prefix, and only a whole place', () => {
    expect(joinPlace('高要区新桥镇', '新桥镇樟岗社区')).toBe('高要区新桥镇樟岗社区');
    expect(joinPlace('化州市', '化州市文化广场')).toBe('化州市文化广场');
    expect(joinPlace('化州市石湾街道', '石湾街道文化广场')).toBe('化州市石湾街道文化广场');
    expect(joinPlace('紫金县中坝镇', '镇东村')).toBe('紫金县中坝镇镇东村');
    expect(joinPlace('化州市石湾街道', '樟岗社区')).toBe('化州市石湾街道樟岗社区');
    expect(joinPlace('端州区', '端州区城东街道')).toBe('端州区城东街道');
    expect(joinPlace('信宜市国营红旗农场', '信宜市国营红旗农场虚拟生活区')).toBe('信宜市国营红旗农场虚拟生活区');
    expect(joinPlace('新会区新会经济开发区', '经济开发区虚拟生活区')).toBe('新会区新会经济开发区虚拟生活区');
    expect(joinPlace('紫金县中坝镇', '坝上村')).toBe('紫金县中坝镇坝上村');
    expect(DOUBLED_PLACE.test('化州市化州市职工新春文艺汇演')).toBe(true);
    expect(DOUBLED_PLACE.test('高要区新桥镇新桥镇樟岗社区工会联合会')).toBe(true);
    expect(DOUBLED_PLACE.test('化州市石湾街道石湾社区工会联合会')).toBe(false);
  });
});
