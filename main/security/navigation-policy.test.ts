import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, parseWallUrl } from './navigation-policy';
import { hardenedWebPreferences } from './web-preferences';

describe('wall URL', () => {
  it('accepts http(s) and refuses everything else with a clear message', () => {
    expect(parseWallUrl('http://10.0.0.5:8750/').host).toBe('10.0.0.5:8750');
    expect(() => parseWallUrl(undefined)).toThrow(/--wall-url/);
    expect(() => parseWallUrl('not a url')).toThrow(/not a URL/);
    expect(() => parseWallUrl('file:///etc/passwd')).toThrow(/http or https/);
    expect(() => parseWallUrl('javascript:alert(1)')).toThrow(/http or https/);
  });

  it('compares origins, not prefixes', () => {
    expect(isAllowedNavigation('http://127.0.0.1:8750.evil.example/', 'http://127.0.0.1:8750/')).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:8751/', 'http://127.0.0.1:8750/')).toBe(false);
    expect(isAllowedNavigation('garbage', 'http://127.0.0.1:8750/')).toBe(false);
  });
});

describe('web preferences', () => {
  it('are hardened', () => {
    expect(hardenedWebPreferences()).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      allowRunningInsecureContent: false,
    });
  });
});
