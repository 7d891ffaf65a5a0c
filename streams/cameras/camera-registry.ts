import type { CameraState } from '../../app/camera/camera';
import { canonical } from './canonical-json';

/** Whether two states show the same thing (the status time aside): keys in any order. */
function sameState(a: CameraState, b: CameraState): boolean {
  const { statusAt: _a, ...x } = a;
  const { statusAt: _b, ...y } = b;
  return canonical(x) === canonical(y);
}

export type StatusOutcome = 'ok' | 'unknown-camera' | 'stale';

/**
 * Current state of every camera the hall knows; changes go to the live fan-out. Ordered by `statusAt`:
 * a status older than the one shown (a late message) never overwrites it.
 */
export class CameraRegistry {
  private readonly cameras = new Map<string, CameraState>();

  constructor(private readonly onChange: (c: CameraState, relay: boolean) => void = () => {}) {}

  /** Registers or updates a camera. Returns false for a state older than the one held. */
  upsert(c: CameraState, relay = true): boolean {
    const prev = this.cameras.get(c.id);
    if (prev && c.statusAt < prev.statusAt) return false;
    this.cameras.set(c.id, c);
    if (!prev || !sameState(prev, c)) this.onChange(c, relay);
    return true;
  }

  /** Forgets a camera (deleted from the registry). False when it was not known. */
  remove(id: string): boolean {
    return this.cameras.delete(id);
  }

  /** A status reported by a video platform or the camera itself, at `ts`. */
  status(id: string, online: boolean, ts: number): StatusOutcome {
    const cam = this.cameras.get(id);
    if (!cam) return 'unknown-camera';
    if (ts < cam.statusAt) return 'stale';
    const { reason: _reason, detail: _detail, ...rest } = cam;
    this.upsert(online ? { ...rest, online, statusAt: ts } : { ...rest, online, reason: 'reported-offline', statusAt: ts });
    return 'ok';
  }

  get(id: string): CameraState | undefined {
    return this.cameras.get(id);
  }

  list(): CameraState[] {
    return Array.from(this.cameras.values());
  }
}
