import { describe, expect, it } from 'vitest';
import Value from 'typebox/value';
import { Alarm, ALARM_KIND_NAMES, alarmKindLabel, repeatKey } from './alarm';
import { alarmChannel } from './alarm-channel';
import { checkAlarmInput } from './alarm-input';

const NOW = Date.parse('2026-05-14T06:03:22Z');
const WINDOW = { maxFutureMs: 5 * 60_000, maxAgeMs: 24 * 3_600_000 };
const check = (v: unknown) => checkAlarmInput(v, NOW, WINDOW);
const messageOf = (v: unknown) => {
  const r = check(v);
  return r.ok ? '' : r.message;
};

describe('alarm input', () => {
  it('takes a camera alarm and a located one, the time defaulting to now', () => {
    expect(check({ cameraId: 'cam-01', kind: 'street-trading' })).toEqual({ ok: true, alarm: { cameraId: 'cam-01', kind: 'street-trading', at: NOW } });
    const r = check({ lon: 116.2, lat: 39.9, crs: 'gcj02', kind: 'manhole-cover', at: '2026-05-14T06:00:00Z', source: ' 井盖监测平台 ', message: '井盖位移\u001b[31m' });
    expect(r).toEqual({ ok: true, alarm: { kind: 'manhole-cover', position: { lon: 116.2, lat: 39.9, crs: 'gcj02' }, at: Date.parse('2026-05-14T06:00:00Z'), source: '井盖监测平台', message: '井盖位移\\x1b[31m' } });
  });

  it('says what is wrong in one sentence, naming the field and the kinds', () => {
    expect(messageOf(null)).toContain('JSON object');
    expect(messageOf({ cameraId: 'cam-01' })).toMatch(/^kind is missing: one of street-trading, .*smoke/);
    expect(messageOf({ cameraId: 'cam-01', kind: 'alien' })).toContain('kind "alien" is not one the hall knows');
    expect(messageOf({ cameraId: 'cam-01', kind: 'smoke', colour: 'red' })).toContain('unknown field "colour"');
    expect(messageOf({ kind: 'smoke' })).toBe('an alarm needs a cameraId or a position (lon and lat).');
    expect(messageOf({ kind: 'smoke', lon: 116.2 })).toContain('lon and lat come together');
    expect(messageOf({ kind: 'smoke', lon: 216.2, lat: 39.9 })).toMatch(/^lon must be <= 180/);
    expect(messageOf({ kind: 'smoke', cameraId: 'a b' })).toMatch(/^cameraId must match/);
    expect(messageOf({ kind: 'smoke', cameraId: 'c', crs: 'gcj02' })).toContain('crs says what lon and lat are in');
    expect(messageOf({ kind: 'smoke', cameraId: 'c', at: true })).toContain('at must be epoch ms');
    expect(messageOf({ kind: 'smoke', cameraId: 'c', at: 'yesterday' })).toContain('is not a time');
    expect(messageOf({ kind: 'smoke', cameraId: 'c', at: NOW + 10 * 60_000 })).toContain('in the future');
    expect(messageOf({ kind: 'smoke', cameraId: 'c', at: NOW - 25 * 3_600_000 })).toContain('h old');
    expect(messageOf({ kind: 'smoke', cameraId: 'c', message: 'x'.repeat(501) })).toMatch(/^message must/);
  });
});

describe('alarm kinds', () => {
  it('have a name in both languages', () => {
    for (const k of ALARM_KIND_NAMES) {
      expect(alarmKindLabel(k).zh).toMatch(/\p{Script=Han}/u);
      expect(alarmKindLabel(k).en).toMatch(/^[A-Z]/);
    }
    expect(alarmKindLabel('street-trading')).toEqual({ zh: '占道经营', en: 'Street trading' });
  });

  it('fold repeats on the camera (or the spot) and the kind', () => {
    expect(repeatKey({ cameraId: 'c1', lon: 116.2, lat: 39.9, kind: 'smoke' })).toBe(repeatKey({ cameraId: 'c1', kind: 'smoke' }));
    expect(repeatKey({ cameraId: 'c1', kind: 'smoke' })).not.toBe(repeatKey({ cameraId: 'c1', kind: 'fire' }));
    expect(repeatKey({ lon: 116.20001, lat: 39.9, kind: 'smoke' })).toBe(repeatKey({ lon: 116.20002, lat: 39.9, kind: 'smoke' }));
    expect(repeatKey({ lon: 116.201, lat: 39.9, kind: 'smoke' })).not.toBe(repeatKey({ lon: 116.2, lat: 39.9, kind: 'smoke' }));
  });
});

describe('the alarms channel', () => {
  const alarm: Alarm = {
    id: 'alm-1',
    kind: 'street-trading',
    cameraId: 'cam-01',
    lon: 116.22,
    lat: 39.9,
    street: '110107011000',
    message: '摊主张某，车牌京A12345',
    source: 'ai-platform',
    by: 'video platform',
    at: NOW,
    receivedAt: NOW,
    lastAt: NOW,
    count: 1,
  };

  it('is scoped by place and never gives exhibit surfaces the text or who raised it', () => {
    expect(Value.Check(Alarm, alarm)).toBe(true);
    expect(alarmChannel.tags(alarm)).toEqual({ street: '110107011000', community: undefined, grid: undefined });
    const seen = alarmChannel.views?.exhibit?.item(alarm);
    expect(seen).toBeDefined();
    expect(Value.Check(Alarm, seen)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain('张某');
    expect(seen).toMatchObject({ id: 'alm-1', kind: 'street-trading', cameraId: 'cam-01', at: NOW, by: '' });
    expect(seen).not.toHaveProperty('message');
  });
});
