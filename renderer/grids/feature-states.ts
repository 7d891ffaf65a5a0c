import type { Map as MapLibreMap } from 'maplibre-gl';

/** What to change to go from one set of per-grid values to the next: only the grids whose value changed. */
export function stateChanges<V>(prev: ReadonlyMap<string, V>, next: ReadonlyMap<string, V>): { set: Array<[string, V]>; remove: string[] } {
  const set: Array<[string, V]> = [];
  const remove: string[] = [];
  for (const code of prev.keys()) if (!next.has(code)) remove.push(code);
  for (const [code, v] of next) if (prev.get(code) !== v) set.push([code, v]);
  return { set, remove };
}

/**
 * One feature-state key of a GeoJSON source, kept equal to a map of values by feature id: a new count
 * for 30 grids touches 30 features, not 8,500 (maplibre re-uploads the paint of tiles it touches).
 */
export class FeatureStateKey<V extends number | boolean | string> {
  private shown = new Map<string, V>();

  constructor(
    private readonly map: MapLibreMap,
    private readonly source: string,
    private readonly key: string,
  ) {}

  show(next: ReadonlyMap<string, V>): void {
    const { set, remove } = stateChanges(this.shown, next);
    for (const id of remove) this.map.removeFeatureState({ source: this.source, id }, this.key);
    for (const [id, v] of set) this.map.setFeatureState({ source: this.source, id }, { [this.key]: v });
    this.shown = new Map(next);
  }
}
