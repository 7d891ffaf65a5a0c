import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { CameraState } from '../../app/camera/camera';
import type { CustodyFields } from '../../app/evidence/custody';
import { segmentAt, type DvrRange } from '../../app/evidence/dvr-window';
import { evidenceId, type EvidenceBox, type EvidenceCamera, type EvidenceKind, type EvidenceRecord } from '../../app/evidence/evidence';
import type { ModuleLog } from '../hall/hall-module';
import type { DvrSegment } from '../video/gateway/gateway-types';
import { cutClip } from './clip-cut';
import type { CustodyLog } from './custody-log';
import { DiskFullError, type EvidenceFiles } from './evidence-files';
import type { EvidenceItem, EvidenceStore } from './evidence-store';
import type { EvidenceVideo } from './evidence-video';
import { FfmpegError } from './ffmpeg-run';
import type { BufferedUpload } from './buffered-upload';
import { cutFrame, cutFrameFrom, NoFrameError } from './frame-cut';
import { blankMasks } from './mask-frame';
import { hallTime, watermark } from './watermark';

/** Who did something, from where: the custody log's `by` and `surface`. */
export interface Actor {
  role: string;
  id: string;
  surface: string;
}

export interface CaptureRequest {
  cameraId: string;
  streamTime: number;
  box?: EvidenceBox;
  /** The segment the client's player was playing (checked by the caller): used when the DVR lacks the time. */
  buffered?: BufferedUpload;
  /** The frame the client showed (PNG or JPEG, checked by the caller), used only when neither has a frame. */
  image?: { bytes: Buffer; type: 'image/png' | 'image/jpeg' };
}

export type Refusal = { ok: false; status: 400 | 404 | 409 | 503 | 507; error: string; message: string; window?: DvrRange };
export type CaptureOutcome = { ok: true; item: EvidenceItem; frameMs?: number } | Refusal;

export interface EvidenceServiceDeps {
  video(): EvidenceVideo;
  files: EvidenceFiles;
  custody: CustodyLog;
  store(): EvidenceStore | undefined;
  now(): number;
  timeZone: string;
  log: ModuleLog;
}

/** The segment holding T may still be being written when the client is at the live edge: wait this long for it. */
const LIVE_EDGE_WAIT_MS = 3000;

const snapshot = (c: CameraState): EvidenceCamera => {
  const s: EvidenceCamera = { id: c.id, name: c.name };
  for (const k of ['lon', 'lat'] as const) if (c[k] !== undefined) s[k] = c[k];
  for (const k of ['street', 'community', 'grid'] as const) if (c[k]) s[k] = c[k];
  return s;
};

/** The evidence frame and where it came from. */
interface CapturedFrame {
  bytes: Buffer;
  type: 'image/png' | 'image/jpeg';
  kind: EvidenceKind;
  frameTime?: number;
  ms?: number;
}

const refuse = (status: Refusal['status'], error: string, message: string, window?: DvrRange): Refusal => ({ ok: false, status, error, message, ...(window ? { window } : {}) });

/**
 * Capture, viewing and export of evidence, each recorded in the custody log before it is answered, and
 * the clips cut in the background. HTTP lives in evidence-routes.ts; the case link in evidence-case.ts.
 */
export class EvidenceService {
  private readonly clips = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly d: EvidenceServiceDeps) {}

  /**
   * The exact frame at `t` from the player's own segment, privacy masks blanked (a platform's stream may
   * carry them unburnt); undefined when it does not decode, so the screen capture is used instead.
   */
  private async fromBuffered(cameraId: string, seg: BufferedUpload, t: number, masks: NonNullable<CameraState['masks']>, ffmpeg: string): Promise<CapturedFrame | undefined> {
    try {
      const cut = await cutFrameFrom(ffmpeg, seg.bytes, seg.start, t, "the player's segment");
      const png = masks.length ? await blankMasks(ffmpeg, cut.png, 'image/png', masks, this.d.files.tmpDir) : cut.png;
      return { bytes: png, type: 'image/png', kind: 'buffered', frameTime: cut.frameTime, ms: cut.ms };
    } catch (err) {
      if (!(err instanceof NoFrameError || err instanceof FfmpegError || err instanceof RangeError)) throw err;
      this.d.log.warn('frame', `camera ${cameraId}: no frame in the player's segment at ${t} (${err.message})`);
      return undefined;
    }
  }

  async capture(req: CaptureRequest, by: Actor): Promise<CaptureOutcome> {
    const store = this.d.store();
    if (!store) return refuse(503, 'starting', 'The evidence store is still opening; try again in a few seconds.');
    const video = this.d.video();
    const camera = video.camera(req.cameraId);
    if (!camera) return refuse(404, 'no-such-camera', `there is no camera "${req.cameraId}".`);

    let frame: CapturedFrame | undefined;
    const found = await this.findSegment(video, req.cameraId, req.streamTime);
    const ffmpeg = video.ffmpeg();
    if (found.ok && ffmpeg) {
      try {
        const cut = await cutFrame(ffmpeg, found.segment, req.streamTime);
        frame = { bytes: cut.png, type: 'image/png', kind: 'dvr', frameTime: cut.frameTime, ms: cut.ms };
      } catch (err) {
        if (!(err instanceof NoFrameError || err instanceof FfmpegError || (err as NodeJS.ErrnoException).code === 'ENOENT')) throw err;
        this.d.log.warn('frame', `camera ${req.cameraId}: no frame cut at ${req.streamTime} (${(err as Error).message})`);
        if (!req.image && !req.buffered) return refuse(409, 'no-frame', `the DVR segment holding that time could not be read (${(err as Error).message}); send the frame shown as a screen capture.`);
      }
    }
    if (!frame && req.buffered && ffmpeg) frame = await this.fromBuffered(req.cameraId, req.buffered, req.streamTime, camera.masks ?? [], ffmpeg);
    if (!frame && req.image) {
      const masks = camera.masks ?? [];
      if (masks.length === 0) frame = { ...req.image, kind: 'screen-capture' };
      else if (!ffmpeg) return refuse(503, 'ffmpeg-missing', `camera ${req.cameraId} has privacy masks, and without ffmpeg the hall cannot blank them in a screen capture: install it or set FFMPEG_PATH.`);
      else {
        try {
          frame = { bytes: await blankMasks(ffmpeg, req.image.bytes, req.image.type, masks, this.d.files.tmpDir), type: 'image/png', kind: 'screen-capture' };
        } catch (err) {
          if (!(err instanceof FfmpegError || err instanceof RangeError)) throw err;
          return refuse(400, 'bad-image', `the screen capture could not be read to blank the camera's privacy masks (${err.message}).`);
        }
      }
    }
    if (!frame) {
      if (found.ok) return refuse(503, 'ffmpeg-missing', 'ffmpeg is not available on the hall, so frames cannot be cut from the DVR: install it or set FFMPEG_PATH, or send the frame shown as a screen capture.');
      return refuse(409, 'outside-dvr', this.outsideMessage(req.cameraId, req.streamTime, found.reason, found.window), found.window);
    }

    const at = this.d.now();
    const id = evidenceId(at, randomBytes(4).toString('hex'));
    try {
      let stored: { sha256: string; name: string };
      try {
        stored = await this.d.files.put(id, 'frame', frame.type === 'image/png' ? 'png' : 'jpg', frame.bytes);
        await this.log({ at, evidenceId: id, action: 'captured', by: { role: by.role, id: by.id }, surface: by.surface, sha256: stored.sha256, file: 'frame' });
      } catch (err) {
        // Never answered and never logged: whatever was written goes, so the evidence folder holds only logged files.
        await rm(this.d.files.itemDir(id), { recursive: true, force: true });
        throw err;
      }
      const record: EvidenceRecord = {
        id,
        camera: snapshot(camera),
        streamTime: req.streamTime,
        kind: frame.kind,
        sha256: stored.sha256,
        frameType: frame.type,
        clip: { state: frame.kind === 'dvr' ? 'pending' : 'none' },
        createdAt: at,
        by: { role: by.role, id: by.id },
        surface: by.surface,
        ...(frame.frameTime !== undefined ? { frameTime: frame.frameTime } : {}),
        ...(req.box ? { box: req.box } : {}),
      };
      const item: EvidenceItem = { record, frameName: stored.name };
      await store.insert(item);
      if (record.clip.state === 'pending') this.startClip(item);
      return { ok: true, item, ...(frame.ms !== undefined ? { frameMs: frame.ms } : {}) };
    } catch (err) {
      if (err instanceof DiskFullError) return refuse(507, 'disk-full', err.message);
      throw err;
    }
  }

  /** Logs that `by` looked at a file of the item (before it is sent). */
  async viewed(item: EvidenceItem, file: 'frame' | 'clip', by: Actor): Promise<void> {
    const sha256 = file === 'frame' ? item.record.sha256 : item.record.clip.sha256;
    if (!sha256) throw new Error(`evidence ${item.record.id} has no ${file}`);
    await this.log({ at: this.d.now(), evidenceId: item.record.id, action: 'viewed', by: { role: by.role, id: by.id }, surface: by.surface, sha256, file });
  }

  /** A watermarked copy of the frame, stored beside the original and logged as exported. */
  async exportFrame(item: EvidenceItem, by: Actor): Promise<{ bytes: Buffer; sha256: string; name: string }> {
    const ffmpeg = this.d.video().ffmpeg();
    if (!ffmpeg) throw new FfmpegError('ffmpeg is not available on the hall to draw the watermark: install it or set FFMPEG_PATH', false);
    const r = item.record;
    const original = await this.d.files.read(r.id, item.frameName);
    const at = this.d.now();
    const text = { evidenceId: r.id, camera: { id: r.camera.id, name: r.camera.name }, frameTime: hallTime(r.frameTime ?? r.streamTime, this.d.timeZone), exporter: `${by.role}:${by.id}`, exportedAt: hallTime(at, this.d.timeZone) };
    const bytes = await watermark(ffmpeg, original, r.frameType, text, this.d.files.tmpDir);
    const stored = await this.d.files.put(r.id, 'export', 'png', bytes);
    await this.log({ at, evidenceId: r.id, action: 'exported', by: { role: by.role, id: by.id }, surface: by.surface, sha256: stored.sha256, file: 'export' });
    return { bytes, ...stored };
  }

  /** Appends to the custody log, then to its index (which a restart re-fills if this process dies between). */
  async log(fields: CustodyFields): Promise<void> {
    const { entry, line } = await this.d.custody.append(fields);
    await this.d.store()
      ?.indexCustody(entry, line)
      .catch((err: Error) => this.d.log.warn('custody-index', `custody entry #${entry.seq} is in the log but not yet in the database index (${err.message})`));
  }

  /** Whether a clip is being cut now (else a pending one is resumed by `resumeClips`). */
  cutting(id: string): boolean {
    return this.clips.has(id);
  }

  /** After a restart: clips that were waiting for their last seconds continue. */
  async resumeClips(): Promise<number> {
    const pending = (await this.d.store()?.pendingClips()) ?? [];
    for (const item of pending) this.startClip(item);
    return pending.length;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.clips.values()]);
  }

  private startClip(item: EvidenceItem): void {
    const r = item.record;
    if (this.clips.has(r.id)) return;
    const job = (async () => {
      const store = this.d.store();
      try {
        const out = await cutClip({ id: r.id, cameraId: r.camera.id, t: r.frameTime ?? r.streamTime }, this.d.video(), this.d.files, { signal: this.stopping.signal });
        if (!out.ok) {
          if (!out.aborted) await store?.clipFailed(r.id, out.error);
          return;
        }
        await this.log({ at: this.d.now(), evidenceId: r.id, action: 'captured', by: r.by, surface: r.surface ?? 'hall', sha256: out.sha256, file: 'clip' });
        await store?.clipReady(r.id, out);
      } catch (err) {
        const message = err instanceof DiskFullError ? 'the evidence disk is full: the clip could not be stored' : (err as Error).message;
        this.d.log.warn('clip', `evidence ${r.id}: the clip could not be cut (${message})`);
        await store?.clipFailed(r.id, message).catch(() => {});
      }
    })().finally(() => this.clips.delete(r.id));
    this.clips.set(r.id, job);
  }

  private async findSegment(video: EvidenceVideo, cameraId: string, t: number) {
    let found = segmentAt<DvrSegment>(video.dvr(cameraId), t);
    const until = Date.now() + LIVE_EDGE_WAIT_MS;
    // At the live edge the segment holding T may be a moment from the disk.
    while (!found.ok && found.reason === 'outside' && found.window && t >= found.window.to && t - found.window.to < LIVE_EDGE_WAIT_MS && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      found = segmentAt<DvrSegment>(video.dvr(cameraId), t);
    }
    return found;
  }

  private outsideMessage(cameraId: string, t: number, reason: 'empty' | 'outside' | 'gap', window?: DvrRange): string {
    const when = hallTime(t, this.d.timeZone);
    if (reason === 'empty' || !window) return `outside the DVR window: the hall records no video of camera ${cameraId} (it is played from another platform, or not running), so ${when} cannot be cut; send the frame shown as a screen capture.`;
    const span = `${hallTime(window.from, this.d.timeZone)} – ${hallTime(window.to, this.d.timeZone)}`;
    if (reason === 'gap') return `outside the DVR window: camera ${cameraId} recorded nothing at ${when} (it was down then); the window holds ${span} with gaps. Send the frame shown as a screen capture.`;
    return `outside the DVR window: ${when} is not in camera ${cameraId}'s DVR window (${span}); send the frame shown as a screen capture.`;
  }
}
