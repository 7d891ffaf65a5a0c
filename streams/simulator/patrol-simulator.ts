import mqtt, { type MqttClient } from 'mqtt';
import { CATEGORIES } from '../../app/catalogue/categories';
import type { CityInfo } from '../../app/city/city';
import type { InspectorReport } from '../../app/report/inspector-report';
import type { PositionFix } from '../../app/patrol/position-fix';

import { DistrictArea } from './district-area';
import type { LngLat } from '../../app/geo/lnglat';
import { seededRng, stepWalker, type Rng, type Walker } from './walker';

/** Where one simulated inspector may walk, and where they start. */
export interface Beat {
  contains(p: LngLat): boolean;
  randomPoint(rng: Rng): LngLat;
}

export interface SimulatorOptions {
  brokerUrl: string;
  /** MQTT credentials: a gateway (or admin) token; the user name names the gateway. */
  credentials?: { username: string; password: string };
  prefix: string;
  city: CityInfo;
  patrols: number;
  intervalMs: number;
  seed: number;
  /** Reports per patrol per hour (inspectors file a report every ten minutes or so). */
  reportsPerHour?: number;
  /** Per patrol, the area they walk (their responsibility grid); else anywhere in the district. */
  beats?: Beat[];
}

/** Patrols per MQTT connection: like handsets, the simulator spreads its publishes over connections. */
const PATROLS_PER_CONNECTION = 100;

export function unitIdFor(adcode: string, i: number): string {
  return `${adcode}-p${String(i + 1).padStart(3, '0')}`;
}

/**
 * The demo city's field terminals: N inspectors walking or riding inside the district, each publishing
 * its GPS fix over real MQTT every interval — exactly what a 城管通 handset would send — and now and then
 * an inspector report of a problem found where they stand.
 */
export class PatrolSimulator {
  private clients: MqttClient[] = [];
  private timer: NodeJS.Timeout | undefined;
  private walkers: Walker[];
  private readonly rng;
  private readonly beats: Beat[];
  private reportSeq = 0;
  published = 0;
  reported = 0;

  constructor(private readonly opts: SimulatorOptions) {
    this.rng = seededRng(opts.seed);
    const district = new DistrictArea(opts.city);
    this.beats = Array.from({ length: opts.patrols }, (_, i) => opts.beats?.[i] ?? district);
    this.walkers = Array.from({ length: opts.patrols }, (_, i) => {
      const onBike = this.rng() < 0.4;
      const cruise = onBike ? 3.5 + this.rng() : 1.1 + this.rng() * 0.4;
      return {
        unitId: unitIdFor(opts.city.adcode, i),
        pos: (this.beats[i] as Beat).randomPoint(this.rng),
        heading: this.rng() * 360,
        cruise,
        speed: cruise,
        pausedFor: 0,
      };
    });
  }

  positions(): ReadonlyArray<Walker> {
    return this.walkers;
  }

  async start(): Promise<void> {
    const connections = Math.max(1, Math.ceil(this.walkers.length / PATROLS_PER_CONNECTION));
    const stamp = `${process.pid}-${Math.random().toString(16).slice(2, 8)}`;
    this.clients = Array.from({ length: connections }, (_, i) =>
      mqtt.connect(this.opts.brokerUrl, { clientId: `gridwall-sim-${stamp}-${i}`, reconnectPeriod: 1000, ...(this.opts.credentials ?? {}) }),
    );
    await Promise.all(
      this.clients.map(
        (c) =>
          new Promise<void>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`simulator could not reach ${this.opts.brokerUrl}`)), 10_000);
            c.once('connect', () => {
              clearTimeout(t);
              resolve();
            });
            c.once('error', (err) => {
              clearTimeout(t);
              reject(new Error(`simulator could not connect to ${this.opts.brokerUrl}: ${err.message}`));
            });
          }),
      ),
    );
    this.publishAll();
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
  }

  private tick(): void {
    const dt = this.opts.intervalMs / 1000;
    this.walkers = this.walkers.map((w, i) => stepWalker(w, dt, this.rng, (this.beats[i] as Beat).contains));
    this.publishAll();
    this.maybeReport(dt);
  }

  private clientFor(i: number): MqttClient | undefined {
    const c = this.clients[Math.floor(i / PATROLS_PER_CONNECTION)];
    return c?.connected ? c : undefined; // the broker is away: handsets would buffer, the demo skips
  }

  private publishAll(): void {
    const ts = Date.now();
    this.walkers.forEach((w, i) => {
      const fix: PositionFix = {
        ts,
        lon: Math.round(w.pos[0] * 1e7) / 1e7,
        lat: Math.round(w.pos[1] * 1e7) / 1e7,
        speed: Math.round(w.speed * 10) / 10,
        heading: Math.round(w.heading),
      };
      const client = this.clientFor(i);
      if (!client) return;
      client.publish(`${this.opts.prefix}patrol/${w.unitId}/position`, JSON.stringify(fix), { qos: 0 });
      this.published++;
    });
  }

  /** Each paused inspector (they stop to look at something) may file a report, at the configured rate. */
  private maybeReport(dtS: number): void {
    const perSecond = (this.opts.reportsPerHour ?? 6) / 3600;
    this.walkers.forEach((w, i) => {
      if (this.rng() >= perSecond * dtS) return;
      const client = this.clientFor(i);
      if (!client) return;
      const category = CATEGORIES[Math.floor(this.rng() * CATEGORIES.length)];
      if (!category) return;
      const report: InspectorReport = {
        id: `${w.unitId}-${Date.now().toString(36)}-${++this.reportSeq}`,
        ts: Date.now(),
        lon: Math.round(w.pos[0] * 1e7) / 1e7,
        lat: Math.round(w.pos[1] * 1e7) / 1e7,
        category: category.code,
        description: `${category.name.zh}（巡查发现）`,
        unitId: w.unitId,
      };
      client.publish(`${this.opts.prefix}report`, JSON.stringify(report), { qos: 1 });
      this.reported++;
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await Promise.all(this.clients.map((c) => c.endAsync(true)));
  }
}
