import { useEffect, useRef, useState } from 'react';
import * as maplibregl from 'maplibre-gl';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { CityInfo } from '../../app/city/city';
import type { BBox } from '../../app/geo/lnglat';
import type { LiveScope } from '../../app/live/scope';
import { displayTransform, mapBBox } from '../../app/map/display-crs';
import { surfaceAuthorization } from '../access/surface';
import { useI18n } from '../i18n/use-i18n';
import { linkStore, serverNow } from '../live/live-store';
import { uiScale } from '../theme/ui-scale';
import type { MapHost, MapLayerContext, MapLayerContribution, OverlayPlacement, PanelOptions, PanelProps } from '../wall/contributions';
import { useContributions } from '../wall/WallPage';
import { loadBasemap } from './basemap';
import { deckFramesOnDemand } from './deck-on-demand';
import { because } from './frame-reasons';
import { FramePacer } from './frame-pacer';
import { MAP_COLORS, MAP_FONT, offlineStyle } from './offline-style';
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

/** Every place name, so the page can load those glyphs of the web font before the map paints. */
const labelText = (city: CityInfo) => city.places.map((p) => p.shortName).join('');

async function fetchJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { authorization: surfaceAuthorization() } });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/**
 * The grid map (网格监管一张图): maplibre draws the district (over an optional hall-served base map) and
 * whatever modules add natively; deck.gl, interleaved in the same WebGL context, draws every deck layer
 * the modules contribute. A host only: it knows no module. Frames are drawn only when something changed
 * (a layer's data, the link, the zoom, a status that aged) or, capped, while a layer says it is moving.
 */
export function MapPanel({ city, scope, options }: PanelProps) {
  const container = useRef<HTMLDivElement>(null);
  const { l, t, locale } = useI18n();
  const { mapLayers } = useContributions();
  const [ready, setReady] = useState(false);
  // Layout options are read when drawing, not watched: a re-render must not rebuild the map.
  const optionsRef = useRef<PanelOptions>(options);
  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let disposed = false;
    let map: maplibregl.Map | undefined;
    let pacer: FramePacer | undefined;
    const cleanups: Array<() => void> = [];

    void (async () => {
      // Load the label glyphs of the bundled web font first, or the map would draw them in a fallback font.
      await document.fonts.load(`400 20px "${MAP_FONT}"`, `${labelText(city)}石景山0123456789`).catch(() => []);
      await document.fonts.load(`400 12px "${MAP_FONT}"`, city.attribution).catch(() => []);
      const basemap = await loadBasemap(city.basemap, location.origin, fetchJson);
      if (disposed) return;
      // GridWall's data is WGS84; over GCJ-02 tiles (Amap, Tencent) it is all drawn in GCJ-02.
      const toMap = displayTransform(basemap ? city.basemap?.crs : undefined);
      const scale = uiScale();
      const home = mapBBox(framing(city, scope), toMap);
      // The whole view keeps clear of the legend in the bottom corner (measured when framing: it grows with the data).
      const padding = () => {
        const p = Math.round(40 * scale);
        const legend = el.parentElement?.querySelector('.map-legend-stack')?.getBoundingClientRect().height ?? 0;
        return { top: p, left: p, right: p, bottom: Math.max(p, Math.round(legend + p / 2)) };
      };
      const m = new maplibregl.Map({
        container: el,
        style: offlineStyle(city, locale, scale, toMap, basemap),
        bounds: [...home] as [number, number, number, number],
        fitBoundsOptions: { padding: padding() },
        localIdeographFontFamily: `'${MAP_FONT}', sans-serif`,
        attributionControl: { compact: false, customAttribution: city.attribution },
        dragRotate: false,
        pitchWithRotate: false,
        maxPitch: 0,
        fadeDuration: 0,
        // A wall's map canvas is wider than maplibre's 4096 px default; GPUs (and SwiftShader) take 8192.
        maxCanvasSize: [8192, 8192],
        // A base map on the hall may want the surface's token, like every other hall request.
        transformRequest: (url) => (new URL(url, location.href).origin === location.origin ? { url, headers: { authorization: surfaceAuthorization() } } : { url }),
      });
      map = m;
      const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
      m.addControl(overlay);
      const wake = deckFramesOnDemand(overlay);
      const context = (): MapLayerContext => ({
        city,
        scale,
        stale: linkStore.getState().connection.state !== 'live',
        now: serverNow(),
        scope,
        options: optionsRef.current,
        toMap,
        zoom: m.getZoom(),
      });
      const tickKeys = new Map<string, string>();
      const owners = new Map<string, MapLayerContribution>();
      const draw = () => {
        const ctx = context();
        for (const c of mapLayers) if (c.ticks && c.tickKey) tickKeys.set(c.id, c.tickKey(ctx));
        const layers = mapLayers.flatMap((c) => c.layers(ctx).map((layer) => (owners.set(layer.id, c), layer)));
        overlay.setProps({ layers });
        wake();
        // deck repaints the map only if its layers changed; the pacer waits for a repaint either way.
        m.triggerRepaint();
      };
      const frames = new FramePacer(draw, () => mapLayers.some((c) => c.animating?.()));
      pacer = frames;
      const schedule = () => frames.request();
      const host: MapHost = {
        map: m,
        context,
        redraw: because('host', schedule),
        home: () => m.fitBounds([...home] as [number, number, number, number], { padding: padding(), duration: 2500, essential: true }),
      };
      m.once('load', () => {
        if (disposed) return;
        for (const c of mapLayers) if (c.mapLibre) cleanups.push(c.mapLibre(host));
        setReady(true);
        because('load', schedule)();
      });
      for (const c of mapLayers) cleanups.push(c.watch(because(`watch:${c.id}`, schedule)));
      cleanups.push(linkStore.subscribe((s, prev) => void (s.connection.state !== prev.connection.state && because('link', schedule)())));
      // Layers may size things by zoom: one redraw when a zoom ends, none while it runs (maplibre draws that).
      m.on('zoomend', because('zoomend', schedule));
      // How many names the map shows, every few seconds at most (tests wait for them before judging a screenshot).
      let labelsCheckedAt = 0;
      m.on('render', () => {
        if (performance.now() - labelsCheckedAt < 3000) return;
        labelsCheckedAt = performance.now();
        const symbols = (m.getStyle().layers ?? []).filter((l) => l.type === 'symbol').map((l) => l.id);
        container.current?.setAttribute('data-labels', String(m.queryRenderedFeatures({ layers: symbols }).length));
      });
      // A frame on the screen lets the pacer prepare the next (a slow GPU sets the pace).
      m.on('render', () => frames.presented());
      // A click (the console's mouse) goes to the module whose deck layer is under it.
      m.on('click', (e) => {
        const info = overlay.pickObject({ x: e.point.x, y: e.point.y, radius: Math.round(4 * scale) });
        if (info?.layer) owners.get(info.layer.id)?.onClick?.(info);
      });
      // Things that age with time alone (a patrol turning stale): checked once a second, drawn only if changed.
      const ticking = mapLayers.filter((c) => c.ticks);
      if (ticking.length) {
        const id = setInterval(() => {
          const ctx = context();
          const aged = ticking.find((c) => !c.tickKey || c.tickKey(ctx) !== tickKeys.get(c.id));
          if (aged) because(`tick:${aged.id}`, schedule)();
        }, 1000);
        cleanups.push(() => clearInterval(id));
      }
    })();

    return () => {
      disposed = true;
      pacer?.stop();
      for (const c of cleanups) c();
      map?.remove();
    };
  }, [city, locale, scope, mapLayers]);

  const legend = mapLayers.flatMap((c) => c.legend ?? []);
  const overlays = (placement: OverlayPlacement) =>
    mapLayers.flatMap((c) => (c.overlays ?? []).filter((o) => o.placement === placement).map((o, i) => <o.component key={`${c.id}-${i}`} city={city} scope={scope} options={options} />));
  return (
    <div className="map-panel">
      <div ref={container} className="map-canvas" data-testid="map" />
      {!ready && <div className="map-loading">{l({ zh: '地图加载中…', en: 'Loading map…' })}</div>}
      {scope && <div className="map-note">{t('scope.note')}</div>}
      <div className="map-top">{overlays('top')}</div>
      <div className="map-legend-stack">
        {overlays('legend')}
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
      {overlays('cover')}
    </div>
  );
}
