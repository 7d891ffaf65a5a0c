import type { CameraState } from '../../app/camera/camera';
import type { CameraSpec } from '../../app/camera/camera-spec';
import type { CameraHealth } from '../../app/camera/camera-view';
import type { CameraSource } from '../../app/camera/source-policy';
import type { GatewayHealth, PulledSource } from '../video/gateway/gateway-types';
import type { CameraGateway } from './camera-gateway';
import { healthView, pulledFields, refusedFields, type HealthFields } from './camera-health';
import type { HeldSource } from './camera-sources';

/** A camera state before the locate service placed it. */
export type UnplacedState = Omit<CameraState, 'street' | 'community' | 'grid'>;

export interface FleetDeps {
  gateway: CameraGateway;
  /** Pulled cameras cannot play: the gateway has no ffmpeg. */
  ffmpegMissing: boolean;
  /** Places, checks and publishes a state (registry and `cameras` channel); `relay` to the other hall servers. */
  publish(state: UnplacedState, relay: boolean): boolean;
  remove(id: string, relay: boolean): void;
  current(id: string): CameraState | undefined;
  now(): number;
}

/** How a held camera plays: its sources, or why the policy refuses them now. */
export type HeldSources = { main: HeldSource; sub?: CameraSource } | { refused: string };

interface Held {
  spec: CameraSpec;
  main?: HeldSource;
  sub?: CameraSource;
  refused?: string;
  /** In memory only (the demo's synthetic cameras): never stored, never touched by a reload. */
  transient: boolean;
}

/** The gateway id of a camera's pulled sub-stream (camera ids never end in `.sub`, see CameraSpecId). */
export const subStreamId = (id: string): string => `${id}.sub`;
/** Where the gateway serves a pulled camera's HLS. */
export const gatewayHls = (gatewayId: string): string => `/video/${encodeURIComponent(gatewayId)}/index.m3u8`;

const isPulled = (s: HeldSource | undefined): s is PulledSource => s !== undefined && s.kind !== 'hls';

/** What the gateway gets for a stream: the source and the camera's privacy masks, which it burns in. */
function pulled(s: HeldSource | undefined, spec: CameraSpec | undefined): PulledSource | undefined {
  if (!isPulled(s)) return undefined;
  return spec?.masks?.length ? { ...s, masks: spec.masks } : s;
}
const same = (a: PulledSource | undefined, b: PulledSource | undefined) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The cameras this hall server plays: each registered camera's spec and sources, its pulled streams
 * registered with the gateway, and its live state kept in step with the gateway's health.
 */
export class CameraFleet {
  private readonly held = new Map<string, Held>();

  constructor(private readonly d: FleetDeps) {
    d.gateway.onHealth((gid, h) => this.onHealth(gid, h));
  }

  /** Registers (or replaces) a camera: its streams with the gateway, its state on the live channel. */
  async hold(spec: CameraSpec, sources: HeldSources, transient: boolean): Promise<void> {
    const id = spec.id;
    const prev = this.held.get(id);
    const next: Held = 'refused' in sources ? { spec, refused: sources.refused, transient } : { spec, main: sources.main, ...(sources.sub ? { sub: sources.sub } : {}), transient };
    this.held.set(id, next);
    if (isPulled(prev?.main) && !isPulled(next.main)) await this.d.gateway.unregister(id);
    if (isPulled(prev?.sub) && !isPulled(next.sub)) await this.d.gateway.unregister(subStreamId(id));
    // The registration goes out (and to the other servers) first; health changes follow, locally.
    this.d.publish(this.stateOf(id, next), true);
    const main = pulled(next.main, spec);
    const sub = pulled(next.sub, spec);
    if (main && !same(pulled(prev?.main, prev?.spec), main)) this.d.gateway.register(id, main);
    if (sub && !same(pulled(prev?.sub, prev?.spec), sub)) this.d.gateway.register(subStreamId(id), sub);
  }

  /** Forgets a camera: its streams leave the gateway, its state the channel. False when it was not held. */
  async release(id: string, relay = true): Promise<boolean> {
    const h = this.held.get(id);
    if (!h) return false;
    this.held.delete(id);
    if (isPulled(h.main)) await this.d.gateway.unregister(id);
    if (isPulled(h.sub)) await this.d.gateway.unregister(subStreamId(id));
    this.d.remove(id, relay);
    return true;
  }

  has(id: string): boolean {
    return this.held.has(id);
  }

  spec(id: string): CameraSpec | undefined {
    return this.held.get(id)?.spec;
  }

  source(id: string): HeldSource | undefined {
    return this.held.get(id)?.main;
  }

  isTransient(id: string): boolean {
    return this.held.get(id)?.transient ?? false;
  }

  /** Ids of the cameras that come from the database (not the transient ones). */
  storedIds(): string[] {
    return [...this.held].filter(([, h]) => !h.transient).map(([id]) => id);
  }

  get size(): number {
    return this.held.size;
  }

  /** The health `GET /api/cameras/{id}` shows for a camera in the live state. */
  health(state: CameraState): CameraHealth {
    const h = this.held.get(state.id);
    return healthView(state, isPulled(h?.main) ? this.d.gateway.health(state.id) : undefined, h?.refused);
  }

  /** The sub-stream's HLS, when the camera has one. */
  subHls(id: string): string | undefined {
    const sub = this.held.get(id)?.sub;
    return sub === undefined ? undefined : sub.kind === 'hls' ? sub.url : gatewayHls(subStreamId(id));
  }

  private onHealth(gid: string, _h: GatewayHealth): void {
    const h = this.held.get(gid);
    if (h && isPulled(h.main)) this.d.publish(this.stateOf(gid, h), false);
  }

  private stateOf(id: string, h: Held): UnplacedState {
    const s = h.spec;
    const prev = this.d.current(id);
    const sub = this.subHls(id);
    const base: UnplacedState = {
      id,
      name: s.name,
      hls: h.main?.kind === 'hls' ? h.main.url : gatewayHls(id),
      online: false,
      // Never older than what is shown: a platform's status may carry a clock slightly ahead of ours.
      statusAt: Math.max(this.d.now(), prev?.statusAt ?? 0),
      lon: s.lon,
      lat: s.lat,
      exhibit: s.exhibit ?? false,
      ...(s.heading !== undefined ? { heading: s.heading } : {}),
      ...(s.fov !== undefined ? { fov: s.fov } : {}),
      ...(s.groups?.length ? { groups: s.groups } : {}),
      ...(sub ? { subHls: sub } : {}),
      ...(s.masks?.length ? { masks: s.masks } : {}),
    };
    let fields: HealthFields;
    if (h.refused) fields = refusedFields(h.refused);
    else if (h.main?.kind === 'hls') fields = { online: true, state: 'direct' };
    else fields = pulledFields(this.d.gateway.health(id), this.d.ffmpegMissing);
    return { ...base, ...fields };
  }
}
