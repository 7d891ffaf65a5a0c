/**
 * Which hosts a camera URL may name: IP ranges (CIDR) and exact host names. Pure, with its own strict IP
 * parsers: only plain dotted-decimal IPv4 and RFC 4291 IPv6 are addresses here. Other spellings that
 * resolvers and ffmpeg read as addresses (`127.1`, `0x7f.0.0.1`, `2130706433`, `0177.0.0.1`) are refused,
 * so what the policy checked is what ffmpeg connects to.
 */

/** A host as a camera URL names it: an address (16 bytes; IPv4 as IPv4-mapped IPv6) or a DNS name. */
export type UrlHost = { kind: 'ip'; bytes: readonly number[]; v4: boolean; text: string } | { kind: 'name'; name: string };

export type HostRule = { kind: 'cidr'; bytes: readonly number[]; bits: number; text: string } | { kind: 'name'; name: string };

/** The default: loopback and the private LAN ranges a hall's cameras sit in (RFC 1918, RFC 4193). */
export const DEFAULT_CAMERA_HOSTS: readonly string[] = ['127.0.0.0/8', '::1/128', 'localhost', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'];

const V4_MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** `a.b.c.d`, each 0–255 in decimal without leading zeros (a leading zero means octal to some resolvers). */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

/** An IPv6 address without brackets or zone: eight groups, one `::`, optionally a dotted IPv4 tail. 16 bytes. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length > 45 || !/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out: number[] = [];
    const items = s.split(':');
    for (const [i, g] of items.entries()) {
      if (i === items.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(parseInt(g, 16));
      else return undefined;
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  // An IPv4 tail is allowed only at the very end.
  if (halves.length === 2 && halves[0]!.includes('.')) return undefined;
  const n = head.length + tail.length;
  if (halves.length === 1 ? n !== 8 : n > 7) return undefined;
  const all = [...head, ...Array<number>(8 - n).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** A DNS host name: letters, digits and dashes in dot-separated labels, not all digits (that would read as an address). */
export function isHostName(name: string): boolean {
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((l) => /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i.test(l))) return false;
  // `1.2.3`, `0x7f.1` or a numeric last label are addresses to inet_aton-style resolvers.
  const last = labels[labels.length - 1]!;
  return !/^[0-9]+$/.test(last) && !/^0x[0-9a-f]*$/i.test(last) && !/^[0-9.]+$/.test(name);
}

/** The host part of a URL's authority, as written (IPv6 in brackets). */
export function parseUrlHost(raw: string): UrlHost | { error: string } {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) return { error: 'its IPv6 address lacks the closing "]"' };
    const inner = raw.slice(1, -1);
    if (inner.includes('%')) return { error: 'IPv6 zone ids (%…) are not allowed' };
    const bytes = parseIpv6(inner);
    if (!bytes) return { error: `"${raw}" is not an IPv6 address` };
    return { kind: 'ip', bytes, v4: false, text: raw.toLowerCase() };
  }
  const v4 = parseIpv4(raw);
  if (v4) return { kind: 'ip', bytes: [...V4_MAPPED_PREFIX, ...v4], v4: true, text: raw };
  const name = raw.toLowerCase();
  if (/^[0-9a-fx.]+$/i.test(name) && /[0-9]/.test(name) && !isHostName(name)) {
    return { error: `"${raw}" is not a plain dotted IPv4 address (write it as four decimal numbers, e.g. 192.168.1.20)` };
  }
  if (!isHostName(name)) return { error: `"${raw}" is not a valid host name or IP address` };
  return { kind: 'name', name };
}

/** One entry of an allow list: `10.0.0.0/8`, `192.168.1.20`, `fd00::/8`, `[::1]`, `nvr.hall.local`. */
export function parseHostRule(entry: string): HostRule | { error: string } {
  const text = entry.trim().toLowerCase();
  if (!text) return { error: 'an empty entry' };
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const bare = addr.startsWith('[') && addr.endsWith(']') ? addr.slice(1, -1) : addr;
  const v4 = parseIpv4(bare);
  const bytes = v4 ? [...V4_MAPPED_PREFIX, ...v4] : parseIpv6(bare);
  if (!bytes) {
    if (slash >= 0) return { error: `"${entry.trim()}" is not a CIDR range (e.g. 10.0.0.0/8 or fd00::/8)` };
    if (!isHostName(text)) return { error: `"${entry.trim()}" is neither an IP address, a CIDR range nor a host name` };
    return { kind: 'name', name: text };
  }
  const max = v4 ? 32 : 128;
  let bits = max;
  if (slash >= 0) {
    const p = text.slice(slash + 1);
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p) || Number(p) > max) return { error: `"${entry.trim()}": the prefix length must be 0 to ${max}` };
    bits = Number(p);
  }
  const total = v4 ? bits + 96 : bits;
  return { kind: 'cidr', bytes: mask(bytes, total), bits: total, text };
}

function mask(bytes: readonly number[], bits: number): number[] {
  return bytes.map((b, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return b & ((0xff << (8 - keep)) & 0xff);
  });
}

/** Parses a list of rules; every bad entry is reported. */
export function parseHostRules(entries: readonly string[]): { rules: HostRule[]; errors: string[] } {
  const rules: HostRule[] = [];
  const errors: string[] = [];
  for (const e of entries) {
    const r = parseHostRule(e);
    if ('error' in r) errors.push(r.error);
    else rules.push(r);
  }
  return { rules, errors };
}

/** Whether `host` is allowed: an address inside one of the ranges, or a name listed exactly. */
export function hostAllowed(host: UrlHost, rules: readonly HostRule[]): boolean {
  for (const r of rules) {
    if (host.kind === 'name') {
      if (r.kind === 'name' && r.name === host.name) return true;
    } else if (r.kind === 'cidr') {
      const m = mask(host.bytes, r.bits);
      if (m.every((b, i) => b === r.bytes[i])) return true;
    }
  }
  return false;
}
