import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseDesk } from './case-desk';
import { CasesClient } from './cases-client';
import { MemoryHall, STREETS, testContext } from './desk-test-world';

const T0 = Date.parse('2026-11-18T09:00:00+08:00');
const HOUR = 3_600_000;

describe('the case desk', () => {
  it('takes every case from report to close (or void, or the ledger) without a refused step', async () => {
    let now = T0;
    const ctx = testContext(T0, 10);
    const hall = new MemoryHall(() => now, ctx);
    const sources = ['inspector', 'inspector', 'inspector', 'video', 'hotline-12345'] as const;
    hall.add('manual-1', 'video', 'event.0102', STREETS[0] as string, T0);
    for (let i = 0; i < 60; i++) hall.add(`c${i}`, sources[i % 5] ?? 'inspector', ['event.0102', 'event.0504', 'event.0507'][i % 3] as string, STREETS[i % 2] as string, T0 + i * 1000);
    const { startedAt: _s, ...context } = ctx;
    const desk = new CaseDesk({
      api: hall,
      context,
      seed: 1,
      maxStepsPerTick: 50,
      now: () => now,
      intake: { perHour: { video: 6, 'hotline-12345': 4 }, make: (source, _rng, at, n) => ({ clientId: `new-${n}`, source, category: 'event.0102', lon: 116.2, lat: 39.9, description: 'x', reportedAt: at }) },
    });
    for (; now < T0 + 12 * HOUR; now += 10_000) await desk.look();
    expect(hall.refusals).toEqual([]);
    expect(hall.cases.get('manual-1')?.c.stage).toBe('reported');
    const stages = [...hall.cases.values()].filter((h) => h.c.id.startsWith('c')).map((h) => h.c.stage);
    expect(stages.filter((s) => s === 'closed').length).toBeGreaterThan(45);
    expect(stages.filter((s) => !['closed', 'void', 'parked'].includes(s))).toEqual([]);
    expect(hall.opened).toBeGreaterThan(80);
    expect(hall.opened).toBeLessThan(160);
    expect(desk.stats.steps).toBeGreaterThan(60 * 6);
    const late = [...hall.cases.values()].filter((h) => h.history.some((e, k) => e.action === 'feedback' && (h.history[k - 1]?.at ?? 0) + 2 * HOUR < e.at));
    expect(late.length).toBeGreaterThan(0);
  });

  it('waits for the history before its first look, and stops cleanly', async () => {
    const ctx = testContext(T0);
    const hall = new MemoryHall(() => T0, ctx);
    let release: () => void = () => {};
    const ready = new Promise<void>((r) => (release = r));
    const { startedAt: _s, ...context } = ctx;
    const desk = new CaseDesk({ api: hall, context, seed: 1, tickMs: 5, ready, now: () => T0 });
    desk.start();
    await new Promise((r) => setTimeout(r, 30));
    expect(desk.stats.looks).toBe(0);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(desk.stats.looks).toBeGreaterThan(0);
    await desk.stop();
    const looks = desk.stats.looks;
    await new Promise((r) => setTimeout(r, 30));
    expect(desk.stats.looks).toBe(looks);
  });
});

describe('the cases client', () => {
  let server: Server;
  let url = '';
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      if (req.url?.startsWith('/api/cases?')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: [{ case: { id: 'a', clientId: 'report:x', stage: 'filed', category: 'event.0102', source: 'inspector', street: STREETS[0] }, createdAt: 1, updatedAt: 2, deadline: 3 }, { bogus: true }], next: 'n1' }));
        return;
      }
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'conflict', message: 'a case in stage "closed" cannot be given "close".', allowed: [] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads lists with the reader token, acts with the actor token, and logs each kind of refusal once', async () => {
    const lines: string[] = [];
    const client = new CasesClient({ baseUrl: url, readToken: 'reader', tokenOf: (a) => `tok-${a.role}-${a.id}`, intakeToken: () => undefined, log: (l) => lines.push(l) });
    const page = await client.list(['filed', 'returned']);
    expect(page).toEqual({ items: [{ id: 'a', clientId: 'report:x', stage: 'filed', category: 'event.0102', source: 'inspector', street: STREETS[0], updatedAt: 2, deadline: 3 }], next: 'n1' });
    expect(await client.act('a', { action: 'close', as: { role: 'shift-leader', id: 'shift-leader-01' } })).toBe('refused');
    expect(await client.act('b', { action: 'close', as: { role: 'shift-leader', id: 'shift-leader-01' } })).toBe('refused');
    expect(await client.create({ clientId: 'x', source: 'video', category: 'event.0102', lon: 1, lat: 1, description: '' })).toBe(false);
    expect(seen[0]).toContain('stage=filed%2Creturned');
    expect(seen[0]).toContain('Bearer reader');
    expect(seen[1]).toContain('POST /api/cases/a/actions Bearer tok-shift-leader-shift-leader-01');
    expect(lines.filter((l) => l.includes('409'))).toHaveLength(1);
    expect(lines.some((l) => l.includes('no token to open video cases'))).toBe(true);
  });

  it('never throws when the hall is away', async () => {
    const lines: string[] = [];
    const client = new CasesClient({ baseUrl: 'http://127.0.0.1:9', readToken: 'r', tokenOf: () => 't', intakeToken: () => 't', log: (l) => lines.push(l), timeoutMs: 2000 });
    expect(await client.list(['filed'])).toEqual({ items: [] });
    expect(await client.list(['filed'])).toEqual({ items: [] });
    expect(await client.act('a', { action: 'close', as: { role: 'shift-leader', id: 's' } })).toBe('failed');
    expect(lines.filter((l) => l.startsWith('case desk: listing cases could not reach'))).toHaveLength(1);
  });
});
