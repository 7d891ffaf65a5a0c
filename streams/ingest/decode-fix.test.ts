import { describe, expect, it } from 'vitest';
import { decodeFixPayload, parseTimestamp } from './decode-fix';
import { parseTopic } from './topics';

const now = Date.parse('2026-11-21T08:00:00Z');
const decode = (v: unknown) => decodeFixPayload(Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), 'sjs-01', now);

describe('decodeFixPayload', () => {
  it('accepts epoch ms and ISO 8601 timestamps, single fixes and arrays', () => {
    expect(decode({ ts: now, lon: 116.2, lat: 39.9, speed: 1.2, heading: 90 })).toEqual([
      { ok: true, fix: { unitId: 'sjs-01', lon: 116.2, lat: 39.9, ts: now, speed: 1.2, heading: 90 } },
    ]);
    const [a, b] = decode([
      { ts: '2026-11-21T16:00:00+08:00', lon: 116.2, lat: 39.9 },
      { ts: now - 1000, lon: 116.21, lat: 39.91 },
    ]);
    expect(a).toMatchObject({ ok: true, fix: { ts: now } });
    expect(b).toMatchObject({ ok: true, fix: { ts: now - 1000 } });
  });

  it('refuses bad input with a reason', () => {
    expect(decode('{not json')).toEqual([{ ok: false, reason: 'bad-json' }]);
    expect(decode({ ts: now, lon: '116', lat: 39.9 })).toEqual([{ ok: false, reason: 'bad-schema' }]);
    expect(decode({ ts: now, lon: 200, lat: 39.9 })).toEqual([{ ok: false, reason: 'bad-schema' }]);
    expect(decode({ ts: now, lon: 116, lat: 39.9, extra: true })).toEqual([{ ok: false, reason: 'bad-schema' }]);
    expect(decode({ ts: 'yesterday', lon: 116, lat: 39.9 })).toEqual([{ ok: false, reason: 'bad-ts' }]);
    expect(decode({ ts: now + 3_600_000, lon: 116, lat: 39.9 })).toEqual([{ ok: false, reason: 'ts-future' }]);
    expect(decode({ ts: now - 3 * 86_400_000, lon: 116, lat: 39.9 })).toEqual([{ ok: false, reason: 'ts-too-old' }]);
  });

  it('parses timestamps', () => {
    expect(parseTimestamp('1763712000000')).toBe(1763712000000);
    expect(parseTimestamp('')).toBeUndefined();
    expect(parseTimestamp(-5)).toBeUndefined();
  });
});

describe('parseTopic', () => {
  it('recognises the three topic kinds under the prefix', () => {
    expect(parseTopic('gridwall/v1/', 'gridwall/v1/patrol/sjs-01/position')).toEqual({ kind: 'position', unitId: 'sjs-01' });
    expect(parseTopic('gridwall/v1/', 'gridwall/v1/report')).toEqual({ kind: 'report' });
    expect(parseTopic('gridwall/v1/', 'gridwall/v1/camera/cam-1/status')).toEqual({ kind: 'camera-status', cameraId: 'cam-1' });
    expect(parseTopic('gridwall/v1/', 'gridwall/v1/patrol/a b/position')).toEqual({ kind: 'unknown' });
    expect(parseTopic('gridwall/v1/', 'other/patrol/x/position')).toEqual({ kind: 'unknown' });
  });
});
