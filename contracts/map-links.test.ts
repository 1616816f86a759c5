import { describe, expect, it } from 'vitest';
import { amapLink, baiduLink, coord, mapLinks, tencentLink } from './map-links.ts';

// 揭阳 莲花社区 as a GCJ-02 point, and a name with the characters that would break a URI
const station = { lat: 23.548712, lng: 116.372954, name: '莲花社区爱心驿站', address: '揭阳市榕城区莲花大道 8 号' };
const awkward = { lat: 22.5, lng: 114.05, name: 'A&B 驿站#1;title:x=y', address: '深圳市 福田区?100%' };

describe('map links', () => {
  it('Amap: longitude first, GCJ-02 (coordinate=gaode), the app tried, the caller named', () => {
    const u = new URL(amapLink(station));
    expect(u.origin + u.pathname).toBe('https://uri.amap.com/marker');
    expect(u.searchParams.get('position')).toBe('116.372954,23.548712');
    expect(u.searchParams.get('name')).toBe('莲花社区爱心驿站');
    expect(u.searchParams.get('coordinate')).toBe('gaode');
    expect(u.searchParams.get('callnative')).toBe('1');
    expect(u.searchParams.get('src')).toBe('webapp.gonghui.member');
  });

  it('Baidu: latitude first, coord_type=gcj02 (not its BD-09 default), output=html, src required', () => {
    const u = new URL(baiduLink(station));
    expect(u.origin + u.pathname).toBe('https://api.map.baidu.com/marker');
    expect(u.searchParams.get('location')).toBe('23.548712,116.372954');
    expect(u.searchParams.get('title')).toBe('莲花社区爱心驿站');
    expect(u.searchParams.get('content')).toBe('揭阳市榕城区莲花大道 8 号');
    expect(u.searchParams.get('coord_type')).toBe('gcj02');
    expect(u.searchParams.get('output')).toBe('html');
    expect(u.searchParams.get('src')).toBe('webapp.gonghui.member');
  });

  it('Tencent: marker=coord:lat,lng;title:…;addr:…, and a referer', () => {
    const u = new URL(tencentLink(station));
    expect(u.origin + u.pathname).toBe('https://apis.map.qq.com/uri/v1/marker');
    expect(u.searchParams.get('marker')).toBe('coord:23.548712,116.372954;title:莲花社区爱心驿站;addr:揭阳市榕城区莲花大道 8 号');
    expect(u.searchParams.get('referer')).toBe('gonghui');
  });

  it('names with & # ; : = ? % stay whole: no parameter is cut or added', () => {
    const links = mapLinks(awkward);
    const amap = new URL(links.amap);
    expect(amap.searchParams.get('name')).toBe(awkward.name);
    expect(amap.hash).toBe('');
    expect([...amap.searchParams.keys()].sort()).toEqual(['callnative', 'coordinate', 'name', 'position', 'src']);
    const baidu = new URL(links.baidu);
    expect(baidu.searchParams.get('title')).toBe(awkward.name);
    expect(baidu.searchParams.get('content')).toBe(awkward.address);
    expect([...baidu.searchParams.keys()].sort()).toEqual(['content', 'coord_type', 'location', 'output', 'src', 'title']);
    // Tencent's marker is split on ";" and ":" by the app: the raw value must hold exactly three parts
    const raw = links.tencent.split('marker=')[1]!.split('&')[0]!;
    expect(raw.split(';')).toHaveLength(3);
    const [, title] = decodeURIComponent(raw.split(';')[1]!).split(/^title:/);
    expect(title).toBe(awkward.name);
  });

  it('the address falls back to the name when there is none', () => {
    const u = new URL(baiduLink({ lat: 23.5, lng: 116.3, name: '职工之家' }));
    expect(u.searchParams.get('content')).toBe('职工之家');
  });

  it('coordinates: six decimals at most, no exponent; out of range or not a number refused', () => {
    expect(coord(116.37295412345, 'lng')).toBe('116.372954');
    expect(coord(23.5, 'lat')).toBe('23.5');
    expect(coord(0.0000001, 'lat')).toBe('0');
    expect(() => coord(91, 'lat')).toThrow(RangeError);
    expect(() => coord(Number.NaN, 'lng')).toThrow(RangeError);
    expect(() => amapLink({ lat: 23.5, lng: 200, name: 'x' })).toThrow(RangeError);
  });
});
