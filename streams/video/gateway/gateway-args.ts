import type { PulledSource } from './gateway-types';

/** Quotes a value for an ffmpeg filter option: inside single quotes only the quote itself needs care. */
export function filterValue(v: string): string {
  return `'${v.replace(/'/g, "'\\''")}'`;
}

/** How one camera's HLS is written: into `outDir`, segments numbered on from `startNumber`. */
export interface HlsOutput {
  outDir: string;
  /** Continues the numbering across encoder restarts, so a restart never overwrites DVR segments. */
  startNumber: number;
  /** 1 s keeps the wall's latency low and evidence cuts cheap. */
  segmentSeconds: number;
  /** Segments in the live playlist (the DVR keeps more on disk, see dvr-window.ts). */
  listSize: number;
}

export interface SourceArgsOptions {
  /** H.264 sources are copied; anything else (or unknown) is transcoded. */
  copy: boolean;
  /** File holding a synthetic camera's label (a file avoids filtergraph escaping of CJK). */
  labelFile?: string;
  fontFile?: string;
  /** A PAM image of the privacy masks at the video's size (mask-image.ts): overlaid, so the video is encoded. */
  maskFile?: string;
  /** Seconds without data after which ffmpeg gives up on a network source (so the gateway restarts it). */
  ioTimeoutS: number;
  /** The camera's guard proxy (http-guard.ts), for http(s) sources. */
  httpProxy?: string;
}

/**
 * How ffmpeg and ffprobe may reach a network or file source. RTSP: only to the guard's relay
 * (rtsp-guard.ts) over TCP — no UDP, no TLS of its own, so nothing can leave beside the relay. HTTP(S):
 * only HTTP(S), through the guard's proxy (http-guard.ts; `httpproxy` is ffmpeg's CONNECT for https), so
 * a playlist naming file:, concat: or pipe: URLs cannot turn ffmpeg on the hall.
 */
export function accessArgs(s: Exclude<PulledSource, { kind: 'synthetic' }>, o: { ioTimeoutS: number; httpProxy?: string }): string[] {
  const timeoutUs = String(o.ioTimeoutS * 1_000_000);
  switch (s.kind) {
    case 'rtsp':
      // TCP: a wall PC behind NAT or a lossy LAN gets whole frames; UDP smears.
      return ['-protocol_whitelist', 'rtsp,tcp', '-rtsp_transport', 'tcp', '-timeout', timeoutUs];
    case 'http':
      return ['-protocol_whitelist', 'http,https,tcp,tls,httpproxy', ...(o.httpProxy ? ['-http_proxy', o.httpProxy] : []), '-rw_timeout', timeoutUs];
    case 'file':
      return ['-protocol_whitelist', 'file'];
  }
}

function inputArgs(s: PulledSource, o: SourceArgsOptions): string[] {
  switch (s.kind) {
    case 'rtsp':
    case 'http':
      return [...accessArgs(s, o), '-i', s.url];
    case 'file':
      return [...accessArgs(s, o), '-re', '-stream_loop', '-1', '-i', s.path];
    case 'synthetic': {
      const w = s.width ?? 960;
      const h = s.height ?? 540;
      return ['-re', '-f', 'lavfi', '-i', `testsrc2=size=${w}x${h}:rate=${s.fps ?? 15}`];
    }
  }
}

/** The synthetic camera's look: hue per variant, its name top left and the hall's clock bottom right. */
function syntheticFilter(s: Extract<PulledSource, { kind: 'synthetic' }>, o: SourceArgsOptions): string {
  const font = o.fontFile ? `fontfile=${filterValue(o.fontFile)}:` : '';
  const size = Math.round((s.height ?? 540) / 16);
  const box = `box=1:boxcolor=black@0.55:boxborderw=${Math.round(size / 3)}`;
  const label = o.labelFile ? `drawtext=${font}textfile=${filterValue(o.labelFile)}:fontsize=${size}:fontcolor=white:x=${size}:y=${size}:${box},` : '';
  return `hue=H=${s.variant * 1.3},${label}drawtext=${font}text='%{localtime}':fontsize=${size}:fontcolor=white:x=w-tw-${size}:y=h-th-${size}:${box}`;
}

/**
 * ffmpeg arguments for one pulled camera: its input, H.264 copied or encoded with a keyframe every
 * segment, written as live HLS with #EXT-X-PROGRAM-DATE-TIME on every segment (the wall's tiles and the
 * evidence service map frames to wall-clock time by it). Segments are never deleted by ffmpeg: the
 * gateway keeps the DVR window itself.
 */
export function gatewayArgs(source: PulledSource, out: HlsOutput, o: SourceArgsOptions): string[] {
  const fps = source.kind === 'synthetic' ? (source.fps ?? 15) : 25;
  const gop = String(Math.max(1, Math.round(fps * out.segmentSeconds)));
  const chain = [source.kind === 'synthetic' ? `[0:v]${syntheticFilter(source, o)}[base]` : '[0:v]null[base]'];
  if (o.maskFile) chain.push('[base][1:v]overlay=format=auto[v]');
  const filtered = source.kind === 'synthetic' || o.maskFile !== undefined;
  const map = filtered ? ['-filter_complex', chain.join(';').replace(/\[base\]$/, '[v]'), '-map', '[v]'] : ['-map', '0:v:0'];
  const encode = ['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-crf', '28', '-g', gop, '-keyint_min', gop, '-sc_threshold', '0'];
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin',
    ...inputArgs(source, o),
    ...(o.maskFile ? ['-i', o.maskFile] : []),
    ...map,
    '-an',
    ...(o.copy && !filtered ? ['-c:v', 'copy'] : encode),
    '-f', 'hls',
    '-hls_time', String(out.segmentSeconds),
    '-hls_list_size', String(out.listSize),
    '-start_number', String(out.startNumber),
    '-hls_flags', 'program_date_time+independent_segments+omit_endlist+temp_file',
    '-hls_segment_filename', `${out.outDir}/seg-%09d.ts`,
    `${out.outDir}/index.m3u8`,
  ];
}
