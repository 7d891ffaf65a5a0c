import { describe, expect, it } from 'vitest';
import { Auth } from '../auth/auth';
import type { IngestReport } from '../hall/hall-module';
import { RateLimiter } from '../ingest/rate-limiter';
import { PatrolRegistry, type AcceptedFix } from './patrol-registry';
import { PositionIntake } from './position-intake';

const now = Date.parse('2026-11-21T08:00:00Z');

function setup(o: { backlog?: number } = {}) {
  const rejected: Record<string, number> = {};
  const report: IngestReport = {
    rejected: (reason, source, _where, n = 1) => void (rejected[`${source}:${reason}`] = (rejected[`${source}:${reason}`] ?? 0) + n),
    accepted: () => {},
  };
  const registry = new PatrolRegistry({ staleAfterMs: 30_000, offlineAfterMs: 120_000, forgetAfterMs: 3_600_000 });
  const stored: AcceptedFix[] = [];
  const auth = new Auth([{ role: 'gateway', token: 'gateway-token-0123456789', maxUnits: 2 }]);
  const intake = new PositionIntake({
    registry,
    policy: { maxFutureMs: 300_000, maxAgeMs: 86_400_000, area: [115.8, 39.6, 116.6, 40.2], defaultCrs: 'wgs84' },
    maxFixesPerMessage: 600,
    liveLimiter: new RateLimiter(10, 20),
    backlogLimiter: new RateLimiter(1, o.backlog ?? 3600),
    liveWindowMs: 10_000,
    auth,
    report,
    onTrackFix: (f) => stored.push(f),
    observe: () => {},
  });
  return { intake, registry, stored, rejected, gateway: auth.authenticate('gateway-token-0123456789') };
}

const fix = (ts: number, lon = 116.2) => ({ ts, lon, lat: 39.9 });

describe('PositionIntake', () => {
  it('takes fixes in ts order, ignoring duplicates, and stores late ones in the track only', () => {
    const s = setup();
    s.intake.take('u1', [fix(now - 2000, 116.21), fix(now - 3000)], now, 'mqtt');
    s.intake.take('u1', fix(now - 2000, 116.21), now, 'mqtt'); // duplicate
    expect(s.intake.take('u1', fix(now - 5000, 116.1), now, 'mqtt')).toMatchObject({ outOfOrder: 1 }); // late
    expect(s.stored.map((f) => f.ts)).toEqual([now - 3000, now - 2000, now - 5000]);
    expect(s.registry.get('u1')?.lon).toBe(116.21);
  });

  it('keeps a whole flushed offline queue, sent as separate messages at full speed', () => {
    const s = setup();
    // 300 fixes queued at 1 Hz while out of coverage, flushed the moment the terminal is back.
    for (let i = 0; i < 300; i++) s.intake.take('tunnel-1', fix(now - 400_000 + i * 1000), now, 'mqtt');
    expect(s.stored).toHaveLength(300);
    expect(s.rejected).toEqual({});
  });

  it('keeps the queue even when live fixes resume first', () => {
    const s = setup();
    s.intake.take('u2', fix(now), now, 'mqtt');
    for (let i = 0; i < 100; i++) s.intake.take('u2', fix(now - 200_000 + i * 1000), now + 1, 'mqtt');
    expect(s.stored).toHaveLength(101);
    expect(s.registry.get('u2')?.ts).toBe(now);
  });

  it('throttles a flood of live fixes, and a backlog beyond an hour', () => {
    const s = setup({ backlog: 50 });
    for (let i = 0; i < 500; i++) s.intake.take('flood', fix(now - 500 + i), now, 'mqtt');
    expect(s.rejected['mqtt:rate-limited']).toBe(480);
    for (let i = 0; i < 60; i++) s.intake.take('old', fix(now - 100_000 + i * 1000), now, 'mqtt');
    expect(s.rejected['mqtt:rate-limited']).toBe(490);
  });

  it('holds a credential to its number of units', () => {
    const s = setup();
    expect(s.intake.take('a', fix(now), now, 'http', s.gateway)).toMatchObject({ accepted: 1 });
    expect(s.intake.take('b', fix(now), now, 'http', s.gateway)).toMatchObject({ accepted: 1 });
    expect(s.intake.take('c', fix(now), now, 'http', s.gateway)).toEqual({ refused: 'too-many-units' });
    expect(s.intake.take('a', fix(now + 1), now, 'http', s.gateway)).toMatchObject({ accepted: 1 });
  });

  it('refuses bad fixes one by one, with their reasons', () => {
    const s = setup();
    expect(s.intake.take('u3', [fix(now), { ts: now, lon: 0, lat: 0 }, { ts: now, lon: 39.9, lat: 116.2 }], now, 'http')).toEqual({
      accepted: 1,
      duplicate: 0,
      outOfOrder: 0,
      rejected: [
        { index: 1, reason: 'out-of-area' },
        { index: 2, reason: 'coords-swapped' },
      ],
    });
  });
});
