import { SOURCE_NAMES, type CaseSource } from '../../app/case/case';
import type { Catalogue, CatalogueClass } from '../../app/case/catalogue';
import type { Open311Value } from './open311-format';

/*
 * The service list is the catalogue (docs/architecture.md "Cases"), one service per small class (小类):
 * - service_code is the class key (`event.0102`, `part.0101`), not the 4-digit code: component and event
 *   codes overlap (`event.0101` 私搭乱建 vs `part.0101` 上水井盖), and the key is what a case stores.
 * - service_name is the Chinese name (the hall's working language); the English name, kind and major
 *   class are in description and keywords; group is the major class (大类) name.
 * - Every service has one required attribute, `channel`: which hotline took the call (12345 or 12319),
 *   which becomes the case's source. So metadata is true and "a POST without required attributes" is
 *   a real, checkable mistake.
 * - type is realtime: a POST returns the case number at once.
 */

/** The attribute code of the hotline channel. */
export const CHANNEL = 'channel';

/** Channel keys as a hotline system sends them, and the case source each becomes (a Map keeps this order). */
export const CHANNELS: ReadonlyMap<string, CaseSource> = new Map([
  ['12345', 'hotline-12345'],
  ['12319', 'hotline-12319'],
]);

const KIND_NAMES = { part: { zh: '部件', en: 'component' }, event: { zh: '事件', en: 'event' } } as const;

function describe(cls: CatalogueClass): string {
  const kind = KIND_NAMES[cls.kind];
  const urgent = cls.urgent ? ' 紧急 (urgent).' : '';
  return `${cls.name.en}: ${kind.zh} ${kind.en} ${cls.code}, ${cls.major.name.zh} ${cls.major.name.en}.${urgent}`;
}

function keywords(cls: CatalogueClass): string {
  const kind = KIND_NAMES[cls.kind];
  const words = [cls.name.zh, cls.name.en, cls.major.name.zh, cls.major.name.en, kind.zh, kind.en, cls.code];
  return [...new Set(words)].join(', ');
}

/** One entry of GET services. */
export function serviceItem(cls: CatalogueClass): Open311Value {
  return {
    service_code: cls.key,
    service_name: cls.name.zh,
    description: describe(cls),
    metadata: true,
    type: 'realtime',
    keywords: keywords(cls),
    group: cls.major.name.zh,
  };
}

/** GET services: the whole catalogue in its own order. */
export function serviceList(catalogue: Catalogue): Open311Value {
  return catalogue.classes.map(serviceItem);
}

/** GET services/{code}: the definition, the same channel attribute for every class. */
export function serviceDefinition(cls: CatalogueClass): Open311Value {
  return {
    service_code: cls.key,
    attributes: [
      {
        variable: true,
        code: CHANNEL,
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '12345 或 12319 (one of the keys below)',
        order: 1,
        description: '受理热线 — the hotline that took the call',
        values: [...CHANNELS].map(([key, source]) => ({ key, name: `${SOURCE_NAMES[source].zh} (${SOURCE_NAMES[source].en})` })),
      },
    ],
  };
}

/** What the centre does about a class (its 处置要求), as the spec's service_notice. */
export function serviceNotice(cls: CatalogueClass | undefined): string | null {
  return cls?.conditions.handle || null;
}
