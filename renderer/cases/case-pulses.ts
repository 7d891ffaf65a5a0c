import { Marker } from 'maplibre-gl';
import { caseChannel } from '../../app/case/case-channels';
import { latestNow, linkStore, onChannel, serverNow } from '../live/live-store';
import type { MapHost } from '../wall/contributions';
import { nextRedLight, redLights } from './case-marks';

/** At most this many red lights pulse (the longest overdue); the rest are red diamonds that do not move. */
export const MAX_PULSES = 150;

/**
 * Red lights that pulse without redrawing the map: a DOM ring per overdue case, placed by maplibre (only
 * when the map moves) and animated by the compositor (transform and opacity, CSS): no animation frame on
 * the main thread, no WebGL frame. Updated when the marks change, when the link changes, and by one timer
 * at the next deadline — never by polling. Paused and dim while the link is down (it may be out of date).
 */
export function attachPulses(host: MapHost): () => void {
  const { map } = host;
  const shown = new Map<string, { marker: Marker; lon: number; lat: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sync = () => {
    const { toMap } = host.context();
    const now = serverNow();
    const marks = latestNow(caseChannel);
    const lights = redLights(marks.values(), now).slice(0, MAX_PULSES);
    const keep = new Set(lights.map((m) => m.id));
    for (const [id, s] of shown) {
      if (keep.has(id)) continue;
      s.marker.remove();
      shown.delete(id);
    }
    for (const m of lights) {
      const s = shown.get(m.id);
      if (s && s.lon === m.lon && s.lat === m.lat) continue;
      if (s) {
        s.marker.setLngLat(toMap(m.lon, m.lat));
        shown.set(m.id, { ...s, lon: m.lon, lat: m.lat });
        continue;
      }
      const el = document.createElement('div');
      el.className = 'case-pulse';
      el.dataset.case = m.id;
      el.appendChild(document.createElement('i'));
      shown.set(m.id, { marker: new Marker({ element: el }).setLngLat(toMap(m.lon, m.lat)).addTo(map), lon: m.lon, lat: m.lat });
    }
    clearTimeout(timer);
    const next = nextRedLight(marks.values(), now);
    if (next !== undefined) timer = setTimeout(sync, Math.min(next - now + 5, 2 ** 31 - 1));
  };
  const showStale = () => map.getContainer().classList.toggle('case-pulses-stale', linkStore.getState().connection.state !== 'live');

  sync();
  showStale();
  const offs = [onChannel(caseChannel, sync), linkStore.subscribe((s, prev) => void (s.connection.state !== prev.connection.state && showStale()))];
  return () => {
    offs.forEach((off) => off());
    clearTimeout(timer);
    for (const s of shown.values()) s.marker.remove();
    shown.clear();
  };
}
