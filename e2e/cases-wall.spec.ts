import { mkdir, readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { CityInfo } from '../app/city/city';
import type { CaseFocus, CaseMark, CaseStats } from '../app/case/case-channels';
import { fixtureMarks, fixtureStats, type Anchor } from '../renderer/cases/case-fixtures';
import { startDemoServer, type DemoServer } from './demo-server';
import { countFrames, framesPerSecond } from './frame-count';
import { pixelStats } from './pixels';

// The statistics wall for cases. Fixture tests put known cases into /live (the page's WebSocket is
// proxied: the hall's own case channels are replaced), so screenshots and timing are deterministic; the
// last tests drive the real hall's /api/cases and are skipped on a hall without it.
let demo: DemoServer;
let tokens: Array<{ role: string; token: string }> = [];
let city: CityInfo;
let anchors: Anchor[] = [];
let realCases = false;

const get = async <T>(path: string, token = demo.token): Promise<T> => (await (await fetch(`${demo.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
const tokenOf = (role: string) => tokens.find((t) => t.role === role)?.token ?? '';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // A few patrols keep deltas flowing (injected case changes ride on them); no reports, so no real cases.
  demo = await startDemoServer({ args: ['--cameras', '0', '--patrols', '3', '--reports-per-hour', '0'] });
  tokens = JSON.parse(await readFile(`${demo.dataDir}/tokens.json`, 'utf8')) as typeof tokens;
  city = await get<CityInfo>('/api/city');
  const communities = city.places.filter((p) => p.level === 'community').slice(0, 40);
  anchors = await Promise.all(
    communities.map(async (c) => {
      const r = await get<{ place: { grid?: string; community?: string; street?: string } }>(`/api/locate?lon=${c.lon}&lat=${c.lat}`);
      return { lon: c.lon, lat: c.lat, ...r.place };
    }),
  );
  // The case store opens with the database (and the demo writes its history first): wait for it, or for a 404.
  for (let i = 0; i < 60; i++) {
    const status = (await fetch(`${demo.url}/api/cases?limit=1`, { headers: { authorization: `Bearer ${tokenOf('operator')}` } })).status;
    realCases = status === 200;
    if (status !== 503) break;
    await new Promise((r) => setTimeout(r, 2000));
  }
});
test.afterAll(async () => {
  await demo?.stop();
});

type Changes = Record<string, { upsert?: unknown[]; remove?: string[] }>;
const CASE_CHANNELS = ['cases', 'case-stats', 'case-focus'];

interface Injected {
  now: number;
  marks: CaseMark[];
  stats: CaseStats;
  /** Changes to send with the next delta from the hall. */
  send(changes: Changes): void;
}

/** Proxies the page's /live: the snapshot carries the fixture's cases, and `send` adds changes to the next delta. */
async function inject(page: Page, n = 120): Promise<Injected> {
  const now = Date.now();
  const marks = fixtureMarks(n, anchors, now);
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
  const stats = fixtureStats(now, day, city.places.filter((p) => p.level === 'street').map((p) => ({ code: p.code, name: p.shortName })));
  const queue: Changes[] = [];
  await page.routeWebSocket(/\/live$/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((raw) => {
      const msg = JSON.parse(String(raw)) as { type: string; channels?: Record<string, unknown> };
      if (msg.type === 'snapshot' && msg.channels) {
        Object.assign(msg.channels, { cases: { items: marks }, 'case-stats': { items: [stats] }, 'case-focus': { items: [] } });
      } else if (msg.type === 'delta' && msg.channels) {
        for (const c of CASE_CHANNELS) delete msg.channels[c];
        Object.assign(msg.channels, queue.shift() ?? {});
      }
      ws.send(JSON.stringify(msg));
    });
  });
  return { now, marks, stats, send: (changes) => queue.push(changes) };
}

/** Opens a wall window with a token (the wall's by default) and waits until it is live and its map, if any, is drawn. */
async function openWall(page: Page, width: number, height: number, query = '', token = demo.token): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.goto(`${demo.url}/${query}#token=${token}`);
  // A software GPU takes many seconds over a 7680-pixel map; the link comes up once the page breathes.
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live', { timeout: 90_000 });
  if (await page.getByTestId('map').count()) {
    await expect(page.locator('.map-loading')).toHaveCount(0, { timeout: 120_000 });
    await expect.poll(async () => Number(await page.getByTestId('map').getAttribute('data-labels')), { timeout: 60_000 }).toBeGreaterThan(5);
  }
}

/** Text cut off in the case panels: figures never (tabular, reserved), names only with an ellipsis. */
async function clipped(page: Page): Promise<{ figures: string[]; names: string[] }> {
  return page.evaluate(() => {
    const out = { figures: [] as string[], names: [] as string[] };
    const figure = '.ck-value, .cr-score, .cr-grade, .cl-late, .cs-n, .cb-n, .cf-chip b, .cl-head b, .cc-clock strong, .cl-no';
    for (const el of document.querySelectorAll<HTMLElement>('[data-panel^="cases."] *, .case-card *')) {
      if (!el.childNodes.length || el.children.length || el.getClientRects().length === 0) continue;
      const box = el.closest('.panel-body, .case-card')?.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      const outside = box && (r.bottom > box.bottom + 1 || r.right > box.right + 1);
      if (el.scrollWidth > el.clientWidth + 1 || outside) (el.matches(figure) ? out.figures : out.names).push(`${el.className}: ${el.textContent}`);
    }
    return out;
  });
}

async function shoot(page: Page, name: string, width: number): Promise<void> {
  await page.waitForTimeout(1500); // a few live ticks; charts drawn
  await mkdir('test-results/screenshots', { recursive: true });
  const stats = pixelStats(await page.screenshot({ path: `test-results/screenshots/${name}.png` }));
  expect(stats.width).toBe(width);
  expect(stats.colours).toBeGreaterThan(150);
}

const SIZES = [
  [1920, 1080, 'hd', 'cases'],
  [3840, 2160, 'uhd', 'cases'],
  [7680, 2160, 'wide', 'cases-wide'],
] as const;

for (const [width, height, standard, statistics] of SIZES) {
  for (const layout of [standard, statistics]) {
    for (const lang of ['zh', 'en'] as const) {
      test(`screenshot ${layout} at ${width}×${height} (${lang}): figures whole, nothing off its panel`, async ({ page }) => {
        test.setTimeout(width > 1920 ? 360_000 : 150_000);
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await inject(page);
        const q = new URLSearchParams({ ...(layout === statistics ? { layout } : {}), ...(lang === 'en' ? { lang: 'en' } : {}) }).toString();
        await openWall(page, width, height, q ? `?${q}` : '');
        expect(await page.evaluate(() => (window as unknown as { gridwallDiagnostics: { layout(): string } }).gridwallDiagnostics.layout())).toBe(layout);
        await expect(page.getByTestId('case-kpis')).toContainText(lang === 'en' ? 'Close rate' : '结案率');
        await expect(page.getByTestId('red-light-count')).not.toHaveText('0');
        await shoot(page, `cases-${layout}-${width}x${height}-${lang}`, width);
        const cut = await clipped(page);
        if (cut.names.length) console.log(`${layout} ${width}×${height} ${lang}: names shortened: ${cut.names.length}\n  ${cut.names.slice(0, 12).join('\n  ')}`);
        expect(cut.figures).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  }
}

test('figures change, the layout does not', async ({ page }) => {
  const fx = await inject(page);
  await openWall(page, 3840, 2160, '?layout=cases');
  const boxes = () =>
    page.evaluate(() => Array.from(document.querySelectorAll('[data-panel^="cases."] .ck-cell, .cr-row, .cl-row, .cs-row, .cb-row, .case-chart')).map((e) => JSON.stringify(e.getBoundingClientRect())));
  const before = await boxes();
  const bigger = (t: CaseStats['today']) => ({ ...t, reported: t.reported * 20 + 7, filed: t.filed * 20, closed: t.closed * 19, closeRate: 1, overdue: 99 });
  fx.send({ 'case-stats': { upsert: [{ ...fx.stats, at: Date.now(), today: bigger(fx.stats.today), thisMonth: bigger(fx.stats.thisMonth), streets: fx.stats.streets.map((s) => ({ ...s, score: 100, overdue: 12 })) }] } });
  await expect(page.getByTestId('case-kpi-today-overdue')).toHaveText('99');
  expect(await boxes()).toEqual(before);
  // Five-digit months still fit their cells.
  expect((await clipped(page)).figures).toEqual([]);
});

test('a red light turns on at its deadline with no message, longest overdue first; a new case lights up in the feed', async ({ page }) => {
  const fx = await inject(page);
  await openWall(page, 1920, 1080, '?layout=cases');
  const count = Number(await page.getByTestId('red-light-count').textContent());
  const soon: CaseMark = { ...(fx.marks[0] as CaseMark), id: 'soon-red', caseNo: '110107-20260514-9001', stage: 'handling', reportedAt: Date.now(), deadline: Date.now() + 4000 };
  fx.send({ cases: { upsert: [soon] } });
  await expect(page.getByTestId('case-feed').locator('[data-case="soon-red"]')).toHaveClass(/cl-fresh/);
  await expect(page.getByTestId('red-light-count')).toHaveText(String(count + 1), { timeout: 10_000 });
  // Rows run from the longest overdue: the new one, a few seconds late, is last of those shown or below them.
  const lateness = await page.getByTestId('case-red-lights').locator('.cl-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));
  const order = lateness.map((id) => [...fx.marks, soon].find((m) => m.id === id)?.deadline ?? Infinity);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('the hall’s case focus opens the card on the window, with its countdown, and closes it on time', async ({ page }) => {
  const fx = await inject(page);
  await openWall(page, 3840, 2160);
  const late = fx.marks.find((m) => m.deadline !== undefined && m.deadline < fx.now) as CaseMark;
  const focus: CaseFocus = { id: 'case-focus', caseId: late.id, until: Date.now() + 12_000, by: 'operator' };
  fx.send({ 'case-focus': { upsert: [focus] } });
  const card = page.getByTestId('case-card');
  await expect(card).toHaveAttribute('data-case', late.id);
  await expect(card).toContainText(late.caseNo);
  await expect(page.getByTestId('case-card-clock')).toHaveAttribute('data-overdue', 'true');
  await expect(page.getByTestId('case-card-clock')).toContainText('超期');
  await shoot(page, 'cases-card-3840x2160-zh', 3840);
  await expect(card).toHaveCount(0, { timeout: 20_000 });
});

test('an exhibit surface shows the card from the mark alone, asks nothing of /api/cases and shows no error', async ({ page }) => {
  const errors: string[] = [];
  const asked: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => void (/\/api\/cases\/(?!catalogue)/.test(r.url()) && asked.push(r.url())));
  const fx = await inject(page);
  // Exhibit surfaces get no case text from the hall.
  for (const m of fx.marks) m.summary = '';
  await openWall(page, 1920, 1080, '', tokenOf('exhibit'));
  const m = fx.marks[3] as CaseMark;
  fx.send({ 'case-focus': { upsert: [{ id: 'case-focus', caseId: m.id, until: Date.now() + 30_000 }] } });
  const card = page.getByTestId('case-card');
  await expect(card).toContainText(m.caseNo);
  await page.waitForTimeout(1500);
  await expect(card.locator('.cc-text, .cc-photos, .cc-history, .cc-note')).toHaveCount(0);
  expect(asked).toEqual([]);
  expect(errors).toEqual([]);
});

test('red lights pulse on the compositor: no animation frames, little main-thread time', async ({ page }) => {
  test.setTimeout(180_000);
  await countFrames(page);
  const fx = await inject(page, 300);
  await openWall(page, 1920, 1080, '?layout=map');
  const pulses = await page.locator('.case-pulse').count();
  expect(pulses).toBeGreaterThan(20);
  expect(pulses).toBe(Math.min(150, fx.marks.filter((m) => m.deadline !== undefined && m.deadline < Date.now()).length));
  await page.waitForTimeout(2000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const busy = async () => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) as number;
  const measure = async () => {
    const t0 = await busy();
    const fps = await framesPerSecond(page, 6000);
    return { fps, share: ((await busy()) - t0) / 6 };
  };
  const on = await measure();
  // The same marks with no deadlines: no red lights, no pulses — the baseline.
  fx.send({ cases: { upsert: fx.marks.map(({ deadline: _d, ...m }) => m) } });
  await expect(page.locator('.case-pulse')).toHaveCount(0);
  await page.waitForTimeout(2000);
  const off = await measure();
  console.log(`pulses: ${pulses}; animation frames/s ${on.fps.toFixed(2)} with, ${off.fps.toFixed(2)} without; main thread busy ${(on.share * 100).toFixed(1)} % with, ${(off.share * 100).toFixed(1)} % without`);
  // Three patrols glide at ≤ 15 fps; the pulses ask for no frames of their own.
  expect(on.fps).toBeLessThan(off.fps + 2);
  expect(on.share).toBeLessThan(0.5);
});

test.describe('against the hall’s /api/cases', () => {
  test.beforeEach(() => test.skip(!realCases, 'this hall has no /api/cases yet'));

  test('a case opened at the hall reaches the feed and the map, moves, and its card shows its file', async ({ page }) => {
    await openWall(page, 3840, 2160, '?layout=cases');
    const operator = tokenOf('operator');
    const post = (path: string, body: unknown) => fetch(`${demo.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${operator}` }, body: JSON.stringify(body) });
    const a = anchors[0] as Anchor;
    const made = (await (await post('/api/cases', { clientId: `e2e-${Date.now()}`, source: 'video', category: 'event.0102', lon: a.lon, lat: a.lat, description: '路口东侧垃圾堆放，视频抓拍' })).json()) as { id: string; caseNo: string };
    const row = page.getByTestId('case-feed').locator(`[data-case="${made.id}"]`);
    await expect(row).toBeVisible({ timeout: 20_000 });
    expect((await post(`/api/cases/${made.id}/actions`, { action: 'accept' })).status).toBe(200);
    await expect(row.locator('.cl-stage')).toHaveText('已受理', { timeout: 20_000 });
    expect((await post(`/api/cases/${made.id}/show`, { seconds: 30 })).status).toBe(200);
    const card = page.getByTestId('case-card');
    await expect(card).toContainText(made.caseNo, { timeout: 20_000 });
    await expect(card).toContainText('路口东侧垃圾堆放');
    await expect(page.getByTestId('case-card-history').locator('li')).toHaveCount(2);
    await expect(page.getByTestId('case-kpis')).not.toContainText('暂无统计', { timeout: 20_000 });
    await shoot(page, 'cases-real-3840x2160-zh', 3840);
  });
});
