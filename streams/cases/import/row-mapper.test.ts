import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toWgs84 } from '../../../app/geo/crs';
import { loadHallCity } from '../../city/hall-city';
import { loadConfig } from '../../config/config';
import { loadCaseData } from '../case-data';
import { MappingError } from './mapping';
import { PlaceResolver } from './place-resolver';
import { loadPreset } from './presets';
import { compileRowMapper, type RowMapper } from './row-mapper';

const HEADER = ['案卷编号', '问题来源', '问题类型', '大类名称', '小类名称', '小类代码', '问题描述', '所属街道', '所属社区', '单元网格', '经度', '纬度', '坐标系', '上报时间', '立案时间', '派遣时间', '处置截止时间', '处置完成时间', '核查时间', '结案时间', '处置部门', '当前阶段'];
const D = '2026-03-16 ';
const BASE: Record<string, string> = {
  案卷编号: 'T-1', 问题来源: '监督员上报', 问题类型: '事件', 小类名称: '暴露垃圾', 小类代码: '0102', 问题描述: '一堆垃圾', 经度: '116.2301', 纬度: '39.9012', 坐标系: 'WGS84',
  上报时间: `${D}09:00:00`, 立案时间: `${D}09:10:00`, 派遣时间: `${D}09:20:00`, 处置完成时间: `${D}14:00:00`, 核查时间: `${D}15:00:00`, 结案时间: `${D}15:30:00`, 处置部门: '区环卫中心', 当前阶段: '结案',
};
const cells = (over: Record<string, string> = {}) => HEADER.map((h) => ({ ...BASE, ...over })[h] ?? '');

let mapper: RowMapper;
let places: PlaceResolver;
beforeAll(async () => {
  const config = loadConfig({ GRIDWALL_DATA: mkdtempSync(path.join(os.tmpdir(), 'gw-rowmap-')) });
  const [city, data, preset] = await Promise.all([loadHallCity(config), loadCaseData(), loadPreset('szcg')]);
  places = new PlaceResolver(city.info, city.grids);
  mapper = compileRowMapper(preset.mapping, HEADER, { catalogue: data.catalogue, calendar: data.calendar, hallTimeZone: 'Asia/Shanghai', places, kind: 'csv', mappingFile: 'preset szcg' });
}, 30_000);

function good(over: Record<string, string> = {}) {
  const r = mapper.map(cells(over));
  if (!r.ok) throw new Error(r.reason);
  return r.value;
}
function reason(over: Record<string, string>): string {
  const r = mapper.map(cells(over));
  if (r.ok) throw new Error('expected a bad row');
  return r.reason;
}

describe('szcg rows → cases', () => {
  it('makes a closed case with its history, class, place and department', () => {
    const h = good();
    expect(h.case).toMatchObject({ caseNo: 'T-1', clientId: 'import:T-1', source: 'inspector', category: 'event.0102', stage: 'closed', department: '区环卫中心', urgent: false, street: '110107001000' });
    expect(h.case.grid).toMatch(/^110107001\d{6}$/);
    expect(h.case.reportedAt).toBe(Date.parse('2026-03-16T09:00:00+08:00'));
    expect(h.events.map((e) => e.action)).toEqual(['report', 'accept', 'file', 'dispatch', 'feedback', 'request-check', 'check-pass', 'close']);
  });

  it('converts GCJ-02 and BD-09 positions to WGS84 once', () => {
    for (const [name, crs] of [['GCJ-02', 'gcj02'], ['bd09', 'bd09']] as const) {
      const [lon, lat] = toWgs84(116.2301, 39.9012, crs);
      expect(good({ 坐标系: name }).case).toMatchObject({ lon, lat });
    }
  });

  it('lets valid grid, community and street codes or names win over the position; ignores invalid ones', () => {
    expect(good({ 单元网格: '110107001001003' }).case).toMatchObject({ grid: '110107001001003', community: '110107001001', street: '110107001000' });
    const named = good({ 所属街道: '五里坨街道' }).case;
    expect(named.street).toBe('110107010000');
    expect(named.grid).toBeUndefined();
    expect(good({ 单元网格: '110107999999999' }).case.grid).toBe(good().case.grid);
  });

  it('keeps a point outside the district, flagged, without the district’s places', () => {
    const c = good({ 经度: '116.4074', 纬度: '39.9042' }).case;
    expect(c.outsideDistrict).toBe(true);
    expect(c.street ?? c.community ?? c.grid).toBeUndefined();
  });

  it('finds the class by name when the code is blank, and reads a code Excel stripped of its zero', () => {
    expect(good({ 小类代码: '', 小类名称: '机动车乱停放' }).case.category).toBe('event.0505');
    expect(good({ 问题类型: '部件', 小类代码: '118', 小类名称: '' }).case.category).toBe('part.0118');
  });

  it('fills a blank description with the class name and a blank department with the class’s', () => {
    expect(good({ 问题描述: '', 处置部门: '' }).case).toMatchObject({ description: '暴露垃圾', department: '区环卫中心' });
  });

  it('records a 处置截止时间 past the class limit as an approved extension', () => {
    const h = good({ 处置截止时间: '2026-03-20 17:30:00' });
    expect(h.events.filter((e) => e.action.startsWith('extend')).map((e) => e.until)).toEqual([Date.parse('2026-03-20T17:30:00+08:00'), Date.parse('2026-03-20T17:30:00+08:00')]);
    expect(good({ 处置截止时间: '2026-03-17 09:20:00' }).events.some((e) => e.action.startsWith('extend'))).toBe(false);
  });

  it('names the column and the reason of every bad row', () => {
    expect(reason({ 小类代码: '0199', 小类名称: '其他' })).toMatch(/^unknown category event\.0199 \(问题类型 "事件", 小类代码 "0199", 小类名称 "其他"\): not in the catalogue/);
    expect(reason({ 问题类型: '设施' })).toBe('问题类型 "设施" is neither 部件 (part) nor 事件 (event).');
    expect(reason({ 上报时间: '2026/03/16 09:00' })).toBe('上报时间 "2026/03/16 09:00" is not a date-time in the format yyyy-MM-dd HH:mm:ss.');
    expect(reason({ 上报时间: '' })).toBe('上报时间 is blank: every case has the time it was reported.');
    expect(reason({ 派遣时间: `${D}09:05:00` })).toBe('派遣时间 (2026-03-16 09:05:00) is before 立案时间 (2026-03-16 09:10:00).');
    expect(reason({ 当前阶段: '处置中' })).toBe('当前阶段 "处置中" contradicts the times, which reach "closed".');
    expect(reason({ 当前阶段: '办理中' })).toBe('当前阶段 "办理中" is not mapped to a stage (add it to fields.stage.values).');
    expect(reason({ 问题描述: '很'.repeat(4001) })).toBe('问题描述 is 4,001 characters long: at most 4,000.');
    expect(reason({ 经度: '' })).toBe('经度 is blank: a case needs its position.');
    expect(reason({ 纬度: '139.9' })).toBe('纬度 "139.9" is not a coordinate (-90 to 90).');
    expect(reason({ 坐标系: 'Mercator' })).toBe('坐标系 "Mercator" is not a CRS GridWall knows (WGS84, GCJ-02, BD-09).');
    expect(reason({ 问题来源: '路人甲' })).toBe('问题来源 "路人甲" is not mapped to a case source (add it to fields.source.values).');
    expect(reason({ 处置部门: '区 环卫 中心' })).toMatch(/^处置部门 "区 环卫 中心" is not a department name/);
    expect(reason({ 案卷编号: '案卷/1' })).toBe('案卷编号 "案卷/1" is not a case number (letters, digits, - and _, at most 32).');
    expect(reason({ 案卷编号: '' })).toBe('案卷编号 is blank: every case needs its number.');
    expect(mapper.map(cells({ 经度: '' }))).toMatchObject({ ok: false, caseNo: 'T-1' });
  });

  it('refuses a header without a column the mapping needs, naming it', async () => {
    const preset = await loadPreset('szcg');
    const data = await loadCaseData();
    const ctx = { catalogue: data.catalogue, calendar: data.calendar, hallTimeZone: 'Asia/Shanghai', places, kind: 'csv' as const, mappingFile: 'preset szcg' };
    expect(() => compileRowMapper(preset.mapping, HEADER.filter((h) => h !== '上报时间'), ctx)).toThrow(MappingError);
    expect(() => compileRowMapper(preset.mapping, HEADER.filter((h) => h !== '上报时间'), ctx)).toThrow(/the file has no column "上报时间" \(reportedAt\)/);
    expect(compileRowMapper(preset.mapping, HEADER.filter((h) => h !== '核查时间'), ctx).absentColumns).toEqual(['核查时间']);
  });
});
