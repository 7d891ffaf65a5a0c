// The video benchmark's page: N live tiles, either the wall's player (renderer/cameras/hls-player.ts: its
// hls.js configuration, watchdog and rebuild) or hls.js with its default configuration, the baseline.
// Bundled by esbuild and served beside the gateway's streams (bench/video/video-bench.ts).
import Hls from 'hls.js';
import { WallHlsPlayer, type PlayerStatus } from '../../renderer/cameras/hls-player';

export interface TileSample {
  /** Frames presented so far (total − dropped, getVideoPlaybackQuality). */
  frames: number;
  dropped: number;
  /** `waiting` events after the tile first played. */
  stalls: number;
  /** Now minus the PROGRAM-DATE-TIME of the frame shown, ms; undefined until known. */
  latencyMs?: number;
  /** Picture moved within the last 2 s. */
  playing: boolean;
}

interface Tile {
  video: HTMLVideoElement;
  stalls: number;
  played: boolean;
  lastTime: number;
  lastMoveAt: number;
  latency: () => number | undefined;
  stop: () => void;
}

const tiles: Tile[] = [];

function place(n: number): HTMLVideoElement {
  const cols = Math.ceil(Math.sqrt(n));
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.autoplay = true;
  Object.assign(v.style, { width: `${100 / cols}vw`, height: `${100 / cols}vh`, objectFit: 'cover', background: '#000', display: 'block', float: 'left' });
  document.body.append(v);
  return v;
}

function track(video: HTMLVideoElement, latency: () => number | undefined, stop: () => void): void {
  const t: Tile = { video, stalls: 0, played: false, lastTime: -1, lastMoveAt: 0, latency, stop };
  video.addEventListener('playing', () => (t.played = true));
  video.addEventListener('waiting', () => {
    if (t.played) t.stalls++;
  });
  tiles.push(t);
}

function start(urls: string[], mode: 'wall' | 'default'): void {
  for (const [i, url] of urls.entries()) {
    const video = place(urls.length);
    if (mode === 'wall') {
      let latency: number | undefined;
      const p = new WallHlsPlayer(video, url, (s: PlayerStatus) => {
        if (s.kind === 'playing' && s.latencyS !== undefined) latency = s.latencyS * 1000;
      });
      // Staggered start, as the wall does, so 25 tiles do not ask for 25 playlists in the same millisecond.
      setTimeout(() => p.start(), i * 150);
      track(video, () => latency, () => p.destroy());
    } else {
      const hls = new Hls();
      hls.loadSource(url);
      hls.attachMedia(video);
      hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => {}));
      track(video, () => (hls.playingDate ? Date.now() - hls.playingDate.getTime() : undefined), () => hls.destroy());
    }
  }
}

function sample(): TileSample[] {
  const now = Date.now();
  return tiles.map((t) => {
    const q = t.video.getVideoPlaybackQuality();
    if (t.video.currentTime !== t.lastTime) {
      t.lastTime = t.video.currentTime;
      t.lastMoveAt = now;
    }
    const latencyMs = t.latency();
    return { frames: q.totalVideoFrames - q.droppedVideoFrames, dropped: q.droppedVideoFrames, stalls: t.stalls, ...(latencyMs !== undefined ? { latencyMs } : {}), playing: now - t.lastMoveAt < 2000 && t.lastTime > 0 };
  });
}

function stop(): void {
  for (const t of tiles.splice(0)) {
    t.stop();
    t.video.remove();
  }
}

Object.assign(window, { bench: { start, sample, stop } });
