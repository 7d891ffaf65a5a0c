// A real Mosquitto that we stop and start again: ingest must resume by itself within 5 s.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestHall, waitUntil, type TestHall } from './test-hall';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((p) => spawnSync(p, ['-h']).status !== null && spawnSync(p, ['-h']).error === undefined);

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function startMosquitto(conf: string, port: number): Promise<ChildProcess> {
  const p = spawn(MOSQUITTO as string, ['-c', conf], { stdio: 'ignore' });
  await waitUntil(
    () =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(port, '127.0.0.1', () => {
          c.destroy();
          resolve(true);
        });
        c.on('error', () => resolve(false));
      }),
    5000,
    'mosquitto to listen',
  );
  return p;
}

let broker: ChildProcess | undefined;
let hall: TestHall | undefined;
let dir: string | undefined;
afterAll(async () => {
  await hall?.stop();
  broker?.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!MOSQUITTO)('a broker restart (needs the mosquitto binary)', () => {
  it('ingest resumes within 5 s of the broker coming back', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-mosq-'));
    const port = await freePort();
    const conf = path.join(dir, 'mosquitto.conf');
    await writeFile(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
    broker = await startMosquitto(conf, port);
    const url = `mqtt://127.0.0.1:${port}`;
    hall = await startTestHall({ MQTT_URL: url, UNIT_MAX_RATE: '100' });
    const terminal = mqtt.connect(url, { reconnectPeriod: 500 });
    let n = 0;
    const send = setInterval(() => {
      if (terminal.connected) terminal.publish('gridwall/v1/patrol/restart-01/position', JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 + (n++ % 100) * 1e-5 }));
    }, 100);
    try {
      const h = hall.hall;
      await waitUntil(() => h.modules.patrols.get('restart-01') !== undefined, 5000, 'the first fix');
      broker.kill('SIGKILL');
      await waitUntil(async () => !(await (await fetch(`${h.url}/api/health`)).json() as { brokerConnected: boolean }).brokerConnected, 5000, 'the hall to notice');
      await new Promise((r) => setTimeout(r, 1000));
      broker = await startMosquitto(conf, port);
      const back = Date.now();
      const before = h.modules.patrols.get('restart-01')?.ts ?? 0;
      await waitUntil(() => (h.modules.patrols.get('restart-01')?.ts ?? 0) > Math.max(before, back), 5000, 'fixes to flow again');
      expect(Date.now() - back).toBeLessThan(5000);
    } finally {
      clearInterval(send);
      await terminal.endAsync(true);
    }
  }, 40_000);
});
