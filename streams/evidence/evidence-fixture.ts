// For the evidence tests: a real hall (embedded broker; PGlite, or PostgreSQL when DATABASE_URL is set)
// whose evidence module reads a real DVR window made by ffmpeg.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '../../app/auth/roles';
import type { CameraState } from '../../app/camera/camera';
import { createTestSchema } from '../db/test-databases';
import { startTestHall, waitUntil, type TestHall } from '../hall/test-hall';
import { locateFfmpeg } from '../video/ffmpeg-locator';
import { makeTestDvr, testCamera, testVideo, type TestDvr } from './test-dvr';

export interface Engine {
  name: string;
  /** Environment for the hall (DATABASE_URL for PostgreSQL), and what to drop afterwards. */
  open(): Promise<{ env: Record<string, string>; drop(): Promise<void> }>;
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set, in a schema of its own. */
export function engines(env: NodeJS.ProcessEnv = process.env): Engine[] {
  const list: Engine[] = [{ name: 'pglite', open: async () => ({ env: {}, drop: async () => {} }) }];
  const url = env.DATABASE_URL;
  if (url) {
    list.push({
      name: 'postgres',
      open: async () => {
        const s = await createTestSchema(url);
        return { env: { DATABASE_URL: s.url }, drop: s.drop };
      },
    });
  }
  return list;
}

export async function findFfmpeg(): Promise<string> {
  const f = await locateFfmpeg(process.env.FFMPEG_PATH);
  if (!f.ok) throw new Error(f.message);
  return f.path;
}

export interface EvidenceHall {
  t: TestHall;
  ffmpeg: string;
  dvr: TestDvr;
  /** `cam-live` shows the segments ending at or before this stream time only (its DVR still growing). */
  liveUntil: number;
  /** POST /api/evidence as a role (operator by default). */
  capture(body: Record<string, unknown>, role?: Role | 'none'): Promise<Response>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * A hall whose cameras are `cam-1` (the whole DVR), `cam-live` (a DVR that grows as `liveUntil` moves),
 * `cam-far` (no DVR, far from every case), `cam-nopos` (the DVR, but no position) and `cam-masked` (no DVR,
 * its left half a privacy mask).
 */
export async function startEvidenceHall(engine: Engine, dvrSeconds = 20): Promise<EvidenceHall> {
  const ffmpeg = await findFfmpeg();
  const work = await mkdtemp(path.join(os.tmpdir(), 'gridwall-evidence-'));
  const dvr = await makeTestDvr(ffmpeg, path.join(work, 'dvr'), { seconds: dvrSeconds });
  const db = await engine.open();
  const dataDir = path.join(work, 'data');
  const far: CameraState = { ...testCamera('cam-far'), lon: 116.1, lat: 39.95 };
  const { lon: _lon, lat: _lat, ...nopos } = testCamera('cam-nopos');
  const f: EvidenceHall = {
    t: undefined as unknown as TestHall,
    ffmpeg,
    dvr,
    liveUntil: Infinity,
    capture: (body, role = 'operator') => f.t.api('/api/evidence', { role, method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) }),
    restart: async () => {
      await f.t.stop({ keepData: true });
      await open();
    },
    close: async () => {
      await f.t?.stop();
      await db.drop();
      await rm(work, { recursive: true, force: true });
    },
  };
  const open = async () => {
    f.t = await startTestHall(db.env, {}, dataDir);
    f.t.hall.modules.evidence.useVideo(
      testVideo(ffmpeg, {
        'cam-1': { camera: testCamera('cam-1'), segments: () => dvr.segments },
        'cam-live': { camera: testCamera('cam-live'), segments: () => dvr.segments.filter((s) => s.start + s.durationMs <= f.liveUntil) },
        'cam-far': { camera: far, segments: () => [] },
        'cam-nopos': { camera: nopos, segments: () => dvr.segments },
        'cam-masked': { camera: { ...far, id: 'cam-masked', masks: [[[0, 0], [0.5, 0], [0.5, 1], [0, 1]]] }, segments: () => [] },
      }),
    );
    await waitUntil(async () => ((await (await fetch(`${f.t.hall.url}/api/health`)).json()) as { evidence?: { store?: string } }).evidence?.store === 'open', 60_000, 'the evidence store');
  };
  await open();
  return f;
}
