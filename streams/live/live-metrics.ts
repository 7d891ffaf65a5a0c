import { Counter, Gauge, type Registry } from 'prom-client';

/** The fan-out's own metrics (`gridwall_live_*`). */
export function createLiveMetrics(registry: Registry) {
  const registers = [registry];
  return {
    clients: new Gauge({ name: 'gridwall_live_clients', help: 'Connected /live surfaces', registers }),
    deltas: new Counter({ name: 'gridwall_live_deltas_total', help: 'Delta messages sent to surfaces', registers }),
    bytes: new Counter({ name: 'gridwall_live_sent_bytes_total', help: 'Bytes sent on /live', registers }),
    coalesced: new Counter({
      name: 'gridwall_live_coalesced_total',
      help: 'Latest-value updates replaced by a newer one of the same key within one tick (only the latest is sent)',
      registers,
    }),
    held: new Counter({ name: 'gridwall_live_held_ticks_total', help: 'Ticks held back for a surface under backpressure (latest values coalesced, events queued)', registers }),
    slowDisconnects: new Counter({
      name: 'gridwall_live_slow_disconnects_total',
      help: 'Surfaces disconnected for falling too far behind (they resume or resync on reconnect)',
      registers,
    }),
    joins: new Counter({ name: 'gridwall_live_joins_total', help: 'Surface joins by kind (snapshot, resumed)', labelNames: ['kind'] as const, registers }),
    refused: new Counter({ name: 'gridwall_live_refused_total', help: 'Surfaces refused at hello, by reason', labelNames: ['reason'] as const, registers }),
    invalid: new Counter({
      name: 'gridwall_live_invalid_items_total',
      help: 'Items a module published that failed their channel schema (dropped, never sent), by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
    surfaceDropped: new Counter({
      name: 'gridwall_live_surface_dropped_items_total',
      help: 'Items surfaces reported they dropped as invalid, by channel',
      labelNames: ['channel'] as const,
      registers,
    }),
  };
}

export type LiveMetrics = ReturnType<typeof createLiveMetrics>;
