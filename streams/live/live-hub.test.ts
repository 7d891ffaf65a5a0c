import { describe, expect, it } from 'vitest';
import type { PatrolState } from '../../app/patrol/patrol';
import { LiveHub, type LiveSocket } from './live-hub';

function fakeSocket() {
  const got: Array<{ type: string; seq: number; epoch?: string; patrols?: PatrolState[] }> = [];
  const socket: LiveSocket = { send: (t) => got.push(JSON.parse(t)) };
  return { socket, got };
}

const patrol = (unitId: string, lon: number): PatrolState => ({ unitId, lon, lat: 39.9, ts: lon, status: 'online' });

function hubWith(patrols: PatrolState[] = []) {
  return new LiveHub({ patrols: () => patrols, cameras: () => [] }, { replayLimit: 3, epoch: 'E' });
}

describe('LiveHub', () => {
  it('sends a snapshot on hello, then one delta per tick with contiguous sequence numbers', () => {
    const hub = hubWith([patrol('a', 1)]);
    const { socket, got } = fakeSocket();
    expect(hub.join(socket, { type: 'hello', protocol: 1, surface: 'wall' }, 0)).toEqual({ kind: 'snapshot', seq: 0 });
    hub.patrolChanged(patrol('a', 2));
    hub.patrolChanged(patrol('a', 3)); // coalesced within the tick
    hub.patrolChanged(patrol('b', 1));
    hub.flush(100);
    expect(hub.flush(200)).toBeUndefined(); // nothing changed, nothing sent
    hub.patrolChanged(patrol('a', 4));
    hub.flush(300);
    expect(got.map((m) => [m.type, m.seq])).toEqual([['snapshot', 0], ['delta', 1], ['delta', 2]]);
    expect(got[1]?.patrols?.map((p) => [p.unitId, p.lon])).toEqual([['a', 3], ['b', 1]]);
  });

  it('replays what a resuming client missed, from the same epoch only', () => {
    const hub = hubWith();
    for (let i = 1; i <= 5; i++) {
      hub.patrolChanged(patrol('a', i));
      hub.flush(i);
    }
    const resumed = fakeSocket();
    expect(hub.join(resumed.socket, { type: 'hello', protocol: 1, surface: 'w', epoch: 'E', lastSeq: 3 }, 9)).toEqual({
      kind: 'resumed',
      from: 4,
      to: 5,
    });
    expect(resumed.got.map((m) => m.seq)).toEqual([4, 5]);

    const tooOld = fakeSocket(); // the buffer holds 3..5 only
    expect(hub.join(tooOld.socket, { type: 'hello', protocol: 1, surface: 'w', epoch: 'E', lastSeq: 1 }, 9).kind).toBe('snapshot');
    const otherEpoch = fakeSocket(); // a restarted server must not replay another life's sequence numbers
    expect(hub.join(otherEpoch.socket, { type: 'hello', protocol: 1, surface: 'w', epoch: 'X', lastSeq: 4 }, 9).kind).toBe('snapshot');
    const ahead = fakeSocket();
    expect(hub.join(ahead.socket, { type: 'hello', protocol: 1, surface: 'w', epoch: 'E', lastSeq: 99 }, 9).kind).toBe('snapshot');
  });

  it('stops sending to a client that left', () => {
    const hub = hubWith();
    const { socket, got } = fakeSocket();
    hub.join(socket, { type: 'hello', protocol: 1, surface: 'w' }, 0);
    hub.leave(socket);
    hub.patrolChanged(patrol('a', 1));
    hub.flush(1);
    expect(got).toHaveLength(1);
  });
});
