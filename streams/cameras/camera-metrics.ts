import { Gauge, type Registry } from 'prom-client';
import type { CameraState } from '../../app/camera/camera';
import { MAX_CAMERAS } from '../../app/camera/camera-spec';

/**
 * `gridwall_cameras_up{camera, state}`: 1 while a camera plays (the gateway's stream is up, or a platform's
 * HLS is not reported offline), else 0; `state` is the gateway's (idle, queued, starting, up, reconnecting,
 * down) or `direct`. One series per camera, recomputed at each scrape, at most MAX_CAMERAS of them, so
 * the cardinality stays bounded however states change.
 */
export function registerCameraMetrics(registry: Registry, cameras: () => readonly CameraState[]): void {
  new Gauge({
    name: 'gridwall_cameras_up',
    help: 'Whether a camera is playing (1) or not (0), with its health state',
    labelNames: ['camera', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const c of cameras().slice(0, MAX_CAMERAS)) {
        // A platform's HLS reported offline, or a camera without a gateway state (the demo's own encoders), by `online`.
        const state = c.state === undefined || (c.state === 'direct' && !c.online) ? (c.online ? 'up' : 'down') : c.state;
        this.set({ camera: c.id, state }, state === 'up' || state === 'direct' ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'gridwall_cameras_registered',
    help: 'Cameras the hall knows',
    registers: [registry],
    collect() {
      this.set(cameras().length);
    },
  });
}
