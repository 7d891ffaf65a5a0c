import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { CityInfo } from '../../app/city/city';
import type { BBox } from '../../app/geo/lnglat';
import type { LiveScope } from '../../app/live/scope';
import { useI18n } from '../i18n/use-i18n';
import { linkStore, serverNow } from '../live/live-store';
import { uiScale } from '../theme/ui-scale';
import type { MapLayerContext, PanelProps } from '../wall/contributions';
import { useContributions } from '../wall/WallPage';
import { deckFramesOnDemand } from './deck-on-demand';
import { labelText, MAP_COLORS, MAP_FONT, offlineStyle } from './offline-style';
import './map.css';

// In a bundle maplibre cannot find its worker next to itself; ship the worker as an asset and say where.
maplibregl.setWorkerUrl(maplibreWorkerUrl);

/** The area to frame: the district, or a sub-centre's streets (their places, with a margin). */
function framing(city: CityInfo, scope: LiveScope | undefined): BBox {
  const places = scope?.streets ? city.places.filter((p) => scope.streets?.includes(p.street)) : [];
  if (!places.length) return city.bounds;
  const lons = places.map((p) => p.lon);
  const lats = places.map((p) => p.lat);
  const m = 0.012; // about 1 km
  return [Math.min(...lons) - m, Math.min(...lats) - m, Math.max(...lons) + m, Math.max(...lats) + m];
}

/**
 * The grid map (网格监管一张图): maplibre draws the district offline; deck.gl, interleaved in the same
 * WebGL context, draws every layer the modules contribute. Frames are drawn only when something changed:
 * a contributed layer's data, the link going stale, or (once a second) a status that aged.
 */
export function MapPanel({ city, scope }: PanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const { l, t, locale } = useI18n();
  const { mapLayers } = useContributions();
  const [ready, setReady] = useState(false);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let map: maplibregl.Map | undefined;
    const cleanups: Array<() => void> = [];
    let frame = 0;

    void (async () => {
      // Load the label glyphs of the bundled web font first, or the map would draw them in a fallback font.
      await document.fonts.load(`400 20px "${MAP_FONT}"`, labelText(city) || '石景山').catch(() => []);
      await document.fonts.load(`400 12px "${MAP_FONT}"`, city.attribution).catch(() => []);
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
      const wake = deckFramesOnDemand(overlay);
      const context = (): MapLayerContext => ({ scale, stale: linkStore.getState().connection.state !== 'live', now: serverNow(), scope });
      const tickKeys = new Map<string, string>();
      const draw = () => {
        frame = 0;
        const ctx = context();
        for (const m of mapLayers) if (m.ticks && m.tickKey) tickKeys.set(m.id, m.tickKey(ctx));
        overlay.setProps({ layers: mapLayers.flatMap((m) => m.layers(ctx)) });
        wake();
      };
      const schedule = () => {
        if (!frame && !disposed) frame = requestAnimationFrame(draw);
      };
      map.once('load', () => {
        if (!disposed) setReady(true);
        draw();
      });
      for (const m of mapLayers) cleanups.push(m.watch(schedule));
      cleanups.push(linkStore.subscribe((s, prev) => void (s.connection.state !== prev.connection.state && schedule())));
      // Things that age with time alone (a patrol turning stale): checked once a second, drawn only if changed.
      const ticking = mapLayers.filter((m) => m.ticks);
      if (ticking.length) {
        const id = setInterval(() => {
          const ctx = context();
          if (ticking.some((m) => !m.tickKey || m.tickKey(ctx) !== tickKeys.get(m.id))) schedule();
        }, 1000);
        cleanups.push(() => clearInterval(id));
      }
    })();

    return () => {
      disposed = true;
      for (const c of cleanups) c();
      cancelAnimationFrame(frame);
      map?.remove();
    };
  }, [city, locale, scope, mapLayers]);

  const legend = mapLayers.flatMap((m) => m.legend ?? []);
  return (
    <div className="map-panel">
      <div ref={container} className="map-canvas" data-testid="map" />
      {!ready && <div className="map-loading">{l({ zh: '地图加载中…', en: 'Loading map…' })}</div>}
      {scope && <div className="map-note">{t('scope.note')}</div>}
      <div className="map-legend">
        {legend.map((item) => (
          <span key={item.label.en}>
            <i className={item.shape === 'line' ? 'legend-line' : 'legend-dot'} style={{ background: item.color }} /> {l(item.label)}
          </span>
        ))}
        <span>
          <i className="legend-line" style={{ background: MAP_COLORS.districtLine }} /> {l({ zh: '区界', en: 'District' })}
        </span>
      </div>
    </div>
  );
}
