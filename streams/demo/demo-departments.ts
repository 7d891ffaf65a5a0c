import type { CatalogueClass } from '../../app/case/catalogue';

/**
 * The demo city's departments (责任单位) are the catalogue's, by the names it gives them: dispatches,
 * department tokens and the department ranking all use those names. 街道办事处 in the catalogue means the
 * office of the case's own street, named as the city names it (八宝山街道办事处).
 */
export const STREET_OFFICE = '街道办事处';

/** The street office of each street code (from the city's places). */
export type StreetOffices = ReadonlyMap<string, string>;

/** The department a class is dispatched to in a street. */
export function departmentFor(cls: Pick<CatalogueClass, 'department'>, street: string, offices: StreetOffices): string {
  const name = cls.department.trim();
  if (name === STREET_OFFICE || !name) return offices.get(street) ?? STREET_OFFICE;
  return name;
}

/** Every department the catalogue names, street offices once per street, sorted. */
export function allDepartments(classes: readonly Pick<CatalogueClass, 'department'>[], offices: StreetOffices): string[] {
  const ids = new Set<string>();
  for (const c of classes) {
    const name = c.department.trim();
    if (name === STREET_OFFICE || !name) for (const o of offices.values()) ids.add(o);
    else ids.add(name);
  }
  return [...ids].sort();
}

/**
 * How slow a department tends to be (1 = the district's usual pace; above 1 it misses more deadlines and
 * has more rework), so the department ranking has a top and a bottom. Illustrative, not a judgement.
 */
export const DEPARTMENT_PACE: Readonly<Record<string, number>> = {
  区环卫中心: 0.6,
  城管执法队: 0.9,
  区排水管理所: 0.8,
  区路灯管理所: 1.1,
  交警支队: 1.3,
  供电公司: 1.2,
  通信运营商: 2.2,
  有线电视公司: 1.8,
  区园林绿化局: 1.5,
  区市政管理所: 1.4,
  区住建委: 1.8,
  区交通委: 1.2,
  供水公司: 0.9,
  燃气公司: 0.7,
  热力公司: 1,
};

/**
 * A department's pace in a street: a street office's is its street's; the others carry some of the
 * street's too (how well it coordinates: access, owners, repeat complaints).
 */
export function departmentPace(department: string, streetPace: number): number {
  return department.endsWith(STREET_OFFICE) ? streetPace : (DEPARTMENT_PACE[department] ?? 1) * streetPace ** 0.7;
}
