import type { HallConfig } from '../config/config';
import { startEmbeddedBroker } from '../ingest/embedded-broker';
import { ExternalBroker } from '../ingest/external-broker';
import { clusterTopic, topicFilters } from '../ingest/topics';

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
  onTerminalMessage(topic: string, payload: Buffer): void;
  onBroadcast(payload: Buffer): void;
  onClientLimited(clientId: string): void;
  warn(line: string): void;
}

/**
 * Connects ingest to MQTT: the embedded broker (subscribed in-process) by default, or an external broker
 * with a shared subscription per terminal topic and a broadcast topic between hall servers.
 */
export async function connectBroker(config: HallConfig, h: BrokerHandlers): Promise<BrokerLink> {
  const filters = topicFilters(config.topicPrefix);
  if (config.mqtt.mode === 'embedded') {
    const broker = await startEmbeddedBroker({
      host: config.mqtt.host,
      port: config.mqtt.port,
      allowMove: config.movePortsWhenBusy,
      clientRate: config.ingest.clientRate,
      forward: { filter: filters[0] as string, onMessage: h.onTerminalMessage },
      onClientLimited: h.onClientLimited,
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
    sharedFilters: filters,
    shareGroup: config.shareGroup,
    broadcastTopic: topic,
    onShared: h.onTerminalMessage,
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
