import { locateFfmpeg } from '../video/ffmpeg-locator';
import type { HallModule } from '../hall/hall-module';
import { PhotoStore } from '../cases/photo-store';
import { CaseLinker, type CasesForEvidence } from './evidence-case';
import { CustodyLog, logLines, parseCustodyLine } from './custody-log';
import { EvidenceFiles, fsWriter, type DurableWriter } from './evidence-files';
import { EVIDENCE_MIGRATIONS } from './evidence-migrations';
import { registerEvidenceRoutes } from './evidence-routes';
import { EvidenceService } from './evidence-service';
import { EvidenceStore } from './evidence-store';
import { camerasVideo, type CamerasForEvidence, type EvidenceVideo } from './evidence-video';
import { loadOrCreateHallKey } from './hall-key';

/** Frames linked to cases go into the case photo store too; evidence frames may be larger than phone photos. */
const CASE_PHOTO_MAX_BYTES = 64 * 1024 * 1024;

export interface EvidenceModule extends HallModule {
  /**
   * Replaces where frames come from: a city's own recording platform, or a test's segments. By default,
   * the cameras module and its gateway's DVR window.
   */
  useVideo(video: EvidenceVideo): void;
  /** Replaces how files are written (tests: a full disk); undefined restores the durable default. */
  useWriter(writer: DurableWriter | undefined): void;
}

/**
 * Evidence (取证, docs/architecture.md "Evidence"): the frame an operator saw, cut at full resolution from
 * the camera's DVR window, the clip around it, an append-only signed custody log of what happened to
 * them, watermarked exports, and a video-capture case made from them.
 */
export function evidenceModule(cameras: CamerasForEvidence, cases: CasesForEvidence): EvidenceModule {
  let ffmpegPath: string | undefined;
  let video: EvidenceVideo = camerasVideo(cameras, () => ffmpegPath);
  let writer: DurableWriter | undefined;

  return {
    name: 'evidence',
    migrations: EVIDENCE_MIGRATIONS,
    useVideo: (v) => {
      video = v;
    },
    useWriter: (w) => {
      writer = w;
    },

    async setup(hall) {
      void locateFfmpeg(hall.config.ffmpegPath).then((f) => {
        if (f.ok) ffmpegPath = f.path;
        else hall.log.warn('ffmpeg', `${f.message} Evidence then takes only the frame the client shows (a screen capture).`);
      });
      const files = new EvidenceFiles(hall.config.dataDir, { write: (...a) => (writer ?? fsWriter).write(...a), adopt: (...a) => (writer ?? fsWriter).adopt(...a) });
      const key = await loadOrCreateHallKey(hall.config.dataDir);
      if (key.replaced) hall.log.warn('key', `the hall's signing key was missing and a new one was made; the old public key (${key.replaced}) is kept beside it: entries it signed verify only with it (--public-key)`);
      const custody = new CustodyLog(files.logPath, key.signer);
      let store: EvidenceStore | undefined;
      const now = () => hall.clock.now();
      const service = new EvidenceService({ video: () => video, files, custody, store: () => store, now, timeZone: hall.city.timeZone, log: hall.log });
      const linker = new CaseLinker({ cases, photos: new PhotoStore(hall.config.dataDir, { maxBytes: CASE_PHOTO_MAX_BYTES }), files, store: () => store, service, now });

      hall.onDatabase(async (db) => {
        const s = new EvidenceStore(db);
        // The index follows the log: entries a crash left out of it are added before anything is served.
        const last = await s.lastIndexed(custody.key);
        if ((await custody.lastSeq()) > last) {
          for await (const line of logLines(custody.file)) {
            const e = parseCustodyLine(line);
            if (e && e.key === custody.key && e.seq > last) await s.indexCustody(e, line);
          }
        }
        store = s;
        const resumed = await service.resumeClips();
        if (resumed) hall.log.warn('clip', `${resumed} clip(s) interrupted by a restart are being cut now`);
      });
      hall.onStop(async () => {
        await service.stop();
        await custody.close();
      });
      hall.routes((app) => registerEvidenceRoutes(app, { service, linker, store: () => store, video: () => video, caseData: () => cases.data(), now, files }));
      hall.health(() => ({ store: store ? 'open' : 'opening', ffmpeg: ffmpegPath ? 'found' : 'missing', key: key.signer.key }));
    },
  };
}
