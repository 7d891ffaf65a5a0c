// The patrols module in a real hall: offline queues, ghost units, and stored rows a wall must never see.
import { afterEach, describe, expect, it } from 'vitest';
import { latestOf } from '../../app/live/live-view';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { startTestHall, TestSurface, waitUntil, type TestHall } from '../hall/test-hall';
import { readTrack } from '../tracks/track-store';

const halls: TestHall[] = [];
afterEach(async () => {
  for (const h of halls.splice(0)) await h.stop();
});

describe('patrols in the hall', () => {
  it('stores every fix of a terminal’s flushed offline queue in its track', async () => {
    const t = await startTestHall({ TRACK_MIN_INTERVAL_MS: '1000' });
    halls.push(t);
    const terminal = await t.terminal('tunnel-01');
    const start = Date.now() - 600_000;
    await terminal.publishAsync('gridwall/v1/patrol/tunnel-01/position', JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }));
    // What an MQTT client does when it is back in coverage: every queued message, at once.
    await Promise.all(Array.from({ length: 300 }, (_, i) => terminal.publishAsync('gridwall/v1/patrol/tunnel-01/position', JSON.stringify({ ts: start + i * 1000, lon: 116.2 + i * 1e-5, lat: 39.9 }))));
    const db = await t.hall.database.ready;
    await waitUntil(async () => {
      await t.hall.modules.tracks.flush();
      return (await readTrack(db, 'tunnel-01', start, Date.now(), 1000)).length === 301;
    }, 15_000, 'all 301 fixes in the track');
    await terminal.endAsync();
  });

  it('forgets a patrol silent for PATROL_FORGET_MS, and the wall removes it', async () => {
    const t = await startTestHall({ PATROL_STALE_MS: '1000', PATROL_OFFLINE_MS: '1500', PATROL_FORGET_MS: '2500' });
    halls.push(t);
    const wall = new TestSurface(t.hall.url, { token: t.tokens.wall ?? '' });
    t.hall.inject('gridwall/v1/patrol/ghost-01/position', JSON.stringify({ ts: Date.now(), lon: 116.2, lat: 39.9 }));
    await wall.waitFor((s) => latestOf(s.view, patrolChannel).get('ghost-01')?.status === 'online');
    await wall.waitFor((s) => latestOf(s.view, patrolChannel).get('ghost-01')?.status === 'offline', 5000);
    await wall.waitFor((s) => !latestOf(s.view, patrolChannel).has('ghost-01'), 5000);
    expect(t.hall.modules.patrols.get('ghost-01')).toBeUndefined();
    wall.close();
  });

  it('skips stored rows that no longer pass the schema, so a restart cannot break the walls', async () => {
    const t = await startTestHall();
    const db = await t.hall.database.ready;
    await waitUntil(() => t.hall.database.current() !== undefined && t.hall.modules.tracks.pending === 0, 10_000, 'migrations');
    await new Promise((r) => setTimeout(r, 300));
    const now = Date.now();
    // Rows an older, laxer hall let in: a unit id no wall accepts, and a position out of range.
    await db.query(`INSERT INTO patrol_fix (unit_id, ts, lon, lat, received_at) VALUES ('bad unit!', $1, 116.2, 39.9, $1), ('good-01', $1, 116.2, 39.9, $1), ('far-01', $1, 500, 39.9, $1)`, [now]);
    await t.stop({ keepData: true });
    const again = await startTestHall({}, {}, t.dataDir);
    halls.push(again);
    await waitUntil(() => again.hall.modules.patrols.get('good-01') !== undefined, 15_000, 'the warm start');
    expect(again.hall.modules.patrols.list().map((p) => p.unitId)).toEqual(['good-01']);
    const wall = new TestSurface(again.hall.url, { token: again.tokens.wall ?? '' });
    await wall.waitFor((s) => latestOf(s.view, patrolChannel).has('good-01'));
    expect(wall.dropped).toBe(0);
    wall.close();
  }, 45_000); // two hall starts, each migrating every module
});
