import { randomUUID } from 'node:crypto';
import { Compile } from 'typebox/compile';
import { CaseEvent, type Case, type CaseActor, type CaseSource } from '../../app/case/case';
import type { CaseAction, CaseRole } from '../../app/case/case-actions';
import { caseFacts, type CaseFacts } from '../../app/case/case-facts';
import { applyAction, caseState, type ActionExtra, type ActionGuard, type ActionRefusal } from '../../app/case/case-history';
import { STAGES, type CaseStage } from '../../app/case/case-stage';
import { civilTime } from '../../app/case/zoned-time';
import type { PlaceTags } from '../../app/place/place-codes';
import type { Db, Queryable } from '../db/db';
import type { CaseData } from './case-data';

/** Where a point is, as the hall's locate service says; `outsideDistrict` when it lies beyond the hall's district. */
export type CaseLocation = PlaceTags & { outsideDistrict?: boolean };

/** A new case as its source reports it. Location fields given here win over the store's `locate`. */
export interface NewCase {
  clientId: string;
  source: CaseSource;
  category: string;
  lon: number;
  lat: number;
  description: string;
  address?: string;
  reportedAt: number;
  photos?: string[];
  grid?: string;
  community?: string;
  street?: string;
  outsideDistrict?: boolean;
}

export interface CaseStoreOptions {
  /** The centre's district code, the first part of every case number (e.g. 110107). */
  centre: string;
  /** The hall's IANA time zone: case numbers count per day of its calendar. */
  timeZone: string;
  /** Fills in street, community and grid; the store does no geometry itself. */
  locate?: (lon: number, lat: number) => CaseLocation;
  /** Catalogue and working calendar: with them each case row keeps its stage deadline (red lights). */
  data?: CaseData;
  /** The hall's clock (create's default `at`, list's `overdue` reference). */
  now?: () => number;
}

/** A case as listed: the case and what the store keeps beside it. */
export interface CaseRecord {
  case: Case;
  createdAt: number;
  updatedAt: number;
  /** The current stage's deadline (kept only when the store has the catalogue and calendar). */
  deadline?: number;
}

/** A case with its whole history, oldest event first. */
export interface CaseFile extends CaseRecord {
  history: CaseEvent[];
}

export interface CaseFilter {
  stage?: CaseStage | readonly CaseStage[];
  street?: string;
  community?: string;
  grid?: string;
  category?: string;
  source?: CaseSource;
  /** Any of these streets (a sub-centre's scope) / departments (a department's own cases). */
  streets?: readonly string[];
  departments?: readonly string[];
  /** reported_at in [from, to). */
  from?: number;
  to?: number;
  /** Past its stage deadline at `now` (default: the store's clock). */
  overdue?: boolean;
  now?: number;
  /** Default 50, at most 500. */
  limit?: number;
  /** `next` from the previous page. */
  cursor?: string;
}

export interface CasePage {
  items: CaseRecord[];
  /** Present when there may be more. */
  next?: string;
}

export type NotFound = { ok: false; status: 404; reason: string; allowed: CaseAction[] };
export type CreateResult = { ok: true; file: CaseFile; duplicate: boolean } | ActionRefusal;
export type ActResult = { ok: true; file: CaseFile; event: CaseEvent } | ActionRefusal | NotFound;

/** A malformed paging cursor (the caller's error, a 400). */
export class CaseCursorError extends Error {
  override name = 'CaseCursorError';
}

interface CaseRow {
  id: string;
  case_no: string;
  client_id: string;
  source: string;
  category: string;
  lon: number;
  lat: number;
  grid: string | null;
  community: string | null;
  street: string | null;
  description: string;
  address: string | null;
  reported_at: number | string;
  photos: unknown;
  stage: string;
  department: string | null;
  outside_district: boolean;
  urgent: boolean;
  deadline: number | string | null;
  created_at: number | string;
  updated_at: number | string;
}

interface EventRow {
  seq: number;
  at: number | string;
  action: string;
  stage: string;
  role: string;
  actor_id: string;
  surface: string | null;
  note: string | null;
  department: string | null;
  until: number | string | null;
  photos: unknown;
}

const jsonArray = (v: unknown): string[] => {
  const x = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  return Array.isArray(x) ? x.map(String) : [];
};

// Rows are our own writes: their text columns hold what the model allows, so they are cast, not re-checked.
function caseOf(r: CaseRow): CaseRecord {
  const c: Case = {
    id: r.id,
    caseNo: r.case_no,
    clientId: r.client_id,
    source: r.source as CaseSource,
    category: r.category,
    lon: Number(r.lon),
    lat: Number(r.lat),
    description: r.description,
    reportedAt: Number(r.reported_at),
    photos: jsonArray(r.photos),
    stage: r.stage as CaseStage,
  };
  if (r.grid) c.grid = r.grid;
  if (r.community) c.community = r.community;
  if (r.street) c.street = r.street;
  if (r.address) c.address = r.address;
  if (r.department) c.department = r.department;
  if (r.outside_district) c.outsideDistrict = true;
  if (r.urgent) c.urgent = true;
  const rec: CaseRecord = { case: c, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
  if (r.deadline !== null) rec.deadline = Number(r.deadline);
  return rec;
}

function eventOf(r: EventRow): CaseEvent {
  const e: CaseEvent = { seq: Number(r.seq), at: Number(r.at), action: r.action as CaseAction, stage: r.stage as CaseStage, by: { role: r.role as CaseRole, id: r.actor_id } };
  if (r.surface) e.surface = r.surface;
  if (r.note) e.note = r.note;
  if (r.department) e.department = r.department;
  if (r.until !== null) e.until = Number(r.until);
  const photos = r.photos === null ? [] : jsonArray(r.photos);
  if (photos.length) e.photos = photos;
  return e;
}

async function insertEvent(q: Queryable, caseId: string, e: CaseEvent): Promise<void> {
  await q.query(
    `INSERT INTO gridwall_case_event (case_id, seq, at, action, stage, role, actor_id, surface, note, department, until, photos)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb)`,
    [caseId, e.seq, e.at, e.action, e.stage, e.by.role, e.by.id, e.surface ?? null, e.note ?? null, e.department ?? null, e.until ?? null, e.photos ? JSON.stringify(e.photos) : null],
  );
}

const checkEvent = Compile(CaseEvent);

/** A case's history: what came with it (gridwall_case_past), then what the hall recorded. */
async function readEvents(q: Queryable, caseId: string): Promise<CaseEvent[]> {
  const [past] = await q.query<{ events: unknown }>('SELECT events FROM gridwall_case_past WHERE case_id = $1', [caseId]);
  const rows = (await q.query<EventRow>('SELECT seq, at, action, stage, role, actor_id, surface, note, department, until, photos FROM gridwall_case_event WHERE case_id = $1 ORDER BY seq', [caseId])).map(eventOf);
  if (!past) return rows;
  const events = typeof past.events === 'string' ? (JSON.parse(past.events) as unknown) : past.events;
  if (!Array.isArray(events) || !events.every((e) => checkEvent.Check(e))) throw new Error(`case ${caseId}: its stored past history is not a list of case events.`);
  return [...(events as CaseEvent[]), ...rows];
}

/** Thrown inside create's transaction to roll back the case number it took when the clientId was taken. */
class DuplicateClientId extends Error {}

const encodeCursor = (reportedAt: number, id: string) => Buffer.from(JSON.stringify([reportedAt, id])).toString('base64url');

function decodeCursor(cursor: string): [number, string] {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isFinite(v[0]) && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    // fall through to the error below
  }
  throw new CaseCursorError('the cursor is not one this list gave out: start again without it.');
}

/**
 * Cases in the hall database: made once per client id, numbered per centre and hall day, and moved through
 * the workflow only by appending events that app/case's `applyAction` allows. Every write is one
 * transaction. On PostgreSQL the case row is locked (SELECT … FOR UPDATE) while an action is decided, so two
 * conflicting actions never both land; PGlite runs one transaction at a time, so the lock is a no-op there
 * and the (case_id, seq) primary key backs both up.
 */
export class CaseStore {
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly opts: CaseStoreOptions,
  ) {
    if (!/^[0-9A-Za-z]{1,12}$/.test(opts.centre)) throw new RangeError(`"${opts.centre}" is not a centre code: give the district code, e.g. 110107.`);
    civilTime(0, opts.timeZone); // throws a RangeError now for an unknown zone, not at the first report
    this.now = opts.now ?? Date.now;
  }

  /**
   * Opens a case with its `report` event. A clientId already stored returns that case (`duplicate: true`)
   * and writes nothing, also when the retries race. `at`: when the hall registers it (numbers the day).
   */
  async create(input: NewCase, actor: CaseActor, surface?: string, at: number = this.now()): Promise<CreateResult> {
    const existing = await this.byClientId(this.db, input.clientId);
    if (existing) return { ok: true, file: existing, duplicate: true };
    const opened = applyAction(undefined, 'report', actor, at, surface ? { surface } : {});
    if (!opened.ok) return opened;
    const cls = this.opts.data?.catalogue.byKey.get(input.category);
    if (this.opts.data && !cls) return { ok: false, status: 400, reason: `"${input.category}" is not a class in the catalogue.`, allowed: [] };

    const place: CaseLocation = { ...this.opts.locate?.(input.lon, input.lat) };
    for (const k of ['grid', 'community', 'street'] as const) if (input[k]) place[k] = input[k];
    const outside = input.outsideDistrict ?? place.outsideDistrict ?? false;
    const id = randomUUID();
    const facts = this.factsOf(input.category, [opened.event]);
    try {
      await this.db.tx(async (q) => {
        const caseNo = await this.nextCaseNo(q, at);
        const rows = await q.query(
          `INSERT INTO gridwall_case (id, case_no, client_id, source, category, lon, lat, grid, community, street, description, address,
             reported_at, photos, stage, department, outside_district, urgent, last_seq, deadline, created_at, updated_at, reporter)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, NULL, $16, $17, $18, $19, $20, $20, $21)
           ON CONFLICT (client_id) DO NOTHING RETURNING id`,
          [
            id,
            caseNo,
            input.clientId,
            input.source,
            input.category,
            input.lon,
            input.lat,
            place.grid ?? null,
            place.community ?? null,
            place.street ?? null,
            input.description,
            input.address ?? null,
            input.reportedAt,
            JSON.stringify(input.photos ?? []),
            opened.event.stage,
            outside,
            cls?.urgent ?? false,
            opened.event.seq,
            facts.deadline ?? null,
            at,
            facts.reporter ?? null,
          ],
        );
        // Another request with this clientId committed first: give its case number back with a rollback.
        if (rows.length === 0) throw new DuplicateClientId();
        await insertEvent(q, id, opened.event);
      });
    } catch (err) {
      if (!(err instanceof DuplicateClientId)) throw err;
      const first = await this.byClientId(this.db, input.clientId);
      if (!first) throw new Error(`case ${input.clientId} conflicted on its client id but cannot be read back`, { cause: err });
      return { ok: true, file: first, duplicate: true };
    }
    const file = await this.get(id);
    if (!file) throw new Error(`case ${id} was written but cannot be read back`);
    return { ok: true, file, duplicate: false };
  }

  /**
   * Takes an action on a case at `at` (the hall's clock): appends its event and updates the case row, or
   * returns applyAction's refusal unchanged (404 when there is no such case) having written nothing.
   */
  async act(id: string, action: CaseAction, actor: CaseActor, at: number, extra: ActionExtra = {}): Promise<ActResult> {
    const out = await this.db.tx(async (q): Promise<{ ok: true; event: CaseEvent } | ActionRefusal | NotFound> => {
      const [row] = await q.query<{ category: string }>('SELECT category FROM gridwall_case WHERE id = $1 FOR UPDATE', [id]);
      if (!row) return { ok: false, status: 404, reason: `there is no case "${id}".`, allowed: [] };
      const events = await readEvents(q, id);
      const state = caseState(events);
      const guard: ActionGuard = {};
      const handleDeadline = state && STAGES[state.stage].phase === 'handle' ? this.factsOf(row.category, events).deadline : undefined;
      if (handleDeadline !== undefined) guard.handleDeadline = handleDeadline;
      const r = applyAction(state, action, actor, at, extra, guard);
      if (!r.ok) return r;
      await insertEvent(q, id, r.event);
      const f = this.factsOf(row.category, [...events, r.event]);
      await q.query(
        `UPDATE gridwall_case SET stage = $2, department = $3, last_seq = $4, deadline = $5, updated_at = $6, filed_at = $7, dispatched_at = $8,
           handled_at = $9, closed_at = $10, closed_on_time = $11, reworks = $12, extended = $13 WHERE id = $1`,
        [id, r.state.stage, r.state.department ?? null, r.event.seq, f.deadline ?? null, at, f.filedAt ?? null, f.dispatchedAt ?? null, f.handledAt ?? null, f.closedAt ?? null, f.closedOnTime ?? null, f.reworks, f.extended],
      );
      return { ok: true, event: r.event };
    });
    if (!out.ok) return out;
    const file = await this.get(id);
    if (!file) throw new Error(`case ${id} was updated but cannot be read back`);
    return { ok: true, file, event: out.event };
  }

  /** A case with its history; undefined when there is none. */
  async get(id: string): Promise<CaseFile | undefined> {
    return this.fileWhere(this.db, 'id = $1', id);
  }

  async byCaseNo(caseNo: string): Promise<CaseFile | undefined> {
    return this.fileWhere(this.db, 'case_no = $1', caseNo);
  }

  /** Cases newest reported first (ties by id), a page at a time. */
  async list(filter: CaseFilter = {}): Promise<CasePage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter.stage !== undefined) add((p) => `stage = ANY(${p}::text[])`, typeof filter.stage === 'string' ? [filter.stage] : [...filter.stage]);
    for (const col of ['street', 'community', 'grid', 'category', 'source'] as const) {
      const v = filter[col];
      if (v !== undefined) add((p) => `${col} = ${p}`, v);
    }
    if (filter.streets) add((p) => `street = ANY(${p}::text[])`, [...filter.streets]);
    if (filter.departments) add((p) => `department = ANY(${p}::text[])`, [...filter.departments]);
    if (filter.from !== undefined) add((p) => `reported_at >= ${p}`, filter.from);
    if (filter.to !== undefined) add((p) => `reported_at < ${p}`, filter.to);
    if (filter.overdue !== undefined) {
      const now = filter.now ?? this.now();
      if (filter.overdue) add((p) => `deadline IS NOT NULL AND deadline < ${p}`, now);
      else add((p) => `(deadline IS NULL OR deadline >= ${p})`, now);
    }
    if (filter.cursor !== undefined) {
      const [reportedAt, id] = decodeCursor(filter.cursor);
      params.push(reportedAt, id);
      where.push(`(reported_at < $${params.length - 1} OR (reported_at = $${params.length - 1} AND id > $${params.length}))`);
    }
    const limit = Math.max(1, Math.min(500, Math.floor(filter.limit ?? 50)));
    params.push(limit + 1); // one more than asked says whether there is a next page
    const rows = await this.db.query<CaseRow>(
      `SELECT * FROM gridwall_case ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY reported_at DESC, id LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit).map(caseOf);
    const last = items.at(-1);
    return rows.length > limit && last ? { items, next: encodeCursor(last.case.reportedAt, last.case.id) } : { items };
  }

  private async byClientId(q: Queryable, clientId: string): Promise<CaseFile | undefined> {
    return this.fileWhere(q, 'client_id = $1', clientId);
  }

  private async fileWhere(q: Queryable, where: string, value: string): Promise<CaseFile | undefined> {
    const [row] = await q.query<CaseRow>(`SELECT * FROM gridwall_case WHERE ${where}`, [value]);
    if (!row) return undefined;
    return { ...caseOf(row), history: await readEvents(q, row.id) };
  }

  /** `<centre>-<YYYYMMDD>-<0001…>`, counted in the same transaction as the case it numbers. */
  private async nextCaseNo(q: Queryable, at: number): Promise<string> {
    const day = civilTime(at, this.opts.timeZone).date.replaceAll('-', '');
    const [row] = await q.query<{ last: number }>(
      `INSERT INTO gridwall_case_counter (centre, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (centre, day) DO UPDATE SET last = gridwall_case_counter.last + 1 RETURNING last`,
      [this.opts.centre, day],
    );
    if (!row) throw new Error('the case counter returned no row');
    return `${this.opts.centre}-${day}-${String(Number(row.last)).padStart(4, '0')}`;
  }

  private factsOf(category: string, events: readonly CaseEvent[]): CaseFacts {
    const data = this.opts.data;
    const cls = data?.catalogue.byKey.get(category);
    return caseFacts(events, data && cls ? { cls, calendar: data.calendar, timeZone: this.opts.timeZone } : undefined);
  }
}
