import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findCjkFontFile } from '../video/cjk-font';
import { runFfmpeg } from './ffmpeg-run';

/** Quotes a value for an ffmpeg filter option: inside single quotes only the quote itself needs care. */
const quoted = (v: string) => `'${v.replace(/'/g, "'\\''")}'`;

let cjkFont: Promise<string | undefined> | undefined;

/** "2026-03-14 10:15:30.120 Asia/Shanghai": a stream time as people in the hall read it. */
export function hallTime(at: number, timeZone: string): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return `${f.format(at)}.${String(((at % 1000) + 1000) % 1000).padStart(3, '0')} ${timeZone}`;
}

export interface WatermarkText {
  evidenceId: string;
  camera: { id: string; name: string };
  frameTime: string;
  exporter: string;
  exportedAt: string;
}

/**
 * A watermarked copy of a frame: who exported which evidence from which camera, when, burned into the
 * picture (a band at the bottom, and the id large and faint across the middle), so a copy that leaves
 * the hall names itself. Camera names are drawn in Chinese when the system has a CJK font, else the band
 * is in English with the camera id only (no empty boxes for missing glyphs).
 */
export async function watermark(ffmpeg: string, image: Buffer, type: 'image/png' | 'image/jpeg', text: WatermarkText, workDir: string): Promise<Buffer> {
  cjkFont ??= findCjkFontFile();
  const font = await cjkFont;
  const lines = font
    ? [`证据副本 Evidence copy ${text.evidenceId}`, `摄像机 ${text.camera.name} (${text.camera.id})`, `画面时间 ${text.frameTime}`, `导出 ${text.exporter} · ${text.exportedAt}`]
    : [`Evidence copy ${text.evidenceId}`, `Camera ${text.camera.id}`, `Frame time ${text.frameTime}`, `Exported by ${text.exporter} at ${text.exportedAt}`];
  await mkdir(workDir, { recursive: true });
  const textFile = path.join(workDir, `watermark-${randomBytes(6).toString('hex')}.txt`);
  const idFile = `${textFile}.id`;
  await writeFile(textFile, lines.join('\n'));
  await writeFile(idFile, text.evidenceId);
  const fontOpt = font ? `fontfile=${quoted(font)}:` : '';
  const band = `drawtext=${fontOpt}expansion=none:textfile=${quoted(textFile)}:fontsize=h/40:line_spacing=6:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=10:x=16:y=h-th-16`;
  const faint = `drawtext=${fontOpt}expansion=none:textfile=${quoted(idFile)}:fontsize=h/12:fontcolor=white@0.28:x=(w-tw)/2:y=(h-th)/2`;
  try {
    const r = await runFfmpeg(ffmpeg, ['-f', type === 'image/png' ? 'png_pipe' : 'jpeg_pipe', '-i', 'pipe:0', '-vf', `${faint},${band}`, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', '-compression_level', '1', 'pipe:1'], { stdin: image, timeoutMs: 20_000 });
    if (r.stdout.length === 0) throw new Error('ffmpeg drew no watermarked frame');
    return r.stdout;
  } finally {
    await rm(textFile, { force: true });
    await rm(idFile, { force: true });
  }
}
