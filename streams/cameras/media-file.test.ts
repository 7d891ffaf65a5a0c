import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkMediaFile } from './media-file';

let root: string;
let media: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'gw-media-'));
  media = path.join(root, 'media');
  await mkdir(path.join(media, 'drill'), { recursive: true });
  await writeFile(path.join(media, 'drill', 'a.mp4'), 'x');
  await writeFile(path.join(root, 'secret.txt'), 'x');
  await symlink(path.join(root, 'secret.txt'), path.join(media, 'out.mp4'));
  await symlink(path.join(media, 'drill', 'a.mp4'), path.join(media, 'in.mp4'));
  await symlink(root, path.join(media, 'up'));
});

describe('checkMediaFile', () => {
  it('accepts regular files inside the media dir, also through links that stay inside', async () => {
    expect(await checkMediaFile(path.join(media, 'drill', 'a.mp4'), media)).toMatchObject({ ok: true });
    expect(await checkMediaFile(path.join(media, 'in.mp4'), media)).toEqual({ ok: true, path: expect.stringMatching(/drill[\\/]a\.mp4$/) });
  });

  it('refuses links out of it, folders, missing files and a missing media dir', async () => {
    expect(await checkMediaFile(path.join(media, 'out.mp4'), media)).toMatchObject({ ok: false, reason: expect.stringMatching(/leads out/) });
    expect(await checkMediaFile(path.join(media, 'up', 'secret.txt'), media)).toMatchObject({ ok: false, reason: expect.stringMatching(/leads out/) });
    expect(await checkMediaFile(path.join(media, 'drill'), media)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a regular file/) });
    expect(await checkMediaFile(path.join(media, 'nope.mp4'), media)).toMatchObject({ ok: false, reason: expect.stringMatching(/no file "nope\.mp4"/) });
    expect(await checkMediaFile(path.join(root, 'none', 'a.mp4'), path.join(root, 'none'))).toMatchObject({ ok: false, reason: expect.stringMatching(/does not exist/) });
  });
});
