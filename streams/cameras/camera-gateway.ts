import type { HostRule } from '../../app/camera/host-rules';
import type { ModuleLog } from '../hall/hall-module';
import { findCjkFontFile } from '../video/cjk-font';
import { locateFfmpeg } from '../video/ffmpeg-locator';
import type { DvrSegment, GatewayHealth, PulledSource } from '../video/gateway/gateway-types';
import { VideoGateway } from '../video/gateway/video-gateway';

/** What the cameras module uses of the video gateway (a fake in unit tests). */
export interface CameraGateway {
  register(id: string, source: PulledSource): void;
  unregister(id: string): Promise<void>;
  demand(id: string): void;
  health(id: string): GatewayHealth | undefined;
  dvr(id: string): readonly DvrSegment[];
  onHealth(fn: (id: string, h: GatewayHealth) => void): void;
  stop(): Promise<void>;
}

export interface OpenedGateway {
  gateway: VideoGateway;
  /** Why pulled cameras cannot play (no ffmpeg), if so. */
  ffmpegMissing?: string;
}

/** The hall's one video gateway: ffmpeg from FFMPEG_PATH, ffmpeg-static or the system; HLS under `<data>/video`. */
export async function openGateway(o: { videoRoot: string; ffmpegPath: string | undefined; timeZone: string; log: ModuleLog; hosts: readonly HostRule[] }): Promise<OpenedGateway> {
  const ffmpeg = await locateFfmpeg(o.ffmpegPath);
  // Synthetic (demo) cameras burn their Chinese names in with it.
  const fontFile = ffmpeg.ok ? await findCjkFontFile() : undefined;
  const gateway = new VideoGateway({
    videoRoot: o.videoRoot,
    ffmpeg: ffmpeg.ok ? ffmpeg.path : undefined,
    ...(ffmpeg.ok ? {} : { ffmpegMissing: ffmpeg.message }),
    timeZone: o.timeZone,
    log: o.log,
    // Every connection ffmpeg makes for a camera, redirects included, stays within the registry's hosts.
    hosts: o.hosts,
    ...(fontFile ? { fontFile } : {}),
  });
  return { gateway, ...(ffmpeg.ok ? {} : { ffmpegMissing: ffmpeg.message }) };
}
