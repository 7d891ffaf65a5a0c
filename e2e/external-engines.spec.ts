import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startDemoServer, type DemoServer } from './demo-server';

// The demo city on the production engines: Mosquitto (MQTT_URL) and PostgreSQL (DATABASE_URL), as CI provides.
const MQTT_URL = process.env.MQTT_URL;
const DATABASE_URL = process.env.DATABASE_URL;
let demo: DemoServer | undefined;
let schema: string | undefined;

test.skip(!MQTT_URL || !DATABASE_URL, 'needs MQTT_URL and DATABASE_URL (CI sets them)');

async function sql(text: string): Promise<void> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  await c.query(text);
  await c.end();
}

test.afterAll(async () => {
  await demo?.stop();
  if (schema) await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
});

test('the demo wall runs on Mosquitto and PostgreSQL', async ({ page }) => {
  schema = `gw_e2e_${randomBytes(4).toString('hex')}`;
  await sql(`CREATE SCHEMA ${schema}`);
  const db = new URL(DATABASE_URL ?? '');
  db.searchParams.set('options', `-c search_path=${schema}`);
  const prefix = `gridwall-e2e-${randomBytes(4).toString('hex')}/v1/`;
  demo = await startDemoServer({ env: { MQTT_URL: MQTT_URL ?? '', DATABASE_URL: db.toString(), GRIDWALL_TOPIC_PREFIX: prefix }, args: ['--cameras', '0'] });
  const health = (await (await fetch(`${demo.url}/api/health`)).json()) as { broker: string; db: { engine: string } };
  expect(health).toMatchObject({ broker: 'external', db: { engine: 'postgres' } });
  await page.goto(`${demo.url}/#token=${demo.token}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'live');
  await expect(page.getByTestId('kpi-online').locator('.kpi-value')).toHaveText('20');
});
