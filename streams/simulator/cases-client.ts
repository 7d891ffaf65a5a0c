import type { CaseEvent, CaseSource } from '../../app/case/case';
import type { CaseStage } from '../../app/case/case-stage';
import type { DeskActor, DeskCase, DeskStep } from './desk-plan';

/** A new case as `POST /api/cases` takes it. */
export interface NewCaseBody {
  clientId: string;
  source: CaseSource;
  category: string;
  lon: number;
  lat: number;
  description: string;
  address?: string;
  reportedAt?: number;
}

export interface CasesClientOptions {
  /** The hall, e.g. http://127.0.0.1:8750 */
  baseUrl: string;
  /** The token of someone who may read cases (an acceptor). */
  readToken: string;
  /** The token an actor uses; undefined: the desk cannot act as them. */
  tokenOf(actor: DeskActor): string | undefined;
  /** Tokens that open cases by source (operator: video; hotline: 12345/12319). */
  intakeToken(source: CaseSource): string | undefined;
  /** One line per kind of failure, the first time it happens. */
  log(line: string): void;
  timeoutMs?: number;
}

export type ActOutcome = 'ok' | 'refused' | 'failed';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The listed case's fields the desk needs, or undefined when the item is not a case record. */
export function deskCaseOf(record: unknown): DeskCase | undefined {
  if (!isObject(record) || !isObject(record.case)) return undefined;
  const c = record.case;
  if (typeof c.id !== 'string' || typeof c.stage !== 'string' || typeof c.category !== 'string' || typeof c.source !== 'string' || typeof record.updatedAt !== 'number') return undefined;
  const out: DeskCase = { id: c.id, stage: c.stage as CaseStage, source: c.source as CaseSource, category: c.category, updatedAt: record.updatedAt };
  if (typeof c.clientId === 'string') out.clientId = c.clientId;
  if (typeof c.street === 'string') out.street = c.street;
  if (typeof c.department === 'string') out.department = c.department;
  if (typeof record.deadline === 'number') out.deadline = record.deadline;
  return out;
}

/**
 * The case desk's way into the hall: the cases API with the people's tokens. It never throws: each kind
 * of failure (a status, an unreachable hall) is logged once and the call answers "nothing".
 */
export class CasesClient {
  private readonly logged = new Set<string>();

  constructor(private readonly o: CasesClientOptions) {}

  private once(kind: string, line: string): void {
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    this.o.log(`case desk: ${line} (logged once)`);
  }

  private async call(what: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: unknown } | undefined> {
    try {
      const res = await fetch(`${this.o.baseUrl}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
      });
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, json };
    } catch (err) {
      this.once(`${what}:network`, `${what} could not reach the hall (${(err as Error).message})`);
      return undefined;
    }
  }

  private refused(what: string, r: { status: number; json: unknown }): void {
    const message = isObject(r.json) && typeof r.json.message === 'string' ? r.json.message : isObject(r.json) && typeof r.json.error === 'string' ? r.json.error : '';
    this.once(`${what}:${r.status}`, `${what} answered ${r.status}${message ? `: ${message}` : ''}`);
  }

  /** One page of the cases in these stages. */
  async list(stages: readonly CaseStage[], cursor?: string): Promise<{ items: DeskCase[]; next?: string }> {
    const q = new URLSearchParams({ stage: stages.join(','), limit: '500', ...(cursor ? { cursor } : {}) });
    const r = await this.call('listing cases', `/api/cases?${q}`, this.o.readToken);
    if (!r) return { items: [] };
    if (r.status !== 200 || !isObject(r.json) || !Array.isArray(r.json.items)) {
      this.refused('listing cases', r);
      return { items: [] };
    }
    const items = r.json.items.map(deskCaseOf).filter((c): c is DeskCase => c !== undefined);
    return typeof r.json.next === 'string' ? { items, next: r.json.next } : { items };
  }

  /** A case and its history, as listed now. */
  async get(id: string): Promise<{ case: DeskCase; history: CaseEvent[] } | undefined> {
    const r = await this.call('reading a case', `/api/cases/${encodeURIComponent(id)}`, this.o.readToken);
    if (!r) return undefined;
    const c = r.status === 200 ? deskCaseOf(r.json) : undefined;
    if (!c || !isObject(r.json) || !Array.isArray(r.json.history)) {
      this.refused('reading a case', r);
      return undefined;
    }
    return { case: c, history: r.json.history as CaseEvent[] };
  }

  async create(body: NewCaseBody): Promise<boolean> {
    const token = this.o.intakeToken(body.source);
    if (!token) {
      this.once(`create:${body.source}`, `has no token to open ${body.source} cases`);
      return false;
    }
    const r = await this.call(`opening a ${body.source} case`, '/api/cases', token, body);
    if (!r) return false;
    if (r.status === 200 || r.status === 201) return true;
    this.refused(`opening a ${body.source} case`, r);
    return false;
  }

  /** Takes a step as its actor. `refused`: the hall said no (409/403/400), e.g. someone else acted first. */
  async act(id: string, step: DeskStep): Promise<ActOutcome> {
    const token = this.o.tokenOf(step.as);
    if (!token) {
      this.once(`token:${step.as.role}`, `has no token for ${step.as.role} ${step.as.id}`);
      return 'refused';
    }
    const body = { action: step.action, ...(step.note ? { note: step.note } : {}), ...(step.department ? { department: step.department } : {}), ...(step.until !== undefined ? { until: step.until } : {}) };
    const what = `${step.action} by ${step.as.role}`;
    const r = await this.call(what, `/api/cases/${encodeURIComponent(id)}/actions`, token, body);
    if (!r) return 'failed';
    if (r.status === 200) return 'ok';
    this.refused(what, r);
    return r.status >= 400 && r.status < 500 && r.status !== 404 && r.status !== 429 ? 'refused' : 'failed';
  }
}
