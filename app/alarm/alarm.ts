import Type, { type Static } from 'typebox';
import { CameraId } from '../camera/camera';
import type { LocalizedText } from '../city/city';
import { Crs, Timestamp } from '../patrol/position-fix';
import { CommunityCode, GridCodeText, StreetCode } from '../place/place-codes';

/**
 * Alarms (告警, docs/domain.md "Alarms"): what video analytics platforms and IoT sensors raise — an AI
 * detection of 占道经营 on a camera, a displaced manhole cover, a smoke sensor. An alarm with a camera
 * pauses the tour and brings the camera onto the CCTV wall (报警联动) until someone acknowledges it.
 */

/** The kinds of alarm the hall knows. A platform's other kinds come as `other`. */
export const AlarmKind = Type.Union([
  Type.Literal('street-trading'),
  Type.Literal('shop-overflow'),
  Type.Literal('exposed-garbage'),
  Type.Literal('illegal-parking'),
  Type.Literal('crowd'),
  Type.Literal('manhole-cover'),
  Type.Literal('smoke'),
  Type.Literal('fire'),
  Type.Literal('waterlogging'),
  Type.Literal('other'),
]);
export type AlarmKind = Static<typeof AlarmKind>;

/** Each kind's name on the wall. */
export const ALARM_KINDS: Readonly<Record<AlarmKind, LocalizedText>> = {
  'street-trading': { zh: '占道经营', en: 'Street trading' },
  'shop-overflow': { zh: '店外经营', en: 'Trading outside shop' },
  'exposed-garbage': { zh: '暴露垃圾', en: 'Exposed garbage' },
  'illegal-parking': { zh: '违章停车', en: 'Illegal parking' },
  crowd: { zh: '人员聚集', en: 'Crowd gathering' },
  'manhole-cover': { zh: '井盖异常', en: 'Manhole cover' },
  smoke: { zh: '烟雾告警', en: 'Smoke' },
  fire: { zh: '火情', en: 'Fire' },
  waterlogging: { zh: '道路积水', en: 'Waterlogging' },
  other: { zh: '其他告警', en: 'Other alarm' },
};
export const ALARM_KIND_NAMES = Object.keys(ALARM_KINDS) as AlarmKind[];

export function isAlarmKind(v: unknown): v is AlarmKind {
  return typeof v === 'string' && Object.hasOwn(ALARM_KINDS, v);
}

/** The kind's name in the wall's language. */
export function alarmKindLabel(kind: AlarmKind): LocalizedText {
  return ALARM_KINDS[kind];
}

/** Repeats of an open alarm (same camera or spot, same kind) within this many seconds of the last are counted, not raised again. */
export const REPEAT_WINDOW_S = 30;
/** An alarm with a position and no camera is shown on the nearest camera within this distance (metres). */
export const NEAREST_CAMERA_M = 200;
/** The most open alarms a surface is sent (the oldest beyond it stay open in the API). */
export const MAX_OPEN_ALARMS = 500;

export const AlarmId = Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' });

/** `POST /api/alarms`: what a platform, a sensor gateway or an operator sends. */
export const AlarmInput = Type.Object(
  {
    cameraId: Type.Optional(CameraId),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    /** What lon/lat are given in (default WGS84): converted once, here at the edge. */
    crs: Type.Optional(Crs),
    kind: AlarmKind,
    /** Free text from the platform (it may name people or plates: never shown to exhibit surfaces). */
    message: Type.Optional(Type.String({ maxLength: 500 })),
    /** When it happened: epoch ms or ISO 8601 (default: when the hall received it). */
    at: Type.Optional(Timestamp),
    /** Which platform or device raised it. */
    source: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type AlarmInput = Static<typeof AlarmInput>;

/** Where an alarm holds the CCTV wall: the cell it pinned its camera in, and what that cell had before. */
export const WallHold = Type.Object(
  {
    cell: Type.Integer({ minimum: 0, maximum: 24 }),
    previous: Type.Optional(CameraId),
  },
  { additionalProperties: false },
);
export type WallHold = Static<typeof WallHold>;

/** An alarm as the hall keeps it, serves it and publishes it on the `alarms` channel. */
export const Alarm = Type.Object(
  {
    id: AlarmId,
    kind: AlarmKind,
    cameraId: Type.Optional(CameraId),
    /** Metres to the camera when the hall chose the nearest one (the alarm named none). */
    cameraDistanceM: Type.Optional(Type.Number({ minimum: 0 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    street: Type.Optional(StreetCode),
    community: Type.Optional(CommunityCode),
    grid: Type.Optional(GridCodeText),
    message: Type.Optional(Type.String({ maxLength: 200 })),
    source: Type.Optional(Type.String({ maxLength: 64 })),
    /** Who raised it: the credential's name or role. */
    by: Type.String({ maxLength: 64 }),
    /** When it happened (the sender's time), when the hall received it, and when its latest repeat came. */
    at: Type.Number({ minimum: 0 }),
    receivedAt: Type.Number({ minimum: 0 }),
    lastAt: Type.Number({ minimum: 0 }),
    /** How many times it was raised (repeats within the repeat window are counted here). */
    count: Type.Integer({ minimum: 1 }),
    wall: Type.Optional(WallHold),
    ackAt: Type.Optional(Type.Number({ minimum: 0 })),
    ackBy: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type Alarm = Static<typeof Alarm>;

export const isOpen = (a: Alarm): boolean => a.ackAt === undefined;

/** Repeats are folded by this: the camera (or, without one, the spot to about 10 m) and the kind. */
export function repeatKey(a: Pick<Alarm, 'cameraId' | 'lon' | 'lat' | 'kind'>): string {
  const where = a.cameraId !== undefined ? `cam:${a.cameraId}` : a.lon !== undefined && a.lat !== undefined ? `at:${a.lon.toFixed(4)},${a.lat.toFixed(4)}` : 'nowhere';
  return `${where}|${a.kind}`;
}
