import { caseChannel } from '../../app/case/case-channels';
import { latestOf } from '../../app/live/live-view';
import { startTestHall, TestSurface, waitUntil } from '../../streams/hall/test-hall';
import { percentile } from '../stats';

const FLOW: ReadonlyArray<readonly [string, 'acceptor' | 'shift-leader' | 'dispatcher', Record<string, string>?]> = [
  ['accept', 'acceptor'],
  ['file', 'shift-leader'],
  ['dispatch', 'dispatcher', { department: '区环卫中心' }],
];
const STAGE_AFTER: Readonly<Record<string, string>> = { accept: 'accepted', file: 'filed', dispatch: 'handling' };

export interface TransitionFigures {
  transitions: number;
  /** ms from sending the action to the wall holding the case at its new stage. */
  wallP50: number;
  wallP95: number;
  /** The baseline: ms from sending the action to its HTTP response, in the same run. */
  httpP50: number;
  httpP95: number;
  /** wall p95 ÷ HTTP p95: what the fan-out adds to the write itself. */
  ratio: number;
}

/**
 * A transition's time to reach a wall: a real hall (embedded broker, PGlite, the live tick at its default),
 * a wall on `/live`, and `cases` cases each taken through accept → file → dispatch over HTTP with the desks'
 * tokens, one action at a time.
 */
export async function transitionBench(opts: { cases: number; databaseUrl?: string }): Promise<TransitionFigures> {
  const t = await startTestHall({ LIVE_TICK_MS: '100', ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}) });
  const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [caseChannel] });
  const waiting = new Map<string, { stage: string; resolve: () => void }>();
  wall.ws.on('message', () => {
    const marks = latestOf(wall.view, caseChannel);
    for (const [id, w] of waiting) {
      if (marks.get(id)?.stage === w.stage) {
        waiting.delete(id);
        w.resolve();
      }
    }
  });
  const post = (path: string, role: Parameters<typeof t.api>[1] extends infer I ? (I extends { role?: infer R } ? R : never) : never, body: unknown) =>
    t.api(path, { role, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  try {
    await waitUntil(async () => (await t.api('/api/cases?limit=1', { role: 'wall' })).status === 200, 60_000, 'the case store');
    const wallMs: number[] = [];
    const httpMs: number[] = [];
    for (let i = 0; i < opts.cases; i++) {
      const made = await post('/api/cases', 'operator', { clientId: `bench-${i}`, source: 'video', category: 'event.0102', lon: 116.2193, lat: 39.8975, description: '暴露垃圾' });
      const { id } = (await made.json()) as { id: string };
      await wall.waitFor((s) => latestOf(s.view, caseChannel).has(id), 10_000);
      for (const [action, role, extra] of FLOW) {
        const seen = new Promise<void>((resolve) => waiting.set(id, { stage: STAGE_AFTER[action] ?? '', resolve }));
        const t0 = performance.now();
        const res = await post(`/api/cases/${id}/actions`, role, { action, ...extra });
        httpMs.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`${action} → ${res.status}: ${await res.text()}`);
        await Promise.race([seen, new Promise((_, reject) => setTimeout(() => reject(new Error(`${action} of ${id} never reached the wall`)), 10_000))]);
        wallMs.push(performance.now() - t0);
      }
    }
    wallMs.sort((a, b) => a - b);
    httpMs.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 10) / 10;
    return {
      transitions: wallMs.length,
      wallP50: r(percentile(wallMs, 50)),
      wallP95: r(percentile(wallMs, 95)),
      httpP50: r(percentile(httpMs, 50)),
      httpP95: r(percentile(httpMs, 95)),
      ratio: r(percentile(wallMs, 95) / Math.max(0.1, percentile(httpMs, 95))),
    };
  } finally {
    wall.close();
    await t.stop();
  }
}
