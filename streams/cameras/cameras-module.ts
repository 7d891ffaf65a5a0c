import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import { CameraState, CameraStatusMessage } from '../../app/camera/camera';
import { cameraChannel } from '../../app/camera/camera-channel';
import { inScope } from '../../app/live/scope';
import type { HallModule } from '../hall/hall-module';
import { checkTime } from '../ingest/intake-policy';
import { CameraRegistry } from './camera-registry';

const checkStatus = Compile(CameraStatusMessage);

/** What the video gateway and the demo's cameras use: register a camera's state as it changes. */
export interface CamerasModule extends HallModule {
  /** Registers or updates a camera, placed by the locate service. Returns false for an invalid or older state. */
  upsert(state: Omit<CameraState, 'street' | 'community' | 'grid'>): boolean;
  get(id: string): CameraState | undefined;
  list(): CameraState[];
}

/**
 * Cameras (视频监控): their states on the `cameras` channel and `GET /api/cameras`, and statuses from video
 * platforms over MQTT (`camera/{cameraId}/status`). The CCTV issue adds the registry API and gateway.
 */
export function camerasModule(): CamerasModule {
  let registry: CameraRegistry | undefined;
  let place: (c: CameraState) => CameraState = (c) => c;
  let publish: ((c: CameraState) => boolean) | undefined;

  return {
    name: 'cameras',
    upsert: (state) => {
      const located = place(state as CameraState);
      if (publish && !publish(located)) return false; // invalid: counted and logged by the channel
      return registry?.upsert(located) ?? false;
    },
    get: (id) => registry?.get(id),
    list: () => registry?.list() ?? [],

    setup(hall) {
      const check = Compile(CameraState);
      publish = (c) => {
        const ok: boolean = check.Check(c);
        if (!ok) hall.log.warn('invalid', `camera ${String(c.id)}: state refused (does not match the camera schema)`);
        return ok;
      };
      place = (c) => {
        if (c.lon === undefined || c.lat === undefined) return c;
        const tags = hall.locate(c.lon, c.lat);
        return { ...c, ...tags };
      };
      const channel = hall.channel(cameraChannel, {
        onRemote: (change) => {
          for (const { item } of change.upsert) reg.upsert(item, false);
        },
      });
      const reg = new CameraRegistry((c, relay) => void channel.upsert(c, { relay }));
      registry = reg;

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

      hall.routes((app: FastifyInstance) =>
        app.withTypeProvider<TypeBoxTypeProvider>().get(
          '/api/cameras',
          { config: { access: 'cameras.read' }, schema: { summary: 'Cameras and their live HLS URLs (in the caller’s scope)', security: [{ bearer: [] }], response: { 200: Type.Array(CameraState) } } },
          (req) => reg.list().filter((c) => inScope(req.principal?.scope, c) && (req.principal?.role !== 'exhibit' || c.exhibit === true)),
        ),
      );
      hall.health(() => {
        const all = reg.list();
        return { total: all.length, online: all.filter((c) => c.online).length };
      });
    },
  };
}
