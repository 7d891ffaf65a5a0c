import type { AddressInfo, Server } from 'node:net';
import { ConfigError, type PortSetting } from '../config/config';

export interface BoundPort {
  port: number;
  /** Set when the default port was busy and the listener moved to a free one. */
  movedFrom?: number;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Listens on the configured port. A busy or forbidden port the user set explicitly is a ConfigError
 * naming the setting; a busy default port moves to a free one when `allowMove` (the demo) is on.
 */
export async function bindPort(
  setting: PortSetting,
  allowMove: boolean,
  listen: (port: number) => Promise<number>,
  host?: { setting: string; value: string },
): Promise<BoundPort> {
  try {
    return { port: await listen(setting.port) };
  } catch (err) {
    const code = errorCode(err);
    if (host && (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAFNOSUPPORT' || code === 'EINVAL')) {
      throw new ConfigError(
        host.setting,
        `${host.setting}=${host.value}: this machine has no such address to listen on. Use 127.0.0.1 (this PC only), 0.0.0.0 (every network) or one of this machine's own addresses.`,
      );
    }
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw err;
    const why = code === 'EACCES' ? 'needs privileges this process does not have' : 'is already in use by another program';
    if (setting.explicit) {
      throw new ConfigError(setting.setting, `${setting.setting}=${setting.port}: that port ${why}. Set ${setting.setting} to a free port, or to 0 to pick one.`);
    }
    if (!allowMove) {
      throw new ConfigError(setting.setting, `Port ${setting.port} (the default for ${setting.setting}) ${why}. Set ${setting.setting} to a free port, or to 0 to pick one.`);
    }
    return { port: await listen(0), movedFrom: setting.port };
  }
}

/** `listen` for a plain net/http server, resolving to the port actually bound. */
export function netListener(server: Server, host: string): (port: number) => Promise<number> {
  return (port) =>
    new Promise<number>((resolve, reject) => {
      const onError = (err: Error) => {
        server.off('listening', onListening);
        reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
}
