import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = loadConfig({ GRIDWALL_DATA: '/tmp/gw' });
    expect(c.http).toEqual({ setting: 'PORT', port: 8750, explicit: false });
    expect(c.mqtt).toEqual({ mode: 'embedded', host: '127.0.0.1', hostSetting: 'HOST', port: { setting: 'MQTT_PORT', port: 1883, explicit: false } });
    expect(c.topicPrefix).toBe('gridwall/v1/');
    expect(c.dataDir).toBe('/tmp/gw');
    expect(c.tickMs).toBe(100);
    expect(c.timeZone).toBe('Asia/Shanghai');
    expect(c.ingest).toMatchObject({ defaultCrs: 'wgs84', unitRate: 10, maxPayloadBytes: 65536 });
    expect(c.trackRetentionDays).toBe(90);
    expect(c.shareGroup).toBe('gridwall');
    expect(c.patrolForgetMs).toBe(4 * 3_600_000);
    expect(c.unitsPerToken).toBe(500);
    expect(c.ingest.backlogFixes).toBe(3600);
    expect(loadConfig({ GRIDWALL_TOKENS: 'terminal:0123456789abcdef' }).tokens).toEqual([{ role: 'terminal', token: '0123456789abcdef' }]);
  });

  it('reads tokens with their roles, units and streets', () => {
    const tokens = loadConfig({
      GRIDWALL_TOKENS: 'wall:wall-token-0123456789,console:console-token-012345,terminal@sjs-01+sjs-02:term-token-0123456789,subcentre@110107011000+110107001002:sub-token-012345678',
    }).tokens;
    expect(tokens).toEqual([
      { role: 'wall', token: 'wall-token-0123456789' },
      { role: 'operator', token: 'console-token-012345' },
      { role: 'terminal', token: 'term-token-0123456789', units: ['sjs-01', 'sjs-02'] },
      { role: 'subcentre', token: 'sub-token-012345678', scope: { streets: ['110107011000'], communities: ['110107001002'] } },
    ]);
  });

  it('honours PORT, MQTT_PORT, MQTT_URL and DATABASE_URL', () => {
    expect(loadConfig({ PORT: '0' }).http).toMatchObject({ port: 0, explicit: true });
    expect(loadConfig({ MQTT_PORT: '18830' }).mqtt).toMatchObject({ mode: 'embedded', port: { port: 18830, explicit: true } });
    expect(loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883' }).mqtt).toEqual({ mode: 'external', url: 'mqtt://127.0.0.1:1883' });
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/test' }).databaseUrl).toBe('postgres://localhost/test');
  });

  it('names the setting in every error', () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ PORT: 'eighty' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ MQTT_PORT: '-1' }, 'MQTT_PORT'],
      [{ MQTT_URL: 'not a url' }, 'MQTT_URL'],
      [{ MQTT_URL: 'http://x' }, 'MQTT_URL'],
      [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
      [{ GRIDWALL_TOPIC_PREFIX: 'a/#' }, 'GRIDWALL_TOPIC_PREFIX'],
      [{ PATROL_STALE_MS: '5000', PATROL_OFFLINE_MS: '4000' }, 'PATROL_OFFLINE_MS'],
      [{ GRIDWALL_TZ: 'Mars/Olympus' }, 'GRIDWALL_TZ'],
      [{ TERMINAL_CRS: 'epsg:4326' }, 'TERMINAL_CRS'],
      [{ TRACK_RETENTION_DAYS: '0' }, 'TRACK_RETENTION_DAYS'],
      [{ UNIT_MAX_RATE: 'fast' }, 'UNIT_MAX_RATE'],
      [{ GRIDWALL_SHARE_GROUP: 'a/b' }, 'GRIDWALL_SHARE_GROUP'],
      [{ GRIDWALL_TOKENS: 'root:short' }, 'GRIDWALL_TOKENS'],
      [{ GRIDWALL_TOKENS: 'wall:short' }, 'GRIDWALL_TOKENS'],
      [{ GRIDWALL_TOKENS: 'subcentre:0123456789abcdef' }, 'GRIDWALL_TOKENS'],
      [{ GRIDWALL_TOKENS: 'wall@110107011000:0123456789abcdef' }, 'GRIDWALL_TOKENS'],
      [{ PATROL_FORGET_MS: '60000' }, 'PATROL_FORGET_MS'],
      [{ GRIDWALL_CLUSTER_SECRET: 'short' }, 'GRIDWALL_CLUSTER_SECRET'],
    ];
    for (const [env, setting] of cases) {
      let err: unknown;
      try {
        loadConfig(env);
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(env)).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).setting).toBe(setting);
      expect((err as ConfigError).message).toContain(setting);
    }
  });
});
