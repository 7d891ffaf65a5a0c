import type { Open311Value } from './open311-format';

/** One entry of the spec's `<errors>` document: `code` is the HTTP status, `description` is for people. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/**
 * A refusal in the spec's terms (GeoReport v2 "Errors"): 404 for a resource that does not exist, 403 for a
 * missing or wrong api_key, 400 for anything else the request gets wrong. Thrown by a handler; the
 * plugin's error handler answers it as an `<errors>` document (or JSON array) in the asked format.
 */
export class Open311Error extends Error {
  override name = 'Open311Error';
  readonly items: readonly Open311ErrorItem[];

  constructor(
    readonly status: 400 | 403 | 404 | 500,
    descriptions: string | readonly string[],
  ) {
    const list = typeof descriptions === 'string' ? [descriptions] : descriptions;
    super(list.join(' '));
    this.items = list.map((description) => ({ code: status, description }));
  }
}

export const badRequest = (d: string | readonly string[]) => new Open311Error(400, d);
export const forbidden = (d: string) => new Open311Error(403, d);
export const notFound = (d: string) => new Open311Error(404, d);

/** The errors document: a list of {code, description} (JSON) or `<errors><error>…` (XML). */
export function errorDoc(items: readonly Open311ErrorItem[]): Open311Value {
  return items.map((e) => ({ code: e.code, description: e.description }));
}
