// From evidence to a video-capture case (视频抓拍) on every wall: once per evidence, at the camera's place,
// with the frame as the case's photo; and the categories the form suggests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseChannel } from '../../app/case/case-channels';
import type { CustodyEntry } from '../../app/evidence/custody';
import { latestOf } from '../../app/live/live-view';
import { TestSurface } from '../hall/test-hall';
import { engines, startEvidenceHall, type EvidenceHall } from './evidence-fixture';
import { sha256Of } from './evidence-files';

const json = { 'content-type': 'application/json' };

describe.each(engines())('evidence into a case on $name', (engine) => {
  let h: EvidenceHall;
  let t0: number;
  const capture = async (off: number, cameraId = 'cam-1') => ((await (await h.capture({ cameraId, streamTime: t0 + off })).json()) as { id: string; sha256: string }).id;
  const link = (id: string, body: Record<string, unknown>, role: 'operator' | 'wall' | 'leader' | 'none' = 'operator') => h.t.api(`/api/evidence/${id}/case`, { role, method: 'POST', headers: json, body: JSON.stringify(body) });
  const custody = async (id: string) => ((await (await h.t.api(`/api/evidence/${id}`, { role: 'operator' })).json()) as { custody: CustodyEntry[]; caseId?: string; box?: unknown });

  beforeAll(async () => {
    h = await startEvidenceHall(engine, 8);
    t0 = h.dvr.segments[0]?.start ?? 0;
  }, 180_000);
  afterAll(async () => h?.close());

  it('opens the case once, at the camera’s place with the frame as its photo, and every wall shows it', async () => {
    const wall = new TestSurface(h.t.hall.url, { token: h.t.tokens.wall ?? '' }, { extra: [caseChannel] });
    await wall.waitFor((s) => s.view.seq > 0 || s.messages.some((m) => m.type === 'snapshot'));
    const id = await capture(3_200);
    const t = performance.now();
    const res = await link(id, { category: 'event.0504', description: '商户店外摆卖', box: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } });
    expect(res.status).toBe(201);
    const made = (await res.json()) as { id: string; caseNo: string; stage: string; duplicate: boolean };
    expect(made).toMatchObject({ caseNo: expect.stringMatching(/^110107-\d{8}-\d{4}$/), stage: 'reported', duplicate: false });
    await wall.waitFor((s) => latestOf(s.view, caseChannel).has(made.id), 5000);
    const onWall = performance.now() - t;
    console.log(`[${engine.name}] case linked and on the wall in ${onWall.toFixed(0)} ms`);
    expect(latestOf(wall.view, caseChannel).get(made.id)).toMatchObject({ source: 'video', category: 'event.0504' });
    wall.close();

    const file = (await (await h.t.api(`/api/cases/${made.id}`, { role: 'wall' })).json()) as { case: { source: string; photos: string[]; street?: string; grid?: string; clientId: string; description: string } };
    const ev = await custody(id);
    expect(file.case).toMatchObject({ source: 'video', clientId: `evidence:${id}`, description: '商户店外摆卖', street: expect.stringMatching(/^110107\d{6}$/), grid: expect.stringMatching(/^\d{15}$/) });
    const frameSha = ev.custody[0]?.sha256 ?? '';
    expect(file.case.photos).toEqual([frameSha]);
    const photo = await h.t.api(`/api/cases/photos/${frameSha}`, { role: 'wall' });
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(sha256Of(Buffer.from(await photo.arrayBuffer()))).toBe(frameSha);
    expect(ev).toMatchObject({ caseId: made.id, box: { x: 0.4, y: 0.4, w: 0.2, h: 0.2 } });

    const again = await link(id, { category: 'event.0504' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: made.id, caseNo: made.caseNo, duplicate: true });
    expect((await custody(id)).custody.filter((e) => e.action === 'case-linked')).toEqual([expect.objectContaining({ caseId: made.id, sha256: frameSha, by: expect.objectContaining({ role: 'operator' }) })]);
  });

  it('makes one case when two links race', async () => {
    const id = await capture(5_000);
    const [a, b] = await Promise.all([link(id, { category: 'event.0504' }), link(id, { category: 'event.0504' })]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    const [ja, jb] = (await Promise.all([a.json(), b.json()])) as Array<{ id: string }>;
    expect(ja?.id).toBe(jb?.id);
    expect((await custody(id)).custody.filter((e) => e.action === 'case-linked')).toHaveLength(1);
  });

  it('refuses other roles, unknown classes and a camera without a position', async () => {
    const id = await capture(1_000);
    expect((await link(id, { category: 'event.0504' }, 'wall')).status).toBe(403);
    expect((await link(id, { category: 'event.0504' }, 'leader')).status).toBe(403);
    expect((await link(id, { category: 'event.0504' }, 'none')).status).toBe(401);
    const unknown = await link(id, { category: 'event.9999' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { message: string }).message).toMatch(/catalogue/);
    expect((await link('ev-20260101000000-00000000', { category: 'event.0504' })).status).toBe(404);
    const nopos = await capture(1_000, 'cam-nopos');
    const refused = await link(nopos, { category: 'event.0504' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { message: string }).message).toMatch(/no position/);
  });

  it('describes its routes in the OpenAPI document', async () => {
    const doc = (await (await h.t.api('/api/openapi.json', { role: 'none' })).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/evidence', '/api/evidence/suggest', '/api/evidence/{id}', '/api/evidence/{id}/frame', '/api/evidence/{id}/clip', '/api/evidence/{id}/export', '/api/evidence/{id}/case']));
  });

  it('suggests the camera’s usual video-capture classes, else the common ones', async () => {
    const near = (await (await h.t.api('/api/evidence/suggest?cameraId=cam-1', { role: 'operator' })).json()) as { basis: string; items: Array<{ category: string; count: number; name: { zh: string } }> };
    expect(near.basis).toBe('history');
    expect(near.items[0]).toMatchObject({ category: 'event.0504', name: { zh: '店外经营' } });
    expect(near.items[0]?.count).toBeGreaterThanOrEqual(2);
    const far = (await (await h.t.api('/api/evidence/suggest?cameraId=cam-far', { role: 'operator' })).json()) as typeof near;
    expect(far).toEqual({
      basis: 'common',
      items: [
        { category: 'event.0504', name: { zh: '店外经营', en: 'Trading outside shop' }, count: 0 },
        { category: 'event.0102', name: { zh: '暴露垃圾', en: 'Exposed garbage' }, count: 0 },
        { category: 'event.0501', name: { zh: '无照经营游商', en: 'Unlicensed street vendor' }, count: 0 },
      ],
    });
    expect((await h.t.api('/api/evidence/suggest?cameraId=nope', { role: 'operator' })).status).toBe(404);
    expect((await h.t.api('/api/evidence/suggest?cameraId=cam-1', { role: 'exhibit' })).status).toBe(403);
  });
});
