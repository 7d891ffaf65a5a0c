import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseActor } from '../../app/case/case';
import type { CaseAction } from '../../app/case/case-actions';
import { writeHistoricCases, type HistoricCase } from '../cases/case-bulk';
import { loadCaseData, type CaseData } from '../cases/case-data';
import type { NewCase } from '../cases/case-store';
import { testDatabases } from '../db/test-databases';
import { DAY, form, KEYS, openOpen311Fixture, parseXml, T0, ZONE, type Open311Fixture } from './open311-fixture';
import { w3DateTime } from './open311-time';
import { newToken } from './open311-token';

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

const V2 = '/open311/v2';
const MIN = 60_000;
const who = (role: CaseActor['role'], id = `${role}-1`): CaseActor => ({ role, id });
const iso = (t: number) => encodeURIComponent(w3DateTime(t, ZONE));

type Item = Record<string, unknown>;

describe.each(testDatabases())('Open311 GET requests and tokens: $name', (target) => {
  let f: Open311Fixture;
  /** Case numbers: a (POSTed, yesterday), b (closed), c (handling), d (100 days old), e (void). */
  const no: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = { a: '', b: '', c: '', d: '', e: '' };
  let token = '';

  const make = async (over: Partial<NewCase>, at: number, steps: Array<[CaseAction, CaseActor, { department?: string; note?: string }?]> = []) => {
    const r = await f.store.create({ clientId: `t-${at}`, source: 'inspector', category: 'event.0102', lon: 116.4, lat: 39.9, description: '测试', reportedAt: at, ...over }, who('inspector'), undefined, at);
    if (!r.ok) throw new Error(r.reason);
    let t = at;
    for (const [action, actor, extra] of steps) {
      t += 10 * MIN;
      const out = await f.store.act(r.file.case.id, action, actor, t, extra);
      if (!out.ok) throw new Error(`${action}: ${out.reason}`);
    }
    return r.file.case.caseNo;
  };

  beforeAll(async () => {
    f = await openOpen311Fixture(target, data);
    f.clock.now = T0 - DAY;
    const body = form({ api_key: KEYS.hotline, service_code: 'event.0102', lat: '39.93', long: '116.41', description: '暴露垃圾', address_string: '东四', 'attribute[channel]': '12345' });
    const posted = await f.app.inject({ method: 'POST', url: `${V2}/requests.json`, ...body });
    [{ service_request_id: no.a, token }] = posted.json<Array<{ service_request_id: string; token: string }>>() as [{ service_request_id: string; token: string }];
    const dept = { department: 'sanitation' };
    no.b = await make({ category: 'event.0103' }, T0 - 2 * DAY, [
      ['accept', who('acceptor')],
      ['file', who('shift-leader')],
      ['dispatch', who('dispatcher'), dept],
      ['feedback', who('department', 'sanitation'), { note: '已清运' }],
      ['request-check', who('acceptor')],
      ['check-pass', who('inspector')],
      ['close', who('shift-leader')],
    ]);
    no.c = await make({ category: 'part.0101', source: 'video' }, T0 - 10 * DAY, [
      ['accept', who('acceptor')],
      ['file', who('shift-leader')],
      ['dispatch', who('dispatcher'), { department: 'water' }],
    ]);
    no.d = await make({}, T0 - 100 * DAY);
    no.e = await make({ category: 'event.0104' }, T0 - 3 * DAY, [['void', who('acceptor'), { note: '重复' }]]);
    f.clock.now = T0;
  }, 60_000);
  afterAll(async () => f?.close());

  const get = (url: string, key: string | null = KEYS.hotline) =>
    f.app.inject({ method: 'GET', url: `${V2}${url}${key ? `${url.includes('?') ? '&' : '?'}api_key=${key}` : ''}` });
  const ids = async (url: string) => {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    return res.json<Item[]>().map((r) => r.service_request_id);
  };
  const xmlRequests = (doc: Record<string, unknown>) => (doc.service_requests as { request?: Item[] }).request ?? [];

  it('lists the last 90 days newest first, with status, stage, deadline and department', async () => {
    const res = await get('/requests.json');
    const list = res.json<Item[]>();
    expect(list.map((r) => r.service_request_id)).toEqual([no.a, no.b, no.e, no.c]);
    const [a, b, e, c] = list;
    const posted = await f.store.byCaseNo(no.a);
    expect(a).toEqual({
      service_request_id: no.a,
      status: 'open',
      status_notes: '上报 (Reported)',
      service_name: '暴露垃圾',
      service_code: 'event.0102',
      description: '暴露垃圾',
      agency_responsible: null,
      service_notice: '清除垃圾',
      requested_datetime: '2026-11-22T10:00:00+08:00',
      updated_datetime: '2026-11-22T10:00:00+08:00',
      expected_datetime: w3DateTime(posted?.deadline ?? 0, ZONE),
      address: '东四',
      lat: 39.93,
      long: 116.41,
    });
    expect(b).toMatchObject({ status: 'closed', status_notes: '已结案 (Closed)', agency_responsible: 'sanitation', expected_datetime: null, updated_datetime: '2026-11-21T11:10:00+08:00', address: null });
    expect(e).toMatchObject({ status: 'closed', status_notes: '已作废 (Void)', service_code: 'event.0104' });
    const handling = await f.store.byCaseNo(no.c);
    expect(c).toMatchObject({ status: 'open', status_notes: '处置中 (Handling)', agency_responsible: 'water', expected_datetime: w3DateTime(handling?.deadline ?? 0, ZONE) });

    const xml = xmlRequests(parseXml(await get('/requests.xml')));
    expect(xml.map((r) => r.service_request_id)).toEqual([no.a, no.b, no.e, no.c]);
    expect(xml[0]).toMatchObject({ status: 'open', status_notes: '上报 (Reported)', agency_responsible: '', lat: '39.93', long: '116.41', requested_datetime: '2026-11-22T10:00:00+08:00' });
    expect(xml[1]).toMatchObject({ status: 'closed', agency_responsible: 'sanitation', expected_datetime: '' });
  });

  it('filters by status open or closed', async () => {
    expect(await ids('/requests.json?status=closed')).toEqual([no.b, no.e]);
    expect(await ids('/requests.json?status=open')).toEqual([no.a, no.c]);
    expect(await ids('/requests.json?status=open,closed')).toEqual([no.a, no.b, no.e, no.c]);
    const bad = await get('/requests.xml?status=pending');
    expect(bad.statusCode).toBe(400);
    expect(parseXml(bad)).toMatchObject({ errors: { error: [{ code: '400', description: expect.stringContaining('open or closed') }] } });
  });

  it('filters by service_code, comma delimited or repeated', async () => {
    expect(await ids('/requests.json?service_code=event.0102')).toEqual([no.a]);
    expect(await ids('/requests.json?service_code=event.0102,part.0101')).toEqual([no.a, no.c]);
    expect(await ids('/requests.json?service_code=event.0102&service_code=event.0103')).toEqual([no.a, no.b]);
    expect(await ids('/requests.json?service_code=event.9999')).toEqual([]);
    expect(xmlRequests(parseXml(await get('/requests.xml?service_code=event.9999')))).toEqual([]);
  });

  it('filters by start_date and end_date, at most 90 days apart', async () => {
    expect(await ids(`/requests.json?start_date=${iso(T0 - 120 * DAY)}&end_date=${iso(T0 - 95 * DAY)}`)).toEqual([no.d]);
    expect(await ids(`/requests.json?start_date=${iso(T0 - 5 * DAY)}`)).toEqual([no.a, no.b, no.e]);
    expect(await ids(`/requests.json?end_date=${iso(T0 - 5 * DAY)}`)).toEqual([no.c]);
    // UTC, and a bare date read in the hall's zone (00:00 Beijing).
    expect(await ids('/requests.json?start_date=2026-11-21T02:00:00Z&end_date=2026-11-22T02:00:00Z')).toEqual([no.a, no.b]);
    expect(await ids('/requests.json?start_date=2026-11-20&end_date=2026-11-21')).toEqual([no.e]);
    for (const [query, says] of [
      [`start_date=${iso(T0 - 100 * DAY)}&end_date=${iso(T0)}`, 'at most 90 days'],
      [`start_date=${iso(T0)}&end_date=${iso(T0 - DAY)}`, 'after end_date'],
      ['start_date=yesterday', 'not a W3C datetime'],
    ] as const) {
      const res = await get(`/requests.json?${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toEqual([{ code: 400, description: expect.stringContaining(says) }]);
    }
  });

  it('takes service_request_id lists over every other filter', async () => {
    expect(await ids(`/requests.json?service_request_id=${no.d},${no.a},110107-20200101-0001&status=closed&service_code=part.0101`)).toEqual([no.d, no.a]);
    const xml = xmlRequests(parseXml(await get(`/requests.xml?service_request_id=${no.c}`)));
    expect(xml).toHaveLength(1);
    expect(xml[0]).toMatchObject({ service_request_id: no.c, agency_responsible: 'water' });
  });

  it('serves one request by its case number, and 404 in the spec format for an unknown one', async () => {
    const res = await get(`/requests/${no.b}.json`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([expect.objectContaining({ service_request_id: no.b, status: 'closed' })]);
    expect(xmlRequests(parseXml(await get(`/requests/${no.b}.xml`)))).toEqual([expect.objectContaining({ service_request_id: no.b, status: 'closed' })]);
    const json = await get('/requests/110107-20200101-0001.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('110107-20200101-0001') }]);
    const xml = await get('/requests/110107-20200101-0001.xml');
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml)).toEqual({ errors: { error: [{ code: '404', description: expect.stringContaining('was not found') }] } });
  });

  it('turns a token into its service_request_id', async () => {
    expect((await get(`/tokens/${token}.json`)).json()).toEqual([{ service_request_id: no.a, token }]);
    expect(xmlRequests(parseXml(await get(`/tokens/${token}.xml`)))).toEqual([{ service_request_id: no.a, token }]);
    for (const unknown of [newToken(T0 - DAY), 'not-a-token', 't-0']) {
      const res = await get(`/tokens/${unknown}.xml`);
      expect(res.statusCode, unknown).toBe(404);
      expect(parseXml(res)).toMatchObject({ errors: { error: [{ code: '404' }] } });
    }
  });

  it('needs an api_key of role hotline, operator or admin to read requests and tokens', async () => {
    for (const url of ['/requests.json', `/requests/${no.a}.json`, `/tokens/${token}.json`]) {
      for (const key of [null, 'not-a-key-0123456789', KEYS.wall]) {
        const res = await get(url, key);
        expect(res.statusCode, `${url} ${key}`).toBe(403);
        expect(res.json()).toEqual([{ code: 403, description: expect.stringMatching(/api_key/) }]);
      }
      expect((await get(url, KEYS.operator)).statusCode).toBe(200);
      const bearer = await f.app.inject({ method: 'GET', url: `${V2}${url}`, headers: { authorization: `Bearer ${KEYS.admin}` } });
      expect(bearer.statusCode).toBe(200);
    }
    const xml = await get(`/requests/${no.a}.xml`, null);
    expect(xml.statusCode).toBe(403);
    expect(parseXml(xml)).toEqual({ errors: { error: [{ code: '403', description: expect.stringContaining('api_key was not provided') }] } });
  });

  it('returns at most 1000 requests', async () => {
    const day = T0 - 30 * DAY;
    const batch: HistoricCase[] = Array.from({ length: 1001 }, (_, i) => ({
      case: { caseNo: `110107-20261024-${String(i + 1).padStart(4, '0')}`, clientId: `bulk-${i}`, source: 'inspector', category: 'event.0105', lon: 116.4, lat: 39.9, description: '水面漂浮物', reportedAt: day + i * 1000, photos: [], stage: 'reported' },
      events: [{ seq: 1, at: day + i * 1000, action: 'report', stage: 'reported', by: who('inspector') }],
    }));
    expect(await writeHistoricCases(f.db, batch, { timeZone: ZONE, data, centre: '110107' })).toEqual({ written: 1001, skipped: 0 });
    const found = await ids(`/requests.json?service_code=event.0105`);
    expect(found).toHaveLength(1000);
    expect(found[0]).toBe('110107-20261024-1001');
    expect(xmlRequests(parseXml(await get(`/requests.xml?start_date=${iso(day)}&end_date=${iso(day + DAY)}`)))).toHaveLength(1000);
  });
});
