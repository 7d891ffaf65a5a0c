import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alarm } from '../../app/alarm/alarm';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import { testDatabases } from '../db/test-databases';
import { ackAlarm, ALARM_MIGRATIONS, listAlarms, saveAlarm } from './alarm-store';

const T = Date.parse('2026-11-21T14:03:22+08:00');
const alarm = (id: string, over: Partial<Alarm> = {}): Alarm => ({ id, kind: 'smoke', by: 'gateway', at: T, receivedAt: T, lastAt: T, count: 1, ...over });

describe.each(testDatabases())('alarm store: $name', (target) => {
  let db: Db;

  beforeAll(async () => {
    db = await target.open();
    await migrate(db, [{ module: 'alarms', migrations: ALARM_MIGRATIONS }]);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await target.cleanup();
  });

  it('lists the latest first, open ones only on request, within a sub-centre’s places', async () => {
    await saveAlarm(db, alarm('a1', { street: '110107011000', lastAt: T + 1 }));
    await saveAlarm(db, alarm('a2', { street: '110107002000', community: '110107002003', lastAt: T + 2 }));
    await saveAlarm(db, alarm('a3', { lastAt: T + 3 }));
    const ids = async (q: Parameters<typeof listAlarms>[1]) => (await listAlarms(db, q)).map((d) => (d as Alarm).id);
    expect(await ids({ limit: 10 })).toEqual(['a3', 'a2', 'a1']);
    expect(await ids({ limit: 2 })).toEqual(['a3', 'a2']);
    expect(await ids({ limit: 10, scope: { streets: ['110107011000'] } })).toEqual(['a1']);
    expect(await ids({ limit: 10, scope: { streets: ['110107011000'], communities: ['110107002003'] } })).toEqual(['a2', 'a1']);
  });

  it('acknowledges once, and a late repeat’s write never reopens it', async () => {
    const first = await ackAlarm(db, 'a1', T + 10, 'operator');
    expect(first).toMatchObject({ kind: 'acked', doc: { id: 'a1', ackAt: T + 10, ackBy: 'operator' } });
    expect(await ackAlarm(db, 'a1', T + 20, 'someone else')).toMatchObject({ kind: 'already', doc: { ackAt: T + 10, ackBy: 'operator' } });
    expect(await ackAlarm(db, 'nope', T, 'operator')).toEqual({ kind: 'unknown' });
    await saveAlarm(db, alarm('a1', { street: '110107011000', count: 2, lastAt: T + 30 }));
    expect((await listAlarms(db, { open: true, limit: 10 })).map((d) => (d as Alarm).id)).toEqual(['a3', 'a2']);
    expect((await listAlarms(db, { limit: 10 })).find((d) => (d as Alarm).id === 'a1')).toMatchObject({ count: 1, ackAt: T + 10 });
  });
});
