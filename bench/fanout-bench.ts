import { Role } from './child';
import { startHallProcess } from './hall-process';
import type { FanoutReq, FanoutResult } from './roles/fanout-clients';
import type { PublisherReq, PublisherResult } from './roles/publisher';

export interface FanoutBenchOptions {
  clients: number;
  slow: number;
  /** Fixes per second in the ingest stream. */
  rate: number;
  durationS: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => Math.round(b / 1e5) / 10;

/** One run: the hall, the ingest stream, `clients` surfaces of which `slow` stop reading. */
async function run(o: FanoutBenchOptions, slow: number) {
  const hall = await startHallProcess({ UNIT_MAX_RATE: '1000', UNIT_MAX_BURST: '1000', MQTT_CLIENT_MAX_RATE: '1000000' });
  const clients = new Role<FanoutReq, FanoutResult>('fanout-clients');
  const publisher = new Role<PublisherReq, PublisherResult>('publisher');
  try {
    await clients.ask({ type: 'connect', url: hall.url, token: hall.tokens.wall, clients: o.clients, slow, windowMs: 5000 });
    await publisher.ask({
      type: 'start',
      url: hall.mqtt,
      prefix: 'gridwall/v1/',
      terminals: 20,
      units: Math.round(o.rate / 4),
      unitIntervalMs: 250,
      credentials: { username: 'bench-gateway', password: hall.tokens.gateway },
    });
    const rss: number[] = [];
    for (let i = 0; i < o.durationS; i++) {
      await sleep(1000);
      rss.push(await hall.metric('gridwall_process_resident_memory_bytes'));
    }
    await publisher.ask({ type: 'stop' });
    const r = await clients.ask<FanoutResult>({ type: 'report' });
    const held = await hall.metric('gridwall_live_held_ticks_total');
    const dropped = await hall.metric('gridwall_live_slow_disconnects_total');
    // Memory after warm-up (the first third) against the end of the run.
    const third = Math.max(1, Math.floor(rss.length / 3));
    const settled = Math.max(...rss.slice(third, 2 * third));
    const end = Math.max(...rss.slice(2 * third));
    return { r, held, dropped, rssSettled: settled, rssEnd: end, rssMax: Math.max(...rss) };
  } finally {
    clients.kill();
    publisher.kill();
    await hall.stop();
  }
}

/**
 * `npm run bench -- fanout`: one ingest stream, 200 surfaces, 10 of them frozen. The others' p99 and the
 * server's memory must stay flat; the baseline is the same run with no frozen surface.
 */
export async function fanoutBench(o: FanoutBenchOptions): Promise<Record<string, unknown>> {
  const base = await run(o, 0);
  const withSlow = await run(o, o.slow);
  return {
    clients: o.clients,
    slow: o.slow,
    fixes_per_s: o.rate,
    duration_s: o.durationS,
    p50_ms: withSlow.r.p50,
    p99_ms: withSlow.r.p99,
    p99_per_5s_ms: withSlow.r.windowP99,
    baseline_p50_ms: base.r.p50,
    baseline_p99_ms: base.r.p99,
    ratio: base.r.p99 ? Math.round((withSlow.r.p99 / base.r.p99) * 100) / 100 : null,
    sequence_gaps: withSlow.r.gaps,
    normal_disconnects: withSlow.r.normalClosed,
    held_ticks: withSlow.held,
    slow_disconnected: withSlow.dropped,
    rss_settled_mb: mb(withSlow.rssSettled),
    rss_end_mb: mb(withSlow.rssEnd),
    rss_growth_mb: mb(withSlow.rssEnd - withSlow.rssSettled),
    baseline_rss_growth_mb: mb(base.rssEnd - base.rssSettled),
    rss_max_mb: mb(withSlow.rssMax),
    baseline_rss_max_mb: mb(base.rssMax),
  };
}
