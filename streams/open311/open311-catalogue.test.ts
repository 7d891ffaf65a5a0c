import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseData, type CaseData } from '../cases/case-data';
import { testDatabases } from '../db/test-databases';
import { form, openOpen311Fixture, parseXml, type Open311Fixture } from './open311-fixture';

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

const V2 = '/open311/v2';

describe.each(testDatabases())('Open311 discovery and services: $name', (target) => {
  let f: Open311Fixture;
  beforeAll(async () => {
    f = await openOpen311Fixture(target, data, 'dongcheng.gov.cn');
  }, 60_000);
  afterAll(async () => f?.close());

  const get = (url: string, headers: Record<string, string> = {}) => f.app.inject({ method: 'GET', url: `${V2}${url}`, headers });

  it('serves discovery in JSON and XML, naming this endpoint and both formats', async () => {
    const json = await get('/discovery.json', { host: 'hall.local:8750' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const doc = json.json<{ changeset: string; endpoints: Array<Record<string, unknown>> }>();
    expect(doc.changeset).toBe('2026-11-23T10:00:00+08:00');
    expect(doc.endpoints).toEqual([
      { specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://hall.local:8750/open311/v2', changeset: doc.changeset, type: 'production', formats: ['text/xml', 'application/json'] },
    ]);

    const xml = parseXml(await get('/discovery.xml', { host: 'hall.local:8750' }));
    expect(xml.discovery).toMatchObject({
      changeset: doc.changeset,
      endpoints: { endpoint: [{ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production', formats: { format: ['text/xml', 'application/json'] } }] },
    });
    // Without a suffix: JSON, or XML when that is all the client accepts.
    expect((await get('/discovery', { host: 'hall.local:8750' })).json()).toEqual(doc);
    expect(parseXml(await get('/discovery', { accept: 'text/xml' })).discovery).toBeDefined();
  });

  it('lists every catalogue class as a service, keyed by kind and code, grouped by major class', async () => {
    const res = await get('/services.json');
    expect(res.statusCode).toBe(200);
    const list = res.json<Array<Record<string, unknown>>>();
    expect(list).toHaveLength(data.catalogue.classes.length);
    // Component and event codes overlap: both 0101s are there, told apart by the key.
    expect(list.find((s) => s.service_code === 'event.0101')).toMatchObject({ service_name: '私搭乱建', group: '市容环境' });
    expect(list.find((s) => s.service_code === 'part.0101')).toMatchObject({ service_name: '上水井盖', group: '公用设施' });
    const garbage = list.find((s) => s.service_code === 'event.0102');
    expect(garbage).toEqual({
      service_code: 'event.0102',
      service_name: '暴露垃圾',
      description: expect.stringContaining('Exposed garbage'),
      metadata: true,
      type: 'realtime',
      keywords: expect.stringContaining('Exposed garbage'),
      group: '市容环境',
    });

    const xml = parseXml(await get('/services.xml'));
    const services = (xml.services as { service: Array<Record<string, string>> }).service;
    expect(services).toHaveLength(list.length);
    expect(services.find((s) => s.service_code === 'event.0102')).toMatchObject({ service_name: '暴露垃圾', metadata: 'true', type: 'realtime', group: '市容环境' });
  });

  it('defines each service with its required hotline channel attribute', async () => {
    const res = await get('/services/event.0102.json');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      service_code: 'event.0102',
      attributes: [
        {
          variable: true,
          code: 'channel',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: expect.any(String),
          order: 1,
          description: expect.any(String),
          values: [
            { key: '12345', name: expect.stringContaining('12345') },
            { key: '12319', name: expect.stringContaining('12319') },
          ],
        },
      ],
    });
    const xml = parseXml(await get('/services/part.0101.xml'));
    expect(xml.service_definition).toMatchObject({
      service_code: 'part.0101',
      attributes: { attribute: [{ code: 'channel', datatype: 'singlevaluelist', required: 'true', order: '1', values: { value: [{ key: '12345' }, { key: '12319' }] } }] },
    });
  });

  it('answers unknown services, formats and paths with the spec error format and 404', async () => {
    const json = await get('/services/event.9999.json');
    expect(json.statusCode).toBe(404);
    expect(json.json()).toEqual([{ code: 404, description: expect.stringContaining('event.9999') }]);
    const xml = await get('/services/event.9999.xml');
    expect(xml.statusCode).toBe(404);
    expect(parseXml(xml)).toEqual({ errors: { error: [{ code: '404', description: expect.stringContaining('event.9999') }] } });
    // No suffix, an unknown suffix, an unknown resource: XML (the required format) errors.
    for (const url of ['/services/event.0102', '/services.csv', '/nothing.xml']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(parseXml(res).errors, url).toBeDefined();
    }
    expect((await get('/nothing.json')).json()).toEqual([{ code: 404, description: expect.any(String) }]);
  });

  it('accepts its own jurisdiction_id and refuses another with 404', async () => {
    expect((await get('/services.json?jurisdiction_id=dongcheng.gov.cn')).statusCode).toBe(200);
    const other = await get('/services.xml?jurisdiction_id=sfgov.org');
    expect(other.statusCode).toBe(404);
    expect(parseXml(other)).toMatchObject({ errors: { error: [{ code: '404', description: expect.stringContaining('jurisdiction_id') }] } });
  });

  it('keeps its form parser and error format to /open311/v2: other routes are unaffected', async () => {
    const body = form({ a: '1' });
    const other = await f.app.inject({ method: 'POST', url: '/api/other', ...body });
    expect(other.statusCode).toBe(415); // the root app has no form parser
    const json = await f.app.inject({ method: 'POST', url: '/api/other', payload: { a: 1 } });
    expect(json.json()).toEqual({ body: { a: 1 } });
    expect((await f.app.inject({ method: 'GET', url: '/api/missing' })).json()).toEqual({ error: 'not-found' });
  });
});
