/** A display as the OS reports it (the subset the kiosk needs). */
export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
  primary: boolean;
}

export interface KioskWindowSpec {
  surface: string;
  displayId: number;
  bounds: DisplayInfo['bounds'];
  url: string;
}

/**
 * Which kiosk windows to open. Until a WallSpec assigns panels to outputs, the wall is one surface,
 * full screen on the primary display (or the first, if none is marked primary).
 */
export function planKioskWindows(displays: readonly DisplayInfo[], wallUrl: URL, token?: string): KioskWindowSpec[] {
  const display = displays.find((d) => d.primary) ?? displays[0];
  if (!display) return [];
  const url = new URL(wallUrl);
  url.searchParams.set('surface', 'wall-0');
  if (token) {
    const hash = new URLSearchParams(url.hash.slice(1));
    hash.set('token', token);
    url.hash = hash.toString();
  }
  return [{ surface: 'wall-0', displayId: display.id, bounds: display.bounds, url: url.toString() }];
}
