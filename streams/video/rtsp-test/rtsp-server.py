#!/usr/bin/python3
"""A real RTSP server standing in for IP cameras in tests (GStreamer's rtsp-server).

Usage: rtsp-server.py PORT [MOUNT=PIPELINE_KIND ...]
PIPELINE_KIND: `pattern:N` (a moving test pattern, variant N, H.264, 1 s GOP at 25 fps, 640x360) or
`file:/abs/path.mp4` (an H.264 MP4 looped as live). Prints "ready" once it listens; stops on SIGTERM.
"""
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def launch(kind: str) -> str:
    if kind.startswith("pattern:"):
        n = int(kind.split(":", 1)[1])
        return (
            f"( videotestsrc is-live=true pattern={n % 25} ! video/x-raw,width=640,height=360,framerate=25/1 "
            "! clockoverlay halignment=right valignment=bottom font-desc=\"Sans 18\" "
            "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bitrate=600 "
            "! video/x-h264,profile=baseline ! rtph264pay name=pay0 pt=96 config-interval=1 )"
        )
    if kind.startswith("file:"):
        path = kind.split(":", 1)[1]
        return (
            f"( filesrc location=\"{path}\" ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
        )
    raise SystemExit(f"unknown source kind {kind!r}")


def main() -> None:
    Gst.init(None)
    port = sys.argv[1]
    mounts = sys.argv[2:] or ["cam1=pattern:0"]
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    table = server.get_mount_points()
    for spec in mounts:
        mount, kind = spec.split("=", 1)
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(launch(kind))
        factory.set_shared(True)
        table.add_factory(f"/{mount}", factory)
    if server.attach(None) == 0:
        raise SystemExit(f"cannot listen on 127.0.0.1:{port}")
    loop = GLib.MainLoop()
    signal.signal(signal.SIGTERM, lambda *_: loop.quit())
    signal.signal(signal.SIGINT, lambda *_: loop.quit())
    GLib.timeout_add(200, lambda: False)
    print("ready", flush=True)
    loop.run()


if __name__ == "__main__":
    main()
