import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../db/pglite-db';
import { openPostgres } from '../db/postgres-db';
import { createTestSchema } from '../db/test-databases';
import { CameraStore } from '../cameras/camera-store';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const data = mkdtempSync(path.join(os.tmpdir(), 'gw-cameras-cli-'));
mkdirSync(path.join(data, 'media'));
writeFileSync(path.join(data, 'media', 'drill.mp4'), 'x');

function gridwall(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/gridwall.mjs', 'cameras', 'import', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', GRIDWALL_CONFIG: '', GRIDWALL_CAMERA_HOSTS: '', CAMERA_FILE_DIR: '', GRIDWALL_DATA: data, ...env },
    encoding: 'utf8',
    timeout: 150_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CSV = [
  'id,name,lon,lat,heading,fov,groups,main,sub,exhibit',
  'lugu-1,鲁谷路东口,116.2193,39.8975,90,60,鲁谷;夜市,rtsp://admin:Zq9pw@192.168.1.64/ch1,rtsp://admin:Zq9pw@192.168.1.64/ch2,是',
  'lugu-2,"鲁谷路, 西口",116.2190,39.8970,,,,http://192.168.1.20/live/2.m3u8,,false',
  'bad-1,坏的,116.2,39.9,,,,concat:/etc/passwd|/etc/shadow,,',
  'bad-2,远的,116.2,39.9,,,,rtsp://8.8.8.8/ch1,,',
  'bad-3,没有经度,,39.9,,,,rtsp://192.168.1.5/ch1,,',
  'drill-1,演练,116.2,39.9,,,演练,file:drill.mp4,,yes',
  'lugu-1,again,116.2,39.9,,,,rtsp://192.168.1.5/ch1,,',
  '',
].join('\r\n');

describe('gridwall cameras import', () => {
  it('imports the good rows of a CSV into the data dir’s database, reports the bad ones by line, and is idempotent', async () => {
    const file = path.join(data, 'cameras.csv');
    writeFileSync(file, CSV);
    const r = gridwall([file]);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    expect(r.out).toContain('cameras.csv — 7 rows: 3 cameras (3 new, 0 replaced), 4 bad.');
    expect(r.out).toContain('line 4 (bad-1): main.url: the scheme "concat:" is not allowed');
    expect(r.out).toContain('line 5 (bad-2): main.url: the address 8.8.8.8 is outside the hall\'s camera hosts');
    expect(r.out).toContain('line 6 (bad-3): lon is empty');
    expect(r.out).toContain('line 8 (lugu-1): camera lugu-1 is given already (line 2)');
    expect(r.out + r.err).not.toContain('Zq9pw');

    const again = gridwall([file]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('3 cameras (0 new, 3 replaced)');

    const db = await openPglite(path.join(data, 'db'));
    try {
      const list = await new CameraStore(db).list();
      expect(list.map((c) => c.spec.id)).toEqual(['drill-1', 'lugu-1', 'lugu-2']);
      expect(list.find((c) => c.spec.id === 'lugu-1')?.spec).toEqual({
        id: 'lugu-1',
        name: '鲁谷路东口',
        lon: 116.2193,
        lat: 39.8975,
        heading: 90,
        fov: 60,
        groups: ['鲁谷', '夜市'],
        main: { url: 'rtsp://admin:Zq9pw@192.168.1.64/ch1' },
        sub: { url: 'rtsp://admin:Zq9pw@192.168.1.64/ch2' },
        exhibit: true,
      });
      expect(list.find((c) => c.spec.id === 'lugu-2')?.spec.name).toBe('鲁谷路, 西口');
    } finally {
      await db.close();
    }
  }, 300_000);

  it('takes a JSON array, follows GRIDWALL_CAMERA_HOSTS, and says why a file cannot be read', () => {
    const file = path.join(data, 'cameras.json');
    writeFileSync(file, JSON.stringify([{ id: 'nvr-1', name: 'NVR', lon: 116.2, lat: 39.9, main: { url: 'rtsp://nvr.hall.local/ch1' } }, { id: 'x', name: 'x', lon: 116.2, lat: 39.9, main: { url: 'pipe:0' } }, 'nope']));
    const refused = gridwall([file, '--dry-run']);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('item 1 (nvr-1): main.url: the host name "nvr.hall.local" is not on the hall\'s list of camera hosts');
    expect(refused.out).toContain('item 3: the camera must be object');
    const allowed = gridwall([file, '--dry-run'], { GRIDWALL_CAMERA_HOSTS: 'default,nvr.hall.local' });
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain('Checked: cameras.json — 3 rows: 1 good, 2 bad.');

    const badHosts = gridwall([file, '--dry-run'], { GRIDWALL_CAMERA_HOSTS: '10.0.0.0/33' });
    expect(badHosts.code).toBe(2);
    expect(badHosts.err).toMatch(/^gridwall: GRIDWALL_CAMERA_HOSTS: .*prefix length/);

    const header = path.join(data, 'wrong.csv');
    writeFileSync(header, 'id,name,url\na,b,c\n');
    const wrong = gridwall([header]);
    expect(wrong.code).toBe(2);
    expect(wrong.err.trim()).toBe('gridwall: wrong.csv has columns a camera list does not: url (columns: id, name, lon, lat, heading, fov, groups, main, sub, exhibit).');
    expect(gridwall([path.join(data, 'missing.csv')]).code).toBe(2);
  }, 300_000);

  it.runIf(process.env.DATABASE_URL)('imports into PostgreSQL at DATABASE_URL', async () => {
    const schema = await createTestSchema(process.env.DATABASE_URL as string);
    try {
      const file = path.join(data, 'pg.csv');
      writeFileSync(file, CSV);
      const r = gridwall([file], { DATABASE_URL: schema.url });
      expect(r.code).toBe(0);
      expect(r.out).toContain('Imported into PostgreSQL: pg.csv — 7 rows: 3 cameras (3 new, 0 replaced), 4 bad.');
      const db = await openPostgres(schema.url, { max: 1 });
      try {
        expect(await new CameraStore(db).count()).toBe(3);
      } finally {
        await db.close();
      }
    } finally {
      await schema.drop();
    }
  }, 300_000);
});
