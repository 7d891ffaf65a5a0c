import type { CaseSource } from '../../app/case/case';
import type { CatalogueClass } from '../../app/case/catalogue';
import { limitMs } from '../../app/case/time-limit';
import type { Auth } from '../auth/auth';
import { ephemeralToken, type TokenEntry } from '../auth/tokens';
import type { CaseData } from '../cases/case-data';
import { CaseDesk, type DeskIntake } from '../simulator/case-desk';
import { CasesClient, type NewCaseBody } from '../simulator/cases-client';
import { DESK_RATES, type DeskActor, type DeskContext } from '../simulator/desk-plan';
import type { Rng } from '../simulator/walker';
import { streetPaces } from './case-history';
import { CLASS_WEIGHTS, picker, SOURCE_MIX, sourceKind } from './case-mix';
import { DEMO_STAFF } from './case-story';
import type { CaseWorld } from './demo-case-world';
import { allDepartments, departmentFor, departmentPace } from './demo-departments';
import { WorkClock } from './work-clock';

const DAY = 86_400_000;

export interface DemoDeskOptions {
  hallUrl: string;
  auth: Auth;
  /** The hall's time zone (departments work the working calendar's hours in it). */
  timeZone: string;
  data: CaseData;
  world: CaseWorld;
  seed: number;
  /** Inspector reports per hour across all patrols (the MQTT simulator's): video and hotline follow the mix. */
  inspectorReportsPerHour: number;
  /** How much faster than life the desk's steps go. */
  speed?: number;
  tickMs?: number;
  ready?: Promise<unknown>;
  log(line: string): void;
}

const key = (a: DeskActor) => `${a.role}:${a.id}`;

/**
 * The people of the demo's centre, each with a token of this process only (like the simulator's gateway):
 * acceptors, shift leaders, dispatchers, a token per department bound to it, a terminal token per
 * inspector bound to its unit, the operator who confirms video alarms and the hotline system.
 */
function deskTokens(o: DemoDeskOptions): { entries: TokenEntry[]; tokenOf: Map<string, string>; intake: Map<CaseSource, string> } {
  const entries: TokenEntry[] = [];
  const tokenOf = new Map<string, string>();
  const add = (actor: DeskActor, entry: TokenEntry) => {
    entries.push(entry);
    tokenOf.set(key(actor), entry.token);
  };
  for (const id of DEMO_STAFF.acceptors) add({ role: 'acceptor', id }, ephemeralToken('acceptor', { name: id }));
  for (const id of DEMO_STAFF.leaders) add({ role: 'shift-leader', id }, ephemeralToken('shift-leader', { name: id }));
  for (const id of DEMO_STAFF.dispatchers) add({ role: 'dispatcher', id }, ephemeralToken('dispatcher', { name: id }));
  for (const id of allDepartments(o.data.catalogue.classes, o.world.offices)) add({ role: 'department', id }, ephemeralToken('department', { name: id, departments: [id] }));
  for (const unit of new Set([...o.world.inspectors.values()].flat())) add({ role: 'inspector', id: unit }, ephemeralToken('terminal', { name: unit, units: [unit] }));
  const video = ephemeralToken('operator', { name: 'video-ai' });
  const hotline = ephemeralToken('hotline', { name: 'hotline-12345' });
  entries.push(video, hotline);
  const intake = new Map<CaseSource, string>([
    ['video', video.token],
    ['hotline-12345', hotline.token],
    ['hotline-12319', hotline.token],
  ]);
  return { entries, tokenOf, intake };
}

/**
 * The demo's own cases: its history, its intake, and the reports of its simulated inspectors (the cases
 * module opens `report:<report id>`, and the simulator's report ids start with the unit). A case someone
 * opened at a console or through the API is left to them.
 */
export function ownedBy(clientId: string | undefined, units: ReadonlySet<string>): boolean {
  if (!clientId) return false;
  if (clientId.startsWith('demo-')) return true;
  const m = /^report:(.+)-[0-9a-z]+-\d+$/.exec(clientId);
  return m !== null && units.has(m[1] as string);
}

/** The desk's view of the catalogue and the district: departments, allowances, inspectors, paces. */
function deskContext(o: DemoDeskOptions): Omit<DeskContext, 'startedAt'> {
  const { catalogue, calendar } = o.data;
  const now = Date.now();
  const clock = new WorkClock(calendar, o.timeZone, now - 100 * DAY, now + 100 * DAY);
  const cls = (category: string): CatalogueClass | undefined => catalogue.byKey.get(category);
  const names = [...new Set(catalogue.classes.map((c) => c.department))];
  const everyone = [...new Set([...o.world.inspectors.values()].flat())];
  const units = new Set(everyone);
  const paceOfStreet = streetPaces(o.world.streets, o.seed);
  return {
    speed: o.speed ?? 10,
    catchUpMs: 15 * 60_000,
    lingerMs: 6 * 3_600_000,
    rates: DESK_RATES,
    staff: DEMO_STAFF,
    handleMs: (category) => {
      const limit = cls(category)?.limits.handle;
      return limit ? limitMs(limit, calendar.dayMs) : undefined;
    },
    handleAfter: (start, ms, category) => {
      const limit = cls(category)?.limits.handle;
      return limit ? clock.addMeasured(start, ms, limit) : start + ms;
    },
    department: (category, street) => {
      const c = cls(category);
      return c ? departmentFor(c, street ?? '', o.world.offices) : undefined;
    },
    wrongDepartment: (category, street, rng) => {
      const c = cls(category);
      const others = names.filter((n) => n !== c?.department);
      const name = others[Math.floor(rng() * others.length)];
      return name ? departmentFor({ department: name }, street ?? '', o.world.offices) : undefined;
    },
    pace: (department, street) => departmentPace(department, paceOfStreet.get(street ?? '') ?? 1),
    inspectors: (street) => {
      const own = street ? o.world.inspectors.get(street) : undefined;
      return own?.length ? own : everyone;
    },
    owns: (c) => ownedBy(c.clientId, units),
  };
}

/** Video alarms and hotline calls at the district's mix relative to the inspectors' reports. */
function intakeOf(o: DemoDeskOptions): DeskIntake {
  const share = (source: CaseSource) => SOURCE_MIX.find(([s]) => s === source)?.[1] ?? 0;
  const inspectors = share('inspector') || 1;
  const perHour: Partial<Record<CaseSource, number>> = {};
  for (const source of ['video', 'hotline-12345', 'hotline-12319'] as const) perHour[source] = (o.inspectorReportsPerHour * share(source)) / inspectors;
  const classes = Object.fromEntries(
    (['video', 'hotline'] as const).map((k) => [k, picker(CLASS_WEIGHTS[k].filter(([c]) => o.data.catalogue.byKey.has(c)).map(([c, w]) => [o.data.catalogue.byKey.get(c) as CatalogueClass, w] as const))]),
  ) as Record<'video' | 'hotline', (rng: Rng) => CatalogueClass>;
  const place = picker(o.world.places.map((p) => [p, p.weight] as const));
  return {
    perHour,
    make: (source, rng, now, n): NewCaseBody => {
      const kind = sourceKind(source) === 'video' ? 'video' : 'hotline';
      const cls = classes[kind](rng);
      const p = place(rng);
      return {
        clientId: `demo-${kind}-${now.toString(36)}-${n}`,
        source,
        category: cls.key,
        lon: Math.round((p.lon + (rng() - 0.5) * 0.0002) * 1e7) / 1e7,
        lat: Math.round((p.lat + (rng() - 0.5) * 0.0002) * 1e7) / 1e7,
        description: kind === 'video' ? `${cls.name.zh}（视频智能识别）` : `市民来电反映：${cls.name.zh}，请尽快处理`,
        ...(p.address ? { address: p.address } : {}),
        reportedAt: now,
      };
    },
  };
}

/** The demo's case desk, its tokens added to the hall; call `start()` once the hall is up. */
export function demoDesk(o: DemoDeskOptions): CaseDesk {
  const tokens = deskTokens(o);
  for (const t of tokens.entries) o.auth.add(t);
  const reader = tokens.tokenOf.get(key({ role: 'acceptor', id: DEMO_STAFF.acceptors[0] ?? '' })) ?? '';
  const api = new CasesClient({
    baseUrl: o.hallUrl,
    readToken: reader,
    tokenOf: (a) => tokens.tokenOf.get(key(a)),
    intakeToken: (s) => tokens.intake.get(s),
    log: o.log,
  });
  return new CaseDesk({
    api,
    context: deskContext(o),
    seed: o.seed,
    intake: intakeOf(o),
    ...(o.tickMs ? { tickMs: o.tickMs } : {}),
    ...(o.ready ? { ready: o.ready } : {}),
  });
}
