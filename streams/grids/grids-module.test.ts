// The grids module in a real hall, on a small lattice of grids laid over part of 鲁谷街道.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageChannel, focusChannel, gridStatsChannel } from '../../app/grid/grid-channels';
import { formatGridCode } from '../../app/grid/grid-code';
import { cellBox, latticeOver } from '../../app/grid/lattice';
import type { UnitGridFeature } from '../../app/grid/unit-grid';
import { localTransverseMercator } from '../../app/geo/local-projection';
import { latestOf } from '../../app/live/live-view';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';
import { indexGrids } from './grid-set';

const proj = localTransverseMercator([116.2193, 39.8975]);
const lattice = latticeOver(proj.def, [-500, -500, 500, 500], 100);

/** 10 × 10 grids of 100 m: the west half in community 002, the east half in 003, both of 鲁谷 (011). */
function grids(): UnitGridFeature[] {
  const out: UnitGridFeature[] = [];
  const seq = { '002': 0, '003': 0 };
  for (let row = lattice.rows - 1; row >= 0; row--) {
    for (let col = 0; col < lattice.cols; col++) {
      const community = col < 5 ? '002' : '003';
      const [w, s, e, n] = cellBox(lattice, col, row);
      const ring = [[w, s], [e, s], [e, n], [w, n], [w, s]].map(([x, y]) => proj.inverse(x as number, y as number));
      out.push({
        type: 'Feature',
        properties: {
          code: formatGridCode({ county: '110107', street: '011', community, seq: ++seq[community] }),
          street: '110107011000',
          community: `110107011${community}`,
          streetName: '鲁谷街道',
          areaM2: 10_000,
          approximate: true,
          cell: [col, row],
        },
        geometry: { type: 'Polygon', coordinates: [ring] },
      });
    }
  }
  return out;
}

let t: TestHall;
const set = indexGrids(grids(), 'test lattice', lattice);
const centre = (code: string) => {
  const ring = set.byCode.get(code)?.geometry.coordinates[0] as number[][];
  return [((ring[0]?.[0] ?? 0) + (ring[2]?.[0] ?? 0)) / 2, ((ring[0]?.[1] ?? 0) + (ring[2]?.[1] ?? 0)) / 2] as [number, number];
};

beforeAll(async () => {
  t = await startTestHall({}, { grids: set, responsibility: [{ id: 'lugu-west', name: '鲁谷西', grids: set.features.slice(0, 50).map((f) => f.properties.code).filter((c) => c.startsWith('110107011002')), inspectors: ['cov-1'] }] });
});
afterAll(async () => {
  await t?.stop();
});

describe('the grids module', () => {
  it('serves the grids, one grid, and the areas they make up', async () => {
    const all = (await (await t.api('/api/grids', { role: 'wall' })).json()) as { features: unknown[]; lattice: unknown };
    expect(all.features).toHaveLength(100);
    expect(all.lattice).toEqual(lattice);
    const west = (await (await t.api('/api/grids?community=110107011002', { role: 'exhibit' })).json()) as { features: Array<{ properties: { responsibility?: string } }> };
    expect(west.features).toHaveLength(50);
    expect(west.features.filter((f) => f.properties.responsibility === 'lugu-west')).toHaveLength(25);
    expect((await t.api('/api/grids/110107011002001', { role: 'wall' })).status).toBe(200);
    expect((await t.api('/api/grids/110107011009001', { role: 'wall' })).status).toBe(404);
    const areas = (await (await t.api('/api/grids/areas', { role: 'wall' })).json()) as { streets: Array<{ name: string; label: number[] }>; communities: unknown[] };
    expect(areas.communities).toHaveLength(2);
    expect(areas.streets).toEqual([expect.objectContaining({ name: '鲁谷街道', approximate: true })]);
  });

  it('locates a point in its grid, community and street', async () => {
    const [lon, lat] = centre('110107011003007');
    const res = (await (await t.api(`/api/locate?lon=${lon.toFixed(7)}&lat=${lat.toFixed(7)}`, { role: 'wall' })).json()) as { place: unknown };
    expect(res.place).toEqual({ grid: '110107011003007', community: '110107011003', street: '110107011000' });
    expect((await t.api('/api/locate?lon=200&lat=1', { role: 'wall' })).status).toBe(400);
    expect((await t.api('/api/locate?lon=abc&lat=1', { role: 'wall' })).status).toBe(400);
  });

  it('counts reports per grid live, with a shared colour domain', async () => {
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [gridStatsChannel] });
    await wall.waitFor((s) => s.view.epoch !== '');
    const [lon, lat] = centre('110107011002012');
    const terminal = await t.terminal('rep-01');
    await terminal.publishAsync('gridwall/v1/report', JSON.stringify({ id: 'g-rep-1', ts: Date.now(), lon, lat, category: 'event.0102', description: '暴露垃圾' }), { qos: 1 });
    await wall.waitFor((s) => latestOf(s.view, gridStatsChannel).get('reports:today')?.counts['110107011002012'] === 1, 10_000);
    expect(latestOf(wall.view, gridStatsChannel).get('reports:7d')).toMatchObject({ domain: [0, 1], total: 1 });
    const points = (await (await t.api('/api/grids/points?window=today', { role: 'wall' })).json()) as { coords: number[] };
    expect(points.coords).toHaveLength(2);
    await terminal.endAsync();
    wall.close();
  });

  it('tracks today’s coverage of a responsibility grid by its inspectors', async () => {
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [coverageChannel] });
    const terminal = await t.terminal('cov-1');
    const now = Date.now();
    for (const [i, code] of ['110107011002001', '110107011002002', '110107011003001'].entries()) {
      const [lon, lat] = centre(code);
      await terminal.publishAsync('gridwall/v1/patrol/cov-1/position', JSON.stringify({ ts: now - 3000 + i * 1000, lon, lat }));
    }
    await wall.waitFor((s) => (latestOf(s.view, coverageChannel).get('lugu-west')?.visited.length ?? 0) === 2, 10_000);
    const c = latestOf(wall.view, coverageChannel).get('lugu-west');
    expect(c).toMatchObject({ total: 25, share: 2 / 25, inspectors: [{ unitId: 'cov-1', visited: 2 }] });
    await terminal.endAsync();
    wall.close();
  });

  it('focuses every wall on a grid for a dwell, on an operator’s word only', async () => {
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [focusChannel] });
    await wall.waitFor((s) => s.view.epoch !== '');
    const post = (role: 'wall' | 'operator', body: unknown) => t.api('/api/grids/focus', { role, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('wall', { grid: '110107011002003' })).status).toBe(403);
    expect((await post('operator', { grid: '110107011009001' })).status).toBe(404);
    expect((await post('operator', { grid: '110107011002003', dwellS: 5 })).status).toBe(200);
    await wall.waitFor((s) => latestOf(s.view, focusChannel).get('focus')?.grid === '110107011002003');
    await wall.waitFor((s) => latestOf(s.view, focusChannel).get('focus')?.grid === null, 8000);
    wall.close();
  });

  it('places patrols in their grids', async () => {
    const [lon, lat] = centre('110107011003020');
    t.hall.inject('gridwall/v1/patrol/in-grid-1/position', JSON.stringify({ ts: Date.now(), lon, lat }));
    await waitUntil(() => t.hall.modules.patrols.get('in-grid-1') !== undefined, 5000, 'the fix');
    expect(t.hall.modules.patrols.get('in-grid-1')).toMatchObject({ grid: '110107011003020', community: '110107011003', street: '110107011000' });
  });
});
