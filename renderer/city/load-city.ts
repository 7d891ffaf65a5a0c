import Value from 'typebox/value';
import { CityInfo } from '../../app/city/city';

/** Fetches the supervised district from the hall server, retrying until it answers. */
export async function loadCity(signal?: AbortSignal): Promise<CityInfo> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch('/api/city', { signal });
      if (res.ok) {
        const body: unknown = await res.json();
        if (Value.Check(CityInfo, body)) return body;
        throw new Error('the hall server sent a city this wall does not understand');
      }
    } catch (err) {
      if (signal?.aborted) throw err;
    }
    await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
  }
}
