import { describe, expect, it } from 'vitest';
import { MappingError, parseMapping } from './mapping';
import { chooseMapping, loadPreset, presetNames } from './presets';

const MINIMAL = {
  name: 'mine',
  timeZone: 'Asia/Shanghai',
  dateFormats: ['yyyy-MM-dd HH:mm:ss'],
  fields: {
    caseNo: 'no',
    source: { default: 'inspector' },
    category: { column: 'type', values: { garbage: 'event.0102' } },
    description: 'text',
    lon: 'x',
    lat: 'y',
    reportedAt: 'at',
  },
};

const withFields = (fields: Record<string, unknown>) => ({ ...MINIMAL, fields: { ...MINIMAL.fields, ...fields } });

describe('case import mappings', () => {
  it('ships the szcg, NYC (both exports) and Boston presets, all valid', async () => {
    expect(presetNames()).toEqual(['boston', 'nyc', 'nyc-export', 'szcg']);
    for (const name of presetNames()) expect((await loadPreset(name)).mapping.name).toBe(name);
  });

  it('takes a bare column name for {column}', () => {
    expect(parseMapping(MINIMAL, 'mine.json').fields.caseNo).toEqual({ column: 'no' });
  });

  it('names the file and the field of every mistake', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...MINIMAL, extra: 1 }, /^mine\.json: the mapping has an unknown field "extra"\.$/],
      [withFields({ reporter: { colum: 'x' } }), /^mine\.json: fields\.reporter has an unknown field "colum"\.$/],
      [withFields({ source: { column: 'src', values: { 监督员: 'patrol' } } }), /^mine\.json: fields\.source\.values\.监督员 "patrol" is not a case source \(inspector, video/],
      [withFields({ stage: { column: 's', values: { 结案: 'done' } } }), /fields\.stage\.values\.结案 "done" is not a case stage/],
      [withFields({ category: { column: 'type', values: { x: '0102' } } }), /fields\.category\.values\.x "0102" is not a catalogue key/],
      [withFields({ lon: {} }), /fields\.lon names no column/],
      [{ ...MINIMAL, dateFormats: ['yyyy-MM-dd Thh'] }, /^mine\.json: dateFormats: date format "yyyy-MM-dd Thh"/],
      [{ ...MINIMAL, timeZone: 'Beijing' }, /^mine\.json: timeZone: "Beijing" is not a time zone/],
      [{ ...MINIMAL, crs: 'mercator' }, /^mine\.json: crs\.default "mercator" is not a CRS/],
      [{ ...MINIMAL, name: 'My Mapping' }, /^mine\.json: name /],
    ];
    for (const [doc, message] of cases) {
      let error: unknown;
      try {
        parseMapping(doc, 'mine.json');
      } catch (err) {
        error = err;
      }
      expect(error, String(message)).toBeInstanceOf(MappingError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('picks the preset a header fits, and NYC’s other export when its headers are the other kind', async () => {
    const api = ['unique_key', 'created_date', 'closed_date', 'agency', 'complaint_type', 'descriptor', 'status', 'latitude', 'longitude', 'open_data_channel_type'];
    const portal = ['Unique Key', 'Created Date', 'Closed Date', 'Agency', 'Complaint Type', 'Descriptor', 'Status', 'Latitude', 'Longitude'];
    expect((await chooseMapping(api, {})).mapping.name).toBe('nyc');
    const sibling = await chooseMapping(portal, { preset: 'nyc' });
    expect(sibling.mapping.name).toBe('nyc-export');
    expect(sibling.notice).toMatch(/preset nyc-export, not nyc/);
    await expect(chooseMapping(['a', 'b'], {})).rejects.toThrow(/fit no preset/);
    await expect(chooseMapping(api, { preset: 'shanghai' })).rejects.toThrow(/there is no such preset: use boston, nyc, nyc-export, szcg/);
  });
});
