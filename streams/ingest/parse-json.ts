/** Parses JSON without throwing. NaN and Infinity are not JSON; 1e400 parses to Infinity and fails schemas. */
export function parseJson(payload: Buffer | string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(typeof payload === 'string' ? payload : payload.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}
