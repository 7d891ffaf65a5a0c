import Hls, { type HlsConfig } from 'hls.js';

export type PlayerStatus =
  | { kind: 'connecting' }
  | { kind: 'playing'; latencyS?: number }
  | { kind: 'no-signal'; reason: 'stalled' | 'error' };

/**
 * hls.js tuned for a wall of many small live tiles rather than one big player: small bounded buffers,
 * a shared distance behind the live edge (so tiles of one wall show the same moment), and gentle
 * speed-up to catch up instead of jumping.
 */
export const WALL_HLS_CONFIG: Partial<HlsConfig> = {
  enableWorker: true,
  lowLatencyMode: false,
  liveSyncDuration: 2.5,
  liveMaxLatencyDuration: 6,
  maxLiveSyncPlaybackRate: 1.25,
  backBufferLength: 4,
  maxBufferLength: 6,
  maxMaxBufferLength: 10,
  manifestLoadingMaxRetry: 2,
  levelLoadingMaxRetry: 4,
  fragLoadingMaxRetry: 4,
};

export interface PlayerOptions {
  /** `Bearer <token>`: HLS playlists and segments are served to authorised surfaces only. */
  authorization?: string;
  /** No picture progress for this long counts as a dead stream. */
  stallMs: number;
  /** The frame on screen is older than this (by its PROGRAM-DATE-TIME) counts as a dead encoder. */
  maxAgeMs: number;
  backoffMs: readonly number[];
}

const DEFAULTS: PlayerOptions = { stallMs: 8000, maxAgeMs: 20_000, backoffMs: [1000, 2000, 5000, 10_000] };

/**
 * One live tile's player. Recovers the way a wall needs: on a fatal error or a stall it destroys the
 * hls.js instance, clears the video element and recreates it after a backoff. A watchdog reads the
 * stream's own timestamps, because `hls.latency` keeps looking fine when the encoder has died.
 */
export class WallHlsPlayer {
  private hls: Hls | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private lastTime = -1;
  private lastProgressAt = 0;
  private playingSince = 0;
  private destroyed = false;
  private readonly o: PlayerOptions;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly url: string,
    private readonly onStatus: (s: PlayerStatus) => void,
    opts: Partial<PlayerOptions> = {},
  ) {
    this.o = { ...DEFAULTS, ...opts };
  }

  start(): void {
    if (this.destroyed) return;
    this.onStatus({ kind: 'connecting' });
    this.lastProgressAt = Date.now();
    this.lastTime = -1;
    if (Hls.isSupported()) {
      const auth = this.o.authorization;
      const hls = new Hls({ ...WALL_HLS_CONFIG, ...(auth ? { xhrSetup: (xhr: XMLHttpRequest) => xhr.setRequestHeader('Authorization', auth) } : {}) });
      this.hls = hls;
      hls.on(Hls.Events.ERROR, (_e, data) => {
        if (data.fatal) this.recover('error');
      });
      hls.on(Hls.Events.MANIFEST_PARSED, () => void this.video.play().catch(() => {}));
      hls.loadSource(this.url);
      hls.attachMedia(this.video);
    } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
      this.video.src = this.url; // native HLS (Safari)
      void this.video.play().catch(() => {});
    }
    this.watchdog = setInterval(() => this.check(), 1000);
  }

  private check(): void {
    const now = Date.now();
    const t = this.video.currentTime;
    if (t !== this.lastTime && !this.video.paused) {
      this.lastTime = t;
      this.lastProgressAt = now;
    }
    const playingDate = this.hls?.playingDate?.getTime();
    const age = playingDate ? now - playingDate : undefined;
    if (now - this.lastProgressAt > this.o.stallMs || (age !== undefined && age > this.o.maxAgeMs)) {
      this.recover('stalled');
      return;
    }
    if (this.lastTime > 0 && now - this.lastProgressAt < 2000) {
      if (!this.playingSince) this.playingSince = now;
      if (now - this.playingSince > 30_000) this.failures = 0; // healthy for a while: reset backoff
      this.onStatus({ kind: 'playing', latencyS: age !== undefined ? Math.max(0, age / 1000) : undefined });
    }
  }

  private teardown(): void {
    clearInterval(this.watchdog);
    clearTimeout(this.retry);
    this.hls?.destroy();
    this.hls = undefined;
    this.video.removeAttribute('src');
    this.video.load(); // releases the old MediaSource
    this.playingSince = 0;
  }

  private recover(reason: 'stalled' | 'error'): void {
    this.teardown();
    this.onStatus({ kind: 'no-signal', reason });
    const delay = this.o.backoffMs[Math.min(this.failures++, this.o.backoffMs.length - 1)] ?? 10_000;
    this.retry = setTimeout(() => this.start(), delay);
  }

  destroy(): void {
    this.destroyed = true;
    this.teardown();
  }
}
