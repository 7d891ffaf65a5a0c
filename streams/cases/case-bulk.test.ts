import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseActor } from '../../app/case/case';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { writeHistoricCases, type HistoricCase } from './case-bulk';
import { loadCaseData, type CaseData } from './case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from './case-migrations';
import { CaseStore } from './case-store';

/** Monday 2026-11-16 09:00 in Beijing. */
const T = Date.parse('2026-11-16T09:00:00+08:00');
const MIN = 60_000;
const who = (role: CaseActor['role'], id = `${role}-1`): CaseActor => ({ role, id });

const FACTS = 'stage, deadline, reporter, filed_at, dispatched_at, handled_at, closed_at, closed_on_time, reworks, extended, last_seq';

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

describe.each(testDatabases())('historic cases in bulk: $name', (target) => {
  let db: Db;
  let store: CaseStore;
  beforeAll(async () => {
    db = await target.open();
    await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
    store = new CaseStore(db, { centre: '110107', timeZone: 'Asia/Shanghai', data, now: () => T });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  /** A live case taken through rework and an extension, and the same history written in bulk. */
  async function twin(): Promise<{ live: string; bulk: string }> {
    const r = await store.create({ clientId: 'live-1', source: 'inspector', category: 'event.0102', lon: 116.2, lat: 39.9, description: '暴露垃圾', reportedAt: T }, who('inspector', 'I-7'), 'handset', T);
    if (!r.ok) throw new Error(r.reason);
    const id = r.file.case.id;
    const steps: Array<[Parameters<CaseStore['act']>[1], CaseActor, Parameters<CaseStore['act']>[4]?]> = [
      ['accept', who('acceptor')],
      ['file', who('shift-leader')],
      ['dispatch', who('dispatcher'), { department: 'sanitation' }],
      ['extend-request', who('department', 'sanitation'), { until: T + 3 * 86_400_000, note: '需要设备' }],
      ['extend-approve', who('shift-leader')],
      ['feedback', who('department', 'sanitation')],
      ['rework', who('acceptor'), { note: '未清理干净' }],
      ['feedback', who('department', 'sanitation')],
      ['request-check', who('acceptor')],
      ['check-pass', who('inspector', 'I-7')],
      ['close', who('shift-leader')],
    ];
    let at = T;
    for (const [action, actor, extra] of steps) {
      at += 20 * MIN;
      const out = await store.act(id, action, actor, at, extra);
      if (!out.ok) throw new Error(`${action}: ${out.reason}`);
    }
    const file = await store.get(id);
    if (!file) throw new Error('gone');
    const copy: HistoricCase = { case: { ...file.case, id: undefined, caseNo: '110107-20261116-0999', clientId: 'import:110107-20261116-0999' }, events: file.history };
    const out = await writeHistoricCases(db, [copy], { timeZone: 'Asia/Shanghai', data, centre: '110107' });
    expect(out).toEqual({ written: 1, skipped: 0 });
    const [row] = await db.query<{ id: string }>(`SELECT id FROM gridwall_case WHERE case_no = '110107-20261116-0999'`);
    return { live: id, bulk: row?.id ?? '' };
  }

  it('keeps the same derived columns as the live store, and the same history', async () => {
    const { live, bulk } = await twin();
    const [a] = await db.query(`SELECT ${FACTS} FROM gridwall_case WHERE id = $1`, [live]);
    const [b] = await db.query(`SELECT ${FACTS} FROM gridwall_case WHERE id = $1`, [bulk]);
    expect(a).toMatchObject({ stage: 'closed', reporter: 'I-7', reworks: 2 - 1, extended: true, closed_on_time: true });
    expect(b).toEqual(a);
    expect((await store.get(bulk))?.history).toEqual((await store.get(live))?.history);
  });

  it('skips cases it already holds, so an import can run again', async () => {
    const before = await db.query<{ n: string }>('SELECT (SELECT count(*) FROM gridwall_case_event) + (SELECT count(*) FROM gridwall_case_past) AS n');
    const file = await store.byCaseNo('110107-20261116-0999');
    if (!file) throw new Error('missing');
    const again = await writeHistoricCases(db, [{ case: { ...file.case, id: undefined }, events: file.history }], { timeZone: 'Asia/Shanghai', data });
    expect(again).toEqual({ written: 0, skipped: 1 });
    expect(await db.query('SELECT (SELECT count(*) FROM gridwall_case_event) + (SELECT count(*) FROM gridwall_case_past) AS n')).toEqual(before);
  });

  it('moves the day counter past imported numbers, so live numbering never collides', async () => {
    const r = await store.create({ clientId: 'after-import', source: 'hotline-12345', category: 'event.0102', lon: 116.2, lat: 39.9, description: 'x', reportedAt: T }, who('acceptor'), undefined, T);
    if (!r.ok) throw new Error(r.reason);
    expect(r.file.case.caseNo).toBe('110107-20261116-1000');
  });
});
