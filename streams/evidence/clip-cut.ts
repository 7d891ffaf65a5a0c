import { copyFile, link, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { clipRange, reached, segmentsIn, type DvrSpan } from '../../app/evidence/dvr-window';
import type { EvidenceFiles } from './evidence-files';
import type { EvidenceVideo } from './evidence-video';
import { runFfmpeg } from './ffmpeg-run';

export type ClipOutcome = { ok: true; sha256: string; name: string; from: number; to: number } | { ok: false; error: string; aborted?: boolean };

export interface ClipJob {
  id: string;
  cameraId: string;
  /** Stream time of the captured frame. */
  t: number;
}

export interface ClipOptions {
  pollMs?: number;
  /** How long to wait beyond the time T+5 s should take to reach the disk (a camera that stalls). */
  graceMs?: number;
  signal?: AbortSignal;
}

/** A segment held in the work dir: `<start>_<durationMs>.ts`, so a restart knows what it holds. */
const HELD = /^(\d{1,16})_(\d{1,9})\.ts$/;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const wake = () => {
      clearTimeout(t);
      signal?.removeEventListener('abort', wake);
      resolve();
    };
    const t = setTimeout(wake, ms);
    signal?.addEventListener('abort', wake, { once: true });
  });

/**
 * Cuts the clip T−10 s … T+5 s from the camera's DVR segments: holds each segment of the range as it
 * appears (a hard link in the item's work dir, so the DVR may rotate it away meanwhile), waits until
 * T+5 s is on disk (bounded: a camera that stops yields the clip up to where it stopped), then joins the
 * held segments with ffmpeg's concat demuxer into an MP4 without re-encoding, and stores it durably.
 * The clip spans whole segments, so it starts up to one segment before T−10 s and ends up to one after T+5 s.
 */
export async function cutClip(job: ClipJob, video: EvidenceVideo, files: EvidenceFiles, opts: ClipOptions = {}): Promise<ClipOutcome> {
  const ffmpeg = video.ffmpeg();
  if (!ffmpeg) return { ok: false, error: 'ffmpeg is not available to cut the clip' };
  const work = files.workDir(job.id);
  await mkdir(work, { recursive: true });
  const held = new Map<number, DvrSpan & { name: string }>();
  for (const name of await readdir(work)) {
    const m = HELD.exec(name);
    if (m) held.set(Number(m[1]), { start: Number(m[1]), durationMs: Number(m[2]), name });
  }
  const range = clipRange(job.t);
  const hold = async () => {
    const segs = video.dvr(job.cameraId);
    for (const s of segmentsIn(segs, range)) {
      if (held.has(s.start)) continue;
      const name = `${s.start}_${Math.round(s.durationMs)}.ts`;
      try {
        await link(s.file, path.join(work, name));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') continue; // rotated away between the listing and the link
        if (code !== 'EEXIST') await copyFile(s.file, path.join(work, name)); // another file system (EXDEV) or no hard links
      }
      held.set(s.start, { start: s.start, durationMs: Math.round(s.durationMs), name });
    }
    return segs;
  };

  const release = video.hold?.(job.cameraId) ?? (() => {});
  try {
    const pollMs = opts.pollMs ?? 500;
    let segs = await hold();
    const behind = Math.max(0, range.to - (segs.at(-1) ? (segs.at(-1) as DvrSpan).start + (segs.at(-1) as DvrSpan).durationMs : 0));
    const deadline = Date.now() + Math.min(behind, 60_000) + (opts.graceMs ?? 20_000);
    while (!reached(segs, range.to) && Date.now() < deadline) {
      await sleep(pollMs, opts.signal);
      if (opts.signal?.aborted) return { ok: false, error: 'the hall stopped', aborted: true };
      segs = await hold();
    }
  } finally {
    release();
  }

  const parts = [...held.values()].sort((a, b) => a.start - b.start);
  const first = parts[0];
  const last = parts.at(-1);
  if (!first || !last) return { ok: false, error: 'the DVR holds none of T−10 s … T+5 s any more' };
  const list = path.join(work, 'concat.txt');
  await writeFile(list, parts.map((p) => `file '${p.name}'\n`).join(''));
  const out = path.join(work, 'clip.mp4');
  await rm(out, { force: true });
  await runFfmpeg(ffmpeg, ['-f', 'concat', '-safe', '1', '-i', list, '-map', '0:v:0', '-map', '0:a?', '-c', 'copy', '-avoid_negative_ts', 'make_zero', '-movflags', '+faststart', '-f', 'mp4', out], { timeoutMs: 60_000 });
  const stored = await files.adopt(job.id, 'clip', 'mp4', out);
  await rm(work, { recursive: true, force: true });
  return { ok: true, ...stored, from: first.start, to: last.start + last.durationMs };
}
