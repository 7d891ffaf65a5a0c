import path from 'node:path';
import { ephemeralToken } from '../auth/tokens';
import { loadCaseData } from '../cases/case-data';
import type { HallConfig } from '../config/config';
import { loadHallCity } from '../city/hall-city';
import { demoBeats, demoResponsibility } from './demo-beats';
import { caseWorld } from './demo-case-world';
import { demoDesk } from './demo-desk';
import { demoHistory } from './demo-history-module';
import { startHall, type Hall } from '../hall/start-hall';
import type { CaseDesk } from '../simulator/case-desk';
import { PatrolSimulator } from '../simulator/patrol-simulator';
import { findCjkFontFile } from '../video/cjk-font';
import { clearVideoRoot, DemoCamera } from '../video/demo-camera';
import { locateFfmpeg } from '../video/ffmpeg-locator';

/** The demo city's cameras; the first `count` of them run. */
export const DEMO_CAMERAS = [
  { id: 'cam-001', name: '鲁谷路·银河大街路口', lon: 116.2205, lat: 39.8968 },
  { id: 'cam-002', name: '石景山路·古城大街口', lon: 116.1905, lat: 39.9065 },
  { id: 'cam-003', name: '阜石路·金顶街', lon: 116.1655, lat: 39.9255 },
] as const;

export interface DemoOptions {
  rendererDir?: string;
  patrols: number;
  cameras: number;
  seed: number;
  /** Simulator publish interval. */
  intervalMs: number;
  reportsPerHour?: number;
  /** The case desk: how much faster than life the centre works the cases (default 10); false: no desk. */
  caseDesk?: { speed?: number } | false;
}

export interface Demo {
  hall: Hall;
  simulator: PatrolSimulator;
  cameras: DemoCamera[];
  /** The centre's people moving cases through the workflow (absent without grids or when turned off). */
  desk?: CaseDesk;
  stop(): Promise<void>;
}

/** The demo city end to end: hall server, embedded broker, patrol simulator and synthetic cameras. */
export async function startDemo(config: HallConfig, o: DemoOptions): Promise<Demo> {
  const hallCity = await loadHallCity(config);
  const city = hallCity.info;
  // Inspectors posted by street (responsibility grids), unless the city's config names its own.
  const responsibility =
    hallCity.responsibility.length || !hallCity.grids ? hallCity.responsibility : demoResponsibility(hallCity.grids, city.places, o.patrols, city.adcode);
  // The simulator is a gateway (a vendor's 城管通 platform relays many handsets): a token of its own,
  // for this process only, allowed exactly as many units as it simulates.
  const gateway = ephemeralToken('gateway', { name: 'demo simulator', maxUnits: Math.max(1, o.patrols) });
  // The demo city's 90-day case history, written once the database is migrated, on the first start only.
  const history = demoHistory({ seed: o.seed, since: Date.now() });
  const hall = await startHall(config, {
    city,
    ...(hallCity.grids ? { grids: hallCity.grids } : {}),
    responsibility,
    rendererDir: o.rendererDir,
    tokens: [gateway],
    modules: [history.module],
  });
  // The history's open cases go on the wall (and before the desk starts moving them).
  const historyIn = history.done.then((out) => (out.state === 'loaded' ? hall.modules.cases.refresh() : 0)).catch(() => 0);
  const cameras: DemoCamera[] = [];
  let simulator: PatrolSimulator | undefined;
  let desk: CaseDesk | undefined;
  try {
    const ffmpeg = await locateFfmpeg(config.ffmpegPath);
    if (!ffmpeg.ok) hall.notices.push(ffmpeg.message);
    const videoRoot = path.join(config.dataDir, 'video');
    await clearVideoRoot(videoRoot);
    const fontFile = ffmpeg.ok ? await findCjkFontFile() : undefined;
    for (const [i, cam] of DEMO_CAMERAS.slice(0, o.cameras).entries()) {
      const c = new DemoCamera({
        ...cam,
        ffmpeg: ffmpeg.ok ? ffmpeg.path : undefined,
        missingReason: ffmpeg.ok ? undefined : 'ffmpeg-missing',
        videoRoot,
        fontFile,
        timeZone: config.timeZone,
        variant: i,
        onState: (s) => void hall.modules.cameras.upsert(s),
        exhibit: true,
      });
      cameras.push(c);
      await c.start();
    }
    simulator = new PatrolSimulator({
      brokerUrl: hall.brokerUrl,
      credentials: { username: 'demo-simulator', password: gateway.token },
      prefix: config.topicPrefix,
      city,
      patrols: o.patrols,
      intervalMs: o.intervalMs,
      seed: o.seed,
      reportsPerHour: o.reportsPerHour,
      ...(hallCity.grids && responsibility.length ? { beats: demoBeats(hallCity.grids, responsibility, o.patrols, city.adcode) } : {}),
    });
    await simulator.start();
    if (hallCity.grids && o.caseDesk !== false && o.patrols > 0) {
      // The centre's people work the cases once the history is in, while its inspectors are out (a demo
      // without patrols is a still wall).
      desk = demoDesk({
        hallUrl: hall.url,
        auth: hall.auth,
        timeZone: city.timeZone,
        data: await loadCaseData(),
        world: caseWorld(hallCity.grids, responsibility, city.places, o.seed),
        seed: o.seed,
        inspectorReportsPerHour: o.patrols * (o.reportsPerHour ?? 1),
        ...(o.caseDesk?.speed ? { speed: o.caseDesk.speed } : {}),
        ready: historyIn,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      desk.start();
    }
  } catch (err) {
    await desk?.stop();
    await Promise.all(cameras.map((c) => c.stop()));
    await simulator?.stop();
    await hall.stop();
    throw err;
  }
  const sim = simulator;
  return {
    hall,
    simulator: sim,
    cameras,
    ...(desk ? { desk } : {}),
    stop: async () => {
      await desk?.stop();
      await sim.stop();
      await Promise.all(cameras.map((c) => c.stop()));
      await hall.stop();
    },
  };
}
