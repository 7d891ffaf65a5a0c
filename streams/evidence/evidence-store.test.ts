// Evidence metadata and the custody index with the same SQL on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEntry, EMPTY_HEAD } from '../../app/evidence/custody';
import type { EvidenceRecord } from '../../app/evidence/evidence';
import { CASE_MIGRATIONS, CASES_MODULE } from '../cases/case-migrations';
import { CaseStore } from '../cases/case-store';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { EVIDENCE_MIGRATIONS } from './evidence-migrations';
import { EvidenceStore } from './evidence-store';
import { sha256Of } from './evidence-files';

const ID = 'ev-20260314021530-0badcafe';
const T = Date.parse('2026-03-14T10:15:30.120+08:00');
const signer = { key: '0123456789abcdef', sha256: (t: string) => sha256Of(Buffer.from(t)), sign: () => 'A'.repeat(86) + '==' };

const record = (over: Partial<EvidenceRecord> = {}): EvidenceRecord => ({
  id: ID,
  camera: { id: 'cam-1', name: '鲁谷路口', lon: 116.2193, lat: 39.8975, street: '110107001000' },
  streamTime: T,
  frameTime: T - 20,
  kind: 'dvr',
  sha256: 'a'.repeat(64),
  frameType: 'image/png',
  clip: { state: 'pending' },
  createdAt: T + 300,
  by: { role: 'operator', id: 'console-1' },
  surface: 'console',
  ...over,
});

describe.each(testDatabases())('the evidence store on $name', (target) => {
  let db: Db;
  let store: EvidenceStore;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db, [
      { module: CASES_MODULE, migrations: CASE_MIGRATIONS },
      { module: 'evidence', migrations: EVIDENCE_MIGRATIONS },
    ]);
    store = new EvidenceStore(db);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('keeps an item, its clip and its case link (once)', async () => {
    await store.insert({ record: record({ box: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 } }), frameName: `frame.${'a'.repeat(64)}.png` });
    expect(await store.pendingClips()).toHaveLength(1);
    await store.clipReady(ID, { sha256: 'b'.repeat(64), name: `clip.${'b'.repeat(64)}.mp4`, from: T - 11_000, to: T + 6_000 });
    expect(await store.pendingClips()).toEqual([]);
    expect(await store.linkCase(ID, 'case-1')).toBe(true);
    expect(await store.linkCase(ID, 'case-2', { x: 0, y: 0, w: 1, h: 1 })).toBe(false);
    const got = await store.get(ID);
    expect(got).toEqual({
      record: record({ clip: { state: 'ready', sha256: 'b'.repeat(64), from: T - 11_000, to: T + 6_000 }, caseId: 'case-1', box: { x: 0.1, y: 0.1, w: 0.5, h: 0.5 } }),
      frameName: `frame.${'a'.repeat(64)}.png`,
      clipName: `clip.${'b'.repeat(64)}.mp4`,
    });
    expect(await store.get('ev-20260101000000-00000000')).toBeUndefined();
  });

  it('indexes custody lines per key, in order, once', async () => {
    let head = EMPTY_HEAD;
    for (const action of ['captured', 'viewed'] as const) {
      const n = nextEntry(head, { at: T, evidenceId: ID, action, by: { role: 'operator', id: 'c' }, surface: 's', sha256: 'a'.repeat(64), file: 'frame' }, signer);
      head = n.head;
      await store.indexCustody(n.entry, n.line);
      await store.indexCustody(n.entry, n.line);
    }
    const lines = await store.custodyLines(ID);
    expect(lines.map((l) => (JSON.parse(l) as { action: string }).action)).toEqual(['captured', 'viewed']);
    expect(await store.lastIndexed(signer.key)).toBe(2);
    expect(await store.lastIndexed('ffffffffffffffff')).toBe(0);
  });

  it('counts video-captured cases near a point by class', async () => {
    const cases = new CaseStore(db, { centre: '110107', timeZone: 'Asia/Shanghai' });
    const open = (n: number, category: string, lon: number, source: 'video' | 'inspector' = 'video') =>
      cases.create({ clientId: `c-${n}`, source, category, lon, lat: 39.8975, description: 'x', reportedAt: T }, { role: 'acceptor', id: 'a' }, 'test', T);
    await open(1, 'event.0504', 116.2193);
    await open(2, 'event.0504', 116.2195);
    await open(3, 'event.0102', 116.2194);
    await open(4, 'event.0102', 116.2194, 'inspector');
    await open(5, 'event.0501', 116.23); // ~1 km east
    expect(await store.videoCategoriesNear(116.2193, 39.8975, 150, T - 1000, 5)).toEqual([
      { category: 'event.0504', count: 2 },
      { category: 'event.0102', count: 1 },
    ]);
    expect(await store.videoCategoriesNear(116.2193, 39.8975, 150, T + 1, 5)).toEqual([]);
  });
});
