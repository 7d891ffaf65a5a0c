// For tests and the benchmark: a real DVR window made by ffmpeg, read back from its playlist, and an
// independent reference of every frame (ffmpeg's own HLS demuxer over the whole playlist).
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CameraState } from '../../app/camera/camera';
import type { DvrSegment } from '../video/gateway/gateway-types';
import type { EvidenceVideo } from './evidence-video';
import { runFfmpeg } from './ffmpeg-run';

export interface TestDvr {
  dir: string;
  playlist: string;
  segments: DvrSegment[];
}

/** "2026-03-14T02:15:30.120+0000" (ffmpeg's form) or with a colon in the offset → epoch ms. */
const pdt = (text: string) => Date.parse(text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

/** The segments of an HLS media playlist with #EXT-X-PROGRAM-DATE-TIME, as the gateway reports them. */
export function parsePlaylist(text: string, dir: string): DvrSegment[] {
  const out: DvrSegment[] = [];
  let seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text)?.[1] ?? 0);
  let duration: number | undefined;
  let start: number | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#EXTINF:')) duration = Number(line.slice(8).split(',')[0]) * 1000;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) start = pdt(line.slice(25));
    else if (line && !line.startsWith('#')) {
      if (duration === undefined || start === undefined) throw new Error(`segment ${line} has no #EXTINF or #EXT-X-PROGRAM-DATE-TIME`);
      out.push({ file: path.join(dir, line), name: line, start, durationMs: duration, seq });
      // Without a new PROGRAM-DATE-TIME the next segment follows this one.
      start += duration;
      duration = undefined;
      seq++;
    }
  }
  return out;
}

/** A DVR window of `seconds` of a moving 1280×720 test pattern, 1 s segments, keyframe each second. */
export async function makeTestDvr(ffmpeg: string, dir: string, o: { seconds?: number; size?: string; fps?: number } = {}): Promise<TestDvr> {
  await mkdir(dir, { recursive: true });
  const fps = o.fps ?? 25;
  const playlist = path.join(dir, 'index.m3u8');
  await runFfmpeg(
    ffmpeg,
    [
      '-f', 'lavfi', '-i', `testsrc2=size=${o.size ?? '1280x720'}:rate=${fps}`,
      '-t', String(o.seconds ?? 20),
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0',
      '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_flags', 'program_date_time+independent_segments',
      '-hls_segment_filename', path.join(dir, 'seg-%05d.ts'), playlist,
    ],
    { timeoutMs: 120_000 },
  );
  return { dir, playlist, segments: parsePlaylist(await readFile(playlist, 'utf8'), dir) };
}

export interface ReferenceFrame {
  /** Stream time (epoch ms) the frame is presented at. */
  at: number;
  /** MD5 of its pixels decoded to RGB24. */
  md5: string;
}

/** Every frame of the playlist, decoded by ffmpeg's HLS demuxer: the independent reference. */
export async function referenceFrames(ffmpeg: string, dvr: TestDvr): Promise<ReferenceFrame[]> {
  const first = dvr.segments[0];
  if (!first) throw new Error('the DVR is empty');
  const r = await runFfmpeg(ffmpeg, ['-i', dvr.playlist, '-map', '0:v:0', '-fps_mode', 'passthrough', '-pix_fmt', 'rgb24', '-f', 'framemd5', 'pipe:1'], { timeoutMs: 180_000 });
  const timeBase = /#tb 0: (\d+)\/(\d+)/.exec(r.stdout.toString('utf8'));
  const [num, den] = timeBase ? [Number(timeBase[1]), Number(timeBase[2])] : [1, 1];
  const frames: ReferenceFrame[] = [];
  for (const line of r.stdout.toString('utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const cols = line.split(',').map((c) => c.trim());
    frames.push({ at: first.start + (Number(cols[2]) * num * 1000) / den, md5: cols[5] as string });
  }
  return frames.sort((a, b) => a.at - b.at);
}

/** The frame on screen at `t` by the reference: the last one presented at or before it. */
export function referenceAt(frames: readonly ReferenceFrame[], t: number): ReferenceFrame | undefined {
  let found: ReferenceFrame | undefined;
  for (const f of frames) {
    if (f.at <= t + 0.5) found = f;
    else break;
  }
  return found;
}

/** MD5 of an image's pixels decoded to RGB24 (compare frames by what they show, not their file bytes). */
export async function pixelMd5(ffmpeg: string, image: Buffer): Promise<string> {
  const r = await runFfmpeg(ffmpeg, ['-i', 'pipe:0', '-pix_fmt', 'rgb24', '-f', 'framemd5', 'pipe:1'], { stdin: image });
  const line = r.stdout
    .toString('utf8')
    .split('\n')
    .find((l) => l && !l.startsWith('#'));
  return line?.split(',')[5]?.trim() ?? '';
}

/** A camera with a position in Shijingshan (鲁谷), for the hall's locate service. */
export function testCamera(id: string): CameraState {
  return { id, name: `鲁谷路口 ${id}`, hls: `/video/${id}/index.m3u8`, online: true, statusAt: Date.now(), lon: 116.2193, lat: 39.8975 };
}

/** An EvidenceVideo over test segments; `visible` decides which are "on disk" yet (a live DVR growing). */
export function testVideo(ffmpeg: string, cameras: Record<string, { camera: CameraState; segments: () => readonly DvrSegment[] }>): EvidenceVideo {
  return {
    dvr: (id) => cameras[id]?.segments() ?? [],
    camera: (id) => cameras[id]?.camera,
    ffmpeg: () => ffmpeg,
  };
}
