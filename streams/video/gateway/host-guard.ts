import { lookup as dnsLookup } from 'node:dns/promises';
import type { Server } from 'node:net';
import { hostAllowed, parseUrlHost, type HostRule, type UrlHost } from '../../../app/camera/host-rules';

/**
 * Where the gateway's guards (http-guard.ts, rtsp-guard.ts) may connect on ffmpeg's behalf: the hall's
 * camera host rules, applied to every connection — the camera's own host, a redirect's, an HLS segment's —
 * at the moment it is made. A name is resolved here and the connection goes to the checked address, so a
 * DNS answer that changes later (rebinding) cannot move it.
 */

/** Resolves a host name to its addresses (tests give a fake). */
export type Lookup = (name: string) => Promise<string[]>;

export const systemLookup: Lookup = async (name) => (await dnsLookup(name, { all: true, verbatim: true })).map((a) => a.address);

export interface GuardOptions {
  hosts: readonly HostRule[];
  lookup?: Lookup;
  /** A refused connection (or a name that did not resolve), in words for the camera's health: host names, never credentials. */
  onRefused(reason: string): void;
  /** An allowed host that did not answer: the likely reason if ffmpeg fails next. */
  onUnreachable?(reason: string): void;
}

export type TargetCheck =
  | { ok: true; address: string }
  /** `refused`: the rules say no; otherwise the name did not resolve. `why` is host-free. */
  | { ok: false; refused: boolean; why: string };

const LOOKUP_TIMEOUT_MS = 5000;

/** A resolver's answer as a host the rules understand; zone ids (fe80::1%eth0) never match. */
function addressHost(address: string): UrlHost | undefined {
  const h = parseUrlHost(address.includes(':') ? `[${address}]` : address);
  return 'error' in h || h.kind !== 'ip' ? undefined : h;
}

/** The address to connect to for `host`, or why not. */
export async function checkTarget(host: UrlHost, rules: readonly HostRule[], lookup: Lookup = systemLookup): Promise<TargetCheck> {
  if (host.kind === 'ip') {
    if (!hostAllowed(host, rules)) return { ok: false, refused: true, why: "is outside the hall's camera hosts" };
    return { ok: true, address: host.v4 ? host.text : host.text.slice(1, -1) };
  }
  if (!hostAllowed(host, rules)) return { ok: false, refused: true, why: "is not on the hall's list of camera hosts" };
  let addresses: string[];
  let timer: NodeJS.Timeout | undefined;
  try {
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timed out' })), LOOKUP_TIMEOUT_MS);
    });
    addresses = await Promise.race([lookup(host.name), late]);
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { ok: false, refused: false, why: `could not be resolved${typeof code === 'string' ? ` (${code.slice(0, 40)})` : ''}` };
  } finally {
    clearTimeout(timer);
  }
  // A listed name vouches for the name, the ranges for where the hall connects: both must agree.
  const allowed = addresses.find((a) => {
    const h = addressHost(a);
    return h !== undefined && hostAllowed(h, rules);
  });
  if (allowed) return { ok: true, address: allowed };
  const shown = addresses.slice(0, 3).join(', ') || 'nothing';
  return { ok: false, refused: true, why: `resolves to ${shown}, outside the hall's camera hosts` };
}

/** The host as written in a URL, for messages: `10.1.2.3`, `[fd00::5]`, `nvr.hall.local`. */
export function hostText(host: UrlHost): string {
  return host.kind === 'ip' ? host.text : host.name;
}

/**
 * A refusal in the words the camera's health shows: the camera's own host, or `via` (a redirect, an
 * HLS playlist entry) leading elsewhere — e.g. "redirect to a host the hall does not allow: evil.example".
 */
export function describeRefusal(via: string, origin: string, host: string, check: Extract<TargetCheck, { ok: false }>): string {
  if (host === origin) return `the camera's host ${host} ${check.why}`;
  if (!check.refused) return `${via} to ${host}, which ${check.why}`;
  const detail = check.why.startsWith('resolves to') ? ` (it ${check.why.replace(/, outside.*$/, '')})` : '';
  return `${via} to a host the hall does not allow: ${host}${detail}`;
}

/** An allowed host that did not answer, in the same words: "the camera at 10.0.0.5:554 did not answer (ECONNREFUSED)". */
export function describeUnreachable(via: string, origin: string, host: string, port: number, err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  const why = `did not answer${typeof code === 'string' ? ` (${code.slice(0, 40)})` : ''}`;
  return host === origin ? `the camera at ${host}:${port} ${why}` : `${via} to ${host}:${port}, which ${why}`;
}

/** Starts a guard's server on a free loopback port (only ffmpeg on this machine may use it); resolves to the port. */
export async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const a = server.address();
  return a && typeof a === 'object' ? a.port : 0;
}
