import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoricCase } from '../cases/case-bulk';
import { loadCaseData, type CaseData } from '../cases/case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from '../cases/case-migrations';
import { CaseStore } from '../cases/case-store';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { generateCaseHistory } from './case-history';
import { DEMO_HISTORY_MIGRATIONS, loadCaseHistory, numberAfter } from './case-history-loader';

const TZ = 'Asia/Shanghai';
const NOW = Date.parse('2026-11-18T10:30:00+08:00');
const DAY = 86_400_000;
const STREET = '110107001000';
const places = Array.from({ length: 20 }, (_, i) => ({ lon: 116.2 + i * 0.001, lat: 39.9, street: STREET, community: '110107001001', grid: `110107001001${String(i + 1).padStart(3, '0')}`, weight: 1 }));

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

const history = (): HistoricCase[] =>
  generateCaseHistory({ seed: 1, now: NOW, days: 4, centre: '110107', timeZone: TZ, data, places, inspectors: new Map([[STREET, ['110107-p001']]]), offices: new Map([[STREET, '八宝山街道办事处']]), volume: { workday: 60, restDay: 20 } });

describe('numbering the history after live cases of the same day', () => {
  it('moves only the days the hall already numbered', () => {
    const h = history();
    const moved = numberAfter(h, new Map([['20261118', 3]]));
    const today = h.filter((x) => x.case.caseNo.includes('-20261118-'));
    expect(today.length).toBeGreaterThan(3);
    expect(moved.find((x) => x.case.clientId === today[0]?.case.clientId)?.case.caseNo).toBe('110107-20261118-0004');
    expect(moved.filter((x) => !x.case.caseNo.includes('-20261118-'))).toEqual(h.filter((x) => !x.case.caseNo.includes('-20261118-')));
  });
});

describe.each(testDatabases())('loading the demo history: $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('leaves a hall without the cases module alone', async () => {
    const out = await loadCaseHistory({ db, data, centre: '110107', timeZone: TZ, since: NOW, history: () => [] });
    expect(out).toEqual({ state: 'skipped', reason: 'the hall has no case tables (the cases module is not running)' });
    await migrate(db, [
      { module: CASES_MODULE, migrations: CASE_MIGRATIONS },
      { module: 'demo-cases', migrations: DEMO_HISTORY_MIGRATIONS },
    ]);
  });

  it('writes it once, after a live case that came first, and live numbering continues after it', async () => {
    const store = new CaseStore(db, { centre: '110107', timeZone: TZ, data, now: () => NOW });
    const first = await store.create({ clientId: 'live-early', source: 'inspector', category: 'event.0102', lon: 116.2, lat: 39.9, description: '暴露垃圾', reportedAt: NOW }, { role: 'inspector', id: '110107-p001' }, undefined, NOW);
    if (!first.ok) throw new Error(first.reason);
    expect(first.file.case.caseNo).toBe('110107-20261118-0001');

    const made = history();
    const out = await loadCaseHistory({ db, data, centre: '110107', timeZone: TZ, since: NOW - 60_000, history: () => [made], batchSize: 50 });
    expect(out).toMatchObject({ state: 'loaded', written: made.length, skipped: 0 });
    const today = made.filter((h) => h.case.caseNo.includes('-20261118-')).length;

    const next = await store.create({ clientId: 'live-after', source: 'inspector', category: 'event.0102', lon: 116.2, lat: 39.9, description: '暴露垃圾', reportedAt: NOW + 1000 }, { role: 'inspector', id: '110107-p001' }, undefined, NOW + 1000);
    if (!next.ok) throw new Error(next.reason);
    expect(next.file.case.caseNo).toBe(`110107-20261118-${String(today + 2).padStart(4, '0')}`);

    const again = await loadCaseHistory({ db, data, centre: '110107', timeZone: TZ, since: NOW + DAY, history: () => [made] });
    expect(again).toEqual({ state: 'skipped', reason: 'the history was written on an earlier start' });
    const [count] = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM gridwall_case');
    expect(Number(count?.n)).toBe(made.length + 2);
  }, 60_000);

  it('never gives a hall with cases of its own a made-up past', async () => {
    await db.query('DELETE FROM gridwall_demo_history');
    const out = await loadCaseHistory({ db, data, centre: '110107', timeZone: TZ, since: NOW + DAY, history: () => [history()] });
    expect(out).toEqual({ state: 'skipped', reason: 'the hall already has cases of its own' });
  });
});
