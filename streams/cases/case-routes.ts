import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { Case, CaseEvent, CaseSource, CategoryKey, DepartmentId, PhotoHash } from '../../app/case/case';
import { CaseAction, CaseRole } from '../../app/case/case-actions';
import { allowedActions, caseState } from '../../app/case/case-history';
import { CASE_STAGES, CaseStage, isCaseStage } from '../../app/case/case-stage';
import { ApiError } from '../../app/hall/api-error';
import { inScope, isWholeCity } from '../../app/live/scope';
import { CommunityCode, GridCodeText, StreetCode } from '../../app/place/place-codes';
import type { Principal } from '../auth/auth';
import { actorFor, sourcesFor } from './case-actor';
import { CaseCursorError, type CaseFile, type CaseFilter, type CaseStore } from './case-store';
import type { PhotoStore } from './photo-store';
import { registerPhotoRoutes } from './photo-routes';

export interface CaseRouteDeps {
  store(): CaseStore | undefined;
  photos: PhotoStore;
  now(): number;
  /** After a case was made or moved (the module publishes it). */
  changed(file: CaseFile): void;
  /** Shows a case's card on every window for `seconds` (null: close it). */
  show(caseId: string | null, seconds: number, by: string): void;
}

/** A refused action with what the caller may do instead (absent when the hall refused the token itself). */
const Refusal = Type.Object({ error: Type.String(), message: Type.String(), allowed: Type.Optional(Type.Array(CaseAction)) });
const CaseRecordOut = Type.Object({ case: Case, createdAt: Type.Number(), updatedAt: Type.Number(), deadline: Type.Optional(Type.Number()) });
const CaseFileOut = Type.Object({
  case: Case,
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
  deadline: Type.Optional(Type.Number()),
  history: Type.Array(CaseEvent),
  /** What the caller's role may do next. */
  allowed: Type.Optional(Type.Array(CaseAction)),
});
const NewCaseBody = Type.Object(
  {
    clientId: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }),
    source: CaseSource,
    category: CategoryKey,
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    reportedAt: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.String({ format: 'date-time' })])),
    photos: Type.Optional(Type.Array(PhotoHash, { maxItems: 9 })),
  },
  { additionalProperties: false },
);
const ActionBody = Type.Object(
  {
    action: CaseAction,
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    department: Type.Optional(DepartmentId),
    until: Type.Optional(Type.Union([Type.Number({ minimum: 0 }), Type.String({ format: 'date-time' })])),
    photos: Type.Optional(Type.Array(PhotoHash, { maxItems: 9 })),
    /** admin only: the case role to act as. */
    as: Type.Optional(CaseRole),
  },
  { additionalProperties: false },
);
const ListQuery = Type.Object({
  stage: Type.Optional(Type.String({ pattern: '^[a-z-]+(,[a-z-]+)*$' })),
  overdue: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  street: Type.Optional(StreetCode),
  community: Type.Optional(CommunityCode),
  grid: Type.Optional(GridCodeText),
  category: Type.Optional(CategoryKey),
  source: Type.Optional(CaseSource),
  from: Type.Optional(Type.String({ maxLength: 40 })),
  to: Type.Optional(Type.String({ maxLength: 40 })),
  /** 1–500 (default 50). Query values are text: the hall does not coerce types. */
  limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$' })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
});
const IdParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }) });
const bearer = { security: [{ bearer: [] }] };

const ms = (v: number | string | undefined) => (v === undefined ? undefined : typeof v === 'number' ? v : Date.parse(v));

/** A time bound given as ms since the epoch or an ISO date/time. */
function timeParam(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const t = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (!Number.isFinite(t)) throw new BadQuery(`${name} must be ms since the epoch or an ISO 8601 date/time (got "${raw}").`);
  return t;
}

class BadQuery extends Error {}

/** May this principal see this case: its scope for sub-centres, its own cases for departments. */
export function canSee(p: Principal | undefined, c: Case): boolean {
  if (!p) return false;
  if (p.role === 'department') return c.department !== undefined && (p.departments ?? []).includes(c.department);
  return inScope(p.scope, c);
}

const unavailable = (reply: FastifyReply) => reply.code(503).send({ error: 'starting', message: 'The case store is still opening; try again in a few seconds.' });

/** `/api/cases`: open, list, read and move cases, with roles on every step. */
export function registerCaseRoutes(app: FastifyInstance, d: CaseRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  registerPhotoRoutes(app, d.photos, d.store, canSee);

  api.post(
    '/api/cases',
    {
      config: { access: 'cases.write' },
      schema: { summary: 'Open a case (idempotent on clientId: a retry returns the first case)', ...bearer, body: NewCaseBody, response: { 200: Type.Object({ id: Type.String(), caseNo: Type.String(), stage: CaseStage, duplicate: Type.Boolean() }), 201: Type.Object({ id: Type.String(), caseNo: Type.String(), stage: CaseStage, duplicate: Type.Boolean() }), 400: ApiError, 403: Refusal, 409: Refusal, 503: ApiError } },
    },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const p = req.principal as Principal;
      const b = req.body;
      const allowed = sourcesFor(p.role);
      if (allowed !== 'any' && !allowed.includes(b.source)) return reply.code(403).send({ error: 'forbidden', message: `a ${p.role} token opens ${allowed.join(', ')} cases only.`, allowed: [] });
      for (const h of b.photos ?? []) if (!(await d.photos.has(h))) return reply.code(400).send({ error: 'no-such-photo', message: `photo ${h.slice(0, 12)}… was not uploaded: POST it to /api/cases/photos first.` });
      const who = actorFor(p, 'report', 'new');
      if (!who.ok) return reply.code(403).send({ error: 'forbidden', message: who.reason, allowed: [] });
      const reportedAt = ms(b.reportedAt) ?? d.now();
      if (!Number.isFinite(reportedAt) || reportedAt > d.now() + 5 * 60_000) return reply.code(400).send({ error: 'bad-time', message: 'reportedAt lies in the future: check the reporting device’s clock.' });
      const out = await store.create(
        { clientId: b.clientId, source: b.source, category: b.category, lon: b.lon, lat: b.lat, description: b.description, reportedAt, ...(b.address ? { address: b.address } : {}), ...(b.photos ? { photos: b.photos } : {}) },
        who.actor,
        p.name ?? p.role,
      );
      if (!out.ok) return reply.code(out.status).send({ error: out.status === 403 ? 'forbidden' : 'bad-case', message: out.reason, allowed: out.allowed });
      if (!out.duplicate) d.changed(out.file);
      const c = out.file.case;
      return reply.code(out.duplicate ? 200 : 201).send({ id: c.id, caseNo: c.caseNo, stage: c.stage, duplicate: out.duplicate });
    },
  );

  api.get(
    '/api/cases',
    { config: { access: 'cases.read' }, schema: { summary: 'Cases, newest reported first, with filters and paging', ...bearer, querystring: ListQuery, response: { 200: Type.Object({ items: Type.Array(CaseRecordOut), next: Type.Optional(Type.String()) }), 400: ApiError, 403: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const p = req.principal as Principal;
      const q = req.query;
      const filter: CaseFilter = {};
      try {
        if (q.stage) {
          const stages = q.stage.split(',');
          const bad = stages.find((s) => !isCaseStage(s));
          if (bad) throw new BadQuery(`"${bad}" is not a stage (stages: ${CASE_STAGES.join(', ')}).`);
          filter.stage = stages.filter(isCaseStage);
        }
        const from = timeParam(q.from, 'from');
        const to = timeParam(q.to, 'to');
        if (from !== undefined) filter.from = from;
        if (to !== undefined) filter.to = to;
      } catch (err) {
        if (err instanceof BadQuery) return reply.code(400).send({ error: 'bad-query', message: err.message });
        throw err;
      }
      for (const k of ['street', 'community', 'grid', 'category', 'source', 'cursor'] as const) if (q[k] !== undefined) Object.assign(filter, { [k]: q[k] });
      if (q.overdue) filter.overdue = q.overdue === 'true';
      if (q.limit) filter.limit = Math.min(500, Number(q.limit));
      if (!isWholeCity(p.scope)) {
        if (q.street && !inScope(p.scope, { street: q.street })) return reply.code(403).send({ error: 'forbidden', message: 'that street is outside this token’s scope.' });
        if (p.scope?.streets) filter.streets = p.scope.streets;
      }
      if (p.role === 'department') filter.departments = p.departments ?? [];
      try {
        const page = await store.list({ ...filter, now: d.now() });
        return { items: page.items.filter((r) => canSee(p, r.case)), ...(page.next ? { next: page.next } : {}) };
      } catch (err) {
        if (err instanceof CaseCursorError) return reply.code(400).send({ error: 'bad-cursor', message: err.message });
        throw err;
      }
    },
  );

  api.get(
    '/api/cases/:id',
    { config: { access: 'cases.read' }, schema: { summary: 'A case with its history (the audit trail) and what the caller may do next', ...bearer, params: IdParams, response: { 200: CaseFileOut, 404: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const p = req.principal as Principal;
      const file = (await store.get(req.params.id)) ?? (await store.byCaseNo(req.params.id));
      if (!file || !canSee(p, file.case)) return reply.code(404).send({ error: 'not-found', message: `there is no case "${req.params.id}" you may see.` });
      const state = caseState(file.history);
      const who = actorFor(p, 'report', state?.stage ?? 'new', file.case.department ? { department: file.case.department } : {});
      return { ...file, allowed: who.ok && p.role !== 'admin' ? allowedActions(state, who.actor.role) : [] };
    },
  );

  api.post(
    '/api/cases/:id/actions',
    { config: { access: 'cases.act' }, schema: { summary: 'Take a workflow action; refused with 409 (stage) or 403 (role) and the allowed actions', ...bearer, params: IdParams, body: ActionBody, response: { 200: CaseFileOut, 400: Refusal, 403: Refusal, 404: Refusal, 409: Refusal, 503: ApiError } } },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const p = req.principal as Principal;
      const b = req.body;
      const file = await store.get(req.params.id);
      if (!file || !canSee(p, file.case)) return reply.code(404).send({ error: 'not-found', message: `there is no case "${req.params.id}" you may act on.`, allowed: [] });
      const state = caseState(file.history);
      const who = actorFor(p, b.action, state?.stage ?? 'new', { ...(b.as ? { as: b.as } : {}), ...(file.case.department ? { department: file.case.department } : {}) });
      if (!who.ok) return reply.code(403).send({ error: 'forbidden', message: who.reason, allowed: [] });
      for (const h of b.photos ?? []) if (!(await d.photos.has(h))) return reply.code(400).send({ error: 'no-such-photo', message: `photo ${h.slice(0, 12)}… was not uploaded: POST it to /api/cases/photos first.`, allowed: [] });
      const until = ms(b.until);
      const extra = { surface: p.name ?? p.role, ...(b.note ? { note: b.note } : {}), ...(b.department ? { department: b.department } : {}), ...(until !== undefined ? { until } : {}), ...(b.photos ? { photos: b.photos } : {}) };
      const out = await store.act(file.case.id, b.action, who.actor, d.now(), extra);
      if (!out.ok) {
        const error = out.status === 409 ? 'wrong-stage' : out.status === 403 ? 'forbidden' : out.status === 404 ? 'not-found' : 'bad-action';
        return reply.code(out.status).send({ error, message: out.reason, allowed: out.allowed });
      }
      d.changed(out.file);
      return { ...out.file, allowed: allowedActions(caseState(out.file.history), who.actor.role) };
    },
  );

  api.post(
    '/api/cases/:id/show',
    { config: { access: 'wall.control' }, schema: { summary: 'Show a case’s card on every window of the wall (or close it)', ...bearer, params: IdParams, body: Type.Object({ seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })) }), response: { 200: Type.Object({ caseId: Type.Union([Type.String(), Type.Null()]) }), 404: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const seconds = req.body.seconds ?? 60;
      if (seconds === 0) {
        d.show(null, 0, req.principal?.name ?? req.principal?.role ?? 'operator');
        return { caseId: null };
      }
      const file = (await store.get(req.params.id)) ?? (await store.byCaseNo(req.params.id));
      if (!file) return reply.code(404).send({ error: 'not-found', message: `there is no case "${req.params.id}".` });
      d.show(file.case.id, seconds, req.principal?.name ?? req.principal?.role ?? 'operator');
      return { caseId: file.case.id };
    },
  );
}
