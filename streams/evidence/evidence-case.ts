import type { CaseStage } from '../../app/case/case-stage';
import type { EvidenceBox } from '../../app/evidence/evidence';
import type { Principal } from '../auth/auth';
import { actorFor, sourcesFor } from '../cases/case-actor';
import type { CaseData } from '../cases/case-data';
import type { CaseFile, CaseStore } from '../cases/case-store';
import type { PhotoStore } from '../cases/photo-store';
import type { EvidenceFiles } from './evidence-files';
import type { Actor, EvidenceService } from './evidence-service';
import type { EvidenceItem, EvidenceStore } from './evidence-store';

/** What evidence needs of the cases module. */
export interface CasesForEvidence {
  store(): CaseStore | undefined;
  data(): CaseData | undefined;
  /** Publishes a case made outside the cases module's routes (on every wall). */
  changed(file: CaseFile): void;
}

export interface LinkRequest {
  category: string;
  description?: string;
  box?: EvidenceBox;
}

export type LinkOutcome = { ok: true; id: string; caseNo: string; stage: CaseStage; duplicate: boolean } | { ok: false; status: 400 | 403 | 404 | 409 | 503; error: string; message: string };

export interface CaseLinkDeps {
  cases: CasesForEvidence;
  photos: PhotoStore;
  files: EvidenceFiles;
  store(): EvidenceStore | undefined;
  service: EvidenceService;
  now(): number;
}

/**
 * Turns evidence into a video-capture case (视频抓拍) at the camera's place, with the frame as its photo.
 * The case's client id is `evidence:<id>`, so a retry (a double click, a lost answer) returns the same
 * case; the link is logged in custody once, under a per-item lock.
 */
export class CaseLinker {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly d: CaseLinkDeps) {}

  link(item: EvidenceItem, req: LinkRequest, p: Principal, by: Actor): Promise<LinkOutcome> {
    const id = item.record.id;
    const run = (this.locks.get(id) ?? Promise.resolve()).then(() => this.linkOnce(item, req, p, by));
    const settled = run.catch(() => {});
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return run;
  }

  private async linkOnce(item: EvidenceItem, req: LinkRequest, p: Principal, by: Actor): Promise<LinkOutcome> {
    const cases = this.d.cases.store();
    const store = this.d.store();
    if (!cases || !store) return { ok: false, status: 503, error: 'starting', message: 'The case store is still opening; try again in a few seconds.' };
    const r = item.record;
    const { lon, lat } = r.camera;
    if (lon === undefined || lat === undefined) return { ok: false, status: 409, error: 'no-position', message: `camera ${r.camera.id} has no position in the registry, so the case cannot be placed: give the camera its lon/lat, or open the case by hand.` };
    const sources = sourcesFor(p.role);
    if (sources !== 'any' && !sources.includes('video')) return { ok: false, status: 403, error: 'forbidden', message: `a ${p.role} token does not open video-capture cases.` };
    const who = actorFor(p, 'report', 'new');
    if (!who.ok) return { ok: false, status: 403, error: 'forbidden', message: who.reason };

    const photo = await this.d.photos.put(await this.d.files.read(r.id, item.frameName));
    const out = await cases.create(
      {
        clientId: `evidence:${r.id}`,
        source: 'video',
        category: req.category,
        lon,
        lat,
        description: req.description?.trim() || `视频抓拍：${r.camera.name}（证据 ${r.id}）`,
        reportedAt: r.frameTime ?? r.streamTime,
        photos: [photo.hash],
      },
      who.actor,
      by.surface,
      this.d.now(),
    );
    if (!out.ok) return { ok: false, status: out.status, error: out.status === 403 ? 'forbidden' : 'bad-case', message: out.reason };
    if (!out.duplicate) this.d.cases.changed(out.file);
    const c = out.file.case;
    const fresh = await store.get(r.id);
    if (fresh && !fresh.record.caseId) {
      await this.d.service.log({ at: this.d.now(), evidenceId: r.id, action: 'case-linked', by: { role: by.role, id: by.id }, surface: by.surface, sha256: r.sha256, file: 'frame', caseId: c.id });
      await store.linkCase(r.id, c.id, req.box);
    }
    return { ok: true, id: c.id, caseNo: c.caseNo, stage: c.stage, duplicate: out.duplicate };
  }
}
