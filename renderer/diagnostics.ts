import type { WallStore } from './live/live-store';

/**
 * A read-only window onto the wall's live state, for the hall's operations staff and end-to-end tests
 * (`window.gridwallDiagnostics`). It exposes nothing the wall does not already draw.
 */
export function installDiagnostics(store: WallStore): void {
  const diagnostics = {
    seq: () => store.getState().view.seq,
    connection: () => store.getState().connection.state,
    patrolPositions: () => Array.from(store.getState().view.patrols.values(), (p) => ({ unitId: p.unitId, lon: p.lon, lat: p.lat, status: p.status, street: p.street })),
    cameras: () => Array.from(store.getState().view.cameras.values(), (c) => ({ id: c.id, online: c.online })),
  };
  Object.defineProperty(window, 'gridwallDiagnostics', { value: Object.freeze(diagnostics), configurable: false });
}
