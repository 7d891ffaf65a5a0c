import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cameraDetail, type CameraReason, type CameraState } from '../../app/camera/camera';
import { demoCameraArgs } from './demo-camera-args';

export interface DemoCameraOptions {
  id: string;
  name: string;
  lon?: number;
  lat?: number;
  ffmpeg: string | undefined;
  /** Why ffmpeg is unavailable, shown on the tile. */
  missingReason?: CameraReason;
  videoRoot: string;
  fontFile?: string;
  timeZone: string;
  variant: number;
  onState: (c: Omit<CameraState, 'street' | 'community' | 'grid'>) => void;
  /** Whether exhibit (visitor) surfaces may show this camera. */
  exhibit?: boolean;
}

const BACKOFF_MS = [1000, 2000, 5000, 10_000, 30_000];

/**
 * One synthetic demo camera: keeps an ffmpeg process writing live HLS into `videoRoot/<id>/`,
 * reports online once the playlist appears, offline (with the reason) when ffmpeg dies, and restarts
 * it with backoff. Without ffmpeg it stays offline with a clear reason; it never throws.
 */
export class DemoCamera {
  private proc: ChildProcess | undefined;
  private stopped = false;
  private failures = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private watchTimer: NodeJS.Timeout | undefined;
  private stderrTail = '';
  readonly dir: string;

  constructor(private readonly o: DemoCameraOptions) {
    this.dir = path.join(o.videoRoot, o.id);
  }

  private state(online: boolean, reason?: CameraReason, detail?: string): CameraState {
    const s: CameraState = { id: this.o.id, name: this.o.name, hls: `/video/${this.o.id}/index.m3u8`, online, statusAt: Date.now() };
    if (reason) s.reason = reason;
    if (detail) s.detail = cameraDetail(detail);
    if (this.o.exhibit !== undefined) s.exhibit = this.o.exhibit;
    if (this.o.lon !== undefined && this.o.lat !== undefined) {
      s.lon = this.o.lon;
      s.lat = this.o.lat;
    }
    return s;
  }

  async start(): Promise<void> {
    if (!this.o.ffmpeg) {
      this.o.onState(this.state(false, this.o.missingReason ?? 'ffmpeg-missing'));
      return;
    }
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    // Without a CJK font the Chinese name would burn in as boxes: fall back to the id alone.
    const label = this.o.fontFile ? `${this.o.name}  ${this.o.id.toUpperCase()}` : this.o.id.toUpperCase();
    await writeFile(path.join(this.dir, 'label.txt'), label);
    this.o.onState(this.state(false, 'starting'));
    this.spawn();
  }

  private spawn(): void {
    if (this.stopped || !this.o.ffmpeg) return;
    const args = demoCameraArgs({
      outDir: this.dir,
      labelFile: path.join(this.dir, 'label.txt'),
      fontFile: this.o.fontFile,
      width: 1280,
      height: 720,
      fps: 25,
      segmentSeconds: 1,
      listSize: 10,
      variant: this.o.variant,
    });
    const proc = spawn(this.o.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, TZ: this.o.timeZone } });
    this.proc = proc;
    this.stderrTail = '';
    proc.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2000);
    });
    proc.once('error', (err) => this.onExit('error', `ffmpeg failed to start: ${err.message}`));
    proc.once('exit', (code, signal) => this.onExit('exited', `ffmpeg exited (${signal ?? code})`));
    this.watchForPlaylist(proc);
  }

  private watchForPlaylist(proc: ChildProcess): void {
    const playlist = path.join(this.dir, 'index.m3u8');
    const spawnedAt = Date.now();
    const check = async () => {
      if (this.proc !== proc || this.stopped) return;
      // Only a playlist this encoder wrote counts: the last one's file outlives it.
      const ok = await stat(playlist).then(
        (s) => s.size > 0 && s.mtimeMs >= spawnedAt - 1000,
        () => false,
      );
      if (ok) {
        this.failures = 0;
        this.o.onState(this.state(true));
      } else this.watchTimer = setTimeout(check, 250);
    };
    void check();
  }

  private onExit(reason: CameraReason, why: string): void {
    if (this.proc === undefined) return;
    this.proc = undefined;
    if (this.stopped) return;
    // The encoder's last line helps the operator; it is one printable line, capped, never raw stderr.
    const last = this.stderrTail.trim().split('\n').at(-1);
    this.o.onState(this.state(false, reason, last ? `${why}: ${last}` : why));
    const delay = BACKOFF_MS[Math.min(this.failures++, BACKOFF_MS.length - 1)];
    this.restartTimer = setTimeout(() => this.spawn(), delay);
  }

  /** Kills the encoder (tests use this to prove the restart path). */
  crashForTest(): void {
    this.proc?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.watchTimer);
    const proc = this.proc;
    this.proc = undefined;
    if (proc && proc.exitCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 2000);
      await gone;
      clearTimeout(timer);
    }
  }
}

/** Removes playlists left by an earlier run so the wall never plays a stale stream. */
export async function clearVideoRoot(videoRoot: string): Promise<void> {
  await mkdir(videoRoot, { recursive: true });
  for (const entry of await readdir(videoRoot)) await rm(path.join(videoRoot, entry), { recursive: true, force: true });
}
