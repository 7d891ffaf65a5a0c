import type { MqttCredential } from '../auth/auth';
import type { HallConfig } from '../config/config';
import { startEmbeddedBroker } from '../ingest/embedded-broker';
import { ExternalBroker } from '../ingest/external-broker';

export interface BrokerLink {
  kind: 'embedded' | 'external';
  /** URL this process and local tools (the simulator) connect with. */
  url: string;
  connected(): boolean;
  /** Publishes to every hall server (external broker only: one server needs no bus). */
  broadcast?: (payload: string) => void;
  notices: string[];
  stop(): Promise<void>;
}

export interface BrokerHandlers {
  instanceId: string;
  /** Terminals' messages; `sender` is `<credential>/<username>` when the embedded broker authenticated them. */
  onTerminalMessage(topic: string, payload: Buffer, sender?: string): void;
  onBroadcast(payload: Buffer): void;
  onClientLimited(clientId: string): void;
  onRefused(reason: string, detail: string): void;
  credentials: MqttCredential[];
  warn(line: string): void;
}

/** Hall servers sharing a broker talk on this topic (see cluster/cluster-bus.ts). */
export function clusterTopic(prefix: string): string {
  return `${prefix}_cluster/state`;
}

/**
 * Connects ingest to MQTT: the embedded broker (authenticating terminals itself) by default, or an
 * external broker with a shared subscription to the terminal topics and a broadcast topic between hall
 * servers (the broker's own ACL then decides who may publish what; see README).
 */
export async function connectBroker(config: HallConfig, h: BrokerHandlers): Promise<BrokerLink> {
  const filter = `${config.topicPrefix}#`;
  if (config.mqtt.mode === 'embedded') {
    const broker = await startEmbeddedBroker({
      host: config.mqtt.host,
      hostSetting: config.mqtt.hostSetting,
      port: config.mqtt.port,
      allowMove: config.movePortsWhenBusy,
      clientRate: config.ingest.clientRate,
      credentials: h.credentials,
      forward: { prefix: config.topicPrefix, onMessage: h.onTerminalMessage },
      onClientLimited: h.onClientLimited,
      onRefused: h.onRefused,
    });
    const notices =
      broker.bound.movedFrom !== undefined
        ? [`MQTT port ${broker.bound.movedFrom} is busy (another broker?); the embedded broker listens on port ${broker.bound.port} instead. Set MQTT_PORT to choose.`]
        : [];
    return { kind: 'embedded', url: broker.url, connected: () => true, notices, stop: () => broker.close() };
  }
  const topic = clusterTopic(config.topicPrefix);
  const ext = new ExternalBroker({
    url: config.mqtt.url,
    clientId: `gridwall-${h.instanceId}`,
    sharedFilters: [filter],
    shareGroup: config.shareGroup,
    broadcastTopic: topic,
    onShared: (t, p) => h.onTerminalMessage(t, p),
    onBroadcast: h.onBroadcast,
    warn: h.warn,
  });
  await ext.start();
  return {
    kind: 'external',
    url: config.mqtt.url,
    connected: () => ext.connected,
    broadcast: (payload) => ext.publish(topic, payload),
    notices: [],
    stop: () => ext.stop(),
  };
}
