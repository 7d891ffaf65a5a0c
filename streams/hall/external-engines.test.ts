// The production engines: an external MQTT broker (MQTT_URL, Mosquitto in CI) shared by several hall
// servers, and PostgreSQL (DATABASE_URL). Skipped, with the reason, where those are not configured.
import { randomBytes } from 'node:crypto';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { latestOf, recentOf } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { createTestSchema } from '../db/test-databases';
import { startTestHall, TestSurface, waitUntil, type TestHall } from './test-hall';

const MQTT_URL = process.env.MQTT_URL;
const DATABASE_URL = process.env.DATABASE_URL;
const halls: TestHall[] = [];
afterAll(async () => {
  for (const h of halls.splice(0)) await h.stop();
});

const accepted = async (t: TestHall) => (await t.hall.metrics.ingestAccepted.get()).values.find((v) => v.labels.kind === 'fix')?.value ?? 0;
const dropped = async (t: TestHall, reason: string) => (await t.hall.metrics.clusterDropped.get()).values.find((v) => v.labels.reason === reason)?.value ?? 0;
const wallOf = (t: TestHall) => new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' });
const patrolsOf = (s: TestSurface) => latestOf(s.view, patrolChannel);

describe.skipIf(!MQTT_URL)('two hall servers on one external broker (MQTT_URL)', () => {
  const prefix = `gridwall-test-${randomBytes(4).toString('hex')}/v1/`;
  const env = {
    MQTT_URL: MQTT_URL ?? '',
    GRIDWALL_TOPIC_PREFIX: prefix,
    GRIDWALL_SHARE_GROUP: `g${randomBytes(4).toString('hex')}`,
    UNIT_MAX_RATE: '100',
    GRIDWALL_CLUSTER_SECRET: randomBytes(16).toString('hex'),
  };

  it('ingest each fix exactly once between them, and both serve every wall the whole city', async () => {
    const a = await startTestHall(env);
    halls.push(a);
    const b = await startTestHall(env);
    halls.push(b);
    expect(a.hall.broker).toBe('external');
    const wallA = wallOf(a);
    const wallB = wallOf(b);
    await wallA.waitFor((s) => s.view.epoch !== '');
    await wallB.waitFor((s) => s.view.epoch !== '');

    const terminal = await mqtt.connectAsync(MQTT_URL ?? '');
    const units = 100;
    const rounds = 4;
    const base = Date.now() - 10_000;
    for (let r = 0; r < rounds; r++) {
      for (let u = 0; u < units; u++) {
        await terminal.publishAsync(`${prefix}patrol/c${u}/position`, JSON.stringify({ ts: base + r * 1000, lon: 116.15 + u * 1e-3, lat: 39.9 + r * 1e-4 }), { qos: 1 });
      }
    }
    await waitUntil(async () => (await accepted(a)) + (await accepted(b)) === units * rounds, 15_000, 'every fix ingested');
    const [na, nb] = [await accepted(a), await accepted(b)];
    expect(na + nb).toBe(units * rounds); // exactly once…
    expect(na).toBeGreaterThan(0); // …and shared between the servers
    expect(nb).toBeGreaterThan(0);
    await wallA.waitFor((s) => patrolsOf(s).size === units && [...patrolsOf(s).values()].every((p) => p.ts === base + 3000), 10_000);
    await wallB.waitFor((s) => patrolsOf(s).size === units && [...patrolsOf(s).values()].every((p) => p.ts === base + 3000), 10_000);
    expect(wallA.gaps + wallB.gaps).toBe(0);

    // Stored once: each server wrote only what it ingested.
    const [ta, tb] = [a.hall.modules.tracks, b.hall.modules.tracks];
    await Promise.all([ta.flush(), tb.flush()]);
    expect(ta.written + tb.written + ta.pending + tb.pending).toBe(units * rounds);

    // A report ingested by one server reaches walls on both.
    await terminal.publishAsync(`${prefix}report`, JSON.stringify({ id: `rep-${randomBytes(4).toString("hex")}`, ts: Date.now(), lon: 116.2193, lat: 39.8975, category: 'event.0102', description: 'x' }), { qos: 1 });
    await wallA.waitFor((s) => recentOf(s.view, reportChannel).length === 1, 10_000);
    await wallB.waitFor((s) => recentOf(s.view, reportChannel).length === 1, 10_000);

    // Forged cluster traffic (no signature, or signed with another secret) is dropped and counted.
    const forged = { v: 2, from: 'intruder', at: Date.now(), channels: { patrols: { upsert: [{ item: { unitId: 'ghost', lon: 116.2, lat: 39.9, ts: Date.now(), seenAt: Date.now(), status: 'online' }, at: Date.now() }] } } };
    await terminal.publishAsync(`${prefix}_cluster/state`, JSON.stringify(forged));
    await terminal.publishAsync(`${prefix}_cluster/state`, `${'0'.repeat(64)}.${JSON.stringify(forged)}`);
    await waitUntil(async () => (await dropped(a, 'bad-signature')) >= 2 && (await dropped(b, 'bad-signature')) >= 2, 5000, 'forged messages dropped');
    const rogue = await startTestHall({ ...env, GRIDWALL_CLUSTER_SECRET: randomBytes(16).toString('hex') });
    halls.push(rogue);
    rogue.hall.inject(`${prefix}patrol/rogue-1/position`, JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }));
    await waitUntil(async () => (await dropped(a, 'bad-signature')) >= 3 && (await dropped(b, 'bad-signature')) >= 3, 5000, 'the rogue server’s message dropped');
    expect(patrolsOf(wallA).has('ghost') || patrolsOf(wallA).has('rogue-1')).toBe(false);
    expect(a.hall.modules.patrols.get('rogue-1')).toBeUndefined();
    await terminal.endAsync();
    wallA.close();
    wallB.close();
  }, 60_000);
});

describe.skipIf(!DATABASE_URL)('a hall on PostgreSQL (DATABASE_URL)', () => {
  it('stores and replays tracks with the same migrations', async () => {
    const schema = await createTestSchema(DATABASE_URL ?? '');
    try {
      const t = await startTestHall({ DATABASE_URL: schema.url });
      halls.push(t);
      await waitUntil(async () => ((await (await fetch(`${t.hall.url}/api/health`)).json()) as { db: { ready: boolean } }).db.ready, 10_000, 'migrations');
      const health = (await (await fetch(`${t.hall.url}/api/health`)).json()) as { db: { engine: string; ready: boolean } };
      expect(health.db).toMatchObject({ engine: 'postgres', ready: true });
      const base = Date.now() - 5000;
      const res = await fetch(`${t.hall.url}/api/patrols/pg-01/positions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.terminalToken}` },
        body: JSON.stringify([0, 1, 2].map((k) => ({ ts: base + k * 1000, lon: 116.2, lat: 39.9 + k * 1e-4 }))),
      });
      expect(res.status).toBe(200);
      await t.hall.modules.tracks.flush();
      const track = (await (await t.api(`/api/patrols/pg-01/track?from=${base}&to=${base + 5000}`)).json()) as { points: unknown[] };
      expect(track.points).toHaveLength(3);
      await t.stop();
      halls.pop();
    } finally {
      await schema.drop();
    }
  }, 60_000);

  it('refuses an unreachable DATABASE_URL at start-up, naming the setting', async () => {
    await expect(startTestHall({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/^DATABASE_URL: Cannot connect/);
  });
});
