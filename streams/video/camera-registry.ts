import type { CameraState } from '../../app/camera/camera';

/** Current state of every camera the hall knows; changes go to the live fan-out. */
export class CameraRegistry {
  private readonly cameras = new Map<string, CameraState>();

  constructor(private readonly onChange: (c: CameraState) => void = () => {}) {}

  upsert(c: CameraState): void {
    const prev = this.cameras.get(c.id);
    if (prev && prev.online === c.online && prev.reason === c.reason && prev.hls === c.hls && prev.name === c.name) return;
    this.cameras.set(c.id, c);
    this.onChange(c);
  }

  get(id: string): CameraState | undefined {
    return this.cameras.get(id);
  }

  list(): CameraState[] {
    return Array.from(this.cameras.values());
  }
}
