import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { field, parseForm } from './form-body';
import { formatOfUrl, serialize, splitFormat } from './open311-format';

describe('Open311 documents', () => {
  it('names the format by suffix, XML when there is none', () => {
    expect(splitFormat('event.0102.json')).toEqual({ name: 'event.0102', format: 'json' });
    expect(splitFormat('110107-20261121-0001.xml')).toEqual({ name: '110107-20261121-0001', format: 'xml' });
    expect(splitFormat('event.0102')).toBeUndefined();
    expect(splitFormat('.json')).toBeUndefined();
    expect(formatOfUrl('/open311/v2/requests.json?status=open')).toBe('json');
    expect(formatOfUrl('/open311/v2/requests?x=.json')).toBe('xml');
  });

  it('writes lists as bare JSON arrays and as wrapper elements in XML', () => {
    const doc = [{ code: 400, description: 'a & b' }, { code: 400, description: null }];
    expect(serialize('errors', doc, 'json')).toBe('[{"code":400,"description":"a & b"},{"code":400,"description":null}]');
    const xml = serialize('errors', doc, 'xml');
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<errors>')).toBe(true);
    const parsed = new XMLParser({ parseTagValue: false, ignoreDeclaration: true }).parse(xml) as unknown;
    expect(parsed).toEqual({ errors: { error: [{ code: '400', description: 'a & b' }, { code: '400', description: '' }] } });
    expect(serialize('services', [], 'xml')).toContain('<services></services>');
  });

  it('keeps CJK as characters and replaces what XML cannot carry', () => {
    const xml = serialize('service_requests', [{ description: '井盖<丢失>\u0001\ud800 "x"' }], 'xml');
    expect(xml).toContain('<description>井盖&lt;丢失&gt;\uFFFD\uFFFD &quot;x&quot;</description>');
    expect(() => serialize('nothing', [1], 'xml')).toThrow(/no XML item name/);
  });
});

describe('Open311 form bodies', () => {
  it('reads fields and attribute[code] answers, decoding UTF-8', () => {
    const f = parseForm('service_code=event.0102&description=%E6%9A%B4%E9%9C%B2+%E5%9E%83%E5%9C%BE&attribute[channel]=12345&attribute%5Bkinds%5D%5B%5D=a&attribute[kinds][]=b&lat=&service_code=x');
    expect(field(f, 'service_code')).toBe('event.0102'); // the first of a repeated field
    expect(field(f, 'description')).toBe('暴露 垃圾');
    expect(field(f, 'lat')).toBeUndefined(); // empty is absent
    expect(Object.fromEntries(f.attributes)).toEqual({ channel: ['12345'], kinds: ['a', 'b'] });
  });
});
