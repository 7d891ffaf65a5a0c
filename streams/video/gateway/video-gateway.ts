import { DEFAULT_CAMERA_HOSTS, parseHostRules, type HostRule } from '../../../app/camera/host-rules';
import type { ModuleLog } from '../../hall/hall-module';
import { GatewayCamera } from './gateway-camera';
import type { DvrSegment, GatewayHealth, PulledSource } from './gateway-types';
import type { Lookup } from './host-guard';
import { ffprobeBeside } from './probe-codec';

export interface VideoGatewayOptions {
  /** `<data>/video`: each camera writes into its own folder there, served under /video/. */
  videoRoot: string;
  /** Absent: every pulled camera stays down with this reason. */
  ffmpeg: string | undefined;
  ffmpegMissing?: string;
  timeZone: string;
  fontFile?: string;
  log: ModuleLog;
  /** Encoders at once (default 16); more watched cameras wait in a queue, first asked first served. */
  maxRunning?: number;
  /** An encoder runs on this long after the last request for its stream (default 30 s). */
  graceMs?: number;
  /** Seconds of video kept on disk per running camera for evidence (default 120). */
  dvrSeconds?: number;
  /** No new segment for this long restarts the encoder (default 10 s). */
  stallMs?: number;
  /**
   * The hall's camera hosts (GRIDWALL_CAMERA_HOSTS as the cameras module reads it; default loopback and the LAN):
   * every connection ffmpeg makes for a camera — redirects and HLS segments included — must stay within them.
   */
  hosts?: readonly HostRule[];
  /** DNS for the guards (tests). */
  lookup?: Lookup;
  now?: () => number;
}

interface Entry {
  source: PulledSource;
  cam?: GatewayCamera;
  /** Last time a surface asked for its stream; 0: never. */
  demandAt: number;
  queuedAt?: number;
  health: GatewayHealth;
}

const TICK_MS = 1000;

/**
 * The video gateway: one ffmpeg per pulled camera, started when a surface shows it and stopped after a
 * grace period, at most `maxRunning` at once (the rest queued), each with its DVR window and health.
 * Cameras played straight from a video platform's HLS never come here.
 */
export class VideoGateway {
  private readonly cameras = new Map<string, Entry>();
  private readonly listeners: Array<(id: string, h: GatewayHealth) => void> = [];
  private readonly timer: NodeJS.Timeout;
  private readonly now: () => number;
  private readonly max: number;
  private readonly graceMs: number;
  private readonly hosts: readonly HostRule[];
  private stopped = false;

  constructor(private readonly o: VideoGatewayOptions) {
    this.now = o.now ?? Date.now;
    this.max = o.maxRunning ?? 16;
    this.graceMs = o.graceMs ?? 30_000;
    this.hosts = o.hosts ?? parseHostRules(DEFAULT_CAMERA_HOSTS).rules;
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  onHealth(fn: (id: string, h: GatewayHealth) => void): void {
    this.listeners.push(fn);
  }

  private emit(id: string, e: Entry, h: GatewayHealth): void {
    e.health = h;
    for (const fn of this.listeners) fn(id, h);
  }

  /** Registers or replaces a pulled camera; it starts when demanded. */
  register(id: string, source: PulledSource): void {
    const prev = this.cameras.get(id);
    if (prev && JSON.stringify(prev.source) === JSON.stringify(source)) return;
    if (prev?.cam) void prev.cam.stop();
    const e: Entry = { source, demandAt: prev?.demandAt ?? 0, health: { state: 'idle', since: this.now(), restarts: 0 } };
    if (!this.o.ffmpeg) e.health = { state: 'down', reason: this.o.ffmpegMissing ?? 'ffmpeg was not found', since: this.now(), restarts: 0 };
    this.cameras.set(id, e);
    this.emit(id, e, e.health);
    if (e.demandAt > 0) this.demand(id);
  }

  async unregister(id: string): Promise<void> {
    const e = this.cameras.get(id);
    this.cameras.delete(id);
    await e?.cam?.stop();
  }

  has(id: string): boolean {
    return this.cameras.has(id);
  }

  /** A surface shows the camera: keep (or get) its encoder running. */
  demand(id: string): void {
    const e = this.cameras.get(id);
    if (!e || this.stopped || !this.o.ffmpeg) return;
    e.demandAt = this.now();
    if (e.cam || e.queuedAt !== undefined) return;
    if (this.running() < this.max) this.launch(id, e);
    else {
      e.queuedAt = e.demandAt;
      this.emit(id, e, { state: 'queued', reason: `waiting for one of ${this.max} encoder slots`, since: this.now(), restarts: e.health.restarts });
    }
  }

  private running(): number {
    let n = 0;
    for (const e of this.cameras.values()) if (e.cam) n++;
    return n;
  }

  private launch(id: string, e: Entry): void {
    const ffmpeg = this.o.ffmpeg as string;
    delete e.queuedAt;
    const cam = new GatewayCamera(id, e.source, {
      videoRoot: this.o.videoRoot,
      ffmpeg,
      ffprobe: ffprobeBeside(ffmpeg),
      timeZone: this.o.timeZone,
      dvrMs: (this.o.dvrSeconds ?? 120) * 1000,
      segmentSeconds: 1,
      stallMs: this.o.stallMs ?? 10_000,
      hosts: this.hosts,
      ...(this.o.lookup ? { lookup: this.o.lookup } : {}),
      now: this.now,
      onHealth: (h) => {
        if (this.cameras.get(id)?.cam === cam) this.emit(id, e, h);
        if (h.state === 'down' && h.reason) this.o.log.warn('camera-down', `camera ${id}: ${h.reason}`);
      },
      ...(this.o.fontFile ? { fontFile: this.o.fontFile } : {}),
    });
    e.cam = cam;
    cam.start().catch((err: Error) => this.o.log.warn('gateway', `camera ${id} could not start (${err.message})`));
  }

  private async tick(): Promise<void> {
    const now = this.now();
    for (const [id, e] of this.cameras) {
      if (e.cam && now - e.demandAt > this.graceMs) {
        const cam = e.cam;
        delete e.cam;
        await cam.stop();
        this.emit(id, e, { state: 'idle', since: now, restarts: e.health.restarts });
      }
    }
    // Free slots go to the longest waiting.
    const waiting = [...this.cameras].filter(([, e]) => e.queuedAt !== undefined).sort((a, b) => (a[1].queuedAt ?? 0) - (b[1].queuedAt ?? 0));
    for (const [id, e] of waiting) {
      if (this.running() >= this.max) break;
      if (now - e.demandAt > this.graceMs) delete e.queuedAt;
      else this.launch(id, e);
    }
  }

  health(id: string): GatewayHealth | undefined {
    return this.cameras.get(id)?.health;
  }

  dvr(id: string): readonly DvrSegment[] {
    return this.cameras.get(id)?.cam?.dvr() ?? [];
  }

  /** The running encoder of a camera (tests and fault drills kill it). */
  encoder(id: string): GatewayCamera | undefined {
    return this.cameras.get(id)?.cam;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all([...this.cameras.values()].map((e) => e.cam?.stop()));
  }
}
