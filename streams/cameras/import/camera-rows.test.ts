import { describe, expect, it } from 'vitest';
import { cameraRows, CameraFileError, csvRows, decodeText } from './camera-rows';

describe('camera rows', () => {
  it('reads CSV with quoted cells over several lines, reporting each row by the line it starts on', () => {
    const rows = csvRows('\uFEFFID,Name,lon,lat,main\n\na,"two\nlines",116.2,39.9,rtsp://192.168.1.2/a\nb,x,1e1,-3.5,rtsp://192.168.1.2/b\nc,x,east,39.9,u\nd,x\n');
    expect(rows.map((r) => r.where)).toEqual(['line 3', 'line 5', 'line 6', 'line 7']);
    expect(rows[0]?.value).toEqual({ id: 'a', name: 'two\nlines', lon: 116.2, lat: 39.9, main: { url: 'rtsp://192.168.1.2/a' } });
    expect(rows[1]?.value).toMatchObject({ lon: 10, lat: -3.5 });
    expect(rows[2]).toMatchObject({ id: 'c', error: 'lon "east" is not a number' });
    expect(rows[3]).toMatchObject({ id: 'd', error: 'it has 2 cells, the header 5' });
  });

  it('reads groups, exhibit and an empty sub-stream', () => {
    const [r] = csvRows('id,name,lon,lat,main,sub,groups,exhibit\na,x,1,2,u,, 鲁谷 ；夜市;,否\n');
    expect(r?.value).toEqual({ id: 'a', name: 'x', lon: 1, lat: 2, main: { url: 'u' }, groups: ['鲁谷', '夜市'], exhibit: false });
    expect(csvRows('id,name,lon,lat,main,exhibit\na,x,1,2,u,maybe\n')[0]?.error).toBe('exhibit "maybe" is not true or false');
  });

  it('decodes GBK when the file is not UTF-8', () => {
    const gbk = Uint8Array.from([0xc2, 0xb3, 0xb9, 0xc8]); // 鲁谷
    expect(decodeText(gbk)).toBe('鲁谷');
    expect(decodeText(new TextEncoder().encode('\uFEFF鲁谷'))).toBe('鲁谷');
  });

  it('refuses files that are no camera list', () => {
    expect(() => cameraRows('a.csv', new TextEncoder().encode('id,name\n'))).toThrow(CameraFileError);
    expect(() => cameraRows('a.csv', new TextEncoder().encode(''))).toThrow(/empty/);
    expect(() => cameraRows('a.csv', new TextEncoder().encode('id,"x\n'))).toThrow(/not readable CSV/);
    expect(() => cameraRows('a.json', new TextEncoder().encode('{"id":1}'))).toThrow(/JSON array/);
    expect(() => cameraRows('a.json', new TextEncoder().encode('[1,'))).toThrow(/not JSON/);
    expect(cameraRows('list.txt', new TextEncoder().encode(' [{"id":"a"}]'))).toEqual([{ where: 'item 1', id: 'a', value: { id: 'a' } }]);
  });
});
