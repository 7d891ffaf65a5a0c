import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseActor } from '../../app/case/case';
import type { CaseRole } from '../../app/case/case-actions';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { loadCaseData, type CaseData } from './case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from './case-migrations';
import { CaseCursorError, CaseStore, type NewCase } from './case-store';

const who = (role: CaseRole, id = `${role}-1`): CaseActor => ({ role, id });
const inspector = who('inspector');
const acceptor = who('acceptor');
const leader = who('shift-leader');
const dispatcher = who('dispatcher');
const dept = who('department', 'sanitation');

/** 2026-11-21 10:00 in Beijing (a Saturday; the clock is not what these tests are about). */
const T = Date.parse('2026-11-21T10:00:00+08:00');
const MIN = 60_000;

const STREET_A = '110107001000';
const STREET_B = '110107002000';

let n = 0;
const report = (over: Partial<NewCase> = {}): NewCase => ({
  clientId: `t-${++n}`,
  source: 'inspector',
  category: 'event.0102',
  lon: 116.2,
  lat: 39.9,
  description: '暴露垃圾',
  reportedAt: T,
  ...over,
});

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

describe.each(testDatabases())('case store: $name', (target) => {
  let db: Db;
  let store: CaseStore;
  beforeAll(async () => {
    db = await target.open();
    expect(await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }])).toEqual(['cases@1', 'cases@2', 'cases@3']);
    store = new CaseStore(db, {
      centre: '110107',
      timeZone: 'Asia/Shanghai',
      data,
      locate: (lon) => ({ street: lon < 116.3 ? STREET_A : STREET_B, outsideDistrict: lon > 117 }),
      now: () => T,
    });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  const count = async (table: string) => Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n);

  // Opens every pooled connection first, so racers really overlap on PostgreSQL.
  const warmPool = () => Promise.all(Array.from({ length: 4 }, () => db.tx((q) => q.query('SELECT pg_sleep(0.05)'))));

  it('opens a case with its report event, located and numbered by the hall day', async () => {
    const r = await store.create(report({ photos: ['a'.repeat(64)], address: '西长安街1号' }), inspector, 'handset', T);
    if (!r.ok) throw new Error(r.reason);
    expect(r.duplicate).toBe(false);
    const { case: c, history } = r.file;
    expect(c).toMatchObject({ caseNo: '110107-20261121-0001', stage: 'reported', street: STREET_A, photos: ['a'.repeat(64)], address: '西长安街1号' });
    expect(c.outsideDistrict ?? c.urgent).toBeUndefined();
    expect(history).toEqual([{ seq: 1, at: T, action: 'report', stage: 'reported', by: inspector, surface: 'handset' }]);
    // 立案 within 20 working minutes of the report: the row keeps that deadline for red-light lists.
    expect(r.file.deadline).toBeGreaterThan(T);
    expect(await store.get(c.id)).toEqual(r.file);
    expect(await store.byCaseNo(c.caseNo)).toEqual(r.file);

    const second = await store.create(report({ lon: 117.5 }), inspector, undefined, T + MIN);
    expect(second.ok && second.file.case).toMatchObject({ caseNo: '110107-20261121-0002', street: STREET_B, outsideDistrict: true });
    // 23:59 Beijing is still the 21st; 00:10 on the 22nd in Beijing is 16:10 UTC on the 21st, yet a new hall day.
    const late = await store.create(report(), inspector, undefined, Date.parse('2026-11-21T23:59:00+08:00'));
    expect(late.ok && late.file.case.caseNo).toBe('110107-20261121-0003');
    const next = await store.create(report(), inspector, undefined, Date.parse('2026-11-22T00:10:00+08:00'));
    expect(next.ok && next.file.case.caseNo).toBe('110107-20261122-0001');
  });

  it('is idempotent on clientId: a retry returns the first case and writes nothing', async () => {
    const [cases, events] = [await count('gridwall_case'), await count('gridwall_case_event')];
    const first = await store.create(report({ clientId: 'retry-1' }), inspector, undefined, T + 2 * MIN);
    const again = await store.create(report({ clientId: 'retry-1', description: 'changed on retry' }), inspector, undefined, T + 3 * MIN);
    expect(first.ok && !first.duplicate).toBe(true);
    expect(again.ok && again.duplicate).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.file).toEqual(first.file);
    expect(await count('gridwall_case')).toBe(cases + 1);
    expect(await count('gridwall_case_event')).toBe(events + 1);
  });

  it('makes one case when retries race, and spends one case number on it', async () => {
    await warmPool();
    const before = await count('gridwall_case');
    const at = Date.parse('2026-12-01T09:00:00+08:00');
    const results = await Promise.all(Array.from({ length: 6 }, () => store.create(report({ clientId: 'race-1' }), inspector, undefined, at)));
    const ok = results.map((r) => (r.ok ? r : undefined));
    expect(ok.every(Boolean)).toBe(true);
    expect(ok.filter((r) => r && !r.duplicate)).toHaveLength(1);
    expect(new Set(ok.map((r) => r?.file.case.id)).size).toBe(1);
    expect(ok[0]?.file.case.caseNo).toBe('110107-20261201-0001');
    expect(await count('gridwall_case')).toBe(before + 1);
    // The racers that lost gave their numbers back: the day goes on at 0002.
    const after = await store.create(report(), inspector, undefined, at + MIN);
    expect(after.ok && after.file.case.caseNo).toBe('110107-20261201-0002');
  });

  it('takes a case from report to close, keeping the history in order', async () => {
    const r = await store.create(report(), inspector, 'handset', T);
    if (!r.ok) throw new Error(r.reason);
    const id = r.file.case.id;
    const steps: Array<[Parameters<CaseStore['act']>[1], CaseActor, Parameters<CaseStore['act']>[4]?]> = [
      ['accept', acceptor],
      ['file', leader],
      ['dispatch', dispatcher, { department: 'sanitation' }],
      ['feedback', dept, { photos: ['b'.repeat(64)], note: '已清除' }],
      ['request-check', acceptor],
      ['check-pass', inspector],
      ['close', leader],
    ];
    let at = T;
    for (const [action, actor, extra] of steps) {
      at += 5 * MIN;
      const out = await store.act(id, action, actor, at, extra);
      if (!out.ok) throw new Error(`${action}: ${out.reason}`);
      expect(out.event).toMatchObject({ seq: out.file.history.length, action, at });
      expect(out.file.case.stage).toBe(out.event.stage);
      expect(out.file.updatedAt).toBe(at);
    }
    const file = await store.get(id);
    expect(file?.history.map((e) => `${e.seq}:${e.action}>${e.stage}`)).toEqual([
      '1:report>reported',
      '2:accept>accepted',
      '3:file>filed',
      '4:dispatch>handling',
      '5:feedback>fed-back',
      '6:request-check>checking',
      '7:check-pass>checked',
      '8:close>closed',
    ]);
    expect(file?.history[4]).toMatchObject({ by: dept, note: '已清除', photos: ['b'.repeat(64)] });
    expect(file?.case).toMatchObject({ stage: 'closed', department: 'sanitation' });
    expect(file?.deadline).toBeUndefined(); // a closed case runs no clock
  });

  it('returns refusals unchanged and writes nothing for them', async () => {
    const r = await store.create(report(), inspector, undefined, T);
    if (!r.ok) throw new Error(r.reason);
    const id = r.file.case.id;
    const events = await count('gridwall_case_event');
    expect(await store.act(id, 'dispatch', dispatcher, T + MIN, { department: 'x' })).toMatchObject({ ok: false, status: 409, allowed: [] });
    expect(await store.act(id, 'accept', inspector, T + MIN)).toMatchObject({ ok: false, status: 403, allowed: ['self-fix'] });
    expect(await store.act(id, 'void', acceptor, T + MIN)).toMatchObject({ ok: false, status: 400, allowed: ['request-verify', 'accept', 'void'] });
    expect(await store.act(id, 'accept', acceptor, T - MIN)).toMatchObject({ ok: false, status: 400 });
    expect(await store.act('no-such-case', 'accept', acceptor, T)).toMatchObject({ ok: false, status: 404 });
    expect(await store.create(report(), who('department'), undefined, T)).toMatchObject({ ok: false, status: 403 });
    expect(await store.create(report({ category: 'event.9999' }), inspector, undefined, T)).toMatchObject({ ok: false, status: 400 });
    expect(await count('gridwall_case_event')).toBe(events);
    expect(await store.get(id)).toEqual(r.file);
  });

  it('lets only one of two conflicting actions on a case succeed', async () => {
    await warmPool();
    for (let round = 0; round < 5; round++) {
      const r = await store.create(report(), inspector, undefined, T);
      if (!r.ok) throw new Error(r.reason);
      const id = r.file.case.id;
      // From "reported" an acceptor may accept or send it to be verified, but not both.
      const results = await Promise.all([
        store.act(id, 'accept', acceptor, T + MIN),
        store.act(id, 'request-verify', acceptor, T + MIN),
        store.act(id, 'accept', who('acceptor', 'acceptor-2'), T + MIN),
        store.act(id, 'request-verify', who('acceptor', 'acceptor-2'), T + MIN),
      ]);
      expect(results.filter((x) => x.ok)).toHaveLength(1);
      for (const x of results) if (!x.ok) expect(x.status).toBe(409);
      const file = await store.get(id);
      expect(file?.history).toHaveLength(2);
      expect(file?.case.stage).toBe(file?.history[1]?.stage);
    }
  });

  it('keeps the handling deadline: an extension asked for after it is refused', async () => {
    const r = await store.create(report(), inspector, undefined, T);
    if (!r.ok) throw new Error(r.reason);
    const id = r.file.case.id;
    await store.act(id, 'accept', acceptor, T + MIN);
    await store.act(id, 'file', leader, T + 2 * MIN);
    const d = await store.act(id, 'dispatch', dispatcher, T + 3 * MIN, { department: 'sanitation' });
    const deadline = d.ok ? d.file.deadline : undefined;
    if (deadline === undefined) throw new Error('a dispatched case has a handling deadline');
    const late = await store.act(id, 'extend-request', dept, deadline + MIN, { until: deadline + 86_400_000, note: '设备故障' });
    expect(late).toMatchObject({ ok: false, status: 409 });
    const inTime = await store.act(id, 'extend-request', dept, deadline - MIN, { until: deadline + 86_400_000, note: '设备故障' });
    expect(inTime.ok && inTime.file.case.stage).toBe('extending');
  });

  describe('lists', () => {
    // Reported in 2027, so only these cases fall in the window the list tests look at.
    const Y = Date.parse('2027-03-01T09:00:00+08:00');
    const window = { from: Y, to: Y + 100 * MIN };
    const ids: string[] = [];
    beforeAll(async () => {
      const specs: Array<Partial<NewCase>> = [
        { lon: 116.2, source: 'inspector', category: 'event.0102' },
        { lon: 116.4, source: 'video', category: 'event.0102' },
        { lon: 116.2, source: 'hotline-12345', category: 'event.0101', community: '110107001001' },
        { lon: 116.4, source: 'inspector', category: 'event.0101' },
        { lon: 116.2, source: 'inspector', category: 'event.0102' },
      ];
      for (const [i, s] of specs.entries()) {
        // Two share a report time, so paging must break the tie by id.
        const r = await store.create(report({ ...s, reportedAt: Y + Math.min(i, 3) * 10 * MIN }), inspector, undefined, Y + 60 * MIN);
        if (!r.ok) throw new Error(r.reason);
        ids.push(r.file.case.id);
      }
      await store.act(ids[0] ?? '', 'accept', acceptor, Y + 61 * MIN);
    });

    const idsOf = async (f: Parameters<CaseStore['list']>[0]) => (await store.list({ ...window, ...f })).items.map((x) => x.case.id);
    const nth = (...i: number[]) => i.map((k) => ids[k]);

    it('filters by stage, street, community, category, source and time', async () => {
      expect(await idsOf({ stage: 'accepted' })).toEqual(nth(0));
      expect(await idsOf({ stage: ['accepted', 'closed'] })).toEqual(nth(0));
      expect(new Set(await idsOf({ street: STREET_A }))).toEqual(new Set(nth(0, 2, 4)));
      expect(await idsOf({ community: '110107001001' })).toEqual(nth(2));
      expect(await idsOf({ category: 'event.0101' })).toEqual(nth(3, 2));
      expect(await idsOf({ source: 'video' })).toEqual(nth(1));
      expect(await idsOf({ from: Y + 10 * MIN, to: Y + 30 * MIN })).toEqual(nth(2, 1));
      expect(await idsOf({ grid: '110107001001001' })).toEqual([]);
    });

    it('lists overdue cases by their kept deadline', async () => {
      expect(await idsOf({ overdue: true, now: Y + 61 * MIN })).toEqual([]);
      const late = await idsOf({ overdue: true, now: Y + 30 * 86_400_000 });
      expect(new Set(late)).toEqual(new Set(ids));
      expect(await idsOf({ overdue: false, now: Y + 30 * 86_400_000 })).toEqual([]);
    });

    it('pages newest first, ties by id, without gaps or repeats', async () => {
      const all = (await store.list(window)).items;
      expect(all.map((x) => x.case.reportedAt)).toEqual([...all.map((x) => x.case.reportedAt)].sort((a, b) => b - a));
      const [tieA, tieB] = all.slice(0, 2).map((x) => x.case.id);
      expect(tieA && tieB && tieA < tieB).toBe(true);
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.list({ ...window, limit: 2, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((x) => x.case.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toEqual(all.map((x) => x.case.id));
      await expect(store.list({ cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(CaseCursorError);
    });
  });
});
