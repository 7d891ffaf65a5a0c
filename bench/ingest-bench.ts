import { randomBytes } from 'node:crypto';
import { Role } from './child';
import { startHallProcess } from './hall-process';
import type { PublisherReq, PublisherResult } from './roles/publisher';
import type { WallsReq, WallsResult } from './roles/walls';

export interface IngestBenchOptions {
  /** Offered load, fixes per second in total. */
  rate: number;
  walls: number;
  terminals: number;
  durationS: number;
  /** Each patrol reports this often; above the fan-out tick, so nothing coalesces when all is well. */
  unitIntervalMs: number;
  /** undefined: the embedded broker; else an external broker URL (Mosquitto). */
  brokerUrl?: string;
  /** The hall's fan-out tick (LIVE_TICK_MS); a fix waits up to one tick before it is sent. */
  tickMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Leg {
  throughput_per_s: number;
  p50_ms: number;
  p99_ms: number;
  lost: number;
  published: number;
  gaps: number;
  publisherCores: number;
  wallsCores: number;
  split: Pick<WallsResult, 'toTickP50' | 'toTickP99' | 'toWallP50' | 'toWallP99'>;
}

/** Drives `walls` receivers and the publisher against one URL for the run's duration. */
async function drive(
  o: IngestBenchOptions,
  mqttUrl: string,
  prefix: string,
  connectWalls: (w: Role<WallsReq, WallsResult>) => Promise<unknown>,
  credentials?: { username: string; password: string },
  during?: () => Promise<void>,
): Promise<Leg> {
  const walls = new Role<WallsReq, WallsResult>('walls');
  const publisher = new Role<PublisherReq, PublisherResult>('publisher');
  try {
    await connectWalls(walls);
    const units = Math.round((o.rate * o.unitIntervalMs) / 1000);
    await publisher.ask({ type: 'start', url: mqttUrl, prefix, terminals: o.terminals, units, unitIntervalMs: o.unitIntervalMs, ...(credentials ? { credentials } : {}) });
    const t0 = Date.now();
    const sampling = during?.();
    await sleep(o.durationS * 1000);
    const { published, cpuS } = await publisher.ask<PublisherResult>({ type: 'stop' });
    const elapsed = (Date.now() - t0) / 1000;
    await sampling;
    await sleep(2000); // let the last ticks arrive
    const r = await walls.ask<WallsResult>({ type: 'report' });
    const minSeen = Math.min(...r.seen);
    return {
      throughput_per_s: Math.round(minSeen / elapsed),
      p50_ms: r.p50,
      p99_ms: r.p99,
      lost: r.seen.reduce((sum, s) => sum + Math.max(0, published - s), 0),
      published,
      gaps: r.gaps,
      publisherCores: Math.round((cpuS / elapsed) * 100) / 100,
      wallsCores: Math.round((r.cpuS / (elapsed + 2)) * 100) / 100,
      split: { toTickP50: r.toTickP50, toTickP99: r.toTickP99, toWallP50: r.toWallP50, toWallP99: r.toWallP99 },
    };
  } finally {
    walls.kill();
    publisher.kill();
  }
}

/**
 * `npm run bench -- ingest`: M terminals publish N fixes/s through the real broker to the hall while W walls
 * are connected on /live; the baseline is the same fixes relayed by the broker alone to W MQTT subscribers.
 */
export async function ingestBench(o: IngestBenchOptions): Promise<Record<string, unknown>> {
  const prefix = o.brokerUrl ? `gridwall-bench-${randomBytes(4).toString('hex')}/v1/` : 'gridwall/v1/';
  const hall = await startHallProcess({
    ...(o.brokerUrl ? { MQTT_URL: o.brokerUrl } : {}),
    GRIDWALL_TOPIC_PREFIX: prefix,
    UNIT_MAX_RATE: '1000',
    UNIT_MAX_BURST: '1000',
    MQTT_CLIENT_MAX_RATE: '1000000',
    LIVE_TICK_MS: String(o.tickMs),
  });
  let run: Leg;
  let cpu: number;
  let rssMax = 0;
  let coalesced: number;
  try {
    const cpu0 = await hall.metric('gridwall_process_cpu_seconds_total');
    const co0 = await hall.metric('gridwall_live_coalesced_total');
    // On the embedded broker the load generator is a gateway with its own token (the hall authenticates it).
    const credentials = o.brokerUrl ? undefined : { username: 'bench-gateway', password: hall.tokens.gateway };
    run = await drive(o, o.brokerUrl ?? hall.mqtt, prefix, (w) => w.ask({ type: 'live', url: hall.url, walls: o.walls, token: hall.tokens.wall }), credentials, async () => {
      for (let i = 0; i < o.durationS; i++) {
        rssMax = Math.max(rssMax, await hall.metric('gridwall_process_resident_memory_bytes'));
        await sleep(1000);
      }
    });
    cpu = ((await hall.metric('gridwall_process_cpu_seconds_total')) - cpu0) / (o.durationS + 2);
    coalesced = (await hall.metric('gridwall_live_coalesced_total')) - co0;
  } finally {
    await hall.stop();
  }

  // Baseline: the broker alone relays the same load to W plain MQTT subscribers.
  const baselineBroker = o.brokerUrl ? undefined : new Role<{ type: 'start' } | { type: 'stop' }, { url: string }>('broker');
  let base: Leg;
  try {
    const url = o.brokerUrl ?? (await baselineBroker?.ask<{ url: string }>({ type: 'start' }))?.url ?? '';
    base = await drive(o, url, prefix, (w) => w.ask({ type: 'mqtt', url, prefix, walls: o.walls }));
  } finally {
    baselineBroker?.kill();
  }
  return {
    broker: o.brokerUrl ? 'mosquitto' : 'embedded',
    walls: o.walls,
    terminals: o.terminals,
    tick_ms: o.tickMs,
    offered_per_s: o.rate,
    duration_s: o.durationS,
    throughput_per_s: run.throughput_per_s,
    p50_ms: run.p50_ms,
    p99_ms: run.p99_ms,
    lost: run.lost,
    terminal_to_tick_p50_ms: run.split.toTickP50,
    terminal_to_tick_p99_ms: run.split.toTickP99,
    tick_to_wall_p50_ms: run.split.toWallP50,
    tick_to_wall_p99_ms: run.split.toWallP99,
    coalesced,
    sequence_gaps: run.gaps,
    server_cpu_cores: Math.round(cpu * 100) / 100,
    server_rss_mb: Math.round(rssMax / 1e6),
    load_publisher_cpu_cores: run.publisherCores,
    load_walls_cpu_cores: run.wallsCores,
    baseline_per_s: base.throughput_per_s,
    baseline_p50_ms: base.p50_ms,
    baseline_p99_ms: base.p99_ms,
    baseline_lost: base.lost,
    ratio: base.throughput_per_s ? Math.round((run.throughput_per_s / base.throughput_per_s) * 1000) / 1000 : null,
  };
}
