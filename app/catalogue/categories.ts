/**
 * A small part of the component/event catalogue (CJ/T 214 style, docs/domain.md "Components and events"): enough to name what the
 * demo city's inspectors report. Codes are namespaced by kind because component and event codes overlap
 * (0101 is a water cover as a component, an illegal structure as an event). Cities extend this as data.
 */
export interface Category {
  code: string;
  kind: 'event' | 'part';
  name: { zh: string; en: string };
}

export const CATEGORIES: readonly Category[] = [
  { code: 'event.0101', kind: 'event', name: { zh: '私搭乱建', en: 'Illegal structure' } },
  { code: 'event.0102', kind: 'event', name: { zh: '暴露垃圾', en: 'Exposed garbage' } },
  { code: 'event.0103', kind: 'event', name: { zh: '积存垃圾渣土', en: 'Accumulated waste' } },
  { code: 'event.0104', kind: 'event', name: { zh: '道路不洁', en: 'Dirty road' } },
  { code: 'event.0107', kind: 'event', name: { zh: '废弃车辆', en: 'Abandoned vehicle' } },
  { code: 'event.0201', kind: 'event', name: { zh: '非法小广告', en: 'Illegal flyers' } },
  { code: 'event.0504', kind: 'event', name: { zh: '店外经营', en: 'Trading outside shop' } },
  { code: 'event.0505', kind: 'event', name: { zh: '机动车乱停放', en: 'Illegal car parking' } },
  { code: 'event.0506', kind: 'event', name: { zh: '非机动车乱停放', en: 'Illegal bike parking' } },
  { code: 'event.0507', kind: 'event', name: { zh: '乱堆物堆料', en: 'Dumped materials' } },
  { code: 'part.0102', kind: 'part', name: { zh: '污水井盖', en: 'Sewer cover' } },
  { code: 'part.0118', kind: 'part', name: { zh: '路灯', en: 'Street lamp' } },
  { code: 'part.0305', kind: 'part', name: { zh: '垃圾箱', en: 'Litter bin' } },
];

const BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));

export function categoryName(code: string, locale: 'zh-CN' | 'en'): string {
  const c = BY_CODE.get(code);
  return c ? (locale === 'en' ? c.name.en : c.name.zh) : code;
}
