// The part of shpjs (no types of its own) GridWall uses: raw .shp records and .dbf rows.
declare module 'shpjs' {
  type BufferLike = ArrayBuffer | ArrayBufferView | DataView;

  export interface ShpGeometry {
    type: string;
    coordinates: unknown;
    bbox?: number[];
  }

  /** One geometry (or null for a null shape) per record. Given a .prj it would reproject: GridWall never passes one. */
  export function parseShp(shp: BufferLike, prj?: string | false): Array<ShpGeometry | null>;

  /** One row per record; `encoding` is a .cpg text or a TextDecoder label. */
  export function parseDbf(dbf: BufferLike, encoding?: string): Array<Record<string, unknown>>;
}
