import type { CaseData } from '../cases/case-data';
import type { EvidenceStore } from './evidence-store';

/**
 * The classes video capture most often finds (docs/domain.md, "Evidence"): 店外经营, 暴露垃圾 and
 * 占道经营, which the catalogue files as 无照经营游商 (its 立案条件: 无照流动摊贩占道经营).
 */
export const COMMON_VIDEO_CLASSES = ['event.0504', 'event.0102', 'event.0501'] as const;

const RADIUS_M = 150;
const DAYS = 90;
const SHOWN = 5;

export interface Suggestion {
  category: string;
  name: { zh: string; en: string };
  /** Video-captured cases of this class near the camera in the last 90 days (0: a common class). */
  count: number;
}

/**
 * Categories for the case form: the classes of video-captured cases within 150 m of the camera in the
 * last 90 days, most frequent first, topped up with the common video-capture classes.
 */
export async function suggestCategories(store: EvidenceStore, data: CaseData | undefined, camera: { lon?: number; lat?: number }, now: number): Promise<{ basis: 'history' | 'common'; items: Suggestion[] }> {
  const near = camera.lon !== undefined && camera.lat !== undefined ? await store.videoCategoriesNear(camera.lon, camera.lat, RADIUS_M, now - DAYS * 86_400_000, SHOWN) : [];
  const items: Suggestion[] = [];
  const add = (category: string, count: number) => {
    const cls = data?.catalogue.byKey.get(category);
    if (!cls || items.some((s) => s.category === category)) return;
    items.push({ category, name: { zh: cls.name.zh, en: cls.name.en }, count });
  };
  for (const r of near) add(r.category, r.count);
  for (const c of COMMON_VIDEO_CLASSES) if (items.length < SHOWN) add(c, 0);
  return { basis: near.length > 0 ? 'history' : 'common', items };
}
