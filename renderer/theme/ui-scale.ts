/**
 * The wall's UI scale: 1 on a 1080-line console, 2 on a 2160-line wall panel. The root font size in
 * wall.css follows the same rule (100vh / 54), so rem-based CSS and pixel-based map/chart drawing agree.
 */
export function uiScale(viewportHeight: number = window.innerHeight): number {
  return Math.min(4, Math.max(0.6, viewportHeight / 1080));
}
