import type { PlaceAreas } from '../../app/grid/grid-channels';
import type { UnitGridCollection, UnitGridFeature } from '../../app/grid/unit-grid';

/**
 * Square unit grids over part of Shijingshan (116.17–116.26°E, 39.88–39.96°N), for tests and for
 * developing the map before a hall has grids: `cols × rows` cells of ~`sizeM` metres, two streets of
 * two communities each, numbered west→east then north→south inside each community.
 */
export function fixtureGrids(cols = 20, rows = 16, sizeM = 250, west = 116.17, south = 39.88): UnitGridCollection {
  const dLat = sizeM / 111_320;
  const dLon = sizeM / (111_320 * Math.cos((39.92 * Math.PI) / 180));
  const seq = new Map<string, number>();
  const features: UnitGridFeature[] = [];
  for (let r = rows - 1; r >= 0; r--) {
    for (let c = 0; c < cols; c++) {
      const street = c < cols / 2 ? '011' : '012';
      const community = `${street}00${r < rows / 2 ? 1 : 2}`;
      const cc = `110107${community}`;
      const n = (seq.get(cc) ?? 0) + 1;
      seq.set(cc, n);
      const x0 = west + c * dLon;
      const y0 = south + r * dLat;
      features.push({
        type: 'Feature',
        properties: {
          code: `${cc}${String(n).padStart(3, '0')}`,
          street: `110107${street}000`,
          community: cc,
          streetName: street === '011' ? '鲁谷街道' : '八角街道',
          communityName: `社区${community.slice(-1)}`,
          areaM2: sizeM * sizeM,
          approximate: c === cols - 1,
          ...(r < 4 && c < 4 ? { responsibility: 'beat-1' } : {}),
        },
        geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + dLon, y0], [x0 + dLon, y0 + dLat], [x0, y0 + dLat], [x0, y0]]] },
      });
    }
  }
  return { type: 'FeatureCollection', adcode: '110107', features };
}

/** Street areas as boxes over the fixture grids, with label points. */
export function fixtureAreas(): PlaceAreas {
  const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon' as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
  return {
    streets: [
      { code: '110107011000', name: '鲁谷街道', level: 'street', approximate: false, label: [116.19, 39.9], geometry: box(116.17, 39.88, 116.2, 39.92) },
      { code: '110107012000', name: '八角街道', level: 'street', approximate: true, label: [116.22, 39.9], geometry: box(116.2, 39.88, 116.24, 39.92) },
    ],
    communities: [],
  };
}
