import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type HallConfig } from '../config/config';
import { loadHallCity } from '../city/hall-city';
import { DEMO_CAMERAS, startDemo } from '../demo/start-demo';
import { startHall, VERSION, type Hall } from '../hall/start-hall';
import { mainBundlePath, openWall } from '../launcher/open-wall';
import { ensureBuilt } from './ensure-built';
import { addCaseCommands } from './cases-command';
import { addEvidenceCommands } from './evidence-command';
import { addCameraCommands } from './cameras-command';
import { addGridCommands } from './grid-command';
import { InputError } from '../grids/io/read-geojson';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const say = (line: string) => process.stdout.write(`${line}\n`);

function intOption(min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}`);
    return n;
  };
}

/** Stops cleanly on Ctrl+C / SIGTERM; a second signal forces the exit. */
function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(130);
    stopping = true;
    say('Stopping…');
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

function printHall(hall: Hall, heading: string): void {
  say(heading);
  say(`  wall:     ${hall.wallUrl()}`);
  say(`  api:      ${hall.url}/api/health  (OpenAPI: ${hall.url}/api/openapi.json)`);
  say(`  mqtt:     ${hall.mqttUrl}  (${hall.broker === 'embedded' ? 'embedded broker' : 'external broker'}; terminals publish to ${hall.config.topicPrefix}patrol/{unitId}/position)`);
  say(`  data:     ${hall.config.dataDir}`);
  for (const n of hall.notices) say(`  notice:   ${n}`);
}

function openTheWall(hall: Hall, config: HallConfig, headless: boolean): void {
  const url = `${hall.url}/`;
  const token = hall.auth.tokenOf('wall');
  const opened = openWall(url, { headless, dataDir: config.dataDir, mainBundle: mainBundlePath(), ...(token ? { token } : {}) });
  const o = opened.opener;
  if (o.kind === 'print') say(`Wall URL: ${hall.wallUrl()} — open it in a browser (${o.reason}).`);
  else say(`Opening the wall in ${o.kind === 'electron' ? 'the Electron kiosk' : 'Chromium (kiosk mode)'}: ${o.reason}.`);
  opened.process?.once('error', (err) => say(`Could not open the wall window (${err.message}); open ${hall.wallUrl()} in a browser.`));
}

export function buildProgram(): Command {
  const program = new Command('gridwall')
    .description('GridWall — video-wall software for city-management command halls (城市管理监督指挥中心)')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('demo')
    .description('run the demo city end to end (embedded broker, simulator, demo cameras, the wall)')
    .option('--headless', 'do not open a window; print the wall URL')
    .option('--patrols <n>', 'simulated patrols', intOption(0, 5000), 20)
    .option('--cameras <n>', 'synthetic demo cameras at real places (needs ffmpeg; encoded only while shown)', intOption(0, DEMO_CAMERAS.length), 9)
    .option('--interval <ms>', 'simulator publish interval', intOption(100, 60_000), 1000)
    .option('--seed <n>', 'simulator random seed', intOption(0, 2 ** 31), 20_040_101)
    .option('--reports-per-hour <n>', 'inspector reports each simulated patrol files per hour', intOption(0, 3600), 1)
    .option('--no-build', 'do not rebuild the wall app even if its sources changed')
    .action(async (opts: { headless?: boolean; patrols: number; cameras: number; interval: number; seed: number; reportsPerHour: number; build: boolean }) => {
      const t0 = Date.now();
      const config = loadConfig(process.env, { demo: true });
      if (opts.build) ensureBuilt(ROOT, say);
      const demo = await startDemo(config, {
        rendererDir: path.join(ROOT, 'dist', 'renderer'),
        patrols: opts.patrols,
        cameras: opts.cameras,
        seed: opts.seed,
        intervalMs: opts.interval,
        reportsPerHour: opts.reportsPerHour,
      });
      stopOnSignal(() => demo.stop());
      printHall(demo.hall, `GridWall ${VERSION} — demo city ${demo.hall.city.district.zh} (${demo.hall.city.district.en}), ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      say(`  patrols:  ${opts.patrols} simulated inspectors publishing every ${opts.interval} ms`);
      openTheWall(demo.hall, config, Boolean(opts.headless));
      say('Press Ctrl+C to stop.');
    });

  program
    .command('serve')
    .description('run the hall server for the district it is configured with (no simulator, no demo cameras)')
    .option('--config <file>', 'the district: boundary, places, grids, centre name (also GRIDWALL_CONFIG); default the demo city')
    .option('--no-build', 'do not rebuild the wall app even if its sources changed')
    .action(async (opts: { build: boolean; config?: string }) => {
      const config = loadConfig(opts.config ? { ...process.env, GRIDWALL_CONFIG: opts.config } : process.env);
      if (opts.build) ensureBuilt(ROOT, say);
      const city = await loadHallCity(config);
      const hall = await startHall(config, { city: city.info, ...(city.grids ? { grids: city.grids } : {}), responsibility: city.responsibility, rendererDir: path.join(ROOT, 'dist', 'renderer') });
      stopOnSignal(() => hall.stop());
      printHall(hall, `GridWall ${VERSION} — hall server`);
    });

  addGridCommands(program);
  addCaseCommands(program);
  addEvidenceCommands(program);
  addCameraCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof InputError) {
      process.stderr.write(`gridwall: ${err.message}\n`);
      process.exit(2);
    }
    // Anything else is a fault of ours or of the machine: one sentence, the stack only when asked for.
    process.stderr.write(`gridwall: ${(err as Error).message ?? String(err)}\n`);
    if (process.env.GRIDWALL_DEBUG) console.error(err);
    else process.stderr.write('gridwall: set GRIDWALL_DEBUG=1 to see where this happened.\n');
    process.exit(1);
  }
}
