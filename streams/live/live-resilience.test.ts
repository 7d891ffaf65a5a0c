import { afterEach, describe, expect, it } from 'vitest';
import { latestOf, recentOf } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';

const halls: TestHall[] = [];
afterEach(async () => {
  for (const h of halls.splice(0)) await h.stop();
});

/** Feeds fixes straight into the hall's ingest (the broker path is tested elsewhere): `units` patrols, one round. */
function publishRound(t: TestHall, units: number, round: number, offset = 0): void {
  const ts = Date.now();
  for (let u = 0; u < units; u++) {
    const payload = Buffer.from(JSON.stringify({ ts: ts + (u % 7), lon: 116.15 + ((u * 37 + round) % 1000) * 1e-4, lat: 39.9 + (u % 50) * 1e-3 }));
    t.hall.inject(`gridwall/v1/patrol/u${offset + u}/position`, payload);
  }
}

const wallToken = (t: TestHall) => t.tokens.wall ?? '';

describe('live fan-out under trouble', () => {
  it('a surface whose socket drops while publishing resumes with a contiguous sequence', async () => {
    const t = await startTestHall({ UNIT_MAX_RATE: '1000', UNIT_MAX_BURST: '1000' });
    halls.push(t);
    const first = new TestSurface(t.hall.url, { token: wallToken(t) });
    await first.waitFor((s) => s.view.epoch !== '');
    let round = 0;
    const pump = setInterval(() => publishRound(t, 50, round++), 20);
    try {
      await first.waitFor((s) => s.view.seq > 10);
      first.ws.terminate(); // the network drops
      const { epoch, seq } = first.view;
      await new Promise((r) => setTimeout(r, 300)); // deltas go on meanwhile
      const back = new TestSurface(t.hall.url, { token: wallToken(t), epoch, lastSeq: seq });
      back.view = first.view;
      await back.waitFor((s) => s.view.seq > seq + 10);
      expect(back.messages[0]?.type).toBe('delta'); // replayed, not a new snapshot
      expect(back.gaps).toBe(0);
      clearInterval(pump);
      await new Promise((r) => setTimeout(r, 200));
      const fresh = new TestSurface(t.hall.url, { token: wallToken(t) });
      await fresh.waitFor((s) => s.view.epoch !== '');
      await back.waitFor((s) => s.view.seq === fresh.view.seq, 3000);
      expect([...latestOf(back.view, patrolChannel).values()]).toEqual([...latestOf(fresh.view, patrolChannel).values()]);
      back.close();
      fresh.close();
    } finally {
      clearInterval(pump);
    }
  });

  it('a slow surface is coalesced, then cut off, without slowing the others', async () => {
    const t = await startTestHall(
      { UNIT_MAX_RATE: '1000', UNIT_MAX_BURST: '1000' },
      { hub: { highWaterBytes: 256 * 1024, maxHeldMs: 1500 } },
    );
    halls.push(t);
    const fast = new TestSurface(t.hall.url, { token: wallToken(t) });
    const slow = new TestSurface(t.hall.url, { token: wallToken(t) });
    // The slow wall stops reading its socket: the kernel buffers fill, then the server's queue grows.
    slow.ws.on('upgrade', (res) => res.socket.pause());
    await fast.waitFor((s) => s.view.epoch !== '');
    await waitUntil(() => t.hall.hub.clientCount === 2, 3000, 'both surfaces');
    const latencies: number[] = [];
    fast.ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { type: string; serverTime?: number };
      if (m.type === 'delta' && m.serverTime) latencies.push(Date.now() - m.serverTime);
    });
    let round = 0;
    const pump = setInterval(() => publishRound(t, 1500, round++), 50);
    try {
      await waitUntil(() => slow.closeCode === 4008 || t.hall.hub.clientCount === 1, 20_000, 'the slow surface to be cut off');
    } finally {
      clearInterval(pump);
    }
    expect(t.hall.hub.clientCount).toBe(1);
    expect(fast.gaps).toBe(0);
    expect(fast.closeCode).toBeUndefined();
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.floor(latencies.length * 0.99)] ?? 0;
    expect(latencies.length).toBeGreaterThan(20);
    expect(p99).toBeLessThan(500);
    const held = Number((await t.hall.metrics.registry.getSingleMetricAsString('gridwall_live_held_ticks_total')).split(' ').at(-1));
    expect(held).toBeGreaterThan(0);
    fast.close();
  });

  it('a restarted hall shows its patrols and reports from the database at once, with a new epoch', async () => {
    const t = await startTestHall();
    publishRound(t, 5, 0);
    t.hall.inject('gridwall/v1/report', JSON.stringify({ id: 'kept-1', ts: Date.now(), lon: 116.2193, lat: 39.8975, category: 'event.0102', description: 'x' }));
    await waitUntil(() => t.hall.database.current() !== undefined, 30_000, 'the database');
    await waitUntil(() => t.hall.modules.reports.recent().length === 1, 5000, 'the report to be stored');
    const epoch = t.hall.hub.epoch;
    await t.stop({ keepData: true }); // flushes buffered tracks

    const again = await startTestHall({}, {}, t.dataDir);
    halls.push(again);
    expect(again.hall.hub.epoch).not.toBe(epoch);
    await waitUntil(() => again.hall.modules.patrols.list().length === 5 && again.hall.modules.reports.recent().length === 1, 30_000, 'the warm start');
    const s = new TestSurface(again.hall.url, { token: wallToken(again), epoch, lastSeq: 3 });
    await s.waitFor((x) => x.view.epoch !== '');
    expect(s.messages[0]?.type).toBe('snapshot'); // another life's sequence numbers are not replayed
    expect(latestOf(s.view, patrolChannel).size).toBe(5);
    expect(recentOf(s.view, reportChannel).map((r) => r.id)).toEqual(['kept-1']);
    s.close();
  });
});
