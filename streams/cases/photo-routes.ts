import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import type { Case } from '../../app/case/case';
import { ApiError } from '../../app/hall/api-error';
import { isWholeCity } from '../../app/live/scope';
import type { Principal } from '../auth/auth';
import type { CaseStore } from './case-store';
import { PhotoTooLargeError, type PhotoStore } from './photo-store';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** What the bytes are, from their first bytes: a photo is served only as the image it really is. */
export function sniffImage(b: Uint8Array): (typeof IMAGE_TYPES)[number] | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b.length > 12 && Buffer.from(b.subarray(0, 4)).toString('latin1') === 'RIFF' && Buffer.from(b.subarray(8, 12)).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

const bearer = { security: [{ bearer: [] }] };

/**
 * Case photos: uploaded as raw image bytes (JPEG, PNG, WebP) and named by their SHA-256, then referred to
 * by that hash when a case is opened or acted on. Reading one needs a case the caller may see that holds it.
 */
export function registerPhotoRoutes(app: FastifyInstance, photos: PhotoStore, store: () => CaseStore | undefined, canSee: (p: Principal | undefined, c: Case) => boolean): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  app.register(async (scoped) => {
    // Raw bytes for these routes only; the size is checked by the parser before anything is kept.
    scoped.addContentTypeParser([...IMAGE_TYPES, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: photos.maxBytes }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/cases/photos',
      { config: { access: 'cases.write' }, bodyLimit: photos.maxBytes, schema: { summary: 'Upload a case photo (raw JPEG, PNG or WebP); returns its SHA-256', ...bearer, response: { 200: Type.Object({ sha256: Type.String(), size: Type.Integer() }), 400: ApiError, 413: ApiError, 415: ApiError } } },
      async (req, reply) => {
        const body = req.body;
        if (!(body instanceof Buffer) || body.length === 0) return reply.code(400).send({ error: 'no-photo', message: 'send the photo’s bytes as the body with Content-Type image/jpeg, image/png or image/webp.' });
        if (!sniffImage(body)) return reply.code(415).send({ error: 'not-an-image', message: 'the body is not a JPEG, PNG or WebP image.' });
        try {
          const stored = await photos.put(body);
          return { sha256: stored.hash, size: stored.size };
        } catch (err) {
          if (err instanceof PhotoTooLargeError) return reply.code(413).send({ error: 'too-large', message: err.message });
          throw err;
        }
      },
    );
  });

  api.get(
    '/api/cases/photos/:hash',
    { config: { access: 'cases.read' }, schema: { summary: 'A case photo by its SHA-256', ...bearer, params: Type.Object({ hash: Type.String({ pattern: '^[0-9a-f]{64}$' }) }), querystring: Type.Object({ case: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' })) }), response: { 404: ApiError } } },
    async (req, reply) => {
      // Whole-city desks may read any case photo; scoped ones (sub-centres, departments) name the case it is on.
      const p = req.principal;
      const wholeCity = p && p.role !== 'department' && isWholeCity(p.scope);
      if (!wholeCity || req.query.case) {
        const file = req.query.case ? await store()?.get(req.query.case) : undefined;
        const held = file && (file.case.photos.includes(req.params.hash) || file.history.some((e) => e.photos?.includes(req.params.hash)));
        if (!file || !held || !canSee(p, file.case)) return reply.code(404).send({ error: 'not-found', message: 'no such photo on a case you may see (give ?case=<id>).' });
      }
      const bytes = await photos.read(req.params.hash);
      const type = bytes && sniffImage(bytes);
      if (!bytes || !type) return reply.code(404).send({ error: 'not-found', message: 'the photo is not stored on this hall.' });
      return (reply as FastifyReply).header('content-type', type).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(bytes);
    },
  );
}
