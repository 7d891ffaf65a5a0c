import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraSpec } from '../../app/camera/camera-spec';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { CAMERA_MIGRATIONS, CAMERAS_MODULE } from './camera-migrations';
import { CameraStore } from './camera-store';

const T = Date.parse('2026-11-21T10:00:00+08:00');
const cam = (id: string, over: Partial<CameraSpec> = {}): CameraSpec => ({
  id,
  name: `鲁谷路 ${id}`,
  lon: 116.2193,
  lat: 39.8975,
  main: { url: `rtsp://admin:pw@192.168.1.${id.length}/ch1` },
  ...over,
});

describe.each(testDatabases())('camera store: $name', (target) => {
  let db: Db;
  let store: CameraStore;
  const bad: string[] = [];

  beforeAll(async () => {
    db = await target.open();
    await migrate(db, [{ module: CAMERAS_MODULE, migrations: CAMERA_MIGRATIONS }]);
    store = new CameraStore(db, { max: 5, onBadRow: (id) => bad.push(id) });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('creates once, reads back exactly what was written, lists by id', async () => {
    const a = cam('b-1', { heading: 90, fov: 60, groups: ['鲁谷', '夜市'], sub: { url: 'http://192.168.1.9/sub.m3u8' }, masks: [[[0, 0], [0.5, 0], [0.5, 0.5]]], exhibit: true });
    expect(await store.create(a, 'operator', T)).toBe('created');
    expect(await store.create(cam('b-1', { name: 'other' }), 'operator', T)).toBe('exists');
    expect(await store.create(cam('a-1'), 'admin', T + 1)).toBe('created');
    expect(await store.get('b-1')).toEqual({ spec: a, createdAt: T, updatedAt: T, updatedBy: 'operator' });
    expect((await store.list()).map((c) => c.spec.id)).toEqual(['a-1', 'b-1']);
    expect(await store.get('nope')).toBeUndefined();
  });

  it('replaces, deletes, and its fingerprint changes with every write', async () => {
    const f0 = await store.fingerprint();
    expect(await store.replace(cam('a-1', { name: '新名字' }), 'operator', T)).toBe(true);
    const f1 = await store.fingerprint();
    expect(f1).not.toBe(f0);
    const got = await store.get('a-1');
    expect(got?.spec.name).toBe('新名字');
    expect(got?.updatedAt).toBeGreaterThan(T + 1); // never goes back, even with an older clock
    expect(await store.replace(cam('zzz'), 'operator', T)).toBe(false);
    expect(await store.delete('a-1')).toBe(true);
    expect(await store.delete('a-1')).toBe(false);
    expect(await store.fingerprint()).not.toBe(f1);
    expect(await store.count()).toBe(1);
  });

  it('puts many in one transaction, idempotently, up to the limit', async () => {
    const specs = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'].map((id) => cam(id));
    expect(await store.putMany(specs, 'import', T)).toEqual(['created', 'created', 'created', 'created', 'full']);
    expect(await store.putMany(specs.slice(0, 2), 'import', T)).toEqual(['updated', 'updated']);
    expect(await store.put(cam('c-9'), 'import', T)).toBe('full');
    expect(await store.create(cam('c-9'), 'import', T)).toBe('full');
    expect(await store.count()).toBe(5);
  });

  it('skips and reports a row that no longer fits the schema', async () => {
    await db.query(`UPDATE gridwall_camera SET spec = '{"id":"c-1","name":""}'::jsonb WHERE id = 'c-1'`);
    expect((await store.list()).map((c) => c.spec.id)).not.toContain('c-1');
    expect(await store.get('c-1')).toBeUndefined();
    expect(bad).toContain('c-1');
  });
});
