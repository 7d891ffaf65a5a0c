import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { CityInfo } from '../../app/city/city';
import type { BBox } from '../../app/geo/lnglat';
import type { LiveScope } from '../../app/live/scope';
import { useI18n } from '../i18n/use-i18n';
import { wallStore } from '../live/live-store';
import { uiScale } from '../theme/ui-scale';
import { labelText, MAP_COLORS, MAP_FONT, offlineStyle } from './offline-style';
import { patrolLayers, STATUS_CSS } from './patrol-layers';

// In a bundle maplibre cannot find its worker next to itself; ship the worker as an asset and say where.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

/**
 * The live grid map: maplibre draws the district offline, deck.gl (interleaved in the same WebGL
 * context) draws the patrols. Patrol updates bypass React: a store subscription sets the layers at
 * most once per animation frame.
 */
/** The area to frame: the district, or a sub-centre's streets (their places, with a margin). */
function framing(city: CityInfo, scope: LiveScope | undefined): BBox {
  const places = scope?.streets ? city.places.filter((p) => scope.streets?.includes(p.street)) : [];
  if (!places.length) return city.bounds;
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  const m = 0.012; // about 1 km
  return [Math.min(...lons) - m, Math.min(...lats) - m, Math.max(...lons) + m, Math.max(...lats) + m];
}

export function MapPanel({ city, scope }: { city: CityInfo; scope?: LiveScope }) {
  const container = useRef<HTMLDivElement>(null);
  const { t, locale } = useI18n();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let map: maplibregl.Map | undefined;
    let unsubscribe = () => {};
    let frame = 0;

    void (async () => {
      // Load the label glyphs of the bundled web font first, or the map would draw them in a fallback font.
      await document.fonts.load(`400 20px "${MAP_FONT}"`, labelText(city) || '石景山').catch(() => []);
      if (disposed) return;
      const scale = uiScale();
      map = new maplibregl.Map({
        container: el,
        style: offlineStyle(city, locale, scale),
        bounds: [...framing(city, scope)] as [number, number, number, number],
        fitBoundsOptions: { padding: Math.round(40 * scale) },
        localIdeographFontFamily: `'${MAP_FONT}', sans-serif`,
        attributionControl: { compact: false, customAttribution: city.attribution },
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
        fadeDuration: 0,
        // A wall's map canvas is wider than maplibre's 4096 px default; GPUs (and SwiftShader) take 8192.
        maxCanvasSize: [8192, 8192],
      });
      const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
      map.addControl(overlay);
      const draw = () => {
        frame = 0;
        overlay.setProps({ layers: patrolLayers(Array.from(wallStore.getState().view.patrols.values()), scale) });
      };
      const schedule = () => {
        if (!frame) frame = requestAnimationFrame(draw);
      };
      map.once('load', () => {
        if (!disposed) setReady(true);
        draw();
      });
      unsubscribe = wallStore.subscribe((s, prev) => {
        if (s.view.patrols !== prev.view.patrols) schedule();
      });
    })();

    return () => {
      disposed = true;
      unsubscribe();
      cancelAnimationFrame(frame);
      map?.remove();
    };
  }, [city, locale, scope]);

  return (
    <div className="map-panel">
      <div ref={container} className="map-canvas" data-testid="map" />
      {!ready && <div className="map-loading">{t('map.loading')}</div>}
      {scope && <div className="map-note">{t('scope.note')}</div>}
      <div className="map-legend">
        <span>
          <i className="legend-dot" style={{ background: STATUS_CSS.online }} /> {t('map.legend.patrol')} · {t('status.online')}
        </span>
        <span>
          <i className="legend-dot" style={{ background: STATUS_CSS.stale }} /> {t('status.stale')}
        </span>
        <span>
          <i className="legend-dot" style={{ background: STATUS_CSS.offline }} /> {t('status.offline')}
        </span>
        <span>
          <i className="legend-line" style={{ background: MAP_COLORS.districtLine }} /> {t('map.legend.district')}
        </span>
      </div>
    </div>
  );
}
