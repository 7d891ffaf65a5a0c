import { afterAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from './db';
import { testDatabases } from './test-databases';
import { TrackWriter } from '../tracks/track-writer';
import { deleteFixesBefore, latestFixes, readTrack, TRACK_MIGRATIONS } from '../tracks/track-store';
import { insertReport, recentReports, REPORT_MIGRATIONS } from '../reports/report-store';
import { migrate } from './migrations';

// The same tests against PGlite and, when DATABASE_URL is set, PostgreSQL: same SQL, same migrations.
describe.each(testDatabases())('database: $name', (target) => {
  let db: Db;
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('opens and runs each module’s migrations once', async () => {
    db = await target.open();
    const modules = [
      { module: 'tracks', migrations: TRACK_MIGRATIONS },
      { module: 'reports', migrations: REPORT_MIGRATIONS },
    ];
    expect(await migrate(db, modules)).toEqual(['tracks@1', 'tracks@2', 'reports@1', 'reports@2']);
    expect(await migrate(db, modules)).toEqual([]);
    const rows = await db.query<{ module: string; version: number }>('SELECT module, version FROM gridwall_migration ORDER BY module, version');
    expect(rows.map((r) => `${r.module}@${Number(r.version)}`)).toEqual(['reports@1', 'reports@2', 'tracks@1', 'tracks@2']);
  }, 60_000);

  it('runs a transaction as one: committed, or rolled back on error', async () => {
    await db.exec('CREATE TABLE tx_probe (n integer PRIMARY KEY)');
    await db.tx(async (q) => {
      await q.query('INSERT INTO tx_probe VALUES (1)');
      await q.query('INSERT INTO tx_probe VALUES (2)');
    });
    await expect(
      db.tx(async (q) => {
        await q.query('INSERT INTO tx_probe VALUES (3)');
        await q.query('INSERT INTO tx_probe VALUES (1)'); // duplicate key: the whole transaction goes
      }),
    ).rejects.toThrow();
    // Statements outside a transaction wait for it, never land inside it.
    const [outside] = await Promise.all([db.query('SELECT count(*)::int AS n FROM tx_probe'), db.tx(async (q) => q.query('INSERT INTO tx_probe VALUES (4)'))]);
    expect(outside).toBeDefined();
    const rows = await db.query<{ n: number }>('SELECT n FROM tx_probe ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 2, 4]);
  });

  it('carries over the bookkeeping of a data dir from before hall modules', async () => {
    await db.exec(`DROP TABLE gridwall_migration;
      CREATE TABLE gridwall_migration (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
      INSERT INTO gridwall_migration (version, name) VALUES (1, 'patrol tracks and inspector reports');`);
    const applied = await migrate(db, [
      { module: 'tracks', migrations: TRACK_MIGRATIONS },
      { module: 'reports', migrations: REPORT_MIGRATIONS },
    ]);
    expect(applied).toEqual(['tracks@2', 'reports@2']);
  });

  it('writes tracks in batches, ignores duplicates, and replays a window in order', async () => {
    const w = new TrackWriter(db, { flushMs: 1000, maxBatch: 1000, maxBuffered: 100_000 });
    for (let i = 0; i < 2500; i++) {
      w.add({ unitId: `u${i % 5}`, ts: 1_000_000 + i, lon: 116.2 + i * 1e-6, lat: 39.9, speed: i % 7 }, 2_000_000 + i);
    }
    w.add({ unitId: 'u0', ts: 1_000_000, lon: 0, lat: 0 }, 1); // duplicate (unit, ts): ignored
    await w.stop();
    expect(w.written).toBe(2501);
    expect(w.pending).toBe(0);
    const track = await readTrack(db, 'u0', 1_000_000, 1_000_100, 1000);
    expect(track.map((p) => p.ts)).toEqual(Array.from({ length: 21 }, (_, k) => 1_000_000 + k * 5));
    expect(track[0]).toMatchObject({ lon: 116.2, lat: 39.9, speed: 0 });
    expect(await readTrack(db, 'u0', 1_000_000, 1_002_500, 3)).toHaveLength(3);
  });

  it('finds each patrol’s latest fix, and enforces retention', async () => {
    const latest = await latestFixes(db, 0);
    expect(latest).toHaveLength(5);
    expect(latest.find((f) => f.unitId === 'u4')?.ts).toBe(1_002_499);
    expect(await deleteFixesBefore(db, 1_001_000, 300)).toBe(1000);
    expect((await readTrack(db, 'u1', 0, 2e12, 10_000))[0]?.ts).toBe(1_001_001);
  });

  it('keeps a failed batch for the next flush', async () => {
    let fail = true;
    const flaky: Queryable = { exec: (sql) => db.exec(sql), query: (sql, params) => (fail ? Promise.reject(new Error('down')) : db.query(sql, params)) };
    const w = new TrackWriter(flaky, { flushMs: 1000, maxBatch: 100, maxBuffered: 1000 });
    w.add({ unitId: 'flaky', ts: 5, lon: 116, lat: 39.9 }, 6);
    await w.flush();
    expect(w.pending).toBe(1);
    expect(w.lastError).toBe('down');
    fail = false;
    await w.flush();
    expect(w.pending).toBe(0);
    expect(await readTrack(db, 'flaky', 0, 10, 10)).toHaveLength(1);
  });

  it('stores a report once and lists recent reports newest first', async () => {
    const r = { id: 'r-1', ts: 10, receivedAt: 20, lon: 116.2, lat: 39.9, category: '0102', description: '暴露垃圾', photos: ['/p/1.jpg'], street: '110107001000' };
    expect(await insertReport(db, r)).toBe(true);
    expect(await insertReport(db, { ...r, description: 'retry' })).toBe(false);
    await insertReport(db, { ...r, id: 'r-2', receivedAt: 30, unitId: 'u1' });
    const recent = await recentReports(db, 10);
    expect(recent.map((x) => x.id)).toEqual(['r-2', 'r-1']);
    expect(recent[1]).toEqual(r);
  });
});
