import Value from 'typebox/value';
import { printable } from '../text/printable';
import { ALARM_KIND_NAMES, AlarmInput, isAlarmKind } from './alarm';

/** How far a sender's clock may be off: times beyond these are refused as the sender's mistake. */
export interface TimeWindow {
  maxFutureMs: number;
  maxAgeMs: number;
}

/** A checked alarm: its fields, the time it happened (epoch ms), its text made printable. */
export interface CheckedAlarm {
  kind: AlarmInput['kind'];
  cameraId?: string;
  position?: { lon: number; lat: number; crs: NonNullable<AlarmInput['crs']> };
  at: number;
  message?: string;
  source?: string;
}

export type AlarmCheck = { ok: true; alarm: CheckedAlarm } | { ok: false; error: 'bad-alarm'; message: string };

const FIELDS = Object.keys(AlarmInput.properties);
const bad = (message: string): AlarmCheck => ({ ok: false, error: 'bad-alarm', message });
const kinds = () => ALARM_KIND_NAMES.join(', ');

/** Epoch ms from epoch ms or ISO 8601; undefined unless a real, positive time. */
function parseTime(v: number | string): number | undefined {
  const ms = typeof v === 'number' ? v : /^\d{1,16}$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(ms) && ms > 0 && ms <= 8.64e15 ? ms : undefined;
}

/**
 * Checks an alarm as a platform sent it and says in one sentence what is wrong: the field, what it must
 * be, and what the hall knows (the kinds). Schema errors alone would say "must match a schema in anyOf".
 */
export function checkAlarmInput(value: unknown, now: number, window: TimeWindow): AlarmCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return bad(`an alarm is a JSON object {${FIELDS.join(', ')}}.`);
  const body = value as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => !FIELDS.includes(k));
  if (unknown.length) return bad(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${printable(k, 40)}"`).join(', ')}: an alarm has ${FIELDS.join(', ')}.`);
  if (body.kind === undefined) return bad(`kind is missing: one of ${kinds()}.`);
  if (!isAlarmKind(body.kind)) return bad(`kind "${printable(String(body.kind), 40)}" is not one the hall knows: one of ${kinds()} (other for anything else).`);
  if (body.at !== undefined && typeof body.at !== 'number' && typeof body.at !== 'string') return bad('at must be epoch ms or an ISO 8601 date-time.');
  if (!Value.Check(AlarmInput, body)) {
    const e = Value.Errors(AlarmInput, body)[0];
    const field = e?.instancePath ? e.instancePath.slice(1).replaceAll('/', '.') : 'the alarm';
    return bad(`${field} ${e?.message ?? 'is not valid'}.`);
  }
  const input = body as AlarmInput;
  if ((input.lon === undefined) !== (input.lat === undefined)) return bad('lon and lat come together: give both, or neither.');
  if (input.cameraId === undefined && input.lon === undefined) return bad('an alarm needs a cameraId or a position (lon and lat).');
  if (input.crs !== undefined && input.lon === undefined) return bad('crs says what lon and lat are in: give it with a position.');

  let at = now;
  if (input.at !== undefined) {
    const t = parseTime(input.at);
    if (t === undefined) return bad(`at "${printable(String(input.at), 40)}" is not a time: give epoch ms or an ISO 8601 date-time.`);
    if (t > now + window.maxFutureMs) return bad(`at lies more than ${Math.round(window.maxFutureMs / 60_000)} min in the future: check the sending platform’s clock.`);
    if (t < now - window.maxAgeMs) return bad(`at is more than ${Math.round(window.maxAgeMs / 3_600_000)} h old: the hall takes alarms as they happen, not an old backlog.`);
    at = t;
  }
  const alarm: CheckedAlarm = { kind: input.kind, at };
  if (input.cameraId !== undefined) alarm.cameraId = input.cameraId;
  if (input.lon !== undefined && input.lat !== undefined) alarm.position = { lon: input.lon, lat: input.lat, crs: input.crs ?? 'wgs84' };
  const message = input.message?.trim();
  if (message) alarm.message = printable(message, 200);
  const source = input.source?.trim();
  if (source) alarm.source = printable(source, 64);
  return { ok: true, alarm };
}
