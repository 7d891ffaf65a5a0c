import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { coverageChannel, focusChannel, gridStatsChannel } from '../../app/grid/grid-channels';
import { ServerMessage } from '../../app/live/protocol';
import { patrolChannel } from '../../app/patrol/patrol-channel';
import { reportChannel } from '../../app/report/report-channel';
import { cameraChannel } from '../../app/camera/camera-channel';
import { isPrecompiled, wallCheck } from './checks';

const patrol = { unitId: 'sjs-a', lon: 116.2, lat: 39.9, ts: 1, seenAt: 2, status: 'online', street: '110107001000', grid: '110107001001001' };

describe('the wall’s item checks', () => {
  it('are compiled at build time for every channel and the live envelope', () => {
    for (const spec of [patrolChannel, reportChannel, cameraChannel, gridStatsChannel, focusChannel, coverageChannel]) expect(isPrecompiled(spec.schema), spec.name).toBe(true);
    expect(isPrecompiled(ServerMessage)).toBe(true);
  });

  it('say what the schema says, for good and bad items alike', () => {
    const check = wallCheck(patrolChannel.schema);
    const cases: unknown[] = [
      patrol,
      { ...patrol, status: 'asleep' },
      { ...patrol, lon: 200 },
      { ...patrol, lon: Number.NaN },
      { ...patrol, unitId: 'bad id with spaces' },
      { ...patrol, grid: '12345' },
      { ...patrol, grid: undefined },
      { ...patrol, unitId: undefined },
      null,
      [],
      'sjs-a',
    ];
    for (const c of cases) expect(check(c), JSON.stringify(c)).toBe(Value.Check(patrolChannel.schema, c));
    expect(check(patrol)).toBe(true);
    expect(check({ ...patrol, grid: '12345' })).toBe(false);
    const envelope = wallCheck(ServerMessage);
    expect(envelope({ type: 'ping', t: 1 })).toBe(true);
    expect(envelope({ type: 'delta', seq: 0, serverTime: 1, channels: {} })).toBe(false);
  });
});
