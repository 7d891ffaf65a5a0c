import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { bindPort, netListener } from './bind-port';
import { ConfigError } from '../config/config';

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function occupiedPort(): Promise<number> {
  const s = net.createServer();
  servers.push(s);
  return netListener(s, '127.0.0.1')(0);
}

describe('bindPort', () => {
  it('moves a busy default port to a free one when allowed, and says from where', async () => {
    const busy = await occupiedPort();
    const s = net.createServer();
    servers.push(s);
    const bound = await bindPort({ setting: 'MQTT_PORT', port: busy, explicit: false }, true, netListener(s, '127.0.0.1'));
    expect(bound.movedFrom).toBe(busy);
    expect(bound.port).not.toBe(busy);
    expect(bound.port).toBeGreaterThan(0);
  });

  it('fails an explicit busy port with a ConfigError naming the setting', async () => {
    const busy = await occupiedPort();
    const s = net.createServer();
    servers.push(s);
    const p = bindPort({ setting: 'MQTT_PORT', port: busy, explicit: true }, true, netListener(s, '127.0.0.1'));
    await expect(p).rejects.toBeInstanceOf(ConfigError);
    await expect(p).rejects.toThrow(`MQTT_PORT=${busy}: that port is already in use`);
  });

  it('fails a busy default port outside the demo, naming the setting', async () => {
    const busy = await occupiedPort();
    const s = net.createServer();
    servers.push(s);
    await expect(bindPort({ setting: 'PORT', port: busy, explicit: false }, false, netListener(s, '127.0.0.1'))).rejects.toThrow(
      /the default for PORT/,
    );
  });
});
