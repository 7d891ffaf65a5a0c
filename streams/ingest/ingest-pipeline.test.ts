import { describe, expect, it } from 'vitest';
import type { ReportState } from '../../app/report/inspector-report';
import { LogLimiter } from '../log/log-limiter';
import { createHallMetrics } from '../metrics/hall-metrics';
import { PatrolRegistry, type AcceptedFix } from '../patrol/patrol-registry';
import { IngestPipeline, type IngestSink } from './ingest-pipeline';
import { RateLimiter } from './rate-limiter';

const now = Date.parse('2026-11-21T08:00:00Z');

function setup() {
  const metrics = createHallMetrics();
  const logs: string[] = [];
  const registry = new PatrolRegistry({ staleAfterMs: 30_000, offlineAfterMs: 120_000 });
  const stored: AcceptedFix[] = [];
  const reports: ReportState[] = [];
  const sink: IngestSink = {
    fixes: (fixes, t) =>
      fixes.map((f) => {
        const o = registry.applyFix(f, t);
        if (o === 'accepted') stored.push(f);
        return o;
      }),
    report: (r) => reports.push(r),
    cameraStatus: (id) => (id === 'cam-001' ? 'ok' : 'unknown-camera'),
  };
  const pipeline = new IngestPipeline({
    prefix: 'gridwall/v1/',
    policy: { maxFutureMs: 300_000, maxAgeMs: 86_400_000, area: [115.8, 39.6, 116.6, 40.2], defaultCrs: 'wgs84' },
    maxPayloadBytes: 1024,
    maxFixesPerMessage: 600,
    unitLimiter: new RateLimiter(10, 20),
    sink,
    metrics,
    log: new LogLimiter((l) => logs.push(l), 10_000, () => now),
    streetAt: () => '110107001000',
  });
  const rejected = async () => {
    const m = await metrics.ingestRejected.get();
    return Object.fromEntries(m.values.map((v) => [`${v.labels.source}:${v.labels.reason}`, v.value]));
  };
  const publish = (topic: string, body: unknown) =>
    pipeline.onMqtt(`gridwall/v1/${topic}`, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), now);
  return { pipeline, registry, stored, reports, rejected, publish, logs };
}

describe('IngestPipeline', () => {
  it('takes fixes over MQTT, in ts order, ignoring duplicates and late arrivals', () => {
    const s = setup();
    s.publish('patrol/u1/position', [
      { ts: now - 2000, lon: 116.21, lat: 39.9 },
      { ts: now - 3000, lon: 116.2, lat: 39.9 },
    ]);
    s.publish('patrol/u1/position', { ts: now - 2000, lon: 116.21, lat: 39.9 }); // duplicate
    s.publish('patrol/u1/position', { ts: now - 5000, lon: 116.1, lat: 39.9 }); // late
    expect(s.stored.map((f) => f.ts)).toEqual([now - 3000, now - 2000]);
    expect(s.registry.get('u1')?.lon).toBe(116.21);
  });

  it('counts every refusal by reason and source, and logs each kind once', async () => {
    const s = setup();
    s.publish('patrol/u1/position', '{oops');
    s.publish('patrol/u1/position', '{oops');
    s.publish('patrol/u1/position', 'x'.repeat(2000));
    s.publish('patrol/u1/position', { ts: now, lon: 39.9, lat: 116.2 });
    s.publish('nonsense/topic', {});
    s.publish('camera/cam-999/status', { online: true, ts: now });
    s.publish('report', { id: 'r1' });
    expect(s.pipeline.onHttpFixes('u2', { ts: now, lon: 0, lat: 0 }, now)).toEqual({
      accepted: 0,
      duplicate: 0,
      outOfOrder: 0,
      rejected: [{ index: 0, reason: 'out-of-area' }],
    });
    expect(await s.rejected()).toEqual({
      'mqtt:bad-json': 2,
      'mqtt:too-large': 1,
      'mqtt:coords-swapped': 1,
      'mqtt:unknown-topic': 1,
      'mqtt:unknown-camera': 1,
      'mqtt:bad-schema': 1,
      'http:out-of-area': 1,
    });
    expect(s.logs.filter((l) => l.includes('bad-json'))).toHaveLength(1);
  });

  it('refuses a flooding unit before parsing, without affecting others', async () => {
    const s = setup();
    for (let i = 0; i < 500; i++) s.publish('patrol/flood/position', { ts: now - 10_000 + i, lon: 116.2, lat: 39.9 });
    s.publish('patrol/calm/position', { ts: now, lon: 116.2, lat: 39.9 });
    expect((await s.rejected())['mqtt:rate-limited']).toBe(480);
    expect(s.registry.get('calm')).toBeDefined();
  });

  it('stores inspector reports located in WGS84 and their street', () => {
    const s = setup();
    s.publish('report', { id: 'r-7', ts: now, lon: 116.2, lat: 39.9, category: '0102', description: '暴露垃圾', photos: ['https://x/p.jpg'] });
    expect(s.reports).toEqual([
      { id: 'r-7', ts: now, receivedAt: now, lon: 116.2, lat: 39.9, category: '0102', description: '暴露垃圾', photos: ['https://x/p.jpg'], street: '110107001000' },
    ]);
  });
});
