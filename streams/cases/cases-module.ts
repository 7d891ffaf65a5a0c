import { caseChannel, caseFocusChannel, caseStatsChannel, type CaseMark } from '../../app/case/case-channels';
import type { CaseActor } from '../../app/case/case';
import { STAGES } from '../../app/case/case-stage';
import type { KpiGrouping } from '../../app/case/kpi';
import type { ReportState } from '../../app/report/inspector-report';
import type { HallModule } from '../hall/hall-module';
import type { ReportsModule } from '../reports/reports-module';
import { loadCaseData, type CaseData } from './case-data';
import { CASE_MIGRATIONS } from './case-migrations';
import { registerCaseRoutes } from './case-routes';
import { registerCatalogueRoutes } from './catalogue-routes';
import { registerOpen311Routes } from '../open311/open311-routes';
import { caseStats } from './case-stats';
import { CaseStore, type CaseFile, type CaseRecord } from './case-store';
import { loadKpiWeights } from './kpi-config';
import { registerKpiRoutes } from './kpi-routes';
import type { KpiNaming } from './kpi-store';
import { PhotoStore } from './photo-store';

/** Statistics are recounted at most this often while cases move, and at least this often for the clock. */
const STATS_MIN_MS = 2_000;
const STATS_MAX_MS = 60_000;
/** Open cases restored into the live channel at start (newest first); beyond this the wall shows counts only. */
const WARM_OPEN_CASES = 20_000;

export interface CasesModule extends HallModule {
  /** The store, once the database is open. */
  store(): CaseStore | undefined;
  data(): CaseData | undefined;
  /** After a case was made or moved outside the HTTP routes (Open311, evidence, imports): publish it. */
  changed(file: CaseFile | CaseRecord): void;
  /** Called with every case this hall server publishes (made or moved), after it is on the live channel. */
  onPublished(fn: (r: CaseFile | CaseRecord) => void): void;
  /** After many cases were written behind the module's back (a bulk import, the demo's past): re-read the open ones. Returns how many. */
  refresh(): Promise<number>;
}

/** An open case as the wall shows it. */
export function caseMark(r: CaseRecord): CaseMark {
  const c = r.case;
  const m: CaseMark = {
    id: c.id,
    caseNo: c.caseNo,
    stage: c.stage,
    category: c.category,
    source: c.source,
    lon: c.lon,
    lat: c.lat,
    reportedAt: c.reportedAt,
    updatedAt: r.updatedAt,
    summary: c.description.length > 140 ? `${c.description.slice(0, 139)}…` : c.description,
  };
  for (const k of ['grid', 'community', 'street', 'department'] as const) if (c[k]) m[k] = c[k];
  if (r.deadline !== undefined) m.deadline = r.deadline;
  if (c.urgent) m.urgent = true;
  if (c.outsideDistrict) m.outsideDistrict = true;
  return m;
}

/** A report's class as the catalogue knows it: `event.0102`, or a bare code (events first: inspectors report events). */
export function categoryOfReport(category: string, data: CaseData): string | undefined {
  if (data.catalogue.byKey.has(category)) return category;
  for (const kind of ['event', 'part']) if (data.catalogue.byKey.has(`${kind}.${category}`)) return `${kind}.${category}`;
  return undefined;
}

/**
 * Cases (案卷): the seven-stage workflow over HTTP with roles on every step, an inspector's MQTT report
 * opened as a case at 上报, the open cases and the statistics on live channels, KPIs and their exports.
 */
export function casesModule(reports: ReportsModule): CasesModule {
  let store: CaseStore | undefined;
  let data: CaseData | undefined;
  let publish: ((file: CaseFile | CaseRecord) => void) | undefined;
  let restore: ((relay: boolean) => Promise<number>) | undefined;
  const listeners: Array<(r: CaseFile | CaseRecord) => void> = [];

  return {
    name: 'cases',
    migrations: CASE_MIGRATIONS,
    store: () => store,
    data: () => data,
    changed: (file) => publish?.(file),
    refresh: async () => (restore ? restore(true) : 0),
    onPublished: (fn) => void listeners.push(fn),

    async setup(hall) {
      const tz = hall.city.timeZone;
      const now = () => hall.clock.now();
      const caseData = await loadCaseData();
      data = caseData;
      const { weights } = await loadKpiWeights(hall.config.dataDir);
      const photos = new PhotoStore(hall.config.dataDir);
      const marks = hall.channel(caseChannel, {
        onRemote: (change) => {
          for (const { item, at } of change.upsert) marks.upsert(item, { at, relay: false });
          for (const key of change.remove) marks.remove(key, { relay: false });
          statsDirty = true;
        },
      });
      const stats = hall.channel(caseStatsChannel);
      const focus = hall.channel(caseFocusChannel);

      const places = new Map(hall.city.places.map((p) => [p.code, p.shortName || p.name]));
      const gridsIn = new Map<string, number>();
      for (const f of hall.grids?.features ?? []) {
        for (const k of [f.properties.street, f.properties.community]) if (k) gridsIn.set(k, (gridsIn.get(k) ?? 0) + 1);
      }
      const naming: KpiNaming = {
        name: (by: KpiGrouping, key: string) => (by === 'street' || by === 'community' ? (places.get(key) ?? key) : key),
        grids: (by: KpiGrouping, key: string) => (by === 'grid' ? 1 : (gridsIn.get(key) ?? 1)),
      };

      let statsDirty = true;
      let lastStats = 0;
      let counting = false;
      publish = (r) => {
        if (STAGES[r.case.stage].terminal) marks.remove(r.case.id);
        else marks.upsert(caseMark(r));
        statsDirty = true;
        for (const fn of listeners) fn(r);
      };
      const recount = () => {
        const db = hall.db.current();
        const t = now();
        if (!db || counting || (!statsDirty && t - lastStats < STATS_MAX_MS) || t - lastStats < STATS_MIN_MS) return;
        counting = true;
        statsDirty = false;
        caseStats(db, t, tz, weights, naming)
          .then((s) => {
            lastStats = t;
            stats.upsert(s);
          })
          .catch((err: Error) => {
            statsDirty = true;
            hall.log.warn('stats', `case statistics could not be counted (${err.message})`);
          })
          .finally(() => {
            counting = false;
          });
      };
      hall.every(500, recount);

      const locate = (lon: number, lat: number) => {
        const tags = hall.locate(lon, lat);
        return tags.street || tags.grid ? tags : { ...tags, outsideDistrict: true };
      };

      const open = Object.keys(STAGES).filter((s) => !STAGES[s as keyof typeof STAGES].terminal) as Array<keyof typeof STAGES>;
      /** Open cases from the store onto the live channel, newest first, up to WARM_OPEN_CASES. */
      const restoreOpen = async (relay: boolean): Promise<number> => {
        if (!store) return 0;
        let cursor: string | undefined;
        let restored = 0;
        do {
          const page = await store.list({ stage: open, limit: 500, ...(cursor ? { cursor } : {}) });
          for (const r of page.items) marks.upsert(caseMark(r), { relay });
          restored += page.items.length;
          cursor = page.next;
        } while (cursor && restored < WARM_OPEN_CASES);
        if (cursor) hall.log.warn('warm-start', `more than ${WARM_OPEN_CASES} open cases: the wall shows the newest ${WARM_OPEN_CASES} on the map and counts all`);
        statsDirty = true;
        return restored;
      };
      restore = restoreOpen;

      hall.onDatabase(async (db) => {
        store = new CaseStore(db, { centre: hall.city.adcode, timeZone: tz, locate, data: caseData, now });
        await restoreOpen(false);
        // Reports kept while the store was closed (or before a crash) open their cases now; the rest are no-ops.
        for (const r of reports.recent()) openReport(r);
      });

      // An inspector's report over MQTT is a case at 上报, once (the report id is its client id).
      const openReport = (r: ReportState) => {
        const s = store;
        if (!s) return; // one that arrives while the database opens is swept in once it is open (below)
        const category = categoryOfReport(r.category, caseData);
        if (!category) return hall.ingest.rejected('unknown-category', 'mqtt', `report ${r.id}: "${r.category}" is not a class in the catalogue, so it opened no case`);
        const actor: CaseActor = r.unitId ? { role: 'inspector', id: r.unitId } : { role: 'system', id: 'mqtt' };
        const place = { ...(r.grid ? { grid: r.grid } : {}), ...(r.community ? { community: r.community } : {}), ...(r.street ? { street: r.street } : {}) };
        s.create({ clientId: `report:${r.id}`, source: 'inspector', category, lon: r.lon, lat: r.lat, description: r.description || '（无描述）', reportedAt: r.ts, ...place }, actor, 'mqtt', Math.max(r.receivedAt, r.ts)).then(
          (out) => {
            if (!out.ok) hall.log.warn('report', `report ${r.id} opened no case: ${out.reason}`);
            else if (!out.duplicate) publish?.(out.file);
          },
          (err: Error) => hall.log.warn('store', `report ${r.id} could not be opened as a case (${err.message}); it is kept as a report`),
        );
      };
      reports.onReport(openReport);

      let focusTimer: NodeJS.Timeout | undefined;
      hall.onStop(() => clearTimeout(focusTimer));
      const show = (caseId: string | null, seconds: number, by: string) => {
        const until = now() + seconds * 1000;
        focus.upsert({ id: 'case-focus', caseId, until, by: by.slice(0, 64) });
        clearTimeout(focusTimer);
        if (caseId) focusTimer = setTimeout(() => focus.upsert({ id: 'case-focus', caseId: null, until: now(), by: by.slice(0, 64) }), seconds * 1000);
      };

      hall.routes((app) => {
        registerCaseRoutes(app, { store: () => store, photos, now, changed: (f) => publish?.(f), show });
        registerCatalogueRoutes(app, caseData);
        // Open311 answers in its own error format; until the database is open a call fails as a 500 there.
        const lazy = new Proxy({} as CaseStore, {
          get: (_t, key) => {
            if (!store) throw new Error('the case store is still opening; try again in a few seconds');
            const v: unknown = Reflect.get(store, key);
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(store) : v;
          },
        });
        registerOpen311Routes(app, { store: lazy, data: caseData, timeZone: tz, auth: hall.auth, now, onCreated: (f) => publish?.(f), jurisdiction: hall.city.adcode });
        registerKpiRoutes(app, { db: () => hall.db.current(), weights, naming, timeZone: tz, now });
      });
      hall.health(() => ({ store: store ? 'open' : 'opening', classes: caseData.catalogue.classes.length }));
    },
  };
}
