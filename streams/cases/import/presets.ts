import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { columnIndex } from './field-readers';
import { mappingColumns, MappingError, parseMapping, type Mapping } from './mapping';

/** The mappings GridWall ships (presets/<name>.json): szcg, nyc, nyc-export, boston. */
export const PRESETS_DIR = fileURLToPath(new URL('./presets/', import.meta.url));

export function presetNames(): string[] {
  return readdirSync(PRESETS_DIR)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -5))
    .sort();
}

export interface LoadedMapping {
  mapping: Mapping;
  /** What messages call it: the file, or `preset szcg`. */
  file: string;
}

/** Reads and checks a mapping file; every problem is a MappingError naming the file and the field. */
export async function readMappingFile(file: string, label = file): Promise<LoadedMapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new MappingError(label, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file.' : `cannot be read (${(err as Error).message}).`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MappingError(label, `is not valid JSON (${(err as Error).message}).`);
  }
  return { mapping: parseMapping(doc, label), file: label };
}

export async function loadPreset(name: string): Promise<LoadedMapping> {
  const names = presetNames();
  if (!names.includes(name)) throw new MappingError(`preset ${name}`, `there is no such preset: use ${names.join(', ')}, or --mapping <file.json>.`);
  return readMappingFile(path.join(PRESETS_DIR, `${name}.json`), `preset ${name}`);
}

/** Whether a file's header has every column a mapping needs. */
export function fitsHeader(mapping: Mapping, header: readonly string[]): boolean {
  return mappingColumns(mapping).every((c) => !c.required || columnIndex(header, c.column) >= 0);
}

/** The preset whose needed columns the header has (the first, by name), if any. */
export async function detectPreset(header: readonly string[]): Promise<LoadedMapping | undefined> {
  for (const name of presetNames()) {
    const preset = await loadPreset(name);
    if (fitsHeader(preset.mapping, header)) return preset;
  }
  return undefined;
}

/**
 * The mapping an import uses: `--mapping` as given; `--preset` as named, or its sibling when the header is
 * the sibling's (NYC's API and portal exports: `nyc` and `nyc-export`); neither: the preset the header fits.
 */
export async function chooseMapping(header: readonly string[], opts: { preset?: string; mapping?: string }): Promise<LoadedMapping & { notice?: string }> {
  if (opts.mapping) return readMappingFile(opts.mapping);
  if (opts.preset) {
    const chosen = await loadPreset(opts.preset);
    if (fitsHeader(chosen.mapping, header)) return chosen;
    const family = opts.preset.split('-')[0] as string;
    for (const name of presetNames().filter((n) => n !== opts.preset && n.split('-')[0] === family)) {
      const sibling = await loadPreset(name);
      if (fitsHeader(sibling.mapping, header)) return { ...sibling, notice: `the file's columns are those of preset ${name}, not ${opts.preset}: reading it with ${name}.` };
    }
    return chosen;
  }
  const found = await detectPreset(header);
  if (!found) throw new MappingError('the file', `its columns fit no preset (${presetNames().join(', ')}): give --preset or --mapping <file.json>.`);
  return { ...found, notice: `the file's columns are those of preset ${found.mapping.name}: reading it with that.` };
}
