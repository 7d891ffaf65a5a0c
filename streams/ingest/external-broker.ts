import mqtt, { type MqttClient } from 'mqtt';
import { ConfigError } from '../config/config';

export interface ExternalBrokerOptions {
  url: string;
  clientId: string;
  /** Topic filters to receive through a shared subscription: each message goes to one server of the group. */
  sharedFilters: string[];
  shareGroup: string;
  /** Topic every server receives (the cluster bus). */
  broadcastTopic: string;
  onShared(topic: string, payload: Buffer): void;
  onBroadcast(payload: Buffer): void;
  warn(line: string): void;
}

/** A broker URL fit for a log line: its password hidden. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * The hall server's client of an external broker (Mosquitto, EMQX). Terminal topics are taken through
 * `$share/<group>/…` so several servers split the load and each fix is ingested once. Reconnects by itself
 * and subscribes again after a broker restart.
 */
export class ExternalBroker {
  private client: MqttClient | undefined;

  constructor(private readonly o: ExternalBrokerOptions) {}

  async start(): Promise<void> {
    const client = mqtt.connect(this.o.url, {
      clientId: this.o.clientId,
      reconnectPeriod: 1000,
      connectTimeout: 5000,
      // Credentials, when the broker needs them, come in the URL: mqtt://user:password@host:1883
      clean: true,
      protocolVersion: 5,
    });
    this.client = client;
    const shared = this.o.sharedFilters.map((f) => `$share/${this.o.shareGroup}/${f}`);
    client.on('connect', () => {
      client.subscribe(shared, { qos: 0 }, (err) => {
        if (err) this.o.warn(`MQTT subscribe failed: ${err.message}`);
      });
      // No Local (MQTT 5): the broker does not echo this server's own broadcasts back to it.
      client.subscribe(this.o.broadcastTopic, { qos: 0, nl: true }, (err) => {
        if (err) this.o.warn(`MQTT subscribe failed: ${err.message}`);
      });
    });
    client.on('message', (topic, payload) => {
      if (topic === this.o.broadcastTopic) this.o.onBroadcast(payload);
      else this.o.onShared(topic, payload);
    });
    // The first start must say at once whether the broker is there: refused or unknown hosts fail fast,
    // silent ones after the connect timeout. Later outages are retried (above) without stopping the hall.
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.removeListener('error', onError);
        void client.endAsync(true);
        reject(new ConfigError('MQTT_URL', `MQTT_URL=${redact(this.o.url)}: ${why}`));
      };
      const onError = (err: Error) => fail(`the broker refused or could not be reached (${err.message}).`);
      const timer = setTimeout(() => fail('no MQTT broker answered within 5 s.'), 5000);
      client.once('error', onError);
      // A refused connection may surface only as a close (no error event): give its error a moment first.
      client.once('close', () => setTimeout(() => fail('the broker could not be reached (connection refused or closed).'), 50));
      client.once('connect', () => {
        settled = true;
        clearTimeout(timer);
        client.removeListener('error', onError);
        resolve();
      });
    });
    // From now on an outage is retried, and said once per outage.
    let warned = false;
    client.on('error', (err) => this.o.warn(`MQTT (${redact(this.o.url)}): ${err.message}`));
    client.on('offline', () => {
      if (!warned) this.o.warn(`MQTT broker ${redact(this.o.url)} is unreachable; retrying every second`);
      warned = true;
    });
    client.on('connect', () => (warned = false));
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  publish(topic: string, payload: string): void {
    if (this.client?.connected) this.client.publish(topic, payload, { qos: 0 });
  }

  async stop(): Promise<void> {
    await this.client?.endAsync(true);
  }
}
