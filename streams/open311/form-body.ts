/**
 * A POSTed GeoReport v2 form (application/x-www-form-urlencoded, UTF-8): plain fields, and the
 * `attribute[code]=value` answers to a service definition (`attribute[code][]=v` repeated for a
 * multivaluelist). A plain field sent twice keeps its first value.
 */
export interface Open311Form {
  fields: ReadonlyMap<string, string>;
  attributes: ReadonlyMap<string, readonly string[]>;
}

const ATTRIBUTE = /^attribute\[([^\]]+)\](?:\[\])?$/;

export function parseForm(body: string): Open311Form {
  const fields = new Map<string, string>();
  const attributes = new Map<string, string[]>();
  // URLSearchParams decodes + and %XX as UTF-8, the spec's encoding.
  for (const [key, value] of new URLSearchParams(body)) {
    const code = ATTRIBUTE.exec(key)?.[1];
    if (code !== undefined) {
      const list = attributes.get(code) ?? [];
      list.push(value);
      attributes.set(code, list);
    } else if (!fields.has(key)) {
      fields.set(key, value);
    }
  }
  return { fields, attributes };
}

/** A field's value, with an empty one treated as absent (the spec's "Optional Arguments"). */
export function field(form: Open311Form, name: string): string | undefined {
  const v = form.fields.get(name)?.trim();
  return v ? v : undefined;
}
