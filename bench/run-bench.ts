// `npm run bench -- <suite> [--rate n] [--walls n] [--terminals n] [--duration s]`
// Prints a JSON line per run and, last, one JSON object summarising the suite (docs/architecture.md, "Public contracts").
import { parseArgs } from 'node:util';
import { casesBench } from './cases/cases-bench';
import { evidenceBench } from './evidence/evidence-bench';
import { fanoutBench } from './fanout-bench';
import { gridBench } from './grid-bench';
import { ingestBench } from './ingest-bench';
import { mapBench } from './map-bench';
import { videoBench } from './video/video-bench';

const SUITES = ['ingest', 'fanout', 'grid', 'map', 'cases', 'video', 'evidence'] as const;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    rate: { type: 'string' },
    walls: { type: 'string' },
    clients: { type: 'string' },
    slow: { type: 'string' },
    terminals: { type: 'string' },
    duration: { type: 'string' },
    broker: { type: 'string' },
    tick: { type: 'string' },
    'cell-size': { type: 'string' },
    points: { type: 'string' },
    patrols: { type: 'string' },
    interval: { type: 'string' },
    size: { type: 'string' },
    cases: { type: 'string' },
    rows: { type: 'string' },
    transitions: { type: 'string' },
    captures: { type: 'string' },
    clicks: { type: 'string' },
    tiles: { type: 'string' },
    seconds: { type: 'string' },
    cameras: { type: 'string' },
  },
});
const suite = positionals[0];
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v));

async function main(): Promise<void> {
  if (suite === 'ingest') {
    const base = {
      rate: num(values.rate, 20_000),
      walls: num(values.walls, 10),
      terminals: num(values.terminals, 200),
      durationS: num(values.duration, 10),
      unitIntervalMs: 250,
      tickMs: num(values.tick, 100),
    };
    const runs: Array<Record<string, unknown>> = [];
    if (values.broker !== 'mosquitto') {
      runs.push(await ingestBench(base));
      console.log(JSON.stringify(runs.at(-1)));
    }
    if (process.env.MQTT_URL && values.broker !== 'embedded') {
      runs.push(await ingestBench({ ...base, brokerUrl: process.env.MQTT_URL }));
      console.log(JSON.stringify(runs.at(-1)));
    }
    console.log(JSON.stringify({ suite, ...runs[0], runs }));
    return;
  }
  if (suite === 'fanout') {
    const r = await fanoutBench({
      clients: num(values.clients, 200),
      slow: num(values.slow, 10),
      // Enough volume that a frozen wall's kernel buffers fill and the hub's backpressure really engages.
      rate: num(values.rate, 4000),
      durationS: num(values.duration, 40),
    });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  if (suite === 'grid') {
    const r = await gridBench({ cellSize: num(values['cell-size'], 100), points: num(values.points, 1_000_000) });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  if (suite === 'map') {
    const [width = 3840, height = 2160] = (values.size ?? '3840x2160').split('x').map(Number);
    const r = await mapBench({
      width,
      height,
      patrols: num(values.patrols, 5000),
      points: num(values.points, 200_000),
      intervalMs: num(values.interval, 5000),
      durationS: num(values.duration, 40),
    });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  if (suite === 'video') {
    const r = await videoBench({
      tiles: (values.tiles ?? '1,4,9,16,25').split(',').map(Number),
      seconds: num(values.seconds, 60),
      cameras: num(values.cameras, 9),
    });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  if (suite === 'cases') {
    const r = await casesBench({
      rows: num(values.rows, 1_000_000),
      kpiCases: num(values.cases, 1_000_000),
      transitionCases: num(values.transitions, 40),
      ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
    });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  if (suite === 'evidence') {
    const r = await evidenceBench({
      captures: num(values.captures, 50),
      clicks: num(values.clicks, 20),
      size: values.size ?? '1920x1080',
      seconds: num(values.duration, 30),
    });
    console.log(JSON.stringify({ suite, ...r }));
    return;
  }
  console.error(`Unknown suite "${suite ?? ''}". Suites: ${SUITES.join(', ')}.`);
  process.exit(2);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
