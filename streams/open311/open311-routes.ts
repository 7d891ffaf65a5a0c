import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../auth/auth';
import type { CaseData } from '../cases/case-data';
import type { CaseFile, CaseStore } from '../cases/case-store';
import { field, parseForm, type Open311Form } from './form-body';
import { requireApiKey } from './open311-auth';
import { discoveryDoc } from './open311-discovery';
import { badRequest, errorDoc, notFound, Open311Error } from './open311-errors';
import { CONTENT_TYPES, formatOfUrl, serialize, splitFormat, type Open311Format, type Open311Value } from './open311-format';
import { readSubmission } from './open311-post';
import { readRequestQuery } from './open311-query';
import { requestItem } from './open311-requests';
import { byToken, searchRequests } from './open311-search';
import { serviceDefinition, serviceList, serviceNotice } from './open311-services';
import { w3DateTime } from './open311-time';
import { newToken } from './open311-token';

export interface Open311Deps {
  store: CaseStore;
  /** Catalogue (the services) and calendar. */
  data: CaseData;
  /** The hall's IANA zone: every datetime is written with its offset. */
  timeZone: string;
  auth: Auth;
  now: () => number;
  /** Called after a POSTed request became a new case (the module publishes it live). */
  onCreated?(file: CaseFile): void;
  /** The jurisdiction_id this endpoint serves; a request naming another one is a 404. */
  jurisdiction?: string;
}

export const OPEN311_PREFIX = '/open311/v2';

/** A form with a 4000-character CJK description is ~36 KB percent-encoded; this leaves room for the rest. */
const MAX_FORM_BYTES = 128 * 1024;
const FORMATS: readonly Open311Format[] = ['json', 'xml'];
// Every route answers its own api_key check in the spec's format, so none is guarded by the Bearer hook;
// Open311 has its own spec, so none is listed in the hall's OpenAPI document.
const OPEN = { config: { access: 'public' as const }, schema: { hide: true } };

/** Which hotline desk files the cases (the store's actor for a hotline report). */
const HOTLINE_ACTOR = { role: 'acceptor', id: 'hotline' } as const;

function send(reply: FastifyReply, status: number, root: string, doc: Open311Value, format: Open311Format): FastifyReply {
  return reply.code(status).type(CONTENT_TYPES[format]).send(serialize(root, doc, format));
}

const queryOf = (req: FastifyRequest) => (req.query ?? {}) as Record<string, unknown>;

/**
 * Open311 GeoReport v2 at /open311/v2/ (docs/architecture.md "Public contracts"): discovery, the catalogue
 * as services, hotline cases as service requests. Everything is registered in one encapsulated plugin, so
 * its form-body parser, error format and 404s stay under /open311/v2.
 */
export function registerOpen311Routes(app: FastifyInstance, deps: Open311Deps): void {
  app.register(
    async (scope) => {
      installFormat(scope);
      registerCatalogueRoutes(scope, deps);
      registerRequestRoutes(scope, deps);
    },
    { prefix: OPEN311_PREFIX },
  );
}

/** The spec's body format in, its error format out, for this scope only. */
function installFormat(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: MAX_FORM_BYTES }, (_req, body, done) => {
    done(null, parseForm(String(body)));
  });
  scope.setErrorHandler((err: FastifyError | Open311Error, req, reply) => {
    const format = formatOfUrl(req.url);
    if (err instanceof Open311Error) return send(reply, err.status, 'errors', errorDoc(err.items), format);
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error(err);
      return send(reply, 500, 'errors', errorDoc([{ code: 500, description: 'Internal error: try again later.' }]), format);
    }
    const description =
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'Send the request as application/x-www-form-urlencoded; charset=utf-8.'
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? `The request body is larger than ${MAX_FORM_BYTES} bytes.`
          : err.message;
    // The spec: 404 for what does not exist, 403 for the api_key, 400 for anything else.
    const code = status === 404 || status === 403 ? status : 400;
    return send(reply, code, 'errors', errorDoc([{ code, description }]), format);
  });
  scope.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const hint = /\.(json|xml)$/.test(path) ? '' : ' Resources end in .xml or .json.';
    return send(reply, 404, 'errors', errorDoc([{ code: 404, description: `There is no Open311 resource ${req.method} ${path.slice(0, 100)}.${hint}` }]), formatOfUrl(req.url));
  });
}

/** jurisdiction_id is optional here (one jurisdiction); naming another one is the spec's 404. */
function checkJurisdiction(deps: Open311Deps, given: string | undefined): void {
  if (given === undefined || deps.jurisdiction === undefined || given === deps.jurisdiction) return;
  throw notFound(`jurisdiction_id "${given.slice(0, 60)}" was not found: this endpoint serves ${deps.jurisdiction}.`);
}

const queryJurisdiction = (req: FastifyRequest) => {
  const v = queryOf(req).jurisdiction_id;
  return typeof v === 'string' && v.trim() ? v.trim() : undefined;
};

/** The name and format of `/services/{file}`-style resources; a 404 without a known suffix. */
function fileOf(req: FastifyRequest): { name: string; format: Open311Format } {
  const file = (req.params as { file?: string }).file ?? '';
  const parsed = splitFormat(file);
  if (!parsed) throw notFound(`"${file.slice(0, 60)}" names no format: add .xml or .json.`);
  return parsed;
}

function registerCatalogueRoutes(scope: FastifyInstance, deps: Open311Deps): void {
  const changeset = w3DateTime(deps.now(), deps.timeZone);
  const discovery = (req: FastifyRequest, reply: FastifyReply, format: Open311Format) => {
    const doc = discoveryDoc({ url: `${req.protocol}://${req.host}${OPEN311_PREFIX}`, changeset, ...(deps.jurisdiction ? { jurisdiction: deps.jurisdiction } : {}) });
    return send(reply, 200, 'discovery', doc, format);
  };
  // Without a suffix, the Accept header decides; JSON unless the client asks for XML only.
  scope.get('/discovery', OPEN, (req, reply) => {
    const accept = req.headers.accept ?? '';
    return discovery(req, reply, /xml/.test(accept) && !/json/.test(accept) ? 'xml' : 'json');
  });
  for (const format of FORMATS) {
    scope.get(`/discovery.${format}`, OPEN, (req, reply) => discovery(req, reply, format));
    scope.get(`/services.${format}`, OPEN, (req, reply) => {
      checkJurisdiction(deps, queryJurisdiction(req));
      return send(reply, 200, 'services', serviceList(deps.data.catalogue), format);
    });
  }
  scope.get('/services/:file', OPEN, (req, reply) => {
    const { name, format } = fileOf(req);
    checkJurisdiction(deps, queryJurisdiction(req));
    const cls = deps.data.catalogue.byKey.get(name);
    if (!cls) throw notFound(`service_code "${name.slice(0, 60)}" was not found.`);
    return send(reply, 200, 'service_definition', serviceDefinition(cls), format);
  });
}

function registerRequestRoutes(scope: FastifyInstance, deps: Open311Deps): void {
  const { store, data, timeZone } = deps;
  const item = (file: Parameters<typeof requestItem>[0]) => requestItem(file, data.catalogue, timeZone);

  for (const format of FORMATS) {
    scope.post(`/requests.${format}`, OPEN, async (req, reply) => {
      const form = (req.body as Open311Form | undefined) ?? parseForm('');
      requireApiKey(deps.auth, req, form);
      checkJurisdiction(deps, field(form, 'jurisdiction_id') ?? queryJurisdiction(req));
      const sub = readSubmission(form, data.catalogue);
      const now = deps.now();
      const clientId = newToken(now);
      // Personal fields (first_name, last_name, email, phone, device_id, account_id) are neither kept nor echoed.
      const created = await store.create(
        { clientId, source: sub.source, category: sub.cls.key, lon: sub.lon, lat: sub.lat, description: sub.description, ...(sub.address ? { address: sub.address } : {}), reportedAt: now },
        HOTLINE_ACTOR,
        'open311',
        now,
      );
      if (!created.ok) throw badRequest(created.reason);
      if (!created.duplicate) {
        try {
          deps.onCreated?.(created.file);
        } catch (err) {
          req.log.error(err); // the case is stored: publishing it live is not the caller's failure
        }
      }
      const answer = { service_request_id: created.file.case.caseNo, token: clientId, service_notice: serviceNotice(sub.cls) };
      return send(reply, 201, 'service_requests', [answer], format);
    });

    scope.get(`/requests.${format}`, OPEN, async (req, reply) => {
      requireApiKey(deps.auth, req);
      checkJurisdiction(deps, queryJurisdiction(req));
      const found = await searchRequests(store, readRequestQuery(queryOf(req), timeZone, deps.now()));
      return send(reply, 200, 'service_requests', found.map(item), format);
    });
  }

  scope.get('/requests/:file', OPEN, async (req, reply) => {
    requireApiKey(deps.auth, req);
    const { name, format } = fileOf(req);
    checkJurisdiction(deps, queryJurisdiction(req));
    const file = await store.byCaseNo(name);
    if (!file) throw notFound(`service_request_id "${name.slice(0, 60)}" was not found.`);
    return send(reply, 200, 'service_requests', [item(file)], format);
  });

  scope.get('/tokens/:file', OPEN, async (req, reply) => {
    requireApiKey(deps.auth, req);
    const { name, format } = fileOf(req);
    checkJurisdiction(deps, queryJurisdiction(req));
    const file = await byToken(store, name);
    if (!file) throw notFound(`token "${name.slice(0, 60)}" was not found.`);
    return send(reply, 200, 'service_requests', [{ service_request_id: file.case.caseNo, token: name }], format);
  });
}
