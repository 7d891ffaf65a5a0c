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
    let warned = false;
    client.on('error', (err) => this.o.warn(`MQTT (${this.o.url}): ${err.message}`));
    client.on('offline', () => {
      if (!warned) this.o.warn(`MQTT broker ${this.o.url} is unreachable; retrying every second`);
      warned = true;
    });
    client.on('connect', () => (warned = false));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        void client.endAsync(true);
        reject(new ConfigError('MQTT_URL', `MQTT_URL=${this.o.url}: no MQTT broker answered within 10 s.`));
      }, 10_000);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
    });
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
