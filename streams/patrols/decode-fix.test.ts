import { describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../app/geo/crs';
import { distanceMeters } from '../../app/geo/lnglat';
import { parseTimestamp, type IntakePolicy } from '../ingest/intake-policy';
import { parseJson } from '../ingest/parse-json';
import { decodeFixes } from './decode-fix';

const now = Date.parse('2026-11-21T08:00:00Z');
const policy: IntakePolicy = { maxFutureMs: 300_000, maxAgeMs: 86_400_000, area: [115.8, 39.6, 116.6, 40.2], defaultCrs: 'wgs84' };
const decode = (text: string) => {
  const json = parseJson(Buffer.from(text));
  return json.ok ? decodeFixes(json.value, 'sjs-01', now, policy, 600) : 'bad-json';
};
const reasons = (v: unknown) => decodeFixes(v, 'sjs-01', now, policy, 600).map((r) => (r.ok ? 'ok' : r.reason));

describe('decoding fixes', () => {
  it('accepts epoch ms and ISO 8601 timestamps, single fixes and arrays', () => {
    expect(decodeFixes({ ts: now, lon: 116.2, lat: 39.9, speed: 1.2, heading: 90, accuracy: 5 }, 'sjs-01', now, policy, 600)).toEqual([
      { ok: true, fix: { unitId: 'sjs-01', lon: 116.2, lat: 39.9, ts: now, speed: 1.2, heading: 90, accuracy: 5 } },
    ]);
    const [a, b] = decodeFixes(
      [
        { ts: '2026-11-21T16:00:00+08:00', lon: 116.2, lat: 39.9 },
        { ts: now - 1000, lon: 116.21, lat: 39.91 },
      ],
      'sjs-01',
      now,
      policy,
      600,
    );
    expect(a).toMatchObject({ ok: true, fix: { ts: now } });
    expect(b).toMatchObject({ ok: true, fix: { ts: now - 1000 } });
  });

  it('converts GCJ-02 and BD-09 to WGS84 once, by the fix’s crs or the configured default', () => {
    const wgs = [116.2231, 39.9065] as const;
    for (const crs of ['gcj02', 'bd09'] as const) {
      const [lon, lat] = fromWgs84(wgs[0], wgs[1], crs);
      const [r] = decodeFixes({ ts: now, lon, lat, crs }, 'u', now, policy, 600);
      expect(r?.ok && distanceMeters([r.fix.lon, r.fix.lat], wgs)).toBeLessThan(1);
      const [d] = decodeFixes({ ts: now, lon, lat }, 'u', now, { ...policy, defaultCrs: crs }, 600);
      expect(d?.ok && distanceMeters([d.fix.lon, d.fix.lat], wgs)).toBeLessThan(1);
    }
  });

  it('refuses every kind of bad input with its reason', () => {
    expect(decode('{not json')).toBe('bad-json');
    expect(decode('{"ts": 1, "lon": NaN, "lat": 39.9}')).toBe('bad-json');
    expect(reasons(JSON.parse('{"ts": 1763712000000, "lon": 1e400, "lat": 39.9}'))).toEqual(['bad-schema']); // Infinity
    expect(reasons({ ts: now, lon: '116', lat: 39.9 })).toEqual(['bad-schema']);
    expect(reasons({ ts: now, lon: 116, lat: 39.9, extra: true })).toEqual(['bad-schema']);
    expect(reasons({ ts: now, lon: 116.2, lat: 39.9, speed: -1 })).toEqual(['bad-schema']);
    expect(reasons({ ts: now, lon: 116.2, lat: 39.9, crs: 'epsg:3857' })).toEqual(['bad-schema']);
    expect(reasons(null)).toEqual(['bad-schema']);
    expect(reasons([])).toEqual(['bad-schema']);
    expect(reasons(new Array(601).fill({ ts: now, lon: 116.2, lat: 39.9 }))).toEqual(['too-many-fixes']);
    expect(reasons({ ts: 'yesterday', lon: 116.2, lat: 39.9 })).toEqual(['bad-ts']);
    expect(reasons({ ts: now + 3_600_000, lon: 116.2, lat: 39.9 })).toEqual(['ts-future']);
    expect(reasons({ ts: now - 3 * 86_400_000, lon: 116.2, lat: 39.9 })).toEqual(['ts-too-old']);
    expect(reasons({ ts: now, lon: 200, lat: 39.9 })).toEqual(['bad-schema']);
    expect(reasons({ ts: now, lon: 0, lat: 0 })).toEqual(['out-of-area']); // "null island"
    expect(reasons({ ts: now, lon: 121.47, lat: 31.23 })).toEqual(['out-of-area']); // Shanghai: not this hall
  });

  it('spots swapped longitude and latitude', () => {
    expect(reasons({ ts: now, lon: 39.9, lat: 116.2 })).toEqual(['coords-swapped']);
  });

  it('judges each fix of an array on its own', () => {
    expect(reasons([{ ts: now, lon: 116.2, lat: 39.9 }, { ts: now, lon: 0, lat: 0 }])).toEqual(['ok', 'out-of-area']);
  });

  it('parses timestamps', () => {
    expect(parseTimestamp('1763712000000')).toBe(1763712000000);
    expect(parseTimestamp('')).toBeUndefined();
    expect(parseTimestamp(-5)).toBeUndefined();
    // Beyond what a Date holds (and beyond int64 milliseconds): not a time.
    expect(parseTimestamp('99999999999999999999')).toBeUndefined();
    expect(parseTimestamp(9e15)).toBeUndefined();
  });
});
