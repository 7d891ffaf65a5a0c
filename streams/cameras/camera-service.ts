import { Compile } from 'typebox/compile';
import { CameraSpec, MAX_CAMERAS } from '../../app/camera/camera-spec';
import { keepStoredUrl } from '../../app/camera/redact-url';
import type { SourcePolicy } from '../../app/camera/source-policy';
import type { ModuleLog } from '../hall/hall-module';
import { canonical } from './canonical-json';
import type { CameraFleet } from './camera-fleet';
import { resolveSources, type SyntheticSource } from './camera-sources';
import type { CameraStore } from './camera-store';

export type ChangeResult = { ok: true; status: 200 | 201 | 204 } | { ok: false; status: 400 | 404 | 409 | 503; error: string; message: string };

const checkSpec = Compile(CameraSpec);
const fail = (status: 400 | 404 | 409 | 503, error: string, message: string): ChangeResult => ({ ok: false, status, error, message });
const starting = () => fail(503, 'starting', 'The camera store is still opening; try again in a few seconds.');

/**
 * Changes to the registry, wherever they come from (the HTTP API, the demo, another hall server or an
 * import seen in the database): checked against the spec schema and the source policy, stored, then
 * played (the fleet). The database is the truth; `reload` brings the fleet in line with it.
 */
export class CameraService {
  private fingerprint = '';

  constructor(
    private readonly d: {
      store(): CameraStore | undefined;
      fleet: CameraFleet;
      policy: SourcePolicy;
      now(): number;
      log: ModuleLog;
    },
  ) {}

  async create(spec: CameraSpec, by: string): Promise<ChangeResult> {
    const store = this.d.store();
    if (!store) return starting();
    if (this.d.fleet.isTransient(spec.id)) return fail(409, 'exists', `camera "${spec.id}" exists (a demo camera); choose another id.`);
    const sources = await resolveSources(spec, this.d.policy);
    if (!sources.ok) return fail(400, 'bad-source', sources.reason);
    const out = await store.create(spec, by, this.d.now());
    if (out === 'exists') return fail(409, 'exists', `camera "${spec.id}" exists: PUT /api/cameras/${spec.id} replaces it.`);
    if (out === 'full') return fail(409, 'too-many', `the hall holds at most ${MAX_CAMERAS} cameras; delete some first.`);
    await this.d.fleet.hold(spec, sources, false);
    return { ok: true, status: 201 };
  }

  /** Replaces a stored camera. A source URL sent back as it was shown (redacted) keeps the stored one. */
  async replace(id: string, sent: CameraSpec, by: string): Promise<ChangeResult> {
    const store = this.d.store();
    if (!store) return starting();
    if (sent.id !== id) return fail(400, 'bad-id', `the body's id "${sent.id}" differs from the path's "${id}"; a camera's id cannot change.`);
    if (this.d.fleet.isTransient(id)) return fail(409, 'transient', `camera "${id}" is a demo camera held in memory; it cannot be replaced.`);
    const stored = await store.get(id);
    if (!stored) return fail(404, 'not-found', `there is no camera "${id}": POST /api/cameras adds one.`);
    const spec: CameraSpec = { ...sent, main: { url: keepStoredUrl(sent.main.url, stored.spec.main.url) } };
    if (sent.sub) spec.sub = { url: keepStoredUrl(sent.sub.url, stored.spec.sub?.url) };
    const sources = await resolveSources(spec, this.d.policy);
    if (!sources.ok) return fail(400, 'bad-source', sources.reason);
    if (!(await store.replace(spec, by, this.d.now()))) return fail(404, 'not-found', `camera "${id}" was deleted meanwhile.`);
    await this.d.fleet.hold(spec, sources, false);
    return { ok: true, status: 200 };
  }

  async remove(id: string): Promise<ChangeResult> {
    if (this.d.fleet.isTransient(id)) {
      await this.d.fleet.release(id);
      return { ok: true, status: 204 };
    }
    const store = this.d.store();
    if (!store) return starting();
    const deleted = await store.delete(id);
    const released = await this.d.fleet.release(id);
    return deleted || released ? { ok: true, status: 204 } : fail(404, 'not-found', `there is no camera "${id}".`);
  }

  /**
   * A camera registered in code (the demo): stored like any other, or, with a synthetic source, held in
   * memory only (the demo registers those again at every start).
   */
  async register(spec: CameraSpec, by: string, synthetic?: SyntheticSource, ready?: Promise<unknown>): Promise<ChangeResult> {
    if (!checkSpec.Check(spec)) {
      const e = checkSpec.Errors(spec)[0];
      return fail(400, 'bad-camera', `camera ${String((spec as { id?: unknown }).id)}: ${e ? `${e.instancePath || 'the spec'} ${e.message}` : 'not a camera spec'}`);
    }
    if (synthetic) {
      if (!this.d.fleet.isTransient(spec.id) && this.d.fleet.has(spec.id)) return fail(409, 'exists', `camera "${spec.id}" is registered in the database; choose another id for a demo camera.`);
      await this.d.fleet.hold(spec, { main: synthetic }, true);
      return { ok: true, status: 201 };
    }
    await ready;
    const store = this.d.store();
    if (!store) return starting();
    const sources = await resolveSources(spec, this.d.policy);
    if (!sources.ok) return fail(400, 'bad-source', sources.reason);
    const out = await store.put(spec, by, this.d.now());
    if (out === 'full') return fail(409, 'too-many', `the hall holds at most ${MAX_CAMERAS} cameras.`);
    await this.d.fleet.hold(spec, sources, false);
    return { ok: true, status: out === 'created' ? 201 : 200 };
  }

  /**
   * Brings the fleet in line with the database: at start, and now and then for changes made by another
   * hall server or `gridwall cameras import`. Cheap when nothing changed (one aggregate query).
   */
  async reload(): Promise<void> {
    const store = this.d.store();
    if (!store) return;
    const fp = await store.fingerprint();
    if (fp === this.fingerprint) return;
    const rows = await store.list();
    const seen = new Set<string>();
    for (const { spec } of rows) {
      seen.add(spec.id);
      if (this.d.fleet.isTransient(spec.id)) continue;
      const held = this.d.fleet.spec(spec.id);
      if (held && canonical(held) === canonical(spec)) continue;
      const sources = await resolveSources(spec, this.d.policy);
      if (!sources.ok) this.d.log.warn('refused', `camera ${spec.id} is stored but not played: ${sources.reason}`);
      await this.d.fleet.hold(spec, sources.ok ? sources : { refused: sources.reason }, false);
    }
    for (const id of this.d.fleet.storedIds()) if (!seen.has(id)) await this.d.fleet.release(id, false);
    this.fingerprint = fp;
  }
}
