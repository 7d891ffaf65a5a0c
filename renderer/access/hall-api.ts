import Value from 'typebox/value';
import type { TSchema, Static } from 'typebox';

/** Why a call to the hall failed, for the screen that says so. */
export class HallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The surface's calls to its hall server: the token on every request, the answer checked against its
 * schema (the wall never shows what it does not understand). Pure apart from `fetch`.
 */
export class HallApi {
  constructor(
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  get authorization(): string {
    return `Bearer ${this.token}`;
  }

  async get<S extends TSchema>(path: string, schema: S, signal?: AbortSignal): Promise<Static<S>> {
    const res = await this.fetchImpl(path, { headers: { authorization: this.authorization }, ...(signal ? { signal } : {}) });
    const body: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const e = body as { error?: string; message?: string } | undefined;
      throw new HallError(res.status, e?.error ?? 'http', e?.message ?? `${path}: HTTP ${res.status}`);
    }
    if (!Value.Check(schema, body)) throw new HallError(0, 'bad-answer', `${path}: the hall server sent something this wall does not understand`);
    return body;
  }

  /** Retries until the hall answers (it may be restarting); a refusal (401/403) is final and thrown. */
  async getRetrying<S extends TSchema>(path: string, schema: S, signal?: AbortSignal): Promise<Static<S>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.get(path, schema, signal);
      } catch (err) {
        if (signal?.aborted || (err instanceof HallError && (err.status === 401 || err.status === 403))) throw err;
      }
      await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
    }
  }
}
