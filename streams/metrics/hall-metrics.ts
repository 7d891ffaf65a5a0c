import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * The hall's Prometheus registry (one per hall, so tests can run several) with the process metrics and
 * the ingest counters every module reports through. Modules add their own metrics to the registry.
 */
export function createHallMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gridwall_' });
  const registers = [registry];
  return {
    registry,
    ingestAccepted: new Counter({
      name: 'gridwall_ingest_accepted_total',
      help: 'Messages accepted by ingest, by kind (fix, report, camera-status)',
      labelNames: ['kind'] as const,
      registers,
    }),
    ingestRejected: new Counter({
      name: 'gridwall_ingest_rejected_total',
      help: 'Messages or fixes refused by ingest, by reason and source (mqtt, http, mqtt-client, cluster)',
      labelNames: ['reason', 'source'] as const,
      registers,
    }),
    clusterDropped: new Counter({
      name: 'gridwall_cluster_dropped_total',
      help: 'Cluster messages (or items) from the broker dropped: bad signature, stale, malformed, invalid items',
      labelNames: ['reason'] as const,
      registers,
    }),
    brokerRefused: new Counter({
      name: 'gridwall_mqtt_refused_total',
      help: 'MQTT connections, publishes and subscriptions the embedded broker refused, by reason',
      labelNames: ['reason'] as const,
      registers,
    }),
  };
}

export type HallMetrics = ReturnType<typeof createHallMetrics>;
