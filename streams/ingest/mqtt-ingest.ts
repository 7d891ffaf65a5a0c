import mqtt, { type MqttClient } from 'mqtt';
import type { PatrolRegistry } from '../patrol/patrol-registry';
import { decodeFixPayload, type RejectReason } from './decode-fix';
import { parseTopic, topicFilters } from './topics';

export interface IngestCounters {
  accepted: number;
  duplicate: number;
  outOfOrder: number;
  rejected: Partial<Record<RejectReason | 'unknown-topic' | 'too-large', number>>;
}

export interface MqttIngestOptions {
  url: string;
  prefix: string;
  registry: PatrolRegistry;
  clientId?: string;
  maxPayloadBytes?: number;
  warn?: (msg: string) => void;
}

/**
 * The hall server's own MQTT client: subscribes to terminal topics, validates every payload and
 * feeds accepted fixes to the patrol registry. Reconnects by itself when the broker restarts.
 */
export class MqttIngest {
  readonly counters: IngestCounters = { accepted: 0, duplicate: 0, outOfOrder: 0, rejected: {} };
  private client: MqttClient | undefined;

  constructor(private readonly opts: MqttIngestOptions) {}

  async start(): Promise<void> {
    const client = mqtt.connect(this.opts.url, {
      clientId: this.opts.clientId ?? `gridwall-hall-${process.pid}-${Math.random().toString(16).slice(2, 8)}`,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      clean: true,
    });
    this.client = client;
    client.on('message', (topic, payload) => this.onMessage(topic, payload));
    client.on('connect', () => {
      client.subscribe(topicFilters(this.opts.prefix), { qos: 0 }, (err) => {
        if (err) this.opts.warn?.(`MQTT subscribe failed: ${err.message}`);
      });
    });
    client.on('error', (err) => this.opts.warn?.(`MQTT: ${err.message}`));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`could not reach the MQTT broker at ${this.opts.url} within 10 s`)), 10_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private reject(reason: keyof IngestCounters['rejected']): void {
    this.counters.rejected[reason] = (this.counters.rejected[reason] ?? 0) + 1;
  }

  onMessage(topic: string, payload: Buffer): void {
    if (payload.length > (this.opts.maxPayloadBytes ?? 64 * 1024)) return this.reject('too-large');
    const t = parseTopic(this.opts.prefix, topic);
    if (t.kind !== 'position') {
      // Reports and camera status are ingested by later capabilities; anything else is noise.
      if (t.kind === 'unknown') this.reject('unknown-topic');
      return;
    }
    const now = Date.now();
    for (const r of decodeFixPayload(payload, t.unitId, now)) {
      if (!r.ok) {
        this.reject(r.reason);
        continue;
      }
      const outcome = this.opts.registry.applyFix(r.fix, now);
      if (outcome === 'accepted') this.counters.accepted++;
      else if (outcome === 'duplicate') this.counters.duplicate++;
      else this.counters.outOfOrder++;
    }
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async stop(): Promise<void> {
    await this.client?.endAsync(true);
  }
}
