import path from 'node:path';
import { ALARM_PAUSE_S, defaultVideoWall, VIDEO_CASE_PAUSE_S, type PauseReason, type TourPause, type VideoWallState, type VideoWallUpdate } from '../../app/video-wall/video-wall';
import { videoWallChannel } from '../../app/video-wall/video-wall-channel';
import { applyUpdate, type UpdateResult } from '../../app/video-wall/video-wall-update';
import { nextPage, pauseTour, resumeTour, tourAt } from '../../app/video-wall/tour-schedule';
import type { HallModule } from '../hall/hall-module';
import { registerVideoWallRoutes, type CommandResult, type TourCommand } from './video-wall-routes';
import { WallStateFile } from './wall-state-file';

/** The tour is checked this often: a page turns within this of its time on every window. */
const TICK_MS = 250;

/** What the CCTV wall needs of the cameras module: whether a camera exists. */
export interface CamerasForVideoWall {
  get(id: string): unknown;
}

/** A case as the cases module publishes it: enough to tell a new video-captured one. */
export interface PublishedCase {
  case: { id: string; source: string };
  createdAt: number;
  updatedAt: number;
}

/** What it needs of the cases module: to hear of each case made or moved on this server. */
export interface CasesForVideoWall {
  onPublished(fn: (r: PublishedCase) => void): void;
}

export interface VideoWallModule extends HallModule {
  /** The wall as it is now. */
  state(): VideoWallState;
  /** Pauses the tour (an alarm, a new video case) for `seconds`, or until resumed; false when no tour runs. */
  pause(by: PauseReason, seconds?: number): boolean;
  /** Resumes a tour paused for `by` (an acknowledged alarm); a pause for another reason stays. False when none was. */
  resume(by: PauseReason): boolean;
  /** Changes the wall as `PUT /api/video-wall` does (an alarm pins its camera, its acknowledgement unpins it). */
  update(u: VideoWallUpdate, by: string): UpdateResult;
}

/**
 * The CCTV wall (视频墙): one wall-wide state — split, the camera per cell, pinned cells, the tour and the
 * maximised cell — on the `video-wall` channel, so every window of the wall agrees. The hall turns the
 * tour's pages, pauses it when a video-captured case is made, and keeps the state across restarts in
 * `<data>/video-wall.json`.
 */
export function videoWallModule(cameras: CamerasForVideoWall, cases: CasesForVideoWall): VideoWallModule {
  let state: VideoWallState | undefined;
  let set: ((next: VideoWallState, relay?: boolean) => void) | undefined;
  let now = () => Date.now();

  const command = (cmd: TourCommand, by: string, p: TourPause): CommandResult => {
    const s = state;
    if (!s?.tour || !set) return { ok: false, status: 409, error: 'no-tour', message: 'no tour runs on the wall: set one first (PUT /api/video-wall with tour).' };
    const t = now();
    const reason = p.by ?? 'operator';
    const seconds = p.seconds ?? (reason === 'alarm' ? ALARM_PAUSE_S : reason === 'video-case' ? VIDEO_CASE_PAUSE_S : undefined);
    const tour = cmd === 'pause' ? pauseTour(s.tour, reason, t, seconds) : cmd === 'resume' ? resumeTour(s.tour, t) : nextPage(s.tour, t);
    const next = { ...s, tour, version: s.version + 1, updatedAt: t, by: by.slice(0, 64) };
    set(next);
    return { ok: true, state: next };
  };
  const update = (u: VideoWallUpdate, by: string): UpdateResult => {
    const r = applyUpdate(state ?? defaultVideoWall(now()), u, now(), by, (id) => cameras.get(id) !== undefined);
    if (r.ok) set?.(r.state);
    return r;
  };

  return {
    name: 'video-wall',
    state: () => state ?? defaultVideoWall(now()),
    pause: (by, seconds) => command('pause', 'hall', { by, ...(seconds !== undefined ? { seconds } : {}) }).ok,
    resume: (by) => (state?.tour && tourAt(state.tour, now()).pausedBy === by ? command('resume', 'hall', {}).ok : false),
    update,

    async setup(hall) {
      now = () => hall.clock.now();
      const file = new WallStateFile(path.join(hall.config.dataDir, 'video-wall.json'), (m) => hall.log.warn('state-file', m));
      state = (await file.load()) ?? defaultVideoWall(now());

      const channel = hall.channel(videoWallChannel, {
        // Another hall server's change wins when it is newer; the tour's own turning is not relayed (each server turns it alike).
        onRemote: (change) => {
          for (const { item } of change.upsert) if (!state || item.version > state.version) set?.(item, false);
        },
      });
      set = (next, relay = true) => {
        state = next;
        channel.upsert(next, { relay });
        file.save(next);
      };
      channel.upsert(state, { relay: false });

      hall.every(TICK_MS, () => {
        const s = state;
        if (!s?.tour) return;
        const tour = tourAt(s.tour, now());
        if (tour !== s.tour) set?.({ ...s, tour }, false);
      });

      // A video-captured case (视频抓拍) just made here — by the capture flow, `POST /api/cases` or an import
      // that publishes — pauses the tour so the operators see it; the paused state reaches every window.
      const startedAt = now();
      cases.onPublished((r) => {
        if (r.case.source === 'video' && r.createdAt === r.updatedAt && r.createdAt >= startedAt && state?.tour) command('pause', 'hall', { by: 'video-case' });
      });
      hall.onStop(() => file.flush());

      hall.routes((app) =>
        registerVideoWallRoutes(app, {
          state: () => state ?? defaultVideoWall(now()),
          update,
          tour: command,
        }),
      );
      hall.health(() => {
        const s = state;
        return { layout: String(s?.layout ?? 'none'), tour: s?.tour ? (s.tour.pausedBy ? `paused (${s.tour.pausedBy})` : 'running') : 'off', version: s?.version ?? 0 };
      });
    },
  };
}
