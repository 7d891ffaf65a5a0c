import { beforeAll, describe, expect, it } from 'vitest';
import { Auth } from '../auth/auth';
import { loadCaseData, type CaseData } from '../cases/case-data';
import type { CaseWorld } from './demo-case-world';
import { demoDesk, ownedBy } from './demo-desk';

const STREET = '110107001000';
const world: CaseWorld = {
  places: [{ lon: 116.2, lat: 39.9, street: STREET, community: '110107001001', grid: '110107001001001', weight: 1 }],
  inspectors: new Map([[STREET, ['110107-p001', '110107-p002']]]),
  streets: [STREET],
  offices: new Map([[STREET, '八宝山街道办事处']]),
};

let data: CaseData;
beforeAll(async () => {
  data = await loadCaseData();
});

describe("the demo's case desk", () => {
  it('works its own cases and the reports of its own inspectors, never one a person opened', () => {
    const units = new Set(['110107-p001']);
    expect(ownedBy('demo-h-20261118-0001', units)).toBe(true);
    expect(ownedBy('demo-video-mi3x1-4', units)).toBe(true);
    expect(ownedBy('report:110107-p001-mi3x1a2-17', units)).toBe(true);
    expect(ownedBy('report:110107-p099-mi3x1a2-17', units)).toBe(false);
    expect(ownedBy('e2e-1763769600000', units)).toBe(false);
    expect(ownedBy(undefined, units)).toBe(false);
  });

  it('gives each of its people a token of their own: desk staff by name, departments and inspectors bound', () => {
    const auth = new Auth([]);
    const added: string[] = [];
    const add = auth.add.bind(auth);
    auth.add = (entry) => {
      added.push(`${entry.role}:${entry.name ?? ''}:${(entry.departments ?? entry.units ?? []).join('+')}`);
      return add(entry);
    };
    demoDesk({ hallUrl: 'http://127.0.0.1:9', auth, timeZone: 'Asia/Shanghai', data, world, seed: 1, inspectorReportsPerHour: 95, log: () => {} });
    expect(added).toContain('acceptor:acceptor-01:');
    expect(added).toContain('shift-leader:shift-leader-01:');
    expect(added).toContain('dispatcher:dispatcher-01:');
    expect(added).toContain('department:区环卫中心:区环卫中心');
    expect(added).toContain('department:八宝山街道办事处:八宝山街道办事处');
    expect(added).toContain('terminal:110107-p002:110107-p002');
    expect(added.some((a) => a.startsWith('operator:'))).toBe(true);
    expect(added.some((a) => a.startsWith('hotline:'))).toBe(true);
    expect(added.some((a) => a === 'department:街道办事处:街道办事处')).toBe(false);
  });
});
