import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every counter the hall exposes at /metrics (Prometheus). One registry per hall, so tests can run several. */
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
      help: 'Messages or fixes refused by ingest, by reason and source (mqtt, http)',
      labelNames: ['reason', 'source'] as const,
      registers,
    }),
    ingestIgnored: new Counter({
      name: 'gridwall_ingest_ignored_total',
      help: 'Valid fixes that did not change state: duplicate or older than the latest (out-of-order)',
      labelNames: ['reason'] as const,
      registers,
    }),
    fixAge: new Histogram({
      name: 'gridwall_ingest_fix_age_seconds',
      help: 'Age of accepted fixes on arrival (server clock minus terminal ts)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 15, 60, 300],
      registers,
    }),
    liveClients: new Gauge({ name: 'gridwall_live_clients', help: 'Connected /live surfaces', registers }),
    liveDeltas: new Counter({ name: 'gridwall_live_deltas_total', help: 'Delta messages sent to surfaces', registers }),
    liveBytes: new Counter({ name: 'gridwall_live_sent_bytes_total', help: 'Bytes sent on /live', registers }),
    liveCoalesced: new Counter({
      name: 'gridwall_live_coalesced_total',
      help: 'Patrol updates replaced by a newer one of the same patrol within one tick (only the latest is sent)',
      registers,
    }),
    liveHeld: new Counter({
      name: 'gridwall_live_held_ticks_total',
      help: 'Ticks held back for a surface under backpressure (positions coalesced, events queued)',
      registers,
    }),
    liveDropped: new Counter({
      name: 'gridwall_live_slow_disconnects_total',
      help: 'Surfaces disconnected for falling too far behind (they resume or resync on reconnect)',
      registers,
    }),
    liveResumes: new Counter({ name: 'gridwall_live_joins_total', help: 'Surface joins by kind (snapshot, resumed)', labelNames: ['kind'] as const, registers }),
    tracksWritten: new Counter({ name: 'gridwall_tracks_written_total', help: 'Track fixes written to the database', registers }),
    tracksDropped: new Counter({ name: 'gridwall_tracks_dropped_total', help: 'Track fixes dropped because the database fell too far behind', registers }),
    tracksPending: new Gauge({ name: 'gridwall_tracks_pending', help: 'Track fixes buffered, not yet written', registers }),
    patrols: new Gauge({ name: 'gridwall_patrols', help: 'Patrols known, by status', labelNames: ['status'] as const, registers }),
  };
}

export type HallMetrics = ReturnType<typeof createHallMetrics>;
