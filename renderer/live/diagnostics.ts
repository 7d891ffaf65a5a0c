import { cameraChannel } from '../../app/camera/camera-channel';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { latestNow, linkStore } from './live-store';

/**
 * A read-only window onto the wall's live state, for the hall's operations staff and end-to-end tests
 * (`window.gridwallDiagnostics`). It exposes nothing the wall does not already draw.
 */
export function installDiagnostics(layout: string): void {
  const diagnostics = {
    seq: () => linkStore.getState().view.seq,
    connection: () => linkStore.getState().connection.state,
    layout: () => layout,
    patrolPositions: () => Array.from(latestNow(patrolChannel).values(), (p) => ({ unitId: p.unitId, lon: p.lon, lat: p.lat, status: p.status, street: p.street })),
    cameras: () => Array.from(latestNow(cameraChannel).values(), (c) => ({ id: c.id, online: c.online })),
  };
  Object.defineProperty(window, 'gridwallDiagnostics', { value: Object.freeze(diagnostics), configurable: false });
}
