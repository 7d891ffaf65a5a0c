import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config';
import { DEMO_CITY_FILES } from './demo-city';
import { loadHallCity } from './hall-city';

async function dir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'gw-city-'));
}

const config = (d: string, cityConfig?: string) => loadConfig({ GRIDWALL_DATA: path.join(d, 'data'), ...(cityConfig ? { GRIDWALL_CONFIG: cityConfig } : {}) });

describe('a hall’s district', () => {
  it('is the demo city unless a config names another', async () => {
    const d = await dir();
    const city = await loadHallCity(config(d));
    expect(city.info.adcode).toBe('110107');
  });

  it('reads a district from its config file, paths relative to it', async () => {
    const d = await dir();
    const file = path.join(d, 'hall.json');
    await writeFile(
      file,
      JSON.stringify({
        adcode: '110107',
        district: { zh: '测试区', en: 'Test District' },
        centreName: { zh: '测试区城市管理监督指挥中心', en: 'Test Centre' },
        boundary: path.relative(d, DEMO_CITY_FILES.boundary),
        places: DEMO_CITY_FILES.places,
        timeZone: 'Asia/Shanghai',
      }),
    );
    const city = await loadHallCity(config(d, file));
    expect(city.info.district.zh).toBe('测试区');
    expect(city.info.places.length).toBeGreaterThan(50);
    expect(city.grids).toBeUndefined();
  });

  it('says in one sentence what is wrong with a config', async () => {
    const d = await dir();
    const cases: Array<[string, RegExp]> = [
      ['{ "adcode": "1101" }', /GRIDWALL_CONFIG=.*hall\.json: the file must have required properties district, centreName, boundary/],
      [JSON.stringify({ adcode: '1101', district: { zh: 'a', en: 'a' }, centreName: { zh: 'a', en: 'a' }, boundary: 'b.geojson' }), /adcode must match/],
      ['not json', /is not valid JSON/],
      [JSON.stringify({ adcode: '110107', district: { zh: 'a', en: 'a' }, centreName: { zh: 'a', en: 'a' }, boundary: 'missing.geojson' }), /GRIDWALL_CONFIG: missing\.geojson: no such file\./],
      [JSON.stringify({ adcode: '110107', district: { zh: 'a', en: 'a' }, centreName: { zh: 'a', en: 'a' }, boundary: DEMO_CITY_FILES.places }), /must be a Polygon or MultiPolygon/],
    ];
    for (const [text, message] of cases) {
      const file = path.join(d, 'hall.json');
      await writeFile(file, text);
      await expect(loadHallCity(config(d, file)), text).rejects.toThrow(message);
    }
    await expect(loadHallCity(config(d, path.join(d, 'nope.json')))).rejects.toThrow(/nope\.json: no such file/);
  });
});
