import { createStore } from 'zustand/vanilla';
import type { FilterSpecification } from 'maplibre-gl';
import { focusChannel } from '../../app/grid/grid-channels';
import { mapBBox } from '../../app/map/display-crs';
import { latestNow, onChannel, serverNow } from '../live/live-store';
import type { MapHost } from '../wall/contributions';
import { gridData } from './grid-data';
import type { IndexedGrid } from './grid-index';
import { FOCUS_LAYERS, GRID_CODES } from './grid-style';
import { activeFocus, fromChannel, nextFocusChange, URL_FOCUS_DWELL_MS, type FocusRequest } from './focus';
import { focusFromUrl } from './grid-view';

/** The grid the map is focused on, for the banner over it. */
export const focusStore = createStore<{ focus?: FocusRequest & { grid: string }; grid?: IndexedGrid }>()(() => ({}));

/**
 * Focus (`?grid=` or the `focus` channel): flies the map to the grid, frames it with a bright outline and
 * its full code, and flies back to the whole view when its time is up. One timer, set for the moment the
 * answer can change; nothing runs in between.
 */
export function attachFocus(host: MapHost, maxZoom: number): () => void {
  const { map } = host;
  const scale = host.context().scale;
  const urlGrid = focusFromUrl(location.search);
  const urlReq: FocusRequest | undefined = urlGrid ? { grid: urlGrid, until: serverNow() + URL_FOCUS_DWELL_MS, by: '?grid=', at: Date.now() } : undefined;
  let chanReq: FocusRequest | undefined;
  let lastItem: unknown;
  let current: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const warned = new Set<string>();

  const frame = (code: string) => {
    const filter: FilterSpecification = ['==', ['get', 'code'], code];
    for (const id of FOCUS_LAYERS) if (map.getLayer(id)) map.setFilter(id, filter);
    // Its own label says its code already, larger.
    if (map.getLayer(GRID_CODES)) map.setFilter(GRID_CODES, ['!=', ['get', 'code'], code]);
  };

  const evaluate = () => {
    const now = serverNow();
    const reqs = [urlReq, chanReq];
    const active = activeFocus(reqs, now);
    const index = gridData.getState().index;
    const grid = active?.grid ? index?.byCode.get(active.grid) : undefined;
    if (active?.grid && index && !grid && !warned.has(active.grid)) {
      warned.add(active.grid);
      console.warn(`gridwall: focus on ${active.grid}: no such unit grid on this map`);
    }
    const code = grid?.props.code;
    if (code !== current) {
      if (grid) {
        frame(grid.props.code);
        const b = mapBBox(grid.bbox, host.context().toMap);
        map.fitBounds([b[0], b[1], b[2], b[3]], { padding: Math.round(160 * scale), maxZoom, duration: 2500, essential: true });
      } else {
        frame('');
        if (current) host.home();
      }
      current = code;
    }
    focusStore.setState(active?.grid && grid ? { focus: { ...active, grid: active.grid }, grid } : { focus: undefined, grid: undefined });
    clearTimeout(timer);
    const next = nextFocusChange(reqs, now);
    timer = next === undefined ? undefined : setTimeout(evaluate, next - now + 50);
  };

  const onFocus = () => {
    const item = latestNow(focusChannel).get('focus');
    if (item && item !== lastItem) {
      lastItem = item;
      chanReq = fromChannel(item, Date.now());
    }
    evaluate();
  };

  const offChannel = onChannel(focusChannel, onFocus);
  const offData = gridData.subscribe((s, prev) => void (s.index !== prev.index && evaluate()));
  onFocus();
  return () => {
    offChannel();
    offData();
    clearTimeout(timer);
    focusStore.setState({ focus: undefined, grid: undefined });
  };
}
