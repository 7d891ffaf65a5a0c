import Hls, { type HlsConfig } from 'hls.js';
import { fetchSegment, fragmentAt, type BufferedSegment } from './buffered-segment';
import { isFresh, playlistEdge, type PlaylistEdge } from './playlist-edge';
import { videoGet, type XhrSetup } from './video-get';

/** How often a tile that lost its stream looks at the playlist. */
const EDGE_POLL_MS = 1000;

/** Why a picture is not live: no progress, a frame too old by its own timestamp, or a fatal stream error. */
export type LossReason = 'stalled' | 'late' | 'error';

export type PlayerStatus =
  | { kind: 'connecting' }
  /** `frameAt`: the stream time (PROGRAM-DATE-TIME) of the frame on screen; `latencyS`: the hall's time minus it. */
  | { kind: 'playing'; latencyS?: number; frameAt?: number }
  /** `since`: the stream time of the last live frame (or when the tile first tried, if it never played). */
  | { kind: 'no-signal'; reason: LossReason; since: number };

/**
 * hls.js for a wall of many live tiles rather than one big player: small bounded buffers, one distance
 * behind the live edge for every tile (so a wall shows one moment), and a gentle speed-up to catch up
 * rather than a jump. The same object on every tile of every window: the wall-wide target latency.
 */
export const WALL_HLS_CONFIG: Partial<HlsConfig> = {
  enableWorker: true,
  lowLatencyMode: false,
  // 1.3 s behind the live edge of 1 s segments (as the last playlist showed it, up to 1 s old): a frame is
  // on the wall ~2.2 s after the camera took it, p95 ≤ 2.5 s at 16 tiles; 1.5 s measured p95 2.53 s.
  liveSyncDuration: 1.3,
  liveMaxLatencyDuration: 4,
  maxLiveSyncPlaybackRate: 1.25,
  backBufferLength: 4,
  maxBufferLength: 6,
  maxMaxBufferLength: 10,
  manifestLoadingMaxRetry: 2,
  levelLoadingMaxRetry: 4,
  fragLoadingMaxRetry: 4,
};

export interface PlayerOptions {
  /** Prepares each playlist and segment request (the hall's token or video ticket, by host). */
  xhrSetup?: XhrSetup;
  /** No picture progress for this long counts as a dead stream. */
  stallMs: number;
  /** The frame on screen is older than this by its PROGRAM-DATE-TIME: the encoder died (hls.latency keeps looking fine then). */
  maxAgeMs: number;
  /** No first frame this long after the first try: the camera counts as lost. */
  startMs: number;
  backoffMs: readonly number[];
  /** The hall's clock: the stream's timestamps are the hall's time, not this PC's. */
  now: () => number;
  /** Runs an attach when its turn comes (the wall staggers starts); returns a cancel. */
  schedule: (attach: () => void) => () => void;
}

const DEFAULTS: PlayerOptions = {
  stallMs: 4000,
  maxAgeMs: 12_000,
  startMs: 20_000,
  // Short: the gateway restarts a camera within seconds of it coming back, and a wall tile should follow.
  backoffMs: [1000, 1000, 2000, 3000],
  now: () => Date.now(),
  schedule: (attach) => {
    attach();
    return () => {};
  },
};

/** The frame a tile froze on for evidence: its picture and its stream time. */
export interface FrozenFrame {
  canvas: HTMLCanvasElement;
  /** Epoch ms of the frame (PROGRAM-DATE-TIME of its fragment + its offset); undefined when the stream has none. */
  streamTime?: number;
  /** The segment the player was playing at that time, fetched again on demand (the evidence fallback). */
  segment?: () => Promise<BufferedSegment | undefined>;
}

/**
 * One live tile's player. Recovers as a wall must: on a fatal error, no progress, or a frame too old by
 * the stream's own timestamp, it destroys hls.js, clears the video element and recreates it after a
 * backoff — and says "no signal since …" meanwhile, so a frozen frame is never presented as live.
 */
export class WallHlsPlayer {
  private hls: Hls | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private cancelTurn: (() => void) | undefined;
  private failures = 0;
  private lastTime = -1;
  private lastProgressAt = 0;
  private attachedAt = 0;
  private firstTryAt = 0;
  private playingSince = 0;
  private lastFrameAt: number | undefined;
  private lost: { reason: LossReason; since: number } | undefined;
  private frozen = false;
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
    if (!this.firstTryAt) this.firstTryAt = this.o.now();
    if (!this.lost) this.onStatus({ kind: 'connecting' });
    this.cancelTurn = this.o.schedule(() => this.attach());
  }

  private attach(): void {
    if (this.destroyed) return;
    this.attachedAt = this.lastProgressAt = this.o.now();
    this.lastTime = -1;
    if (Hls.isSupported()) {
      const setup = this.o.xhrSetup;
      const hls = new Hls({ ...WALL_HLS_CONFIG, ...(setup ? { xhrSetup: setup } : {}) });
      this.hls = hls;
      hls.on(Hls.Events.ERROR, (_e, data) => {
        if (data.fatal) this.fail('error');
      });
      hls.on(Hls.Events.MANIFEST_PARSED, () => void this.video.play().catch(() => {}));
      hls.loadSource(this.url);
      hls.attachMedia(this.video);
    } else if (this.video.canPlayType('application/vnd.apple.mpegurl')) {
      this.video.src = this.url; // native HLS (Safari): no stream time, health from progress alone
      void this.video.play().catch(() => {});
    }
    this.watchdog = setInterval(() => this.check(), 1000);
  }

  /** The stream time of the frame on screen: its fragment's PROGRAM-DATE-TIME plus the offset into it. */
  streamTime(): number | undefined {
    return this.hls?.playingDate?.getTime();
  }

  private check(): void {
    if (this.frozen) return;
    const now = this.o.now();
    const t = this.video.currentTime;
    if (t !== this.lastTime && !this.video.paused) {
      this.lastTime = t;
      this.lastProgressAt = now;
    }
    const frameAt = this.streamTime();
    const age = frameAt !== undefined ? now - frameAt : undefined;
    const played = this.lastTime > 0;
    if (!played) {
      // A first start may take a pulled camera's encoder a while; a stream that was live gets less.
      if (now - this.attachedAt > (this.lost ? this.o.stallMs * 2 : this.o.startMs)) this.fail('stalled');
      return;
    }
    if (now - this.lastProgressAt > this.o.stallMs) return this.fail('stalled');
    if (age !== undefined && age > this.o.maxAgeMs) return this.fail('late');
    if (now - this.lastProgressAt < 2000) {
      if (!this.playingSince) this.playingSince = now;
      if (now - this.playingSince > 30_000) this.failures = 0; // healthy for a while: back to the short backoff
      this.lost = undefined;
      if (frameAt !== undefined) this.lastFrameAt = frameAt;
      this.onStatus({ kind: 'playing', ...(age !== undefined ? { latencyS: Math.max(0, age / 1000), frameAt } : {}) });
    }
  }

  private teardown(): void {
    clearInterval(this.watchdog);
    clearTimeout(this.retry);
    this.cancelTurn?.();
    this.hls?.destroy();
    this.hls = undefined;
    this.video.removeAttribute('src');
    this.video.load(); // releases the old MediaSource
    this.playingSince = 0;
  }

  private fail(reason: LossReason): void {
    this.teardown();
    const everPlayed = this.lastFrameAt !== undefined || this.lost !== undefined;
    // A camera that never played yet (a pulled one starting) is "connecting" until its start time is up.
    if (!everPlayed && this.o.now() - this.firstTryAt < this.o.startMs) this.onStatus({ kind: 'connecting' });
    else {
      this.lost ??= { reason, since: this.lastFrameAt ?? this.firstTryAt };
      this.onStatus({ kind: 'no-signal', ...this.lost });
    }
    const delay = this.o.backoffMs[Math.min(this.failures++, this.o.backoffMs.length - 1)] ?? 10_000;
    // A stream that was live: watch its playlist and rebuild the player the moment the camera sends again.
    this.retry = setTimeout(() => (this.lost ? void this.watchEdge() : this.start()), this.lost ? Math.min(delay, EDGE_POLL_MS) : delay);
  }

  /**
   * While the signal is lost, look at the playlist once a second (a request a player would make anyway,
   * and what keeps a pulled camera asked for at the gateway) and attach hls.js only when its last segment
   * is fresh — not into a dead playlist, where it would wait out a whole start time before trying again.
   */
  private async watchEdge(previous?: PlaylistEdge): Promise<void> {
    if (this.destroyed) return;
    const text = (await videoGet(this.url, { xhrSetup: this.o.xhrSetup, timeoutMs: EDGE_POLL_MS * 3 }))?.responseText;
    if (this.destroyed) return;
    const edge = text ? playlistEdge(text) : undefined;
    if (edge && isFresh(edge, this.o.now(), this.o.maxAgeMs / 2, previous)) return this.start();
    this.retry = setTimeout(() => void this.watchEdge(edge ?? previous), EDGE_POLL_MS);
  }

  /**
   * Holds the frame on screen for evidence: draws it to a canvas at the video's own size and pauses the
   * video, so the tile shows exactly what the operator clicked. Undefined when no frame is shown.
   */
  freeze(): FrozenFrame | undefined {
    const v = this.video;
    if (this.destroyed || v.readyState < 2 || !v.videoWidth) return undefined;
    v.pause();
    const streamTime = this.streamTime();
    this.frozen = true;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height);
    const segment = streamTime !== undefined ? this.segmentAt(streamTime) : undefined;
    return { canvas, ...(streamTime !== undefined ? { streamTime } : {}), ...(segment ? { segment } : {}) };
  }

  /** The fragment holding `t` in the playlist now (found at once, before the live window moves on), fetched later. */
  private segmentAt(t: number): (() => Promise<BufferedSegment | undefined>) | undefined {
    const hls = this.hls;
    const level = hls ? hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : hls.loadLevel] : undefined;
    const frag = level?.details ? fragmentAt(level.details.fragments, t) : undefined;
    if (!frag || frag.programDateTime === null) return undefined;
    const { url, programDateTime } = frag;
    const setup = this.o.xhrSetup;
    return () => fetchSegment(url, programDateTime, setup);
  }

  /** Back to live: to the wall's distance behind the live edge, not where the picture was held. */
  unfreeze(): void {
    if (this.destroyed || !this.frozen) return;
    this.frozen = false;
    this.lastProgressAt = this.o.now();
    const live = this.hls?.liveSyncPosition;
    if (live !== undefined && live !== null && Number.isFinite(live)) this.video.currentTime = live;
    void this.video.play().catch(() => {});
  }

  destroy(): void {
    this.destroyed = true;
    this.teardown();
  }
}
