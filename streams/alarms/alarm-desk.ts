import { randomUUID } from 'node:crypto';
import { Compile } from 'typebox/compile';
import { Alarm, isOpen, MAX_OPEN_ALARMS, NEAREST_CAMERA_M, repeatKey, REPEAT_WINDOW_S } from '../../app/alarm/alarm';
import { checkAlarmInput } from '../../app/alarm/alarm-input';
import { nearestCamera, placeOnWall, releaseHold } from '../../app/alarm/alarm-wall';
import type { CameraState } from '../../app/camera/camera';
import type { PlaceTags } from '../../app/place/place-codes';
import { wallCells } from '../../app/video-wall/tour-schedule';
import type { PauseReason, VideoWallState, VideoWallUpdate } from '../../app/video-wall/video-wall';
import type { UpdateResult } from '../../app/video-wall/video-wall-update';
import type { Queryable } from '../db/db';
import type { ModuleLog } from '../hall/hall-module';
import { toWgs84InArea, type IntakePolicy } from '../ingest/intake-policy';
import { ackAlarm, saveAlarm, type AckOutcome } from './alarm-store';

export const checkAlarm = Compile(Alarm);

/** What alarms need of the cameras module. */
export interface AlarmCameras {
  get(id: string): CameraState | undefined;
  list(): CameraState[];
}

/** What alarms need of the CCTV wall module. */
export interface AlarmWall {
  state(): VideoWallState;
  pause(by: PauseReason): boolean;
  resume(by: PauseReason): boolean;
  update(u: VideoWallUpdate, by: string): UpdateResult;
}

export interface AlarmDeskDeps {
  cameras: AlarmCameras;
  wall: AlarmWall;
  now(): number;
  locate(lon: number, lat: number): PlaceTags;
  intake: IntakePolicy;
  /** The open, migrated database (waits while it opens). */
  db(): Promise<Queryable>;
  /** On the live channel: an open alarm, or the removal of one acknowledged (`relay`: to the other hall servers too). */
  publish(a: Alarm, relay: boolean): void;
  unpublish(id: string, relay: boolean): void;
  log: ModuleLog;
}

type Refusal<S extends number> = { ok: false; status: S; error: string; message: string };
/** 201: a new alarm; 200: a repeat counted on the open alarm it repeats. */
export type RaiseResult = { ok: true; status: 200 | 201; alarm: Alarm } | Refusal<400 | 422 | 503>;
export type AckResult = { ok: true; alarm: Alarm } | Refusal<404 | 500 | 503>;

const WHERE: Record<string, string> = {
  'coords-swapped': 'lon and lat look swapped: lon is the east–west coordinate (about 116 in Beijing), lat the north–south one.',
  'out-of-area': 'the position lies outside the district this hall supervises: check it and its crs (wgs84, gcj02 or bd09).',
};

/**
 * The hall's alarm desk (报警联动): takes alarms, folds repeats, links an alarm's camera to the CCTV wall
 * (pause the tour, pin the camera) and gives the wall back when the alarm is acknowledged. Holds the open
 * alarms in memory (the live channel's items) and writes every change to the database before it answers.
 */
export class AlarmDesk {
  private readonly open = new Map<string, Alarm>();
  /** When each camera was last brought up: within the repeat window an alarm on it moves nothing. */
  private readonly brought = new Map<string, number>();
  /** Writes in flight per alarm, in order, so a repeat's write never lands before the first one's. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly d: AlarmDeskDeps) {}

  openAlarms(): Alarm[] {
    return [...this.open.values()].sort((a, b) => b.lastAt - a.lastAt);
  }

  async raise(value: unknown, by: string): Promise<RaiseResult> {
    const now = this.d.now();
    const c = checkAlarmInput(value, now, this.d.intake);
    if (!c.ok) return { ok: false, status: 400, error: c.error, message: c.message };
    const { kind, position } = c.alarm;
    let lonLat: { lon: number; lat: number } | undefined;
    if (position) {
      const p = toWgs84InArea(position.lon, position.lat, position.crs, this.d.intake);
      if (!p.ok) return { ok: false, status: 400, error: 'bad-position', message: WHERE[p.reason] ?? `the position is not usable (${p.reason}).` };
      lonLat = { lon: p.lon, lat: p.lat };
    }
    let camera: CameraState | undefined;
    let distanceM: number | undefined;
    if (c.alarm.cameraId !== undefined) {
      camera = this.d.cameras.get(c.alarm.cameraId);
      if (!camera) return { ok: false, status: 422, error: 'unknown-camera', message: `no camera is registered as "${c.alarm.cameraId}": register it (POST /api/cameras) or send the alarm's position (lon, lat) instead.` };
    } else if (lonLat) {
      const near = nearestCamera(this.d.cameras.list(), [lonLat.lon, lonLat.lat], NEAREST_CAMERA_M);
      camera = near ? this.d.cameras.get(near.id) : undefined;
      if (near && camera) distanceM = Math.round(near.distanceM);
    }
    const where = lonLat ?? (camera?.lon !== undefined && camera.lat !== undefined ? { lon: camera.lon, lat: camera.lat } : undefined);
    const tags: PlaceTags = lonLat ? this.d.locate(lonLat.lon, lonLat.lat) : { street: camera?.street, community: camera?.community, grid: camera?.grid };

    const draft = { kind, ...(camera ? { cameraId: camera.id } : {}), ...(where ?? {}) };
    const repeated = this.openAlarms().find((a) => repeatKey(a) === repeatKey(draft) && now - a.lastAt <= REPEAT_WINDOW_S * 1000);
    if (repeated) {
      const next: Alarm = { ...repeated, count: repeated.count + 1, lastAt: now };
      this.keep(next);
      return (await this.write(next)) ?? { ok: true, status: 200, alarm: next };
    }

    const alarm: Alarm = { id: `alm-${randomUUID()}`, by: by.slice(0, 64), at: c.alarm.at, receivedAt: now, lastAt: now, count: 1, ...draft };
    if (distanceM !== undefined) alarm.cameraDistanceM = distanceM;
    for (const k of ['street', 'community', 'grid'] as const) if (tags[k] !== undefined) alarm[k] = tags[k];
    if (c.alarm.message !== undefined) alarm.message = c.alarm.message;
    if (c.alarm.source !== undefined) alarm.source = c.alarm.source;
    if (camera) this.link(alarm, camera.id, now);
    this.keep(alarm);
    return (await this.write(alarm)) ?? { ok: true, status: 201, alarm };
  }

  async ack(id: string, by: string): Promise<AckResult> {
    await this.writes.get(id)?.catch(() => undefined); // an alarm being written is acknowledged after it lands
    let outcome: AckOutcome;
    try {
      outcome = await ackAlarm(await this.d.db(), id, this.d.now(), by.slice(0, 64));
    } catch (err) {
      return { ok: false, status: 503, error: 'not-stored', message: `the acknowledgement could not be stored (${(err as Error).message}); try again.` };
    }
    if (outcome.kind === 'unknown') return { ok: false, status: 404, error: 'unknown-alarm', message: `no alarm has the id "${id}".` };
    if (!checkAlarm.Check(outcome.doc)) {
      this.d.log.warn('bad-row', `alarm ${id} in gridwall_alarm does not match the alarm schema`);
      return { ok: false, status: 500, error: 'bad-row', message: `alarm ${id} is stored in a form this hall does not read.` };
    }
    // Acknowledged twice (a double click, another desk): the wall was given back the first time.
    if (outcome.kind === 'acked' || this.open.has(id)) this.close(outcome.doc);
    return { ok: true, alarm: outcome.doc };
  }

  /** An alarm another hall server raised, repeated or acknowledged (already on its wall and in the database). */
  remote(a: Alarm): void {
    if (isOpen(a)) this.keep(a, false);
    else this.drop(a.id, false);
  }

  /** The open alarms stored before a restart (or by another server meanwhile). */
  restore(stored: readonly Alarm[]): void {
    for (const a of stored) {
      const mine = this.open.get(a.id);
      if (isOpen(a) && (!mine || mine.lastAt < a.lastAt)) this.keep(a, false);
    }
  }

  /** Forgets an open alarm and takes it off the surfaces. */
  drop(id: string, relay = true): void {
    if (this.open.delete(id)) this.d.unpublish(id, relay);
  }

  /** Pauses the tour and pins the camera — once per camera within the repeat window; a camera already held shares its hold. */
  private link(alarm: Alarm, cameraId: string, now: number): void {
    const holder = this.openAlarms().find((a) => a.cameraId === cameraId && a.wall);
    if (holder?.wall) alarm.wall = holder.wall;
    const last = this.brought.get(cameraId);
    if (last !== undefined && now - last < REPEAT_WINDOW_S * 1000) return;
    this.brought.set(cameraId, now);
    for (const [id, t] of this.brought) if (now - t >= REPEAT_WINDOW_S * 1000) this.brought.delete(id);
    this.d.wall.pause('alarm');
    if (alarm.wall) return;
    const state = this.d.wall.state();
    const p = placeOnWall(state, wallCells(state, this.d.cameras.list(), now).cells, cameraId);
    if (p.kind === 'full') this.d.log.warn('wall-full', `every cell of the CCTV wall is pinned: alarm ${alarm.id} on camera ${cameraId} paused the tour only`);
    if (p.kind !== 'place') return;
    const r = this.d.wall.update(p.update, 'alarm');
    if (r.ok) alarm.wall = p.hold;
    else this.d.log.warn('wall', `camera ${cameraId} could not be brought onto the wall (${r.message})`);
  }

  /** An acknowledged alarm lets go: its cell (unless another open alarm shows the same camera) and, with no alarm left, the tour. */
  private close(a: Alarm): void {
    const held = this.open.get(a.id)?.wall ?? a.wall;
    this.drop(a.id);
    if (a.cameraId === undefined) return;
    const open = this.openAlarms();
    if (held && !open.some((o) => o.cameraId === a.cameraId)) {
      this.brought.delete(a.cameraId); // acknowledged: if it alarms again, it comes back at once
      const u = releaseHold(this.d.wall.state(), a.cameraId, held);
      const r = u && this.d.wall.update(u, 'alarm');
      if (r && !r.ok) this.d.log.warn('wall', `camera ${a.cameraId}'s cell could not be given back (${r.message})`);
    }
    if (!open.some((o) => o.cameraId !== undefined)) this.d.wall.resume('alarm');
  }

  /** Keeps and shows an open alarm (the newest `MAX_OPEN_ALARMS`; older ones stay open in the database and the API). */
  private keep(a: Alarm, relay = true): void {
    this.open.set(a.id, a);
    this.d.publish(a, relay);
    if (this.open.size <= MAX_OPEN_ALARMS) return;
    const oldest = this.openAlarms().at(-1);
    if (oldest) this.drop(oldest.id, false);
  }

  /** Writes the alarm as it is in memory now, after any earlier write of it; a refusal when it cannot be stored. */
  private async write(a: Alarm): Promise<Refusal<503> | undefined> {
    const before = this.writes.get(a.id) ?? Promise.resolve();
    const next = before.catch(() => undefined).then(async () => saveAlarm(await this.d.db(), this.open.get(a.id) ?? a));
    this.writes.set(a.id, next);
    try {
      await next;
      return undefined;
    } catch (err) {
      this.d.log.warn('store', `alarm ${a.id} could not be stored (${(err as Error).message})`);
      return { ok: false, status: 503, error: 'not-stored', message: `the alarm is on the wall but could not be stored (${(err as Error).message}); send it again: a repeat within ${REPEAT_WINDOW_S} s is counted on it.` };
    } finally {
      if (this.writes.get(a.id) === next) this.writes.delete(a.id);
    }
  }
}
