import { useEffect } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import Type from 'typebox';
import { categoryName } from '../../app/catalogue/categories';
import { LocalizedText, type CityInfo } from '../../app/city/city';
import { caseStatsChannel } from '../../app/case/case-channels';
import { surfaceGet } from '../access/surface';
import { useI18n } from '../i18n/use-i18n';
import { useLatest } from '../live/live-store';

/**
 * Names of catalogue classes (`event.0102` → 暴露垃圾). The hall's catalogue is the city's own (a CSV it
 * edits), so the names come from the hall (`GET /api/cases/catalogue`), once per window; until then, or
 * on a hall without that route, the bundled classes (app/catalogue), else the key itself.
 */
const CatalogueNames = Type.Array(Type.Object({ key: Type.String(), name: LocalizedText }));

const names = createStore<{ byKey: ReadonlyMap<string, LocalizedText> }>()(() => ({ byKey: new Map() }));
let asked = false;

function askOnce(): void {
  if (asked) return;
  asked = true;
  surfaceGet('/api/cases/catalogue', CatalogueNames)
    .then((c) => names.setState({ byKey: new Map(c.map((x) => [x.key, x.name])) }))
    .catch(() => undefined); // not there (yet) or not for this role: the bundled names stand
}

export function useCategoryName(): (key: string) => string {
  const { locale } = useI18n();
  const byKey = useStore(names, (s) => s.byKey);
  useEffect(askOnce, []);
  return (key) => {
    const n = byKey.get(key);
    return n ? (locale === 'en' ? n.en : n.zh) : categoryName(key, locale);
  };
}

/** Department names from the rankings the hall publishes (their keys are what marks carry). */
export function useDepartmentName(): (key: string | undefined) => string | undefined {
  const stats = useLatest(caseStatsChannel).get('city');
  return (key) => (key === undefined ? undefined : (stats?.departments.find((d) => d.key === key)?.name ?? key));
}

/** A place's short name (a community without its 社区 suffix: the row says what it is). */
export function placeName(city: CityInfo, code: string | undefined): string | undefined {
  if (!code) return undefined;
  const p = city.places.find((x) => x.code === code);
  return p ? p.shortName.replace(/(社区|村)$/, '') : undefined;
}
