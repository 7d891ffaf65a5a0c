// One grid build in a fresh process, so its peak memory is its own: read, build, write, report.
import { buildGrids } from '../../app/grid/build/build-grids';
import { readBoundary, readPlaces } from '../../streams/grids/build/read-inputs';
import { writeGrids } from '../../streams/grids/build/write-grids';
import { serve } from '../child';

export interface BuildReq {
  type: 'build';
  boundary: string;
  adcode: string;
  places?: string;
  cellSize: number;
  out: string;
}

export interface BuildRes {
  grids: number;
  /** Laying, clipping, splitting and coding, without reading and writing files. */
  buildMs: number;
  /** Reading the inputs to the last byte written. */
  totalMs: number;
  peakRssMb: number;
  bytes: number;
}

serve<BuildReq>(async (req) => {
  const t0 = performance.now();
  const boundary = await readBoundary(req.boundary, req.adcode);
  const places = await readPlaces([req.places], req.adcode);
  const t1 = performance.now();
  const built = buildGrids({ adcode: req.adcode, cellSize: req.cellSize, boundary, places });
  // The features are generated as they are written (the builder streams them): time the whole of it.
  const written = await writeGrids(req.out, built);
  const t2 = performance.now();
  return {
    grids: written.grids,
    buildMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    bytes: written.bytes,
  } satisfies BuildRes;
});
