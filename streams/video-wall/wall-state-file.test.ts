import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultVideoWall } from '../../app/video-wall/video-wall';
import { WallStateFile } from './wall-state-file';

let dir: string;
let warnings: string[];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'gridwall-vw-'));
  warnings = [];
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the CCTV wall state file', () => {
  it('keeps the newest of many saves, whole', async () => {
    const f = new WallStateFile(path.join(dir, 'video-wall.json'), (m) => warnings.push(m));
    expect(await f.load()).toBeUndefined();
    for (let v = 1; v <= 20; v++) f.save({ ...defaultVideoWall(1000), version: v, layout: v % 2 ? 4 : 9 });
    await f.flush();
    expect(await f.load()).toMatchObject({ version: 20, layout: 9 });
    expect(warnings).toEqual([]);
  });

  it('starts from the default on a file that is not a wall state, and keeps it aside', async () => {
    const file = path.join(dir, 'video-wall.json');
    await writeFile(file, '{"id":"wall","layout":7}');
    const f = new WallStateFile(file, (m) => warnings.push(m));
    expect(await f.load()).toBeUndefined();
    expect(warnings[0]).toContain('not a CCTV wall state');
    expect(await readFile(`${file}.bad`, 'utf8')).toContain('"layout":7');
    await expect(stat(file)).rejects.toThrow();
  });
});
