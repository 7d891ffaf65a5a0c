import type { ComponentType } from 'react';
import type { Layer } from '@deck.gl/core';
import type { CityInfo } from '../../app/city/city';
import type { ChannelSpec } from '../../app/live/channel';
import type { LiveScope } from '../../app/live/scope';
import type { LocalizedText } from '../../app/city/city';

/** What every panel is given: where it is, what it watches, and its layout options. */
export interface PanelProps {
  city: CityInfo;
  scope: LiveScope | undefined;
  options: Readonly<Record<string, string | number | boolean>>;
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
  scale: number;
  stale: boolean;
  /** The hall's time now, as this surface estimates it. */
  now: number;
  scope: LiveScope | undefined;
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
  legend?: Array<{ color: string; label: LocalizedText; shape?: 'dot' | 'line' }>;
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
