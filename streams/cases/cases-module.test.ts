// The cases module in a real hall (embedded broker, PGlite, the demo city's grids): roles on every step.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseChannel, caseStatsChannel } from '../../app/case/case-channels';
import { latestOf } from '../../app/live/live-view';
import { ephemeralToken } from '../auth/tokens';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';

/** 鲁谷 in Shijingshan, inside the district. */
const IN = { lon: 116.2193, lat: 39.8975 };
const json = { 'content-type': 'application/json' };

let t: TestHall;
let dept: string;
let otherDept: string;

type Caller = Parameters<TestHall['api']>[1] extends infer I ? (I extends { role?: infer R } ? R : never) : never;
const as = (token: string) => ({ authorization: `Bearer ${token}`, ...json });

async function open(body: Record<string, unknown>, role: Caller = 'operator'): Promise<Response> {
  return t.api('/api/cases', { role, method: 'POST', headers: json, body: JSON.stringify({ source: 'video', category: 'event.0102', description: '暴露垃圾', ...IN, ...body }) });
}

async function act(id: string, body: Record<string, unknown>, who: Caller | { token: string }): Promise<Response> {
  const init: RequestInit & { role?: Caller } = { method: 'POST', body: JSON.stringify(body) };
  if (typeof who === 'object') init.headers = as(who.token);
  else Object.assign(init, { role: who, headers: json });
  return t.api(`/api/cases/${id}/actions`, init);
}

beforeAll(async () => {
  t = await startTestHall();
  dept = ephemeralToken('department', { departments: ['区环卫中心'] }).token;
  otherDept = ephemeralToken('department', { departments: ['供水公司'] }).token;
  t.hall.auth.add({ role: 'department', token: dept, departments: ['区环卫中心'] });
  t.hall.auth.add({ role: 'department', token: otherDept, departments: ['供水公司'] });
  await waitUntil(async () => (await open({ clientId: 'warm-up' })).status !== 503, 60_000, 'the case store to open');
}, 120_000);
afterAll(async () => {
  await t?.stop();
});

describe('the cases module', () => {
  it('opens a case once per client id, located in its grid, street and community', async () => {
    const first = await open({ clientId: 'cam-1:001' });
    expect(first.status).toBe(201);
    const body = (await first.json()) as { id: string; caseNo: string; stage: string };
    expect(body).toMatchObject({ stage: 'reported', caseNo: expect.stringMatching(/^110107-\d{8}-\d{4}$/) });
    const again = await open({ clientId: 'cam-1:001' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: body.id, duplicate: true });
    const file = (await (await t.api(`/api/cases/${body.id}`, { role: 'wall' })).json()) as { case: Record<string, unknown>; history: unknown[] };
    expect(file.case).toMatchObject({ source: 'video', street: expect.stringMatching(/^110107\d{6}$/), grid: expect.stringMatching(/^\d{15}$/) });
    expect(file.history).toHaveLength(1);
  });

  it('refuses bad input with a clear reason and keeps points outside the district, flagged', async () => {
    const unknown = await open({ clientId: 'bad-1', category: 'event.9999' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/catalogue/);
    expect((await open({ clientId: 'bad-2', description: 'x'.repeat(4001) })).status).toBe(400);
    expect((await open({ clientId: 'bad-3', lon: 200 })).status).toBe(400);
    const outside = await open({ clientId: 'far-1', lon: 121.47, lat: 31.23 });
    expect(outside.status).toBe(201);
    const { id } = (await outside.json()) as { id: string };
    expect(((await (await t.api(`/api/cases/${id}`, { role: 'wall' })).json()) as { case: { outsideDistrict?: boolean } }).case.outsideDistrict).toBe(true);
  });

  it('checks the role on every read and mutation', async () => {
    expect((await open({ clientId: 'wall-1' }, 'wall')).status).toBe(403);
    expect((await open({ clientId: 'none-1' }, 'none')).status).toBe(401);
    expect((await t.api('/api/cases', { role: 'exhibit' })).status).toBe(403);
    // The hotline opens hotline cases only.
    expect((await open({ clientId: 'hl-1' }, 'hotline')).status).toBe(403);
    expect((await open({ clientId: 'hl-2', source: 'hotline-12345' }, 'hotline')).status).toBe(201);
  });

  it('runs the workflow with each desk’s token, refusing wrong stages (409) and wrong roles (403) with what is allowed', async () => {
    const { id } = (await (await open({ clientId: 'flow-1' })).json()) as { id: string };
    const wrongStage = await act(id, { action: 'file' }, 'shift-leader');
    expect(wrongStage.status).toBe(409);
    expect(((await wrongStage.json()) as { allowed: string[] }).allowed).toEqual(['void']); // what a shift leader may do at 上报
    const wrongRole = await act(id, { action: 'accept' }, 'dispatcher');
    expect(wrongRole.status).toBe(403);
    expect(await act(id, { action: 'accept' }, 'acceptor')).toHaveProperty('status', 200);
    expect(await act(id, { action: 'file' }, 'shift-leader')).toHaveProperty('status', 200);
    expect(await act(id, { action: 'dispatch', department: '区环卫中心' }, 'dispatcher')).toHaveProperty('status', 200);
    // Another department neither sees nor moves it.
    expect((await act(id, { action: 'feedback' }, { token: otherDept })).status).toBe(404);
    const fed = await act(id, { action: 'feedback', note: '已清运' }, { token: dept });
    expect(fed.status).toBe(200);
    expect(((await fed.json()) as { case: { stage: string } }).case.stage).toBe('fed-back');
    const deptList = (await (await fetch(`${t.hall.url}/api/cases`, { headers: as(dept) })).json()) as { items: Array<{ case: { id: string } }> };
    expect(deptList.items.map((r) => r.case.id)).toEqual([id]);
  });

  it('opens a case from an inspector’s MQTT report and shows open cases and statistics live', async () => {
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [caseChannel, caseStatsChannel] });
    const c = await t.terminal('insp-9');
    await c.publishAsync(`${t.hall.config.topicPrefix}report`, JSON.stringify({ id: 'r-9-1', ts: Date.now(), ...IN, category: '0102', description: '路边垃圾', unitId: 'insp-9' }));
    await c.endAsync();
    await waitUntil(() => [...latestOf(wall.view, caseChannel).values()].some((m) => m.source === 'inspector' && m.summary === '路边垃圾'), 10_000, 'the report’s case on the wall');
    await waitUntil(() => (latestOf(wall.view, caseStatsChannel).get('city')?.today.reported ?? 0) >= 5, 10_000, 'statistics');
    expect((await t.api('/api/cases?limit=x', { role: 'wall' })).status).toBe(400);
    const overdue = (await (await t.api('/api/cases?overdue=false&limit=2', { role: 'wall' })).json()) as { items: unknown[]; next?: string };
    expect(overdue.items).toHaveLength(2);
    expect(overdue.next).toBeDefined();
    const list = (await (await t.api('/api/cases?source=inspector', { role: 'wall' })).json()) as { items: Array<{ case: { clientId: string } }> };
    expect(list.items.map((r) => r.case.clientId)).toContain('report:r-9-1');
    wall.close();
  });

  it('serves KPIs as JSON, CSV and XLSX, and never per inspector to an exhibit', async () => {
    const rows = (await (await t.api('/api/kpis?by=street', { role: 'leader' })).json()) as Array<Record<string, unknown>>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toMatchObject({ key: expect.any(String), name: expect.any(String), filed: expect.any(Number), score: expect.any(Number), grade: expect.stringMatching(/^[A-E]$/) });
    const csv = await t.api('/api/kpis?by=department&format=csv', { role: 'leader' });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect((await csv.text()).split('\n')[0]).toContain('key,name,reported,filed');
    const xlsx = await t.api('/api/kpis?by=street&format=xlsx', { role: 'leader' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    expect(book.worksheets[0]?.getRow(1).getCell(1).value).toBe('key');
    expect((await t.api('/api/kpis?by=inspector', { role: 'exhibit' })).status).toBe(403);
    expect((await t.api('/api/kpis?from=2026-13-01', { role: 'leader' })).status).toBe(400);
  });

  it('stores photos by content and serves them only as the images they are', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const up = await t.api('/api/cases/photos', { role: 'operator', method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    expect(up.status).toBe(200);
    const { sha256 } = (await up.json()) as { sha256: string };
    const notImage = await t.api('/api/cases/photos', { role: 'operator', method: 'POST', headers: { 'content-type': 'image/png' }, body: Buffer.from('<svg onload=alert(1)>') });
    expect(notImage.status).toBe(415);
    const made = await open({ clientId: 'photo-1', photos: [sha256] });
    expect(made.status).toBe(201);
    const got = await t.api(`/api/cases/photos/${sha256}`, { role: 'wall' });
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer())).toEqual(png);
    expect((await open({ clientId: 'photo-2', photos: ['f'.repeat(64)] })).status).toBe(400);
  });

  it('lets a hotline system create and follow a case over Open311 with its api_key', async () => {
    const form = new URLSearchParams({ api_key: t.tokens.hotline ?? '', service_code: 'event.0102', lat: String(IN.lat), long: String(IN.lon), description: '小区门口垃圾堆积', 'attribute[channel]': '12345' });
    const post = await fetch(`${t.hall.url}/open311/v2/requests.json`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
    expect(post.status).toBe(201);
    const [made] = (await post.json()) as Array<{ service_request_id: string }>;
    const got = await fetch(`${t.hall.url}/open311/v2/requests/${made?.service_request_id ?? ''}.json?api_key=${encodeURIComponent(t.tokens.hotline ?? '')}`);
    expect(((await got.json()) as Array<{ status: string; service_code: string }>)[0]).toMatchObject({ status: 'open', service_code: 'event.0102' });
    const refused = await fetch(`${t.hall.url}/open311/v2/requests.xml`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ api_key: t.tokens.wall ?? '', service_code: 'event.0102' }) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<errors>');
  });
});
