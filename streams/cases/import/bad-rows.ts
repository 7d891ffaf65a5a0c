import { mkdir, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** A row the import could not take: where it is, its case number when it has one, and why. */
export interface BadRow {
  line: number;
  caseNo?: string;
  reason: string;
}

const HEADER = 'line,case_no,reason\n';

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** One bad row as a CSV line (also what the summary prints). */
export function badRowLine(r: BadRow): string {
  return `${r.line},${csvCell(r.caseNo ?? '')},${csvCell(r.reason)}\n`;
}

/**
 * The bad-row report, a CSV (line, case_no, reason) written batch by batch. A resumed import cuts it back to
 * the length its last committed batch left, so no row is reported twice.
 */
export class BadRowFile {
  private constructor(
    readonly file: string,
    private handle: FileHandle,
    private bytes: number,
  ) {}

  /** `keepBytes`: resume after this many bytes of an earlier run's report; undefined starts a new report. */
  static async open(file: string, keepBytes?: number): Promise<BadRowFile> {
    await mkdir(path.dirname(file), { recursive: true });
    const handle = await open(file, keepBytes === undefined ? 'w' : 'r+').catch(() => open(file, 'w'));
    const size = (await handle.stat()).size;
    let bytes = keepBytes !== undefined && keepBytes <= size && keepBytes >= HEADER.length ? keepBytes : 0;
    await handle.truncate(bytes);
    if (bytes === 0) {
      await handle.write(HEADER, 0);
      bytes = Buffer.byteLength(HEADER);
    }
    return new BadRowFile(file, handle, bytes);
  }

  get length(): number {
    return this.bytes;
  }

  async append(rows: readonly BadRow[]): Promise<void> {
    if (rows.length === 0) return;
    const text = Buffer.from(rows.map(badRowLine).join(''));
    await this.handle.write(text, 0, text.length, this.bytes);
    this.bytes += text.length;
  }

  async close(): Promise<void> {
    await this.handle.sync().catch(() => {});
    await this.handle.close();
  }
}
