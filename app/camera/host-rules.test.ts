import { describe, expect, it } from 'vitest';
import { DEFAULT_CAMERA_HOSTS, hostAllowed, isHostName, parseHostRule, parseHostRules, parseIpv4, parseIpv6, parseUrlHost, type UrlHost } from './host-rules';

const host = (raw: string): UrlHost => {
  const h = parseUrlHost(raw);
  if ('error' in h) throw new Error(h.error);
  return h;
};

describe('IP parsers', () => {
  it('read plain dotted IPv4 only', () => {
    expect(parseIpv4('192.168.0.1')).toEqual([192, 168, 0, 1]);
    expect(parseIpv4('0.0.0.0')).toEqual([0, 0, 0, 0]);
    for (const bad of ['256.0.0.1', '01.2.3.4', '1.2.3', '1.2.3.4.5', '0x7f.0.0.1', '', '1..2.3', ' 1.2.3.4', '1.2.3.4 ']) expect(parseIpv4(bad)).toBeUndefined();
  });

  it('read IPv6 with ::, and an IPv4 tail', () => {
    expect(parseIpv6('::1')).toEqual([...Array<number>(15).fill(0), 1]);
    expect(parseIpv6('fd00::')?.slice(0, 2)).toEqual([0xfd, 0]);
    expect(parseIpv6('::ffff:10.1.2.3')?.slice(10)).toEqual([0xff, 0xff, 10, 1, 2, 3]);
    expect(parseIpv6('2001:db8:0:0:0:0:0:1')).toEqual(parseIpv6('2001:db8::1'));
    for (const bad of ['1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', '1.2.3.4::', ':::', 'g::1', '1:2:3:4:5:6:7']) expect(parseIpv6(bad)).toBeUndefined();
  });

  it('tells host names from numbers', () => {
    expect(isHostName('nvr-1.hall.local')).toBe(true);
    expect(isHostName('localhost')).toBe(true);
    for (const bad of ['1.2.3', '10', 'a..b', '-a.b', 'a_b.c', 'x.0x1f', 'a.'.repeat(130)]) expect(isHostName(bad)).toBe(false);
  });
});

describe('host rules', () => {
  it('parse CIDRs, single addresses and names, and report bad entries', () => {
    expect(parseHostRule('10.0.0.0/8')).toMatchObject({ kind: 'cidr', bits: 104 });
    expect(parseHostRule('192.168.1.20')).toMatchObject({ kind: 'cidr', bits: 128 });
    expect(parseHostRule('[::1]')).toMatchObject({ kind: 'cidr', bits: 128 });
    expect(parseHostRule(' NVR.Hall.Local ')).toEqual({ kind: 'name', name: 'nvr.hall.local' });
    const { rules, errors } = parseHostRules(['10.0.0.0/33', 'fd00::/129', 'not a host', '10.0.0.0/x', '', '10.0.0.0/8']);
    expect(rules).toHaveLength(1);
    expect(errors).toHaveLength(5);
  });

  it('match addresses by prefix, IPv4-mapped IPv6 as IPv4, names exactly', () => {
    const { rules } = parseHostRules(DEFAULT_CAMERA_HOSTS);
    for (const ok of ['127.0.0.1', '127.255.1.2', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.100.1', '[::1]', '[fd12::1]', '[fc00::1]', '[::ffff:10.0.0.1]', 'localhost']) {
      expect(hostAllowed(host(ok), rules)).toBe(true);
    }
    for (const no of ['8.8.8.8', '172.15.255.255', '172.32.0.0', '169.254.169.254', '0.0.0.0', '[::]', '[fe80::1]', '[2001:db8::1]', '[::ffff:8.8.8.8]', '[::10.0.0.1]', 'nvr.local']) {
      expect(hostAllowed(host(no), rules)).toBe(false);
    }
    expect(hostAllowed(host('192.168.1.77'), parseHostRules(['192.168.1.5/24']).rules)).toBe(true);
    expect(hostAllowed(host('8.8.8.8'), parseHostRules(['0.0.0.0/0']).rules)).toBe(true);
    expect(hostAllowed(host('[2001:db8::1]'), parseHostRules(['0.0.0.0/0']).rules)).toBe(false);
  });
});
