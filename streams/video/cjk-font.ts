import { execFile } from 'node:child_process';

/**
 * A system font file that can draw Chinese camera names into the video (via fontconfig).
 * Undefined when none is installed: the caller then burns in an ASCII label.
 */
export function findCjkFontFile(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('fc-list', [':lang=zh-cn', 'file'], { timeout: 3000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      const files = stdout
        .split('\n')
        .map((l) => l.replace(/:\s*$/, '').trim())
        .filter(Boolean)
        .sort((a, b) => Number(/Sans/i.test(b)) - Number(/Sans/i.test(a)) || Number(/Regular/i.test(b)) - Number(/Regular/i.test(a)));
      resolve(files[0]);
    });
  });
}
