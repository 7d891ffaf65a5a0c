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
import { locateFfmpeg } from '../video/ffmpeg-locator';

/**
 * The demo city's cameras, at real places in Shijingshan (WGS84), looking along the street they watch; the
 * first `count` are registered. Synthetic pictures from the video gateway: each its own colour, with its
 * name and the hall's clock burned in, encoded only while a surface shows it.
 */
export const DEMO_CAMERAS = [
  { id: 'cam-001', name: '鲁谷路·银河大街路口', lon: 116.2205, lat: 39.8968, heading: 90, groups: ['鲁谷街道', '主干道'] },
  { id: 'cam-002', name: '石景山路·古城大街口', lon: 116.1905, lat: 39.9065, heading: 270, groups: ['古城街道', '主干道'] },
  { id: 'cam-003', name: '阜石路·金顶街', lon: 116.1655, lat: 39.9255, heading: 180, groups: ['金顶街街道', '主干道'] },
  { id: 'cam-004', name: '八角游乐园东门', lon: 116.2005, lat: 39.9135, heading: 0, groups: ['八角街道', '重点区域'] },
  { id: 'cam-005', name: '苹果园地铁站南广场', lon: 116.1783, lat: 39.9262, heading: 180, groups: ['苹果园街道', '重点区域'] },
  { id: 'cam-006', name: '万达广场·石景山路', lon: 116.2118, lat: 39.9063, heading: 225, groups: ['鲁谷街道', '市容'] },
  { id: 'cam-007', name: '首钢园·群明湖', lon: 116.1655, lat: 39.9135, heading: 45, groups: ['广宁街道', '重点区域'] },
  { id: 'cam-008', name: '模式口大街', lon: 116.1792, lat: 39.9388, heading: 270, groups: ['金顶街街道', '市容'] },
  { id: 'cam-009', name: '八宝山·杨庄大街', lon: 116.2342, lat: 39.9072, heading: 90, groups: ['八宝山街道', '主干道'] },
  { id: 'cam-010', name: '老山·京原路', lon: 116.2318, lat: 39.8952, heading: 0, groups: ['老山街道', '主干道'] },
  { id: 'cam-011', name: '五里坨·南宫路', lon: 116.1402, lat: 39.9462, heading: 135, groups: ['五里坨街道', '市容'] },
  { id: 'cam-012', name: '广宁·高井路', lon: 116.1508, lat: 39.9302, heading: 315, groups: ['广宁街道', '市容'] },
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
  let simulator: PatrolSimulator | undefined;
  let desk: CaseDesk | undefined;
  try {
    const ffmpeg = await locateFfmpeg(config.ffmpegPath);
    if (!ffmpeg.ok && o.cameras > 0) hall.notices.push(ffmpeg.message);
    for (const [i, cam] of DEMO_CAMERAS.slice(0, o.cameras).entries()) {
      const { id, name, lon, lat, heading, groups } = cam;
      const spec = { id, name, lon, lat, heading, fov: 70, groups: [...groups], main: { url: `synthetic:${id}` }, exhibit: true };
      const out = await hall.modules.cameras.register(spec, 'demo', { synthetic: { kind: 'synthetic', label: name, variant: i * 3, width: 960, height: 540, fps: 15 } });
      if (!out.ok) hall.notices.push(`demo camera ${id}: ${out.message}`);
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
    await simulator?.stop();
    await hall.stop();
    throw err;
  }
  const sim = simulator;
  return {
    hall,
    simulator: sim,
    ...(desk ? { desk } : {}),
    stop: async () => {
      await desk?.stop();
      await sim.stop();
        await hall.stop();
    },
  };
}
