import { describe, expect, it } from 'vitest';
import { OrderedBatches } from './ordered-batches';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ordered batches', () => {
  it('writes two at a time but commits in order, even when a later write finishes first', async () => {
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const b = new OrderedBatches<number, number>(
      {
        write: async (n) => {
          most = Math.max(most, ++running);
          await tick(n === 1 ? 30 : 5);
          running--;
          log.push(`w${n}`);
          return n * 10;
        },
        commit: async (n, r) => void log.push(`c${n}:${r}`),
      },
      2,
    );
    for (const n of [1, 2, 3, 4]) await b.push(n);
    await b.finish();
    expect(most).toBe(2);
    expect(log.filter((l) => l.startsWith('c'))).toEqual(['c1:10', 'c2:20', 'c3:30', 'c4:40']);
    expect(log.indexOf('w2')).toBeLessThan(log.indexOf('w1'));
  });

  it('retries a write that lost a deadlock, and commits nothing after a write that failed for good', async () => {
    const commits: number[] = [];
    let tries = 0;
    const b = new OrderedBatches<number, number>(
      {
        write: async (n) => {
          if (n === 1 && ++tries < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
          if (n === 2) throw new Error('disk full');
          return n;
        },
        commit: async (n) => void commits.push(n),
      },
      2,
    );
    await b.push(1);
    await b.push(2);
    await expect(b.push(3).then(() => b.finish())).rejects.toThrow('disk full');
    await b.settle();
    expect(tries).toBe(3);
    expect(commits).toEqual([1]);
  });
});
