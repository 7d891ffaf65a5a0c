import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCameraSource } from '../../app/camera/source-policy';
import { ConfigError } from '../config/config';
import { loadCameraConfig } from './camera-config';

describe('loadCameraConfig', () => {
  it('defaults to loopback and the LAN ranges, and <data>/media', () => {
    const c = loadCameraConfig({}, '/srv/gw');
    expect(c.policy.mediaDir).toBe(path.resolve('/srv/gw/media'));
    expect(parseCameraSource('rtsp://192.168.1.2/a', c.policy).ok).toBe(true);
    expect(parseCameraSource('rtsp://169.254.1.2/a', c.policy).ok).toBe(false);
  });

  it('replaces the list with GRIDWALL_CAMERA_HOSTS; "default" brings the defaults back', () => {
    const only = loadCameraConfig({ GRIDWALL_CAMERA_HOSTS: '169.254.0.0/16, nvr.hall.local', CAMERA_FILE_DIR: '/mnt/drills' }, '/srv/gw');
    expect(only.policy.mediaDir).toBe(path.resolve('/mnt/drills'));
    expect(parseCameraSource('rtsp://169.254.1.2/a', only.policy).ok).toBe(true);
    expect(parseCameraSource('rtsp://nvr.hall.local/a', only.policy).ok).toBe(true);
    expect(parseCameraSource('rtsp://192.168.1.2/a', only.policy).ok).toBe(false);
    const more = loadCameraConfig({ GRIDWALL_CAMERA_HOSTS: 'default,169.254.0.0/16' }, '/srv/gw');
    expect(parseCameraSource('rtsp://192.168.1.2/a', more.policy).ok).toBe(true);
    expect(parseCameraSource('rtsp://169.254.1.2/a', more.policy).ok).toBe(true);
  });

  it('names every bad entry', () => {
    expect(() => loadCameraConfig({ GRIDWALL_CAMERA_HOSTS: '10.0.0.0/33,bad host' }, '/d')).toThrow(ConfigError);
    expect(() => loadCameraConfig({ GRIDWALL_CAMERA_HOSTS: '10.0.0.0/33,bad host' }, '/d')).toThrow(/prefix length.*; "bad host"/);
  });
});
