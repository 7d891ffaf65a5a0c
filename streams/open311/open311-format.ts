import { XMLBuilder } from 'fast-xml-parser';

/**
 * The two GeoReport v2 formats, chosen by the resource's suffix (`services.xml`, `requests/123.json`).
 * XML is the spec's required format; JSON is its "Spark convention" mapping: an XML list becomes a JSON
 * array and the XML wrapper elements (`<services><service>`) are named by the tables below.
 */
export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A JSON value as the documents hold it: text, numbers, booleans, null, lists and records. */
export type Open311Value = string | number | boolean | null | readonly Open311Value[] | { readonly [key: string]: Open311Value };

/** In XML, each list is a wrapper element holding one element per item, named here (the spec's ⇊ and ↴). */
const ITEM_NAMES: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** `event.0102.json` → name `event.0102`, format `json`; undefined without a known suffix. */
export function splitFormat(file: string): { name: string; format: Open311Format } | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m?.[1] && (m[2] === 'json' || m[2] === 'xml') ? { name: m[1], format: m[2] } : undefined;
}

/** The format a URL asks for; XML (the required one) when it names none, e.g. an unknown path. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.json') ? 'json' : 'xml';
}

// Characters XML 1.0 cannot carry at all (escaping does not help): C0 controls but tab, LF and CR, and
// unpaired surrogates. A case typed elsewhere may hold them; the XML answer must still parse.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

type XmlNode = string | XmlNode[] | { [key: string]: XmlNode };

function xmlNode(key: string, value: Open311Value): XmlNode {
  if (value === null) return '';
  if (typeof value === 'string') return value.replace(NOT_XML, '\uFFFD');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isList(value)) {
    const item = ITEM_NAMES[key];
    if (!item) throw new Error(`open311: no XML item name for the list "${key}"`);
    return { [item]: value.map((v) => xmlNode(item, v)) };
  }
  const out: { [key: string]: XmlNode } = {};
  for (const [k, v] of Object.entries(value)) out[k] = xmlNode(k, v);
  return out;
}

function isList(v: Open311Value): v is readonly Open311Value[] {
  return Array.isArray(v);
}

// The builder escapes &, <, >, quotes; CJK text stays as UTF-8 characters.
const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/**
 * A document in the asked format. `root` names the XML root element (`services`, `service_requests`,
 * `errors`, `service_definition`, `discovery`); in JSON a list document is the bare array.
 */
export function serialize(root: string, doc: Open311Value, format: Open311Format): string {
  if (format === 'json') return JSON.stringify(doc);
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({ [root]: xmlNode(root, doc) }) as string}`;
}
