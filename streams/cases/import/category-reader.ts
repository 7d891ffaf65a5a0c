import type { Catalogue, CatalogueClass } from '../../../app/case/catalogue';
import { fieldReader, ValueMap, type FieldReader } from './field-readers';
import type { CategorySpec } from './mapping';

/** A row's catalogue class, or why it has none (an unknown category is a bad row, never a guess). */
export type CategoryResult = { ok: true; cls: CatalogueClass } | { ok: false; reason: string };

export interface CategoryReader {
  readonly columns: readonly FieldReader[];
  read(cells: readonly string[]): CategoryResult;
}

const KINDS: Readonly<Record<string, string>> = { 部件: 'part', 事件: 'event', part: 'part', event: 'event' };

/**
 * Either one column mapped through `values` (311 complaint types → classes; a value that is a key already
 * passes), or kind + small-class code (部件/事件 + 0101), with the small-class name as a fallback for a blank
 * or unknown code. A code that lost its leading zero in Excel (101) is read as 0101.
 */
export function categoryReader(header: readonly string[], spec: CategorySpec, catalogue: Catalogue): CategoryReader {
  const unknown = (key: string, detail: string): CategoryResult => ({ ok: false, reason: `unknown category ${key}${detail}: not in the catalogue (${catalogue.file}).` });
  const fallback = spec.default ? catalogue.byKey.get(spec.default) : undefined;

  if (spec.column) {
    const col = fieldReader(header, { column: spec.column }, 'category');
    const values = new ValueMap(spec.values);
    return {
      columns: [col],
      read(cells) {
        const raw = col.text(cells);
        const key = (raw && values.get(raw)) || raw;
        const cls = catalogue.byKey.get(key);
        if (cls) return { ok: true, cls };
        if (fallback) return { ok: true, cls: fallback };
        if (!raw) return { ok: false, reason: `${col.label} is blank: a case needs its class.` };
        if (values.get(raw)) return unknown(key, ` (${col.label} "${raw}")`);
        return { ok: false, reason: `unknown category: ${col.label} "${raw}" is not mapped to a class (add it to fields.category.values, or set fields.category.default).` };
      },
    };
  }

  const kind = fieldReader(header, { column: spec.kindColumn }, 'kind');
  const code = fieldReader(header, { column: spec.codeColumn }, 'code');
  const name = spec.nameColumn ? fieldReader(header, { column: spec.nameColumn }, 'name') : undefined;
  const kinds = new ValueMap({ ...KINDS, ...spec.kindValues });
  const byName = new Map<string, CatalogueClass>();
  for (const c of catalogue.classes) byName.set(`${c.kind}|${c.name.zh}`, c);
  return {
    columns: [kind, code, ...(name ? [name] : [])],
    read(cells) {
      const kindRaw = kind.text(cells);
      const k = kinds.get(kindRaw);
      if (!k) return fallback ? { ok: true, cls: fallback } : { ok: false, reason: `${kind.label} "${kindRaw}" is neither 部件 (part) nor 事件 (event).` };
      let c = code.text(cells);
      if (/^\d{3}$/.test(c)) c = `0${c}`;
      const byCode = c ? catalogue.byKey.get(`${k}.${c}`) : undefined;
      if (byCode) return { ok: true, cls: byCode };
      const n = name?.text(cells);
      const named = n ? byName.get(`${k}|${n}`) : undefined;
      if (named) return { ok: true, cls: named };
      if (fallback) return { ok: true, cls: fallback };
      const shown = [`${kind.label} "${kindRaw}"`, `${code.label} "${c}"`, ...(name && n ? [`${name.label} "${n}"`] : [])].join(', ');
      return unknown(`${k}.${c || '?'}`, ` (${shown})`);
    },
  };
}
