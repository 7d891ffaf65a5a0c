import { open, rename, rm } from 'node:fs/promises';
import type { BuiltGrids } from '../../../app/grid/build/build-grids';

export interface Written {
  grids: number;
  approximate: number;
  areaM2: number;
  bytes: number;
}

const FLUSH_BYTES = 1 << 16;

/**
 * Streams the grids to a GeoJSON FeatureCollection (with `adcode` and `lattice`), one feature per line, as
 * they are generated: memory stays flat however many grids there are. Written to a temporary file first,
 * so a failed run never leaves half a file under the requested name.
 */
export async function writeGrids(out: string, built: BuiltGrids): Promise<Written> {
  const tmp = `${out}.${process.pid}.tmp`;
  const handle = await open(tmp, 'w');
  const result: Written = { grids: 0, approximate: 0, areaM2: 0, bytes: 0 };
  let buffer = `{"type":"FeatureCollection","adcode":${JSON.stringify(built.adcode)},"lattice":${JSON.stringify(built.lattice)},"features":[\n`;
  const flush = async () => {
    const { bytesWritten } = await handle.write(buffer);
    result.bytes += bytesWritten;
    buffer = '';
  };
  try {
    for (const f of built.features()) {
      buffer += `${result.grids > 0 ? ',\n' : ''}${JSON.stringify(f)}`;
      result.grids++;
      result.areaM2 += f.properties.areaM2;
      if (f.properties.approximate) result.approximate++;
      if (buffer.length >= FLUSH_BYTES) await flush();
    }
    buffer += '\n]}\n';
    await flush();
    await handle.close();
    await rename(tmp, out);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  return result;
}
