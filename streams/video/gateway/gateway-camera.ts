import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { HostRule } from '../../../app/camera/host-rules';
import { redactText } from '../../../app/camera/redact-url';
import { printable } from '../../../app/text/printable';
import { DvrWindow } from './dvr-window';
import { gatewayArgs } from './gateway-args';
import type { DvrSegment, GatewayHealth, GatewayState, PulledSource } from './gateway-types';
import { playlistSegments } from './hls-playlist';
import { maskImage } from './mask-image';
import type { Lookup } from './host-guard';
import { probeVideoCodec, type CodecProbe } from './probe-codec';
import { openSourceGuard, proxyFreeEnv, type GuardedInput, type SourceGuard } from './source-guard';

export interface GatewayCameraDeps {
  videoRoot: string;
  ffmpeg: string;
  /** ffprobe next to ffmpeg: H.264 sources are copied, not re-encoded. */
  ffprobe: string;
  fontFile?: string;
  /** The hall's zone: the synthetic cameras' burned-in clock shows it. */
  timeZone: string;
  dvrMs: number;
  segmentSeconds: number;
  /** No new segment for this long while running counts as a dead source: the encoder is restarted. */
  stallMs: number;
  /** The hall's camera hosts: every connection ffmpeg makes for the camera must stay within them. */
  hosts: readonly HostRule[];
  lookup?: Lookup;
  onHealth(h: GatewayHealth): void;
  now(): number;
}

// Short at first: a camera back after a network cut of ~10 s should be on the wall within seconds.
const BACKOFF_MS = [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 2000, 5000, 10_000, 30_000];
const POLL_MS = 500;
/** Consecutive failures after which the camera is reported down (it keeps retrying at the longest backoff). */
const DOWN_AFTER = 5;

/**
 * Removes credentials from anything ffmpeg says: the source URL (and `aliases`, what ffmpeg was given for
 * it, e.g. the relay's URL) becomes `<source>`, then any `scheme://user:pass@` and secret query values go.
 */
export function scrub(text: string, source: PulledSource, aliases: readonly string[] = []): string {
  let t = text;
  if (source.kind === 'rtsp' || source.kind === 'http') for (const u of [source.url, ...aliases]) t = t.split(u).join('<source>');
  t = redactText(t.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1'));
  return printable(t.trim(), 200);
}

/**
 * One pulled camera while it is watched: ffmpeg writing live HLS into `videoRoot/<id>/`, its DVR window
 * kept from the playlist it writes, health from the segments that actually arrive (a process that runs
 * but delivers nothing is dead too), restarts with backoff that continue the segment numbering.
 */
export class GatewayCamera {
  private proc: ChildProcess | undefined;
  private stopped = true;
  private failures = 0;
  private restarts = 0;
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private stderrTail = '';
  private spawnedAt = 0;
  private lastNewAt = 0;
  /** The last good probe of the source (codec and size): reused on restarts until a run gives no video. */
  private probed: Extract<CodecProbe, { ok: true }> | undefined;
  private guard: SourceGuard | undefined;
  private aliases: string[] = [];
  /** Why the guard refused a connection of the current ffmpeg or ffprobe: the reason it failed. */
  private refusal: string | undefined;
  /** An allowed host that did not answer since the last new segment: the likely reason ffmpeg fails. */
  private unreachable: string | undefined;
  private h: GatewayHealth;
  readonly dir: string;
  readonly window: DvrWindow;

  constructor(
    readonly id: string,
    readonly source: PulledSource,
    private readonly d: GatewayCameraDeps,
  ) {
    this.dir = path.join(d.videoRoot, id);
    this.window = new DvrWindow(this.dir, d.dvrMs);
    this.h = { state: 'idle', since: d.now(), restarts: 0 };
  }

  health(): GatewayHealth {
    return this.h;
  }

  dvr(): readonly DvrSegment[] {
    return this.window.segments();
  }

  private set(state: GatewayState, reason?: string): void {
    if (this.h.state === state && this.h.reason === reason) return;
    const h: GatewayHealth = { state, since: this.d.now(), restarts: this.restarts };
    if (reason) h.reason = reason;
    if (this.h.lastSegmentAt !== undefined) h.lastSegmentAt = this.h.lastSegmentAt;
    this.h = h;
    this.d.onHealth(h);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    if (this.source.kind === 'synthetic') await writeFile(path.join(this.dir, 'label.txt'), this.d.fontFile ? `${this.source.label}  ${this.id.toUpperCase()}` : this.id.toUpperCase());
    this.set('starting');
    void this.spawn();
  }

  private say(text: string): string {
    return scrub(text, this.source, this.aliases);
  }

  /** A connection ffmpeg asked for is not allowed: stop it now (it might go on with other HLS segments). */
  private refused(reason: string): void {
    this.refusal ??= reason;
    this.proc?.kill('SIGKILL');
  }

  /** The camera's guard (source-guard.ts), opened once; what ffmpeg and ffprobe are given this run. */
  private async guarded(): Promise<GuardedInput | undefined> {
    const src = this.source;
    if (src.kind !== 'rtsp' && src.kind !== 'http') return undefined;
    this.guard ??= await openSourceGuard(src, { hosts: this.d.hosts, ...(this.d.lookup ? { lookup: this.d.lookup } : {}), onRefused: (r) => this.refused(r), onUnreachable: (r) => (this.unreachable = r) });
    if (!this.guard) throw new Error('no guard for a network source');
    this.guard.reset();
    const input = this.guard.input();
    this.aliases = input.aliases;
    return input;
  }

  private async spawn(): Promise<void> {
    if (this.stopped) return;
    let input: GuardedInput | undefined;
    try {
      input = await this.guarded();
    } catch (err) {
      return this.failed(`the gateway could not guard the camera's connections (${this.say((err as Error).message)})`);
    }
    if (this.stopped) return void this.closeGuard();
    this.refusal = undefined;
    this.unreachable = undefined;
    const s = input?.source ?? this.source;
    let copy = false;
    let size: [number, number] = s.kind === 'synthetic' ? [s.width ?? 960, s.height ?? 540] : [0, 0];
    if (s.kind !== 'synthetic') {
      const access = input ? { env: input.env, ...(input.httpProxy ? { httpProxy: input.httpProxy } : {}) } : {};
      // Probed once per camera, not per restart: a camera back from a cut is on the wall a second sooner.
      const codec = this.probed ?? (await probeVideoCodec(this.d.ffprobe, s, Math.ceil(this.d.stallMs / 1000), access));
      if (this.stopped) return;
      if (codec.ok) this.probed = codec;
      // A refused connection while probing (a foreign HLS segment, a redirect) fails it even if the probe got a picture.
      if (this.refusal) return this.failed(this.say(this.refusal));
      if (!codec.ok) return this.failed(this.say(this.unreachable ?? codec.reason));
      copy = codec.codec === 'h264';
      size = [codec.width, codec.height];
    }
    const maskFile = s.masks?.length ? path.join(this.dir, 'masks.pam') : undefined;
    if (maskFile) await writeFile(maskFile, maskImage(s.masks ?? [], size[0], size[1]));
    const args = gatewayArgs(s, { outDir: this.dir, startNumber: this.window.nextNumber(), segmentSeconds: this.d.segmentSeconds, listSize: 6 }, {
      copy,
      ioTimeoutS: Math.ceil(this.d.stallMs / 1000),
      ...(s.kind === 'synthetic' ? { labelFile: path.join(this.dir, 'label.txt') } : {}),
      ...(this.d.fontFile ? { fontFile: this.d.fontFile } : {}),
      ...(maskFile ? { maskFile } : {}),
      ...(input?.httpProxy ? { httpProxy: input.httpProxy } : {}),
    });
    const env = { ...(input?.env ?? proxyFreeEnv(process.env)), TZ: this.d.timeZone };
    const proc = spawn(this.d.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'], env });
    this.proc = proc;
    this.stderrTail = '';
    this.spawnedAt = this.d.now();
    this.lastNewAt = this.spawnedAt;
    proc.stderr?.on('data', (b: Buffer) => {
      this.stderrTail = (this.stderrTail + b.toString()).slice(-2000);
    });
    proc.once('error', (err) => this.exited(proc, `ffmpeg failed to start: ${err.message}`));
    proc.once('exit', (code, signal) => this.exited(proc, `ffmpeg exited (${signal ?? code})`));
    this.poll(proc);
  }

  private poll(proc: ChildProcess): void {
    const tick = async () => {
      if (this.proc !== proc || this.stopped) return;
      const text = await readFile(path.join(this.dir, 'index.m3u8'), 'utf8').catch(() => '');
      const fresh = text ? this.window.add(playlistSegments(text)) : [];
      const now = this.d.now();
      if (fresh.length > 0) {
        this.lastNewAt = now;
        this.failures = 0;
        this.unreachable = undefined;
        const last = fresh.at(-1) as DvrSegment;
        this.h = { ...this.h, lastSegmentAt: last.start };
        this.set('up');
      } else if (now - this.lastNewAt > this.d.stallMs) {
        // Running but delivering nothing (a camera that stopped sending, a network cut): start again.
        this.stderrTail += `\nno new video for ${Math.round((now - this.lastNewAt) / 1000)} s`;
        proc.kill('SIGKILL');
        return;
      }
      await this.window.prune(now).catch(() => 0);
      if (this.proc === proc && !this.stopped) this.poller = setTimeout(() => void tick(), POLL_MS);
    };
    this.poller = setTimeout(() => void tick(), POLL_MS);
  }

  private exited(proc: ChildProcess, why: string): void {
    if (this.proc !== proc) return;
    this.proc = undefined;
    clearTimeout(this.poller);
    if (this.stopped) return;
    const last = this.stderrTail.trim().split('\n').at(-1);
    // A camera that answered but gave no video with what was probed may have changed codec: probe again.
    if (this.lastNewAt === this.spawnedAt && !this.unreachable && !this.refusal) this.probed = undefined;
    this.failed(this.say(this.refusal ?? this.unreachable ?? (last ? `${why}: ${last}` : why)));
  }

  private failed(reason: string): void {
    if (this.stopped) return;
    this.failures++;
    this.restarts++;
    this.set(this.failures >= DOWN_AFTER ? 'down' : 'reconnecting', reason);
    const delay = BACKOFF_MS[Math.min(this.failures - 1, BACKOFF_MS.length - 1)];
    this.timer = setTimeout(() => void this.spawn(), delay);
  }

  /** Kills the encoder as a crash would (tests and fault drills). */
  crash(): void {
    this.proc?.kill('SIGKILL');
  }

  /** Stops the encoder and deletes its files (nobody watches it any more). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearTimeout(this.poller);
    const proc = this.proc;
    this.proc = undefined;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
      proc.kill('SIGTERM');
      const force = setTimeout(() => proc.kill('SIGKILL'), 2000);
      await gone;
      clearTimeout(force);
    }
    await this.closeGuard();
    await this.window.clear();
    await rm(this.dir, { recursive: true, force: true });
    this.set('idle');
  }

  private async closeGuard(): Promise<void> {
    const g = this.guard;
    this.guard = undefined;
    await g?.close();
  }
}
