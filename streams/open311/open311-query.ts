import { CASE_STAGES, type CaseStage } from '../../app/case/case-stage';
import { badRequest } from './open311-errors';
import { CLOSED_STAGES } from './open311-requests';
import { parseW3DateTime } from './open311-time';

/** The spec's window on GET requests: at most 90 days, the last 90 by default; at most 1000 results. */
export const MAX_SPAN_MS = 90 * 86_400_000;
export const MAX_RESULTS = 1000;

/** What GET requests asks for: some case numbers (which override every other filter), or a filter. */
export type RequestQuery =
  | { kind: 'ids'; ids: string[] }
  | {
      kind: 'filter';
      /** Class keys; undefined: all. */
      codes?: string[];
      /** reported_at in [from, to). */
      from: number;
      to: number;
      /** Undefined: every stage. */
      stages?: CaseStage[];
    };

type Query = Record<string, unknown>;

/** A parameter "declared multiple times, comma delimited", as one list; undefined when empty. */
export function listParam(query: Query, name: string): string[] | undefined {
  const raw = query[name];
  const parts = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const items = [...new Set(parts.flatMap((p) => p.split(',')).map((s) => s.trim()).filter(Boolean))];
  return items.length ? items : undefined;
}

function oneParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
}

function date(query: Query, name: string, timeZone: string): number | undefined {
  const text = oneParam(query, name);
  if (text === undefined) return undefined;
  const t = parseW3DateTime(text, timeZone);
  if (t === undefined) throw badRequest(`${name} "${text.slice(0, 40)}" is not a W3C datetime such as 2026-01-01T00:00:00+08:00.`);
  return t;
}

function stagesOf(statuses: string[] | undefined): CaseStage[] | undefined {
  if (!statuses) return undefined;
  const bad = statuses.filter((s) => s !== 'open' && s !== 'closed');
  if (bad.length) throw badRequest(`status "${bad.join(',').slice(0, 40)}" is not open or closed.`);
  if (statuses.length === 2) return undefined;
  const closed = statuses[0] === 'closed';
  return CASE_STAGES.filter((s) => CLOSED_STAGES.includes(s) === closed);
}

/**
 * Reads GET requests' parameters. Dates: start_date and end_date (inclusive) may span at most 90 days;
 * with only one of them the window is the 90 days before end_date or after start_date; with neither, the
 * last 90 days up to `now`.
 */
export function readRequestQuery(query: Query, timeZone: string, now: number): RequestQuery {
  const ids = listParam(query, 'service_request_id');
  if (ids) return { kind: 'ids', ids: ids.slice(0, MAX_RESULTS) };

  const start = date(query, 'start_date', timeZone);
  const end = date(query, 'end_date', timeZone);
  const last = end ?? (start === undefined ? now : start + MAX_SPAN_MS);
  const first = start ?? last - MAX_SPAN_MS;
  if (first > last) throw badRequest('start_date is after end_date.');
  if (last - first > MAX_SPAN_MS) throw badRequest('start_date and end_date may span at most 90 days.');

  const q: RequestQuery = { kind: 'filter', from: first, to: last + 1 };
  const codes = listParam(query, 'service_code');
  if (codes) q.codes = codes;
  const stages = stagesOf(listParam(query, 'status'));
  if (stages) q.stages = stages;
  return q;
}
