import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function gridwall(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/gridwall.mjs', ...args], {
    cwd: ROOT,
    // The embedded path: CI's external engines (MQTT_URL, DATABASE_URL) stay out unless a test passes them.
    env: { ...process.env, MQTT_URL: '', DATABASE_URL: '', GRIDWALL_DATA: path.join(ROOT, 'test-results', 'cli-data'), ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('gridwall CLI', () => {
  it('lists its commands', () => {
    const r = gridwall(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('demo');
    expect(r.out).toContain('serve');
  });

  it('reports a bad setting in one sentence naming it, without a stack trace', () => {
    const r = gridwall(['demo', '--headless', '--no-build'], { PORT: 'eighty' });
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe('gridwall: PORT="eighty" is not a TCP port (use a whole number from 0 to 65535; 0 picks a free port).');
  });

  it('names MQTT_PORT when the port it was told to use is busy', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const r = gridwall(['demo', '--headless', '--no-build'], { PORT: '0', MQTT_PORT: String(port) });
      expect(r.code).toBe(2);
      expect(r.err).toContain(`MQTT_PORT=${port}: that port is already in use`);
      expect(r.err).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('says at once, in one sentence, what is wrong with the data dir, the host or the broker', () => {
    const file = path.join(ROOT, 'test-results', 'not-a-dir');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'x');
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ GRIDWALL_DATA: '/proc/nope' }, /^gridwall: GRIDWALL_DATA=\/proc\/nope cannot be used: .*\.$/],
      [{ GRIDWALL_DATA: file }, /^gridwall: GRIDWALL_DATA=.* cannot be used: it is a file, not a folder\./],
      [{ HOST: '10.99.99.99' }, /^gridwall: HOST=10\.99\.99\.99: this machine has no such address to listen on\./],
      [{ MQTT_URL: 'mqtt://127.0.0.1:1' }, /^gridwall: MQTT_URL=mqtt:\/\/127\.0\.0\.1:1: the broker (refused|could not be reached)/],
    ];
    // "At once" against how long the CLI takes just to load on this machine now (a loaded CI box is slow).
    const h0 = Date.now();
    gridwall(['--help']);
    const bound = Math.max(8000, 2 * (Date.now() - h0) + 3000);
    for (const [env, message] of cases) {
      const t0 = Date.now();
      const r = gridwall(['serve', '--no-build'], { PORT: '0', MQTT_PORT: '0', ...env });
      expect(r.code, JSON.stringify(env)).toBe(2);
      expect(r.err.trim().split("\n"), `${JSON.stringify(env)}: ${r.err}`).toHaveLength(1);
      expect(r.err.trim()).toMatch(message);
      expect(Date.now() - t0, JSON.stringify(env)).toBeLessThan(bound);
    }
  }, 60_000);
});
