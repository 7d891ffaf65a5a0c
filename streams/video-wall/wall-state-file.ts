import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Compile } from 'typebox/compile';
import { VideoWallState } from '../../app/video-wall/video-wall';

const check = Compile(VideoWallState);

/**
 * The CCTV wall's state in one JSON file of the data dir, so a restarted hall shows the wall the operators
 * left. Written atomically (temp file, fsync, rename, fsync of the directory): a crash leaves the old
 * state or the new one, never half of one. Writes are serialised and coalesced: the newest state wins.
 */
export class WallStateFile {
  private pending: VideoWallState | undefined;
  private writing: Promise<void> | undefined;

  constructor(
    readonly file: string,
    private readonly warn: (message: string) => void,
  ) {}

  /** The saved state, or undefined when there is none or it is not a wall state (then the hall starts from the default and says so). */
  async load(): Promise<VideoWallState | undefined> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`${this.file} could not be read (${(err as Error).message}); the wall starts from its default`);
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(text);
      if (check.Check(value)) return value;
    } catch {
      // not JSON: said below
    }
    this.warn(`${this.file} is not a CCTV wall state; the wall starts from its default (the file is kept as ${path.basename(this.file)}.bad)`);
    await rename(this.file, `${this.file}.bad`).catch(() => undefined);
    return undefined;
  }

  save(state: VideoWallState): void {
    this.pending = state;
    if (!this.writing) this.writing = this.drain();
  }

  /** Resolves once everything saved so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending) {
        const next = this.pending;
        this.pending = undefined;
        await this.write(next).catch((err: Error) => this.warn(`the CCTV wall state could not be saved to ${this.file} (${err.message}); it is kept in memory`));
      }
    } finally {
      this.writing = undefined;
    }
  }

  private async write(state: VideoWallState): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(state, null, 1)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, this.file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    if (process.platform !== 'win32') {
      const dir = await open(path.dirname(this.file), 'r');
      await dir.sync().finally(() => dir.close());
    }
  }
}
