import type { CaseFile, CaseFilter, CaseRecord, CaseStore } from '../cases/case-store';
import { MAX_RESULTS, type RequestQuery } from './open311-query';
import { tokenTime } from './open311-token';

/** How many case numbers are looked up at once (keeps a PostgreSQL pool from queueing 1000 queries). */
const LOOKUP_BATCH = 16;
const PAGE = 500;

async function byIds(store: CaseStore, ids: readonly string[]): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  for (let i = 0; i < ids.length; i += LOOKUP_BATCH) {
    const found = await Promise.all(ids.slice(i, i + LOOKUP_BATCH).map((id) => store.byCaseNo(id)));
    for (const f of found) if (f) out.push(f);
  }
  return out;
}

/** Up to `max` cases matching a filter, newest reported first, page by page. */
async function collect(store: CaseStore, filter: CaseFilter, max: number): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list({ ...filter, limit: Math.min(PAGE, max - out.length), ...(cursor ? { cursor } : {}) });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor && out.length < max);
  return out;
}

const newestFirst = (a: CaseRecord, b: CaseRecord) => b.case.reportedAt - a.case.reportedAt || (a.case.id < b.case.id ? -1 : 1);

/** The cases a GET requests query names, newest first, at most 1000 (the spec's default cap). */
export async function searchRequests(store: CaseStore, q: RequestQuery): Promise<CaseRecord[]> {
  if (q.kind === 'ids') return byIds(store, q.ids);
  const base: CaseFilter = { from: q.from, to: q.to };
  if (q.stages) base.stage = q.stages;
  if (!q.codes) return collect(store, base, MAX_RESULTS);
  // The store filters one class at a time: several codes are fetched in turn and merged here.
  const all: CaseRecord[] = [];
  for (const category of q.codes) all.push(...(await collect(store, { ...base, category }, MAX_RESULTS)));
  return all.sort(newestFirst).slice(0, MAX_RESULTS);
}

/** The case a token (a client id made by POST, see open311-token.ts) was filed as. */
export async function byToken(store: CaseStore, token: string): Promise<CaseFile | undefined> {
  const at = tokenTime(token);
  if (at === undefined) return undefined;
  const same = await collect(store, { from: at, to: at + 1 }, MAX_RESULTS);
  const rec = same.find((r) => r.case.clientId === token);
  return rec ? store.get(rec.case.id) : undefined;
}
