import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { XMLParser } from 'fast-xml-parser';
import { installAccessControl } from '../auth/access-control';
import { Auth } from '../auth/auth';
import type { CaseData } from '../cases/case-data';
import { CASE_MIGRATIONS, CASES_MODULE } from '../cases/case-migrations';
import { CaseStore, type CaseFile } from '../cases/case-store';
import type { Db } from '../db/db';
import { migrate } from '../db/migrations';
import type { TestDatabase } from '../db/test-databases';
import { registerOpen311Routes } from './open311-routes';

/** Test tokens, one per role the tests need (≥ 16 characters, as GRIDWALL_TOKENS requires). */
export const KEYS = {
  hotline: 'hotline-key-0123456789',
  operator: 'operator-key-0123456789',
  admin: 'admin-key-0123456789abc',
  wall: 'wall-key-0123456789abcd',
} as const;

export const ZONE = 'Asia/Shanghai';
/** 2026-11-23 10:00 in Beijing, a Monday. */
export const T0 = Date.parse('2026-11-23T10:00:00+08:00');
export const DAY = 86_400_000;
/** Points west of this longitude lie in the test district. */
const EAST_EDGE = 117;

export interface Open311Fixture {
  app: FastifyInstance;
  db: Db;
  store: CaseStore;
  /** The hall's clock: tests move it. */
  clock: { now: number };
  /** Cases onCreated announced. */
  created: CaseFile[];
  close(): Promise<void>;
}

/**
 * A hall-like server for Open311 tests: access control installed first, the Open311 routes, then a root
 * 404 handler like the hall's, and a real CaseStore on a migrated test database.
 */
export async function openOpen311Fixture(target: TestDatabase, data: CaseData, jurisdiction?: string): Promise<Open311Fixture> {
  const db: Db = await target.open();
  await migrate(db, [{ module: CASES_MODULE, migrations: CASE_MIGRATIONS }]);
  const clock = { now: T0 };
  const store = new CaseStore(db, {
    centre: '110107',
    timeZone: ZONE,
    data,
    locate: (lon) => ({ street: '110107001000', outsideDistrict: lon > EAST_EDGE }),
    now: () => clock.now,
  });
  const auth = new Auth(Object.entries(KEYS).map(([role, token]) => ({ role: role as keyof typeof KEYS, token })));
  const created: CaseFile[] = [];
  const app = Fastify({ logger: false });
  installAccessControl(app, auth);
  registerOpen311Routes(app, { store, data, timeZone: ZONE, auth, now: () => clock.now, onCreated: (f) => created.push(f), ...(jurisdiction ? { jurisdiction } : {}) });
  // As in the hall, the plugin loads (at the next await) before the root sets its own 404 handler.
  await app.after();
  app.get('/api/other', { config: { access: 'public' } }, (req) => ({ body: req.body ?? null }));
  app.post('/api/other', { config: { access: 'public' } }, (req) => ({ body: req.body ?? null }));
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ error: 'not-found' }));
  await app.ready();
  return {
    app,
    db,
    store,
    clock,
    created,
    close: async () => {
      await app.close();
      await db.close();
      await target.cleanup();
    },
  };
}

/** The lists of GeoReport v2 documents, so a one-item list still parses as an array. */
const LISTS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const parser = new XMLParser({ isArray: (name) => LISTS.has(name), parseTagValue: false, trimValues: true, ignoreDeclaration: true });

/** An XML answer parsed (all values as text), after checking it declares UTF-8 and is served as text/xml. */
export function parseXml(res: LightMyRequestResponse): Record<string, unknown> {
  if (!String(res.headers['content-type']).startsWith('text/xml; charset=utf-8')) throw new Error(`not XML: ${String(res.headers['content-type'])}`);
  if (!res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')) throw new Error('no XML declaration');
  return parser.parse(res.body) as Record<string, unknown>;
}

/** A form body as a hotline system sends it. */
export function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  return { payload: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } };
}
