// A capability the hall has never heard of plugs in as a module: its table, its MQTT topic, its live
// channel, its route and its health section, with no edit to the hall, the fan-out or the protocol.
import Type, { type Static } from 'typebox';
import { afterAll, describe, expect, it } from 'vitest';
import { defineChannel } from '../../app/live/channel';
import { latestOf } from '../../app/live/live-view';
import type { HallModule } from './hall-module';
import { startTestHall, TestSurface, waitUntil, type TestHall } from './test-hall';

// A manhole-cover sensor module (智能井盖): an example of a capability plugged in from outside.
const Alarm = Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }), level: Type.Integer({ minimum: 1, maximum: 3 }), street: Type.Optional(Type.String()) });
type Alarm = Static<typeof Alarm>;
const alarmChannel = defineChannel({ name: 'covers', schema: Alarm, merge: 'latest', key: (a) => a.id, tags: (a) => ({ street: a.street }) });

function alarmsModule(): HallModule & { stored: () => number } {
  let stored = 0;
  return {
    name: 'covers',
    // Version 1, like the tracks and reports modules' own first migrations: namespaced, no collision.
    migrations: [{ version: 1, name: 'covers', sql: 'CREATE TABLE smart_cover_alarm (id text PRIMARY KEY, level integer NOT NULL)' }],
    stored: () => stored,
    setup(hall) {
      const channel = hall.channel(alarmChannel);
      hall.topic({
        pattern: 'cover/+',
        handle: (m) => {
          const level = (m.value as { level?: unknown }).level;
          const alarm = { id: m.params[0] as string, level: typeof level === 'number' ? level : 0, ...hall.locate(116.2193, 39.8975) };
          if (!channel.upsert(alarm)) return hall.ingest.rejected('bad-schema', 'mqtt', `alarm ${alarm.id}`);
          void hall.db.ready.then((db) => db.tx(async (q) => void (await q.query('INSERT INTO smart_cover_alarm VALUES ($1, $2)', [alarm.id, alarm.level])))).then(() => stored++);
        },
      });
      hall.routes((app) => app.get('/api/covers/count', { config: { access: 'patrols.read' } }, () => ({ n: stored })));
      hall.health(() => ({ stored }));
    },
  };
}

let t: TestHall | undefined;
afterAll(async () => {
  await t?.stop();
});

describe('a new hall module', () => {
  it('brings its migration, topic, channel, route and health section without touching the hall', async () => {
    const alarms = alarmsModule();
    t = await startTestHall({}, { modules: [alarms] });
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' }, { extra: [alarmChannel] });
    await wall.waitFor((s) => s.view.epoch !== '');
    t.hall.inject('gridwall/v1/cover/cover-17', JSON.stringify({ level: 2 }));
    t.hall.inject('gridwall/v1/cover/cover-18', JSON.stringify({ level: 9 })); // out of the channel's range: never sent
    await wall.waitFor((s) => latestOf(s.view, alarmChannel).has('cover-17'));
    expect(latestOf(wall.view, alarmChannel).get('cover-17')).toMatchObject({ level: 2, street: '110107011000' });
    await waitUntil(() => alarms.stored() === 1, 15_000, 'the alarm stored');
    expect(latestOf(wall.view, alarmChannel).has('cover-18')).toBe(false);
    expect(wall.dropped).toBe(0);
    expect(await (await t.api('/api/covers/count', { role: 'wall' })).json()).toEqual({ n: 1 });
    expect(((await (await t.api('/api/health', { role: 'none' })).json()) as { covers: unknown }).covers).toEqual({ stored: 1 });
    const invalid = Number((await t.hall.metrics.registry.getSingleMetricAsString('gridwall_live_invalid_items_total')).match(/channel="covers"} (\d+)/)?.[1]);
    expect(invalid).toBe(1);
    wall.close();
  });

  it('cannot add a route that does not say who may use it', async () => {
    const careless: HallModule = { name: 'careless', setup: (hall) => hall.routes((app) => app.get('/api/careless', () => ({}))) };
    await expect(startTestHall({}, { modules: [careless] })).rejects.toThrow(/declares no access/);
  });
});
