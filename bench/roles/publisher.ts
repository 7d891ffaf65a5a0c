// Simulated terminals: `terminals` MQTT connections share `units` patrols; each patrol publishes a fix every
// `unitIntervalMs` (ts = publish time), so the offered load is units / interval fixes per second.
import mqtt, { type MqttClient } from 'mqtt';
import { serve } from '../child';

export type PublisherReq =
  | {
      type: 'start';
      url: string;
      prefix: string;
      terminals: number;
      units: number;
      unitIntervalMs: number;
      credentials?: { username: string; password: string };
      /** How far east a patrol steps per fix, in degrees, walking ten steps then back (default 1e-5, about 1 m). */
      stepDeg?: number;
    }
  /** From now on patrols step this far per fix (0: they stand still, and keep reporting). */
  | { type: 'move'; stepDeg: number }
  | { type: 'stop' };

export interface PublisherResult {
  published: number;
  /** CPU seconds this process used while publishing. */
  cpuS: number;
}

let clients: MqttClient[] = [];
let timers: NodeJS.Timeout[] = [];
let published = 0;
let cpu0 = process.cpuUsage();
let stepDeg = 1e-5;

serve<PublisherReq>(async (req) => {
  if (req.type === 'start') {
    published = 0;
    stepDeg = req.stepDeg ?? 1e-5;
    cpu0 = process.cpuUsage();
    clients = await Promise.all(
      Array.from({ length: req.terminals }, (_, i) => mqtt.connectAsync(req.url, { clientId: `bench-pub-${process.pid}-${i}`, reconnectPeriod: 0, ...(req.credentials ?? {}) })),
    );
    const perClient = Math.ceil(req.units / req.terminals);
    clients.forEach((c, i) => {
      const units = Array.from({ length: perClient }, (_, k) => i * perClient + k).filter((u) => u < req.units);
      const topics = units.map((u) => `${req.prefix}patrol/b${u}/position`);
      // A 100-wide block of patrols about 100 m apart, from the south-west of Shijingshan.
      const lon = units.map((u) => 116.15 + (u % 100) * 1e-3);
      const lat = units.map((u) => 39.88 + Math.floor(u / 100) * 1e-3);
      let round = 0;
      const fire = () => {
        const ts = Date.now();
        for (let k = 0; k < topics.length; k++) {
          c.publish(topics[k] as string, `{"ts":${ts},"lon":${((lon[k] as number) + (round % 10) * stepDeg).toFixed(6)},"lat":${(lat[k] as number).toFixed(6)}}`, { qos: 0 });
        }
        published += topics.length;
        round++;
      };
      // Stagger connections across the interval so the load is smooth, as real handsets are.
      timers.push(
        setTimeout(() => {
          fire();
          timers.push(setInterval(fire, req.unitIntervalMs));
        }, (i * req.unitIntervalMs) / req.terminals),
      );
    });
    return { ok: true };
  }
  if (req.type === 'move') {
    stepDeg = req.stepDeg;
    return { ok: true };
  }
  for (const t of timers) clearTimeout(t);
  timers = [];
  await Promise.all(clients.map((c) => c.endAsync()));
  const cpu = process.cpuUsage(cpu0);
  return { published, cpuS: (cpu.user + cpu.system) / 1e6 } satisfies PublisherResult;
});
