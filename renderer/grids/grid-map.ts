import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { CityInfo } from '../../app/city/city';
import { coverageChannel, gridStatsChannel } from '../../app/grid/grid-channels';
import { latestNow, linkStore, onChannel } from '../live/live-store';
import { MAP_BANDS, type MapHost } from '../wall/contributions';
import { colorClasses, stepExpression } from './color-scale';
import { coverageStates, type CoverageState } from './coverage-states';
import { FeatureStateKey } from './feature-states';
import { attachFocus } from './focus-controller';
import { gridData } from './grid-data';
import { coverageColor, focusLabel, GRID_FILL, GRID_SOURCES, gridLayers, placeLayers } from './grid-style';
import { gridView, statsKey } from './grid-view';
import { heatPoints } from './heat-points';
import { EMPTY, gridFeatures, gridLabelFeatures, placeFeatures, type Collection } from './place-features';
import { zoomRules } from './zoom-rules';

const setData = (map: MapLibreMap, id: string, data: Collection) => (map.getSource(id) as GeoJSONSource | undefined)?.setData(data);

/**
 * The grid map in maplibre: street and community areas and names, unit grids with their codes, the grid
 * fill (a count per grid, or today's coverage) kept as feature states so a new count repaints only the
 * grids it changed, and the focus. Every update comes from a change (data, channel, link); none from a timer.
 */
export function attachGridMap(host: MapHost, city: CityInfo): () => void {
  const { map } = host;
  const ctx = host.context();
  const view = gridView(location.search, ctx.options);
  const rules = zoomRules(ctx.scale);
  const toMap = ctx.toMap;

  for (const id of Object.values(GRID_SOURCES)) {
    // A geojson-vt tolerance under a pixel: grids are small, and their outlines must meet.
    map.addSource(id, { type: 'geojson', data: EMPTY, tolerance: 0.2, ...(id === GRID_SOURCES.grids ? { promoteId: 'code' } : {}) });
  }
  for (const p of [...gridLayers(ctx.scale, rules), ...placeLayers(ctx.scale, rules), focusLabel(ctx.scale)]) map.addLayer(p.layer, MAP_BANDS[p.band]);

  const fills = view.layer === 'choropleth' || view.layer === 'coverage';
  map.setLayoutProperty(GRID_FILL, 'visibility', fills ? 'visible' : 'none');
  if (view.layer === 'coverage') map.setPaintProperty(GRID_FILL, 'fill-color', coverageColor());
  const counts = new FeatureStateKey<number>(map, GRID_SOURCES.grids, 'n');
  const coverage = new FeatureStateKey<CoverageState>(map, GRID_SOURCES.grids, 'cov');

  const showData = () => {
    const d = gridData.getState();
    const places = placeFeatures(city, d.areas, toMap);
    setData(map, GRID_SOURCES.streets, places.streets);
    setData(map, GRID_SOURCES.communities, places.communities);
    setData(map, GRID_SOURCES.streetLabels, places.streetLabels);
    setData(map, GRID_SOURCES.communityLabels, places.communityLabels);
    if (d.grids && d.index) {
      setData(map, GRID_SOURCES.grids, gridFeatures(d.grids, toMap));
      setData(map, GRID_SOURCES.gridLabels, gridLabelFeatures(d.index, toMap));
    }
    showCoverage();
  };

  let domainKey = '';
  const showStats = () => {
    const stats = latestNow(gridStatsChannel).get(statsKey(view));
    if (view.layer === 'heatmap') {
      // The heatmap's points follow the counts: refetched (at most once a minute) when the window slid or
      // the counts grew, not because the hall recounted and found the same.
      heatPoints.want(view.metric, view.window, stats ? `${stats.from}:${stats.total}` : 'none');
      return;
    }
    if (view.layer !== 'choropleth') return;
    const classes = colorClasses(stats?.domain ?? [0, 1]);
    const key = JSON.stringify(classes);
    if (key !== domainKey) map.setPaintProperty(GRID_FILL, 'fill-color', stepExpression(classes));
    domainKey = key;
    counts.show(new Map(Object.entries(stats?.counts ?? {})));
  };

  function showCoverage() {
    if (view.layer !== 'coverage') return;
    coverage.show(coverageStates(latestNow(coverageChannel).values(), gridData.getState().index?.byResponsibility));
  }

  // The wall never lies: counts that stopped arriving fade.
  const showStale = () => map.setPaintProperty(GRID_FILL, 'fill-opacity', linkStore.getState().connection.state === 'live' ? 0.72 : 0.3);

  showData();
  showStats();
  showStale();
  const cleanups = [
    gridData.subscribe(showData),
    onChannel(gridStatsChannel, showStats),
    onChannel(coverageChannel, showCoverage),
    linkStore.subscribe((s, prev) => void (s.connection.state !== prev.connection.state && showStale())),
    attachFocus(host, rules.fullCodesFrom),
  ];
  return () => {
    for (const c of cleanups) c();
    heatPoints.stop();
  };
}
