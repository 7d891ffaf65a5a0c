/** What a synthetic demo camera looks like and how its live HLS is cut. */
export interface DemoCameraSpec {
  /** Directory the playlist and segments are written to. */
  outDir: string;
  /** File holding the camera name burned into the picture (a file avoids filtergraph escaping of CJK). */
  labelFile: string;
  fontFile?: string;
  width: number;
  height: number;
  fps: number;
  /** Segment length in seconds; 1 s keeps wall latency low. */
  segmentSeconds: number;
  /** Segments kept in the live playlist (and on disk). */
  listSize: number;
  /** testsrc2 pattern offset so several cameras don't look identical. */
  variant: number;
}

/** Quotes a value for an ffmpeg filter option: inside single quotes only the quote itself needs care. */
export function filterValue(v: string): string {
  return `'${v.replace(/'/g, "'\\''")}'`;
}

/**
 * ffmpeg arguments for a synthetic live camera: a moving test pattern with the camera's name and a
 * burned-in local clock, encoded H.264 with a keyframe every segment, as live HLS with
 * #EXT-X-PROGRAM-DATE-TIME so the wall and the evidence service can map frames to wall-clock time.
 */
export function demoCameraArgs(s: DemoCameraSpec): string[] {
  const font = s.fontFile ? `fontfile=${filterValue(s.fontFile)}:` : '';
  const size = Math.round(s.height / 18);
  const box = `box=1:boxcolor=black@0.55:boxborderw=${Math.round(size / 3)}`;
  const filters = [
    `hue=H=${s.variant * 1.3}`,
    `drawtext=${font}textfile=${filterValue(s.labelFile)}:fontsize=${size}:fontcolor=white:x=${size}:y=${size}:${box}`,
    `drawtext=${font}text='%{localtime}':fontsize=${size}:fontcolor=white:x=w-tw-${size}:y=h-th-${size}:${box}`,
  ].join(',');
  return [
    '-hide_banner',
    '-loglevel', 'error',
    '-nostdin',
    '-re',
    '-f', 'lavfi',
    '-i', `testsrc2=size=${s.width}x${s.height}:rate=${s.fps}`,
    '-vf', filters,
    '-c:v', 'libx264',
    '-preset', 'ultrafast',
    '-tune', 'zerolatency',
    '-pix_fmt', 'yuv420p',
    '-crf', '30',
    '-g', String(s.fps * s.segmentSeconds),
    '-keyint_min', String(s.fps * s.segmentSeconds),
    '-sc_threshold', '0',
    '-f', 'hls',
    '-hls_time', String(s.segmentSeconds),
    '-hls_list_size', String(s.listSize),
    '-hls_flags', 'delete_segments+program_date_time+independent_segments+omit_endlist+temp_file',
    '-hls_segment_filename', `${s.outDir}/seg-%06d.ts`,
    `${s.outDir}/index.m3u8`,
  ];
}
