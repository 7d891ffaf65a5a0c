import os from 'node:os';

/**
 * Which host names a browser may use to reach this hall: what it listens on, loopback, this machine's
 * own addresses and name, and any the hall is told (GRIDWALL_ALLOWED_HOSTS, for a DNS name or a reverse
 * proxy). A page from any other origin, or a rebound DNS name, cannot read `/live`.
 */
export class OriginPolicy {
  private readonly hosts: Set<string>;

  constructor(listenHost: string, extra: readonly string[] = [], interfaces = os.networkInterfaces(), hostname = os.hostname()) {
    const hosts = ['localhost', '127.0.0.1', '::1', listenHost, hostname, ...extra];
    if (listenHost === '0.0.0.0' || listenHost === '::') {
      for (const list of Object.values(interfaces)) for (const a of list ?? []) hosts.push(a.address);
    }
    this.hosts = new Set(hosts.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  }

  /** The host name of a `Host` header or an origin URL, without port or IPv6 brackets. */
  static hostOf(value: string): string | undefined {
    try {
      const url = value.includes('://') ? new URL(value) : new URL(`http://${value}`);
      return url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    } catch {
      return undefined;
    }
  }

  allowsHost(host: string | undefined): boolean {
    const h = host === undefined ? undefined : OriginPolicy.hostOf(host);
    return h !== undefined && this.hosts.has(h);
  }

  /**
   * A request is refused when its Host is not ours (DNS rebinding) or when it comes from a page of another
   * origin. Programs that send no Origin (terminals, tools) pass this check and still need a token.
   */
  check(host: string | undefined, origin: string | undefined): { ok: true } | { ok: false; why: string } {
    if (!this.allowsHost(host)) return { ok: false, why: `Host "${host ?? ''}" is not this hall's; add it to GRIDWALL_ALLOWED_HOSTS if it should be.` };
    if (origin === undefined) return { ok: true };
    if (origin === 'null' || !/^https?:\/\//i.test(origin) || !this.allowsHost(origin)) {
      return { ok: false, why: `pages from ${origin} may not open the live feed of this hall.` };
    }
    return { ok: true };
  }
}
