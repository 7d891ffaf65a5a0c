import mqtt, { type MqttClient } from 'mqtt';
import type { CityInfo } from '../../app/city/city';
import type { PositionFix } from '../../app/patrol/position-fix';
import { positionTopic } from '../ingest/topics';
import { DistrictArea } from './district-area';
import { seededRng, stepWalker, type Walker } from './walker';

export interface SimulatorOptions {
  brokerUrl: string;
  prefix: string;
  city: CityInfo;
  patrols: number;
  intervalMs: number;
  seed: number;
}

export function unitIdFor(adcode: string, i: number): string {
  return `${adcode}-p${String(i + 1).padStart(3, '0')}`;
}

/**
 * The demo city's field terminals: N inspectors walking or riding inside the district, each publishing
 * its GPS fix over real MQTT every interval — exactly what a 城管通 handset would send.
 */
export class PatrolSimulator {
  private client: MqttClient | undefined;
  private timer: NodeJS.Timeout | undefined;
  private walkers: Walker[];
  private readonly rng;
  private readonly area: DistrictArea;
  published = 0;

  constructor(private readonly opts: SimulatorOptions) {
    this.rng = seededRng(opts.seed);
    this.area = new DistrictArea(opts.city);
    this.walkers = Array.from({ length: opts.patrols }, (_, i) => {
      const onBike = this.rng() < 0.4;
      const cruise = onBike ? 3.5 + this.rng() : 1.1 + this.rng() * 0.4;
      return {
        unitId: unitIdFor(opts.city.adcode, i),
        pos: this.area.randomPoint(this.rng),
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
    this.client = mqtt.connect(this.opts.brokerUrl, {
      clientId: `gridwall-sim-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 1000,
    });
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`simulator could not reach ${this.opts.brokerUrl}`)), 10_000);
      this.client?.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.publishAll();
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
  }

  private tick(): void {
    const dt = this.opts.intervalMs / 1000;
    this.walkers = this.walkers.map((w) => stepWalker(w, dt, this.rng, this.area.contains));
    this.publishAll();
  }

  private publishAll(): void {
    const client = this.client;
    if (!client?.connected) return; // the broker is away; terminals would buffer, the demo just skips
    const ts = Date.now();
    for (const w of this.walkers) {
      const fix: PositionFix = {
        ts,
        lon: Math.round(w.pos[0] * 1e7) / 1e7,
        lat: Math.round(w.pos[1] * 1e7) / 1e7,
        speed: Math.round(w.speed * 10) / 10,
        heading: Math.round(w.heading),
      };
      client.publish(positionTopic(this.opts.prefix, w.unitId), JSON.stringify(fix), { qos: 0 });
      this.published++;
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client?.endAsync(true);
  }
}
