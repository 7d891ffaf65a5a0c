import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { CameraId } from '../../app/camera/camera';
import { CategoryKey } from '../../app/case/case';
import { CaseStage } from '../../app/case/case-stage';
import { CustodyEntry } from '../../app/evidence/custody';
import { boxInside, EvidenceBox, EvidenceId, EvidenceKind, EvidenceRecord, Sha256 } from '../../app/evidence/evidence';
import { ApiError } from '../../app/hall/api-error';
import type { Principal } from '../auth/auth';
import { sniffImage } from '../cases/photo-routes';
import type { CaseLinker } from './evidence-case';
import { decodeSegment, type BufferedUpload } from './buffered-upload';
import { DiskFullError } from './evidence-files';
import type { Actor, EvidenceService } from './evidence-service';
import type { EvidenceItem, EvidenceStore } from './evidence-store';
import type { EvidenceVideo } from './evidence-video';
import { FfmpegError } from './ffmpeg-run';
import { suggestCategories, type Suggestion } from './suggest';
import type { CaseData } from '../cases/case-data';
import { parseCustodyLine } from './custody-log';

/** A screen capture the client sends is at most this large (decoded). */
export const MAX_SCREEN_CAPTURE_BYTES = 8 * 1024 * 1024;
const SURFACE = '^[A-Za-z0-9_.:@-]{1,64}$';
/** Room for a screen capture in base64 with the JSON around it; its decoded size is checked after (a 413). */
const BODY_LIMIT = 12 * 1024 * 1024;

const CaptureBody = Type.Object(
  {
    cameraId: CameraId,
    /** Epoch ms of the frame on the operator's screen, from the stream's PROGRAM-DATE-TIME. */
    streamTime: Type.Number({ minimum: 0 }),
    box: Type.Optional(EvidenceBox),
    /** The surface the capture was made on (console, a wall window): recorded in custody. */
    source: Type.Optional(Type.String({ pattern: SURFACE })),
    /** Fallback: the frame the client shows, base64 PNG or JPEG (a data URL is fine), with kind 'screen-capture'. */
    image: Type.Optional(Type.String({ maxLength: BODY_LIMIT })),
    kind: Type.Optional(Type.Literal('screen-capture')),
    /** Fallback before the image: the MPEG-TS segment the player was playing (base64); the hall cuts the frame from it. */
    segment: Type.Optional(Type.String({ maxLength: BODY_LIMIT })),
    /** The PROGRAM-DATE-TIME of the segment's first frame, epoch ms. */
    segmentStart: Type.Optional(Type.Number({ minimum: 0 })),
  },
  { additionalProperties: false },
);
const Captured = Type.Object({ id: EvidenceId, sha256: Sha256, frame: Type.String(), clip: Type.Union([Type.String(), Type.Null()]), kind: EvidenceKind, frameTime: Type.Optional(Type.Number()), frameMs: Type.Optional(Type.Number()) });
const Outside = Type.Object({ error: Type.String(), message: Type.String(), window: Type.Optional(Type.Object({ from: Type.Number(), to: Type.Number() })) });
const IdParams = Type.Object({ id: EvidenceId });
const LinkBody = Type.Object({ category: CategoryKey, description: Type.Optional(Type.String({ maxLength: 4000 })), box: Type.Optional(EvidenceBox) }, { additionalProperties: false });
const Linked = Type.Object({ id: Type.String(), caseNo: Type.String(), stage: CaseStage, duplicate: Type.Boolean() });
const EvidenceOut = Type.Object({ ...EvidenceRecord.properties, frame: Type.String(), clipUrl: Type.Union([Type.String(), Type.Null()]), custody: Type.Array(CustodyEntry) });
const SuggestOut = Type.Object({ basis: Type.Union([Type.Literal('history'), Type.Literal('common')]), items: Type.Array(Type.Object({ category: Type.String(), name: Type.Object({ zh: Type.String(), en: Type.String() }), count: Type.Integer() })) });
const bearer = { security: [{ bearer: [] }] };

export interface EvidenceRouteDeps {
  service: EvidenceService;
  linker: CaseLinker;
  store(): EvidenceStore | undefined;
  video(): EvidenceVideo;
  caseData(): CaseData | undefined;
  now(): number;
  files: { pathOf(id: string, name: string): string; size(id: string, name: string): Promise<number> };
}

/** Binary answers (images, video) are not JSON: the typed reply's schema does not apply to them. */
const raw = (reply: unknown) => reply as FastifyReply;

const url = (id: string, what: 'frame' | 'clip') => `/api/evidence/${id}/${what}`;

/** Who is acting and from where, for the custody log. */
export function actorOf(req: FastifyRequest, source?: string): Actor {
  const p = req.principal as Principal;
  const header = req.headers['x-gridwall-surface'];
  const surface = source ?? (typeof header === 'string' && new RegExp(SURFACE).test(header) ? header : undefined);
  const id = (p.name ?? p.credential).replace(/[^A-Za-z0-9_.:@-]/g, '-').slice(0, 64) || p.credential;
  return { role: p.role, id, surface: surface ?? p.name?.slice(0, 64) ?? p.role };
}

function decodeImage(text: string): { bytes: Buffer; type: 'image/png' | 'image/jpeg' } | string {
  const b64 = text.replace(/^data:image\/(png|jpeg);base64,/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return 'image is not base64.';
  const bytes = Buffer.from(b64, 'base64');
  if (bytes.length > MAX_SCREEN_CAPTURE_BYTES) return `the image is ${(bytes.length / 1048576).toFixed(1)} MB; a screen capture may be at most 8 MB.`;
  const type = sniffImage(bytes);
  if (type !== 'image/png' && type !== 'image/jpeg') return 'image is not a PNG or JPEG (checked by its bytes).';
  return { bytes, type };
}

/** `/api/evidence`: capture, read, view, export and link evidence; every view and export is in custody. */
export function registerEvidenceRoutes(app: FastifyInstance, d: EvidenceRouteDeps): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const unavailable = (reply: FastifyReply) => reply.code(503).send({ error: 'starting', message: 'The evidence store is still opening; try again in a few seconds.' });
  const find = async (id: string, reply: FastifyReply): Promise<EvidenceItem | undefined> => {
    const store = d.store();
    if (!store) return void unavailable(reply);
    const item = await store.get(id);
    if (!item) return void reply.code(404).send({ error: 'not-found', message: `there is no evidence "${id}".` });
    return item;
  };
  /** Whether this hall server holds the file (another server of the hall may have captured it). */
  const held = (id: string, name: string) => d.files.size(id, name).then(() => true, () => false);
  const elsewhere = (reply: FastifyReply, id: string) =>
    reply.code(409).send({ error: 'held-elsewhere', message: `this hall server does not hold the files of evidence ${id}: they stay with the hall server that captured it (evidence files are not copied between servers); open it there.` });
  /** Custody must record a view or export before it happens; a full disk refuses it. */
  const failed = (reply: FastifyReply, err: unknown) => {
    if (err instanceof DiskFullError) return reply.code(507).send({ error: 'disk-full', message: err.message });
    if (err instanceof FfmpegError) return reply.code(503).send({ error: 'ffmpeg', message: err.message });
    throw err;
  };

  api.post(
    '/api/evidence',
    {
      config: { access: 'evidence.write' },
      bodyLimit: BODY_LIMIT,
      schema: { summary: 'Capture the frame at a stream time (cut from the DVR at full resolution) and start its clip', ...bearer, body: CaptureBody, response: { 201: Captured, 400: ApiError, 404: ApiError, 409: Outside, 413: ApiError, 503: ApiError, 507: ApiError } },
    },
    async (req, reply) => {
      const b = req.body;
      if (b.box && !boxInside(b.box)) return reply.code(400).send({ error: 'bad-box', message: 'box must lie inside the frame: x + w ≤ 1 and y + h ≤ 1.' });
      let image: { bytes: Buffer; type: 'image/png' | 'image/jpeg' } | undefined;
      if (b.image !== undefined) {
        if (b.kind !== 'screen-capture') return reply.code(400).send({ error: 'unmarked-image', message: "an image the client sends is a screen capture: mark it kind: 'screen-capture'." });
        const decoded = decodeImage(b.image);
        if (typeof decoded === 'string') return reply.code(decoded.includes('at most') ? 413 : 400).send({ error: 'bad-image', message: decoded });
        image = decoded;
      }
      let buffered: BufferedUpload | undefined;
      if (b.segment !== undefined) {
        const decoded = decodeSegment(b.segment, b.segmentStart, b.streamTime);
        if (typeof decoded === 'string') return reply.code(decoded.includes('at most') ? 413 : 400).send({ error: 'bad-segment', message: decoded });
        buffered = decoded;
      }
      const out = await d.service.capture({ cameraId: b.cameraId, streamTime: b.streamTime, ...(b.box ? { box: b.box } : {}), ...(image ? { image } : {}), ...(buffered ? { buffered } : {}) }, actorOf(req, b.source));
      if (!out.ok) return reply.code(out.status).send({ error: out.error, message: out.message, ...(out.window ? { window: out.window } : {}) });
      const r = out.item.record;
      return reply.code(201).send({
        id: r.id,
        sha256: r.sha256,
        frame: url(r.id, 'frame'),
        clip: r.clip.state === 'none' ? null : url(r.id, 'clip'),
        kind: r.kind,
        ...(r.frameTime !== undefined ? { frameTime: r.frameTime } : {}),
        ...(out.frameMs !== undefined ? { frameMs: Math.round(out.frameMs) } : {}),
      });
    },
  );

  api.get(
    '/api/evidence/suggest',
    { config: { access: 'evidence.read' }, schema: { summary: "Categories for a capture's case form: the camera's usual video-capture classes", ...bearer, querystring: Type.Object({ cameraId: CameraId }), response: { 200: SuggestOut, 404: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const store = d.store();
      if (!store) return unavailable(reply);
      const camera = d.video().camera(req.query.cameraId);
      if (!camera) return reply.code(404).send({ error: 'no-such-camera', message: `there is no camera "${req.query.cameraId}".` });
      const s: { basis: 'history' | 'common'; items: Suggestion[] } = await suggestCategories(store, d.caseData(), camera, d.now());
      return s;
    },
  );

  api.get(
    '/api/evidence/:id',
    { config: { access: 'evidence.read' }, schema: { summary: 'An evidence item and its custody entries', ...bearer, params: IdParams, response: { 200: EvidenceOut, 404: ApiError, 503: ApiError } } },
    async (req, reply) => {
      const item = await find(req.params.id, reply);
      if (!item) return reply;
      const lines = (await d.store()?.custodyLines(item.record.id)) ?? [];
      const custody = lines.map(parseCustodyLine).filter((e): e is CustodyEntry => e !== undefined);
      return { ...item.record, frame: url(item.record.id, 'frame'), clipUrl: item.record.clip.state === 'none' ? null : url(item.record.id, 'clip'), custody };
    },
  );

  api.get(
    '/api/evidence/:id/frame',
    { config: { access: 'evidence.read' }, schema: { summary: 'The captured frame as stored (logged as viewed)', ...bearer, params: IdParams, response: { 404: ApiError, 409: ApiError, 503: ApiError, 507: ApiError } } },
    async (req, reply) => {
      const item = await find(req.params.id, reply);
      if (!item) return reply;
      if (!(await held(item.record.id, item.frameName))) return elsewhere(reply, item.record.id);
      try {
        await d.service.viewed(item, 'frame', actorOf(req));
      } catch (err) {
        return failed(reply, err);
      }
      const r = item.record;
      return raw(reply)
        .header('content-type', r.frameType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('x-evidence-sha256', r.sha256)
        .header('content-disposition', `inline; filename="${r.id}-frame.${r.frameType === 'image/png' ? 'png' : 'jpg'}"`)
        .send(createReadStream(d.files.pathOf(r.id, item.frameName)));
    },
  );

  api.get(
    '/api/evidence/:id/clip',
    { config: { access: 'evidence.read' }, schema: { summary: 'The clip T−10 s … T+5 s: 202 with Retry-After until it is cut, then video/mp4 (logged as viewed)', ...bearer, params: IdParams, response: { 202: Type.Object({ state: Type.String(), message: Type.String() }), 404: ApiError, 409: ApiError, 500: ApiError, 503: ApiError, 507: ApiError } } },
    async (req, reply) => {
      const item = await find(req.params.id, reply);
      if (!item) return reply;
      const r = item.record;
      if (r.clip.state === 'none') return reply.code(404).send({ error: 'no-clip', message: `evidence ${r.id} is a ${r.kind}: the hall recorded no video around it.` });
      if (r.clip.state === 'failed') return reply.code(500).send({ error: 'clip-failed', message: `the clip could not be cut: ${r.clip.error ?? 'unknown reason'}` });
      if (r.clip.state === 'pending' || !item.clipName) {
        const t = r.frameTime ?? r.streamTime;
        const wait = Math.min(30, Math.max(1, Math.ceil((t + 5_000 + 3_000 - d.now()) / 1000)));
        return reply.code(202).header('retry-after', String(wait)).send({ state: 'pending', message: 'the clip is cut once T+5 s is on disk; ask again after Retry-After seconds.' });
      }
      const size = await d.files.size(r.id, item.clipName).catch(() => undefined);
      if (size === undefined) return elsewhere(reply, r.id);
      const range = /^bytes=(\d*)-(\d*)$/.exec(String(req.headers.range ?? ''));
      let start = 0;
      let end = size - 1;
      if (range && (range[1] || range[2])) {
        start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
        end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
        if (start > end || start >= size) return raw(reply).code(416).header('content-range', `bytes */${size}`).send();
      }
      if (start === 0) {
        // A player asks for many ranges of one clip: a view is logged when it starts from the beginning.
        try {
          await d.service.viewed(item, 'clip', actorOf(req));
        } catch (err) {
          return failed(reply, err);
        }
      }
      if (range && (range[1] || range[2])) raw(reply).code(206).header('content-range', `bytes ${start}-${end}/${size}`);
      return raw(reply)
        .header('content-type', 'video/mp4')
        .header('accept-ranges', 'bytes')
        .header('content-length', String(end - start + 1))
        .header('cache-control', 'private, no-store')
        .header('x-evidence-sha256', r.clip.sha256 ?? '')
        .send(createReadStream(d.files.pathOf(r.id, item.clipName), { start, end }));
    },
  );

  api.get(
    '/api/evidence/:id/export',
    { config: { access: 'evidence.read' }, schema: { summary: 'A watermarked copy of the frame (stored beside the original, logged as exported)', ...bearer, params: IdParams, response: { 404: ApiError, 503: ApiError, 507: ApiError } } },
    async (req, reply) => {
      const item = await find(req.params.id, reply);
      if (!item) return reply;
      try {
        const out = await d.service.exportFrame(item, actorOf(req));
        return raw(reply)
          .header('content-type', 'image/png')
          .header('cache-control', 'private, no-store')
          .header('x-evidence-sha256', out.sha256)
          .header('content-disposition', `attachment; filename="${item.record.id}-export-${out.sha256.slice(0, 12)}.png"`)
          .send(out.bytes);
      } catch (err) {
        return failed(reply, err);
      }
    },
  );

  api.post(
    '/api/evidence/:id/case',
    { config: { access: 'evidence.write' }, schema: { summary: 'Open a video-capture case from the evidence (idempotent: a retry returns the same case)', ...bearer, params: IdParams, body: LinkBody, response: { 200: Linked, 201: Linked, 400: ApiError, 403: ApiError, 404: ApiError, 409: ApiError, 503: ApiError, 507: ApiError } } },
    async (req, reply) => {
      const item = await find(req.params.id, reply);
      if (!item) return reply;
      const b = req.body;
      if (b.box && !boxInside(b.box)) return reply.code(400).send({ error: 'bad-box', message: 'box must lie inside the frame: x + w ≤ 1 and y + h ≤ 1.' });
      try {
        const out = await d.linker.link(item, { category: b.category, ...(b.description ? { description: b.description } : {}), ...(b.box ? { box: b.box } : {}) }, req.principal as Principal, actorOf(req));
        if (!out.ok) return reply.code(out.status).send({ error: out.error, message: out.message });
        return reply.code(out.duplicate ? 200 : 201).send({ id: out.id, caseNo: out.caseNo, stage: out.stage, duplicate: out.duplicate });
      } catch (err) {
        return failed(reply, err);
      }
    },
  );
}
