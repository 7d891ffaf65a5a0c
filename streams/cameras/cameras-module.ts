import path from 'node:path';
import { Compile } from 'typebox/compile';
import { CameraState, CameraStatusMessage } from '../../app/camera/camera';
import { cameraChannel } from '../../app/camera/camera-channel';
import type { CameraSpec } from '../../app/camera/camera-spec';
import type { HallModule } from '../hall/hall-module';
import { OriginPolicy } from '../auth/origin-policy';
import { registerVideoAccessRoutes, videoCorsHeaders } from '../video/access/video-access-routes';
import { originsOf, parseVideoOrigins, videoOriginsFor } from '../video/access/video-origins';
import { registerVideoRoutes } from '../video/gateway/video-routes';
import type { VideoGateway } from '../video/gateway/video-gateway';
import { checkTime } from '../ingest/intake-policy';
import { loadCameraConfig } from './camera-config';
import { CameraFleet, type UnplacedState } from './camera-fleet';
import { openGateway } from './camera-gateway';
import { registerCameraMetrics } from './camera-metrics';
import { CAMERA_MIGRATIONS } from './camera-migrations';
import { CameraRegistry } from './camera-registry';
import { canSeeCamera, registerCameraRoutes } from './camera-routes';
import { CameraService, type ChangeResult } from './camera-service';
import type { HeldSource, SyntheticSource } from './camera-sources';
import { CameraStore } from './camera-store';

const checkStatus = Compile(CameraStatusMessage);
const checkState = Compile(CameraState);
/** How often the registry is compared with the database (changes by other hall servers or an import). */
const RELOAD_MS = 10_000;

/** The cameras module's public API: the demo, the video gateway's routes and the evidence service use it. */
export interface CamerasModule extends HallModule {
  /** Registers or updates a camera's state directly (cameras outside the registry), placed by the locate service. */
  upsert(state: UnplacedState): boolean;
  get(id: string): CameraState | undefined;
  list(): CameraState[];
  /** Registers a camera in code: stored and played like one from the API, or in memory only with a synthetic source. */
  register(spec: CameraSpec, by: string, opts?: { synthetic?: SyntheticSource }): Promise<ChangeResult>;
  /** A registered camera's spec with its real URLs: server side only, never to be sent or logged. */
  spec(id: string): CameraSpec | undefined;
  /** Where a registered camera's main stream comes from (checked by the source policy). */
  source(id: string): HeldSource | undefined;
  /** The hall's video gateway, once the module is set up. */
  gateway(): VideoGateway | undefined;
}

/**
 * Cameras (视频监控): the registry (`/api/cameras`, the `gridwall_camera` table, the source policy), the
 * video gateway pulling what is not played directly, every camera's state on the `cameras` channel and
 * in `/metrics`, and statuses from video platforms over MQTT (`camera/{cameraId}/status`).
 */
export function camerasModule(): CamerasModule {
  let registry: CameraRegistry | undefined;
  let publish: ((c: UnplacedState, relay: boolean) => boolean) | undefined;
  let fleet: CameraFleet | undefined;
  let service: CameraService | undefined;
  let gateway: VideoGateway | undefined;
  let dbReady: Promise<unknown> | undefined;

  return {
    name: 'cameras',
    migrations: CAMERA_MIGRATIONS,
    upsert: (state) => publish?.(state, true) ?? false,
    get: (id) => registry?.get(id),
    list: () => registry?.list() ?? [],
    register: async (spec, by, opts = {}) => {
      if (!service) return { ok: false, status: 503, error: 'starting', message: 'the cameras module is not set up yet.' };
      return service.register(spec, by, opts.synthetic, dbReady);
    },
    spec: (id) => fleet?.spec(id),
    source: (id) => fleet?.source(id),
    gateway: () => gateway,

    async setup(hall) {
      const config = loadCameraConfig(process.env, hall.config.dataDir);
      const now = () => hall.clock.now();
      let store: CameraStore | undefined;
      dbReady = hall.db.ready;

      const channel = hall.channel(cameraChannel, {
        onRemote: (change) => {
          // Cameras this server plays carry its own gateway's health; registration changes come through the database.
          for (const { item } of change.upsert) if (!fleet?.has(item.id)) reg.upsert(item, false);
          for (const id of change.remove) if (!fleet?.has(id) && reg.remove(id)) channel.remove(id, { relay: false });
        },
      });
      const reg = new CameraRegistry((c, relay) => void channel.upsert(c, { relay }));
      registry = reg;
      publish = (state, relay) => {
        const placed = state.lon === undefined || state.lat === undefined ? state : { ...state, ...hall.locate(state.lon, state.lat) };
        if (!checkState.Check(placed)) {
          hall.log.warn('invalid', `camera ${String(state.id)}: state refused (does not match the camera schema)`);
          return false;
        }
        return reg.upsert(placed, relay);
      };

      const videoRoot = path.join(hall.config.dataDir, 'video');
      const opened = await openGateway({ videoRoot, ffmpegPath: hall.config.ffmpegPath, timeZone: hall.config.timeZone, log: hall.log, hosts: config.policy.hosts });
      gateway = opened.gateway;
      hall.onStop(() => opened.gateway.stop());
      const f = new CameraFleet({
        gateway: opened.gateway,
        ffmpegMissing: opened.ffmpegMissing !== undefined,
        publish: (s, relay) => publish?.(s, relay) ?? false,
        remove: (id, relay) => {
          if (reg.remove(id)) channel.remove(id, { relay });
        },
        current: (id) => reg.get(id),
        now,
      });
      fleet = f;
      const svc = new CameraService({ store: () => store, fleet: f, policy: config.policy, now, log: hall.log });
      service = svc;

      hall.onDatabase(async (db) => {
        store = new CameraStore(db, { onBadRow: (id) => hall.log.warn('bad-row', `camera ${id} in gridwall_camera does not match the camera schema; it is skipped`) });
        await svc.reload();
      });
      let reloading = false;
      hall.every(RELOAD_MS, () => {
        if (reloading || !store) return;
        reloading = true;
        svc
          .reload()
          .catch((err: Error) => hall.log.warn('reload', `the camera registry could not be read (${err.message})`))
          .finally(() => (reloading = false));
      });

      hall.topic({
        pattern: 'camera/+/status',
        handle: (m) => {
          const id = m.params[0] as string;
          if (!checkStatus.Check(m.value)) return hall.ingest.rejected('bad-schema', 'mqtt', `a status of camera ${id}`);
          const time = checkTime(m.value.ts, m.now, hall.intake);
          if (!time.ok) return hall.ingest.rejected(time.reason, 'mqtt', `a status of camera ${id}`);
          const outcome = reg.status(id, m.value.online, time.ms);
          if (outcome === 'unknown-camera') return hall.ingest.rejected('unknown-camera', 'mqtt', `a status of camera ${id}, which is not configured`);
          if (outcome === 'stale') return hall.ingest.rejected('stale-status', 'mqtt', `a status of camera ${id} older than the one shown`);
          hall.ingest.accepted('camera-status');
        },
      });

      const videoOrigins = parseVideoOrigins(process.env);
      const pages = new OriginPolicy(hall.config.host, hall.config.allowedHosts);
      hall.routes((app) => {
        registerCameraRoutes(app, { service: svc, fleet: f, list: () => reg.list(), get: (id) => reg.get(id) });
        // A pulled sub-stream (`<id>.sub`) is visible to whoever may see its camera.
        const visible = (p: Parameters<typeof canSeeCamera>[0], gid: string) => canSeeCamera(p, reg.get(gid.replace(/\.sub$/, '')));
        registerVideoRoutes(app, { videoRoot, gateway: opened.gateway, visible, cors: (o) => videoCorsHeaders(o, (x) => pages.allowsHost(x)) });
        registerVideoAccessRoutes(app, { auth: hall.auth, setting: videoOrigins, now: () => Date.now() });
      });
      // Pages may play video from the hall's video host names and from the platforms tiles play directly.
      let direct: { at: number; origins: string[] } = { at: -Infinity, origins: [] };
      hall.mediaSources((host) => {
        const t = Date.now();
        if (t - direct.at > 1000) direct = { at: t, origins: originsOf(reg.list().flatMap((c) => [c.hls, c.subHls])) };
        return [...videoOriginsFor(videoOrigins, host), ...direct.origins];
      });
      registerCameraMetrics(hall.metrics, () => reg.list());
      hall.health(() => {
        const all = reg.list();
        return { total: all.length, online: all.filter((c) => c.online).length, registered: f.size, store: store ? 'open' : 'opening', ffmpeg: opened.ffmpegMissing ? 'missing' : 'found' };
      });
    },
  };
}
