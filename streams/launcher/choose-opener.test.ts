import { describe, expect, it } from 'vitest';
import { chooseOpener, chromiumKioskArgs } from './choose-opener';

const base = { headless: false, hasDisplay: true, electron: { missing: 'binary not downloaded' }, chromium: '/usr/bin/chromium' };

describe('chooseOpener', () => {
  it('prefers Electron when its binary is there', () => {
    expect(chooseOpener({ ...base, electron: { executable: '/e/electron' } })).toMatchObject({ kind: 'electron', executable: '/e/electron' });
  });
  it('falls back to Chromium and says why', () => {
    const o = chooseOpener(base);
    expect(o).toMatchObject({ kind: 'chromium', executable: '/usr/bin/chromium' });
    expect(o.reason).toContain('binary not downloaded');
  });
  it('prints the URL when headless, without a display, or with no browser at all', () => {
    expect(chooseOpener({ ...base, headless: true }).kind).toBe('print');
    expect(chooseOpener({ ...base, hasDisplay: false }).reason).toContain('DISPLAY');
    expect(chooseOpener({ ...base, chromium: undefined }).reason).toContain('CHROMIUM_PATH');
  });
  it('opens Chromium as an autoplaying kiosk app', () => {
    const args = chromiumKioskArgs('http://127.0.0.1:8750/', '/tmp/p');
    expect(args).toContain('--app=http://127.0.0.1:8750/');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--autoplay-policy=no-user-gesture-required');
  });
});
