import { describe, expect, it } from 'vitest';
import { demoCameraArgs, filterValue } from './demo-camera-args';

describe('demo camera ffmpeg arguments', () => {
  const args = demoCameraArgs({
    outDir: '/data/video/cam-1',
    labelFile: '/data/video/cam-1/label.txt',
    fontFile: '/usr/share/fonts/x.ttc',
    width: 1280,
    height: 720,
    fps: 25,
    segmentSeconds: 1,
    listSize: 8,
    variant: 1,
  });
  const after = (flag: string) => args[args.indexOf(flag) + 1];

  it('cuts 1 s segments on keyframes with program date-time tags', () => {
    expect(after('-hls_time')).toBe('1');
    expect(after('-g')).toBe('25');
    expect(after('-hls_flags')).toContain('program_date_time');
    expect(after('-hls_flags')).toContain('delete_segments');
    expect(args.at(-1)).toBe('/data/video/cam-1/index.m3u8');
  });

  it('burns in the camera name and a clock', () => {
    expect(after('-vf')).toContain("textfile='/data/video/cam-1/label.txt'");
    expect(after('-vf')).toContain('%{localtime}');
  });

  it('escapes filter values', () => {
    expect(filterValue("C:/a'b")).toBe("'C:/a'\\''b'");
  });
});
