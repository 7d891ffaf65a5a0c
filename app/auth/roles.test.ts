import { describe, expect, it } from 'vitest';
import { pseudonym } from '../live/pseudonym';
import { allows, audienceOf, parseRole, PERMISSIONS } from './roles';

describe('roles', () => {
  it('reads role names and their aliases', () => {
    expect(parseRole('console')).toBe('operator');
    expect(parseRole(' Wall ')).toBe('wall');
    expect(parseRole('root')).toBeUndefined();
  });

  it('keeps personal data from exhibit surfaces and terminals', () => {
    expect(allows('patrols.read', 'exhibit')).toBe(false);
    expect(allows('reports.read', 'terminal')).toBe(false);
    expect(allows('live.read', 'exhibit')).toBe(true);
    expect(audienceOf('exhibit')).toBe('exhibit');
    expect(audienceOf('leader')).toBe('full');
  });

  it('gives admin everything and nobody else metrics but monitor', () => {
    for (const p of Object.keys(PERMISSIONS) as Array<keyof typeof PERMISSIONS>) expect(allows(p, 'admin')).toBe(true);
    expect(allows('metrics.read', 'wall')).toBe(false);
    expect(allows('metrics.read', 'monitor')).toBe(true);
  });

  it('masks ids with stable pseudonyms', () => {
    expect(pseudonym('p', 'sjs-001')).toBe(pseudonym('p', 'sjs-001'));
    expect(pseudonym('p', 'sjs-001')).not.toBe(pseudonym('p', 'sjs-002'));
    expect(pseudonym('p', 'sjs-001')).not.toContain('sjs');
  });
});
