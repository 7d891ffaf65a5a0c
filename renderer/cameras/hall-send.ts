import Value from 'typebox/value';
import type { Static, TSchema } from 'typebox';
import { surfaceAuthorization, surfaceRole } from '../access/surface';

export type Sent<T> = { ok: true; status: number; value: T } | { ok: false; status: number; error: string; message: string };

/** The surface's id (`?surface=`), as the hall's custody log records where a capture was made. */
export function surfaceId(): string {
  const s = new URLSearchParams(location.search).get('surface') ?? '';
  return /^[A-Za-z0-9_.:-]{1,64}$/.test(s) ? s : surfaceRole() === 'operator' ? 'console' : 'wall-0';
}

/**
 * A change sent to the hall with this surface's token (the API helper only reads), the answer checked
 * against its schema. Never throws: a network failure is status 0, so callers can fall back.
 */
export async function hallSend<S extends TSchema>(method: 'POST' | 'PUT', path: string, body: unknown, schema: S): Promise<Sent<Static<S>>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { authorization: surfaceAuthorization(), 'content-type': 'application/json', 'x-gridwall-surface': surfaceId() },
      body: JSON.stringify(body ?? {}),
    });
  } catch (err) {
    return { ok: false, status: 0, error: 'network', message: (err as Error).message };
  }
  const answer: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const e = answer as { error?: unknown; message?: unknown } | undefined;
    return { ok: false, status: res.status, error: typeof e?.error === 'string' ? e.error : 'http', message: typeof e?.message === 'string' ? e.message : `${path}: HTTP ${res.status}` };
  }
  if (!Value.Check(schema, answer)) return { ok: false, status: res.status, error: 'bad-answer', message: `${path}: the hall sent something this wall does not understand` };
  return { ok: true, status: res.status, value: answer };
}

/** Roles that capture evidence (evidence.write): the operator, at the console or a wall tile. Never exhibit. */
const CAPTURE = new Set(['operator', 'admin']);
/** Roles that drive the CCTV wall (wall.control). */
const CONTROL = new Set(['operator', 'leader', 'admin']);

export const mayCapture = (): boolean => CAPTURE.has(surfaceRole() ?? '');
export const mayControl = (): boolean => CONTROL.has(surfaceRole() ?? '');
