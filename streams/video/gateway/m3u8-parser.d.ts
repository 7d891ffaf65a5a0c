// The parts of m3u8-parser (videojs, no bundled types) the gateway reads.
declare module 'm3u8-parser' {
  export interface ParsedSegment {
    uri: string;
    /** Seconds (#EXTINF). */
    duration: number;
    /** Epoch ms of #EXT-X-PROGRAM-DATE-TIME, when the segment has one. */
    programDateTime?: number;
    discontinuity?: boolean;
  }
  export interface ParsedManifest {
    segments: ParsedSegment[];
    mediaSequence?: number;
    targetDuration?: number;
    endList?: boolean;
  }
  export class Parser {
    manifest: ParsedManifest;
    push(chunk: string): void;
    end(): void;
  }
}
