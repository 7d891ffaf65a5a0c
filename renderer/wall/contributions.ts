import type { ComponentType } from 'react';
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { CityInfo } from '../../app/city/city';
import type { ToMap } from '../../app/map/display-crs';
import type { ChannelSpec } from '../../app/live/channel';
import type { LiveScope } from '../../app/live/scope';
import type { LocalizedText } from '../../app/city/city';

export type PanelOptions = Readonly<Record<string, string | number | boolean>>;

/** What every panel is given: where it is, what it watches, and its layout options. */
export interface PanelProps {
  city: CityInfo;
  scope: LiveScope | undefined;
  options: PanelOptions;
}

/**
 * A panel a module contributes (VS Code's contributions, Grafana's panel plugins): an id the layouts
 * name, a title, and the component. Live panels dim and say how old their data is when the link is down.
 */
export interface PanelContribution {
  /** `<module>.<panel>`, as layouts name it. */
  id: string;
  title: LocalizedText;
  component: ComponentType<PanelProps>;
  /** Shows live data (default): dimmed, with its age, while the hall cannot be reached. */
  live?: boolean;
  /** Draws its own frame (the map fills its region edge to edge). */
  frameless?: boolean;
}

/** What a map layer draws with: the UI scale, whether the data is stale, the hall's clock. */
export interface MapLayerContext {
  city: CityInfo;
  scale: number;
  stale: boolean;
  /** The hall's time now, as this surface estimates it. */
  now: number;
  scope: LiveScope | undefined;
  /** The map panel's layout options (a wall pins what it shows there; the URL may say otherwise). */
  options: PanelOptions;
  /** WGS84 → the map's display coordinates: GCJ-02 when the base map's tiles are, else unchanged. */
  toMap: ToMap;
  /** The map's zoom now (sizes that follow it). */
  zoom: number;
}

/**
 * The bands of the map, bottom to top, as the ids of empty marker layers in its style, each marking the
 * top of its band: a maplibre layer added before a band's marker, or a deck.gl layer with that `beforeId`,
 * draws in that band (deck's layers above maplibre's there). Labels stay above fills and heat; deck
 * layers without a `beforeId` (live markers) draw on top of everything.
 */
export const MAP_BANDS = {
  /** Area fills: choropleth, coverage, heatmap. */
  fills: 'gridwall-band-fills',
  /** Boundaries and outlines: streets, communities, grids, the focus frame. */
  lines: 'gridwall-band-lines',
  /** Things on the ground below the labels: trails, replayed tracks, camera cones. */
  marks: 'gridwall-band-marks',
  /** Names and codes (maplibre symbols, which never overlap one another). */
  labels: 'gridwall-band-labels',
} as const;
export type MapBand = keyof typeof MAP_BANDS;

/** Spread into a deck.gl layer's props to draw it in a band (MapLibreOverlay reads `beforeId`; deck's types omit it). */
export function inBand(band: MapBand): object {
  return { beforeId: MAP_BANDS[band] };
}

/** What a module that draws natively in maplibre is handed once the map's style has loaded. */
export interface MapHost {
  map: MapLibreMap;
  /** The context layers are drawn with now (options, scale, display CRS…). */
  context(): MapLayerContext;
  /** Asks for the deck.gl layers to be drawn again (on the next frame). */
  redraw(): void;
  /** Back to the whole view: the district, or a sub-centre's streets. */
  home(): void;
}

/** Where a map overlay sits: with the legend (bottom left), at the top (banners, controls), or over the whole map. */
export type OverlayPlacement = 'legend' | 'top' | 'cover';

/** Drawn over the map (legend blocks, notes, controls). The wall has no pointer: controls are for the console. */
export interface MapOverlay {
  placement: OverlayPlacement;
  component: ComponentType<PanelProps>;
}

/**
 * A map layer a module contributes: deck.gl layers as a pure function of store slices, and what to
 * watch. The map redraws only when one of those changes (or once a second, if `ticks`, for things that
 * age, like patrols going stale) — never in a loop while nothing moves.
 */
export interface MapLayerContribution {
  id: string;
  /** Lower draws first. */
  order: number;
  layers(ctx: MapLayerContext): Layer[];
  /** Calls `changed` whenever the layer's data changed; returns an unsubscribe. */
  watch(changed: () => void): () => void;
  /** The layer changes with time alone (statuses age): re-evaluate once a second, redraw if it differs. */
  ticks?: boolean;
  /** A key that changes when a tick changes what is drawn (so a tick redraws only when needed). */
  tickKey?(ctx: MapLayerContext): string;
  /**
   * Something on it is in motion (a patrol gliding between fixes, a replay playing): while any layer
   * says so, the map draws at a capped frame rate (MAP_MAX_FPS); once none does, it stops.
   */
  animating?(): boolean;
  /**
   * A click (at the console; a wall has no pointer) on one of its pickable deck layers, with what is
   * under the pointer. The map routes it here; deck's own event handling is not used.
   */
  onClick?(info: PickingInfo): void;
  /**
   * Native maplibre sources and layers (thousands of polygons, labels with collision) and camera moves,
   * set up once the style has loaded; returns the cleanup.
   */
  mapLibre?(host: MapHost): () => void;
  legend?: Array<{ color: string; label: LocalizedText; shape?: 'dot' | 'line' }>;
  overlays?: MapOverlay[];
}

/** A renderer module: the channels it reads, the panels and map layers it contributes. */
export interface RendererModule {
  name: string;
  channels?: ChannelSpec[];
  panels?: PanelContribution[];
  mapLayers?: MapLayerContribution[];
}

/** Everything contributed, by id. Built once from the module list; nothing here grows per feature. */
export class Contributions {
  readonly panels = new Map<string, PanelContribution>();
  readonly mapLayers: MapLayerContribution[] = [];
  readonly channels: ChannelSpec[] = [];

  constructor(modules: readonly RendererModule[]) {
    for (const m of modules) {
      for (const p of m.panels ?? []) {
        if (this.panels.has(p.id)) throw new Error(`two modules contribute the panel "${p.id}"`);
        this.panels.set(p.id, p);
      }
      this.mapLayers.push(...(m.mapLayers ?? []));
      for (const c of m.channels ?? []) if (!this.channels.includes(c)) this.channels.push(c);
    }
    this.mapLayers.sort((a, b) => a.order - b.order);
  }
}
