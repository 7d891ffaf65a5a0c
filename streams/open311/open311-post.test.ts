import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseData, type CaseData } from '../cases/case-data';
import { testDatabases } from '../db/test-databases';
import { form, KEYS, openOpen311Fixture, parseXml, T0, type Open311Fixture } from './open311-fixture';

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

const V2 = '/open311/v2';

/** A complete, valid request from the 12345 hotline. */
const valid = (over: Record<string, string> = {}): Record<string, string> => ({
  api_key: KEYS.hotline,
  service_code: 'event.0102',
  lat: '39.9288',
  long: '116.4164',
  address_string: '东城区东四北大街107号',
  description: '路口东侧有成堆的暴露垃圾',
  'attribute[channel]': '12345',
  first_name: '三',
  last_name: '张',
  email: 'zhang.san@example.cn',
  phone: '13800138000',
  ...over,
});

describe.each(testDatabases())('Open311 POST requests: $name', (target) => {
  let f: Open311Fixture;
  beforeAll(async () => {
    f = await openOpen311Fixture(target, data, 'dongcheng.gov.cn');
  }, 60_000);
  afterAll(async () => f?.close());

  const post = (format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = form(fields);
    return f.app.inject({ method: 'POST', url: `${V2}/requests.${format}`, payload: body.payload, headers: { ...body.headers, ...headers } });
  };

  it('files a POSTed request as a hotline case and answers its case number and token', async () => {
    const res = await post('json', valid());
    expect(res.statusCode).toBe(201);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [answer] = res.json<Array<{ service_request_id: string; token: string; service_notice: string }>>();
    expect(answer).toEqual({ service_request_id: '110107-20261123-0001', token: expect.stringMatching(/^open311-[0-9a-f-]{36}$/), service_notice: '清除垃圾' });

    const file = await f.store.byCaseNo(answer?.service_request_id ?? '');
    expect(file?.case).toMatchObject({
      clientId: answer?.token,
      source: 'hotline-12345',
      category: 'event.0102',
      lat: 39.9288,
      lon: 116.4164,
      address: '东城区东四北大街107号',
      description: '路口东侧有成堆的暴露垃圾',
      reportedAt: T0,
      stage: 'reported',
      street: '110107001000',
    });
    expect(file?.case.outsideDistrict).toBeUndefined();
    expect(file?.history).toEqual([{ seq: 1, at: T0, action: 'report', stage: 'reported', by: { role: 'acceptor', id: 'hotline' }, surface: 'open311' }]);
    // The caller's name, e-mail and phone are not kept anywhere in the case.
    for (const personal of ['张', 'zhang.san', '13800138000']) expect(JSON.stringify(file)).not.toContain(personal);
    expect(f.created.map((c) => c.case.caseNo)).toEqual([answer?.service_request_id]);
  });

  it('answers in XML, takes the 12319 channel, the key as a Bearer header, and stores a point outside the district', async () => {
    const fields = valid({ 'attribute[channel]': '12319', long: '117.5', lat: '40.1' });
    delete fields.api_key;
    const res = await post('xml', fields, { authorization: `Bearer ${KEYS.operator}` });
    expect(res.statusCode).toBe(201);
    const doc = parseXml(res) as { service_requests: { request: Array<Record<string, string>> } };
    const [answer] = doc.service_requests.request;
    expect(answer).toMatchObject({ service_request_id: expect.stringMatching(/^110107-20261123-\d{4}$/), token: expect.stringMatching(/^open311-/) });
    const file = await f.store.byCaseNo(answer?.service_request_id ?? '');
    expect(file?.case).toMatchObject({ source: 'hotline-12319', lon: 117.5, lat: 40.1, outsideDistrict: true });
  });

  it('keeps CJK text, ampersands and angle brackets exactly, and escapes them in XML', async () => {
    const description = '井盖<缺失> & 有人掉进去了？"危险" \'快来\'';
    const res = await post('json', valid({ service_code: 'part.0102', description, 'attribute[channel][]': '12345', 'attribute[channel]': '' }));
    expect(res.statusCode).toBe(201);
    const [answer] = res.json<Array<{ service_request_id: string }>>();
    const xml = await f.app.inject({ method: 'GET', url: `${V2}/requests/${answer?.service_request_id}.xml?api_key=${KEYS.hotline}` });
    expect(xml.body).toContain('&lt;缺失&gt; &amp; 有人');
    const doc = parseXml(xml) as { service_requests: { request: Array<Record<string, string>> } };
    expect(doc.service_requests.request[0]).toMatchObject({ description, service_code: 'part.0102', service_name: '污水井盖' });
  });

  it('refuses a request without required attributes, with the spec error format and 400', async () => {
    const before = f.created.length;
    const missing = valid();
    delete missing['attribute[channel]'];
    const json = await post('json', missing);
    expect(json.statusCode).toBe(400);
    expect(json.json()).toEqual([{ code: 400, description: expect.stringContaining('attribute[channel] is required') }]);

    const xml = await post('xml', missing);
    expect(xml.statusCode).toBe(400);
    expect(parseXml(xml)).toEqual({ errors: { error: [{ code: '400', description: expect.stringContaining('attribute[channel] is required') }] } });

    const wrong = await post('json', valid({ 'attribute[channel]': '110' }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toEqual([{ code: 400, description: expect.stringContaining('must be one of 12345 or 12319') }]);
    expect(f.created.length).toBe(before);
  });

  it('refuses a missing service_code (400) and an unknown one (404)', async () => {
    const none = valid();
    delete none.service_code;
    const missing = await post('xml', none);
    expect(missing.statusCode).toBe(400);
    expect(parseXml(missing)).toMatchObject({ errors: { error: [{ code: '400', description: expect.stringContaining('service_code was not provided') }] } });
    // The 4-digit code alone is ambiguous (part.0101 or event.0101?), so it is not a service code.
    const unknown = await post('json', valid({ service_code: '0101' }));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual([{ code: 404, description: expect.stringContaining('"0101" was not found') }]);
  });

  it('needs lat and long: an address alone cannot be located by this hall', async () => {
    const noPoint = valid();
    delete noPoint.lat;
    delete noPoint.long;
    const address = await post('json', noPoint);
    expect(address.statusCode).toBe(400);
    expect(address.json()).toEqual([{ code: 400, description: expect.stringContaining('no geocoder') }]);

    delete noPoint.address_string;
    expect((await post('json', noPoint)).json()).toEqual([{ code: 400, description: expect.stringContaining('A location is required') }]);
    expect((await post('json', valid({ long: '' }))).json()).toEqual([{ code: 400, description: 'lat and long must be sent together.' }]);
    const bad = await post('xml', valid({ lat: '95', long: 'east' }));
    expect(bad.statusCode).toBe(400);
    expect((parseXml(bad) as { errors: { error: unknown[] } }).errors.error).toHaveLength(2);
  });

  it('reports every problem of a request at once, and limits description to 4000 characters', async () => {
    const res = await post('json', valid({ lat: '', long: '', address_string: '', 'attribute[channel]': '', description: '垃'.repeat(4001) }));
    expect(res.statusCode).toBe(400);
    expect(res.json<unknown[]>()).toHaveLength(3);
    expect((await post('json', valid({ description: '垃'.repeat(4000) }))).statusCode).toBe(201);
  });

  it('refuses a missing, unknown or wrong-role api_key with 403, before looking at the request', async () => {
    const before = f.created.length;
    const none = valid({ service_code: 'event.9999' });
    delete none.api_key;
    for (const [fields, says] of [
      [none, 'api_key was not provided'],
      [valid({ api_key: 'not-a-key-0123456789' }), 'api_key is not valid'],
      [valid({ api_key: KEYS.wall }), 'A wall api_key may not'],
    ] as const) {
      const json = await post('json', fields);
      expect(json.statusCode).toBe(403);
      expect(json.json()).toEqual([{ code: 403, description: expect.stringContaining(says) }]);
      const xml = await post('xml', fields);
      expect(xml.statusCode).toBe(403);
      expect(parseXml(xml)).toEqual({ errors: { error: [{ code: '403', description: expect.stringContaining(says) }] } });
    }
    expect((await post('json', valid({ api_key: KEYS.admin }))).statusCode).toBe(201);
    expect(f.created.length).toBe(before + 1);
  });

  it('refuses another jurisdiction (404) and a body that is not a form (400)', async () => {
    const other = await post('json', valid({ jurisdiction_id: 'sfgov.org' }));
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual([{ code: 404, description: expect.stringContaining('jurisdiction_id') }]);
    expect((await post('json', valid({ jurisdiction_id: 'dongcheng.gov.cn' }))).statusCode).toBe(201);

    const empty = await f.app.inject({ method: 'POST', url: `${V2}/requests.json`, headers: { authorization: `Bearer ${KEYS.hotline}` } });
    expect(empty.json()).toEqual([{ code: 400, description: expect.stringContaining('service_code was not provided') }]);
    const json = await f.app.inject({ method: 'POST', url: `${V2}/requests.xml`, payload: valid(), headers: { authorization: `Bearer ${KEYS.hotline}` } });
    expect(json.statusCode).toBe(400);
    expect(parseXml(json)).toMatchObject({ errors: { error: [{ code: '400', description: expect.stringContaining('x-www-form-urlencoded') }] } });
  });
});
